// A document that does not match its schema, as data; no zod here, so code that only reports
// such errors (the checker's command line) need not load it.

/** One problem found in a document, as data (reporters decide how to print it). */
export interface SchemaProblem {
  /** Field path, dotted, e.g. `obligations.0.due.deadline`; empty for the document itself. */
  path: string;
  message: string;
  /** The file, where an error spans several (set by SchemaError for its own file). */
  file?: string;
}

export class SchemaError extends Error {
  readonly file: string;
  readonly problems: (SchemaProblem & { file: string })[];
  constructor(file: string, problems: SchemaProblem[]) {
    const located = problems.map((p) => ({ ...p, file: p.file ?? file }));
    super(located.map((p) => `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
    this.name = 'SchemaError';
    this.file = file;
    this.problems = located;
  }

  /** The problems of several documents as one error (content is checked whole, every problem at once). */
  static combine(errors: SchemaError[]): SchemaError {
    return new SchemaError(
      errors[0]!.file,
      errors.flatMap((e) => e.problems),
    );
  }
}
