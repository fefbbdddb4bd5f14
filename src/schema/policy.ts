// Policy frontmatter: the metadata every policy page opens with, and the obligations it imposes.
// `policyFields(org)` is the strict, complete schema (the checker and content lint use it);
// `docsPageFields(org)` adapts it to Starlight's docs collection, where non-policy pages
// (the home page, reference pages) carry none of these fields.
import { z } from 'zod';
import { expandObligations, type ObligationRuleSpec, obligationSchema, refineObligation } from './obligation.ts';
import type { Organization } from './organization.ts';
import { plainText } from './text.ts';

/** A calendar date as YAML writes it (`2026-01-01`), kept as the string `YYYY-MM-DD`. */
export const calendarDate = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const valid = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === text;
  if (!valid) {
    ctx.addIssue({ code: 'custom', message: `expected a date as YYYY-MM-DD, got "${String(value)}"` });
    return z.NEVER;
  }
  return text;
});

const semver = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/, 'expected a semantic version such as "1.2.0"');

export { classifications, policyStatuses, reviewCycles } from './policy-constants.ts';
import { classifications, policyStatuses, reviewCycles } from './policy-constants.ts';

function policyObject(org: Organization, rules: readonly ObligationRuleSpec[]) {
  const deptIds = org.departments.map((d) => d.id);
  const department = z.string().refine((id) => deptIds.includes(id), {
    error: (issue) => `unknown department "${String(issue.input)}", expected one of ${deptIds.join(', ')}`,
  });
  return z
    .object({
      /** Page title (Starlight's own field). */
      title: plainText,
      /** English title for English readers and English searches, e.g. `Operations Planning`. */
      titleEn: plainText,
      /**
       * What the chapter covers, in one or two English sentences, under the English title: for English
       * readers, and so that English searches ("risk response") find the policy, not a page about it.
       * A reading aid, not policy text: changing it needs no new version.
       */
      summaryEn: plainText.optional(),
      /** Policy id shown on the page and in reports, e.g. `OPS-03`. */
      id: z.string().regex(/^[A-Z]{2,5}-\d{2,3}$/, 'expected a policy id such as "OPS-03"'),
      /** Chapter number in the operations management system (1 = 总则). Orders the sidebar. */
      chapter: z.number().int().min(1),
      /** Version of this policy text (semver). */
      version: semver,
      /** Date from which this version applies. */
      effective: calendarDate,
      /** draft: never published; in-review: published with a proposal banner; approved: in force; retired: kept for reference. */
      status: z.enum(policyStatuses),
      /** Department that owns the policy and answers for its upkeep. */
      owner: department,
      /** Departments or bodies that approve changes, e.g. `executive-team`. */
      approvers: z.array(department).min(1),
      review: z
        .object({
          /** How often the policy must be reviewed. */
          cycle: z.enum(Object.keys(reviewCycles) as [keyof typeof reviewCycles]),
          /** Date of the last review. */
          last: calendarDate,
        })
        .strict(),
      /** Who may read it. `confidential` pages never reach the published site. */
      classification: z.enum(classifications),
      /** Version history, newest first. */
      changes: z
        .array(
          z
            .object({
              version: semver,
              date: calendarDate,
              summary: plainText,
              /** Department or body that approved this version. */
              approvedBy: department,
              /**
               * A change staff must read: every employee acknowledges this version (the
               * `policy-acknowledgement` deadline of the organisation config says how soon).
               */
              material: z.boolean().default(false),
            })
            .strict(),
        )
        .min(1),
      /** What this policy requires, as data the checker evaluates. */
      obligations: z
        .array(obligationSchema(rules))
        .default([])
        .transform((obligations, ctx) => expandObligations(obligations, org, ctx)),
    })
    .strict();
}

function refinePolicy(org: Organization, rules: readonly ObligationRuleSpec[]) {
  return (p: Partial<z.output<ReturnType<typeof policyObject>>>, ctx: z.RefinementCtx) => {
    for (const [i, ob] of (p.obligations ?? []).entries()) refineObligation(ob, org, ctx, ['obligations', i], rules);
    const ids = new Set<string>();
    p.obligations?.forEach((ob, i) => {
      if (ids.has(ob.id))
        ctx.addIssue({
          code: 'custom',
          path: ['obligations', i, 'id'],
          message: `obligation id "${ob.id}" appears twice`,
        });
      ids.add(ob.id);
    });
    if (p.changes && p.version && p.changes[0]?.version !== p.version)
      ctx.addIssue({
        code: 'custom',
        path: ['changes', 0, 'version'],
        message: `the newest change is ${p.changes[0]?.version} but the policy is at version ${p.version}; add a changes entry for ${p.version} first in the list`,
      });
  };
}

/**
 * The complete policy frontmatter, strict: an unknown key is an error. `rules` are the rules an
 * obligation may name (checks/rules/index.ts), handed in by the caller.
 */
export function policySchema(org: Organization, rules: readonly ObligationRuleSpec[]) {
  return policyObject(org, rules).superRefine(refinePolicy(org, rules));
}

export type Policy = z.output<ReturnType<typeof policySchema>>;

const policyKeys = [
  'id',
  'titleEn',
  'chapter',
  'version',
  'effective',
  'status',
  'owner',
  'approvers',
  'review',
  'classification',
  'changes',
] as const;

/**
 * The fields a policy page adds to Starlight's docs schema. All optional so that pages which are
 * not policies validate, but a page that declares an `id` is a policy and must declare the rest.
 */
export function docsPageFields(org: Organization, rules: readonly ObligationRuleSpec[]) {
  return policyObject(org, rules)
    .omit({ title: true })
    .partial()
    .superRefine((page, ctx) => {
      if (page.id === undefined) return;
      for (const key of policyKeys) {
        if (page[key] === undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `required on a policy page (it has an id)` });
      }
      refinePolicy(org, rules)(page, ctx);
    });
}
