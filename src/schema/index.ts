// The one schema module: organisation config, policy frontmatter, obligations, record types.
// Imported by the site (content.config.ts), the checker (checks/) and the content lint alike.
export * from './friendly-errors.ts';
export * from './organization.ts';
export * from './obligation.ts';
export * from './policy.ts';
export * from './records.ts';
export * from './process.ts';
