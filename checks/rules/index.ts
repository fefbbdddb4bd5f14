// Every rule the engine knows: adding a rule kind is its file, its test beside it, and one line
// here. An obligation names its rule (`rule:` in its frontmatter). This registry is handed to
// whoever needs it by the layer above the policy model: the schema builds the obligation schema
// from the obligation rules' options, the engine judges with them, the site words obligations and
// draws calendars with them, the reference page documents them.
import type { Organization } from '../../src/schema/index.ts';
import type { ObligationFor, StatusSpec } from '../engine/rule.ts';
import acknowledged from './acknowledged.ts';
import complete from './complete.ts';
import deadline from './deadline.ts';
import followUp from './follow-up.ts';
import periodic from './periodic.ts';
import policyReview from './policy-review.ts';
import sequence from './sequence.ts';
import threshold from './threshold.ts';

/** Rules an obligation can name. */
export const obligationRules = [periodic, deadline, followUp, sequence, complete, threshold, acknowledged] as const;

/** Rules that judge the policies themselves, once per check. */
export const policyRules = [policyReview] as const;

export const rules = [...obligationRules, ...policyRules] as const;

/** An obligation as the schema outputs it, typed by its rule: narrow it by `rule` to see the rule's options. */
export type RuleObligation = ObligationFor<(typeof obligationRules)[number]>;

/** The rule an obligation names (the schema admits only these, so a miss is a bug). */
export function ruleOf(ob: { rule: string }): (typeof obligationRules)[number] {
  const rule = obligationRules.find((r) => r.id === ob.rule);
  if (!rule) throw new Error(`obligation names rule "${ob.rule}", which the checker does not have`);
  return rule;
}

/** When an obligation is due, or what it requires, in Chinese: the sentence its rule gives. */
export function describeObligation(ob: { rule: string }, org: Organization): string {
  return ruleOf(ob).describe(ob as never, org);
}

/** What one instance of an obligation is, in Chinese (每个部门每季度一项): the grain its rule judges at. */
export function describeGrain(ob: { rule: string }, org: Organization): string {
  return ruleOf(ob).grain(ob as never, org);
}

/**
 * Every status a finding may carry, in the order reports list them (`missing` and `late` first),
 * with its words. One status has one word whichever rule gives it (the registry test holds them to it).
 */
export const statuses: ReadonlyMap<string, StatusSpec> = new Map();
for (const rule of rules)
  for (const [status, spec] of Object.entries(rule.statuses as Record<string, StatusSpec>))
    if (!statuses.has(status)) (statuses as Map<string, StatusSpec>).set(status, spec);

/** The Chinese word of a status. */
export const statusZh = (status: string): string => statuses.get(status)?.zh ?? status;

/** What to do about a finding: the words of the rule that gave it (a status may mean more there), else the status's. */
export function statusTodo(rule: string, status: string): string {
  const own = (rules.find((r) => r.id === rule)?.statuses as Record<string, StatusSpec> | undefined)?.[status];
  return own?.todo ?? statuses.get(status)?.todo ?? '';
}
