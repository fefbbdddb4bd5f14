// Turns zod failures into one line per problem: "<file>: <field path>: <what is wrong, what is expected>".
// Shared by the site's content config, the checker and the content lint, so a process owner sees
// the same message in CI, in `astro build` and in the compliance report.
import { z } from 'zod';

/** One problem found in a document, as data (reporters decide how to print it). */
export interface SchemaProblem {
  /** Field path, dotted, e.g. `obligations.0.due.deadline`; empty for the document itself. */
  path: string;
  message: string;
}

export class SchemaError extends Error {
  readonly file: string;
  readonly problems: SchemaProblem[];
  constructor(file: string, problems: SchemaProblem[]) {
    super(problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
    this.name = 'SchemaError';
    this.file = file;
    this.problems = problems;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const missing = 'input' in issue && issue.input === undefined;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    case 'invalid_value': {
      const expected = `expected one of ${issue.values.map(String).join(', ')}`;
      return missing ? `required, ${expected}` : `unknown value ${JSON.stringify(issue.input)}, ${expected}`;
    }
    case 'invalid_type':
      return missing ? `required, expected ${issue.expected}` : `expected ${issue.expected}, got ${JSON.stringify(issue.input)}`;
    default:
      return issue.message;
  }
}

export function toProblems(error: z.ZodError): SchemaProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: describeIssue(issue),
  }));
}

/** Parses `data`, or throws a {@link SchemaError} naming `file` and every bad field. */
export function parseWithFriendlyErrors<T extends z.ZodType>(schema: T, data: unknown, file: string): z.output<T> {
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) throw new SchemaError(file, toProblems(result.error));
  return result.data;
}
