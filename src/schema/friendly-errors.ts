// Turns zod failures into one line per problem: "<file>: <field path>: <what is wrong, what is expected>".
// Shared by the site's content config, the checker and the content lint, so a process owner sees
// the same message in CI, in `astro build` and in the compliance report.
import type { z } from 'zod';

export { SchemaError, type SchemaProblem } from './schema-error.ts';
import { SchemaError, type SchemaProblem } from './schema-error.ts';

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
      return missing
        ? `required, expected ${issue.expected}`
        : `expected ${issue.expected}, got ${JSON.stringify(issue.input)}`;
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
