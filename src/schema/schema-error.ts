// A document that does not match its schema, as data; no zod here, so code that only reports
// such errors (the checker's command line) need not load it.

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
