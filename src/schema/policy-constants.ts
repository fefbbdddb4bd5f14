// Policy frontmatter's fixed vocabularies, with no zod: the checker's review rule needs them at run
// time without loading the validation library.

/** Review cycles and their length in months. */
export const reviewCycles = { quarterly: 3, semiannual: 6, annual: 12, biennial: 24 } as const;

export const policyStatuses = ['draft', 'in-review', 'approved', 'retired'] as const;
export const classifications = ['public', 'internal', 'confidential'] as const;
