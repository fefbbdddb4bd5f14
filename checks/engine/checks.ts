// One check per obligation of the approved policies, built from the rule the obligation names,
// plus one per policy rule. A check takes the records the reader hands it, gives its rule the
// fields the rule declared as a plain object, keeps the rule's state, and merges the state of a
// part read on another thread: by adding up verdicts (`each` rules) or by the rule's combine
// (`group` rules). Rules never see any of this.
import type { Obligation } from '../../src/schema/index.ts';
import type { PolicyFile } from '../../src/model/load.ts';
import { recordTypes, type RecordType } from '../../src/schema/record-types.ts';
import type { TypedRecord } from '../read/records.ts';
import { Verdicts, ruleContext, ruleHelp, sourceOf, type CheckContext, type VerdictsState } from './context.ts';
import type { ObligationRule, PolicyRule, RecordValues, Rule } from './rule.ts';
import type { Finding, ObligationSummary, Upcoming } from './types.ts';

/** The state of a check after some records, as structured-cloneable data. */
export type CheckState = { verdicts: VerdictsState } | { groups: [string, unknown][]; roster: RecordValues[] };

export interface Check {
  /** Record types it reads (none for a check of the policies themselves). */
  readonly types: readonly RecordType[];
  /** Record fields its rule reads (the reader decodes these). */
  readonly fields: readonly string[];
  /**
   * The fields it reads of each record type: a table whose header lacks one of them cannot show
   * whether the obligation was met, so the reader does not hand it that table's records.
   */
  readonly columns: Partial<Record<RecordType, readonly string[]>>;
  /** Whether the check would judge this record (its obligation's `match`): for counting what was not judged. */
  applies(record: TypedRecord): boolean;
  readonly summary: ObligationSummary;
  onRecord(record: TypedRecord): void;
  snapshot(): CheckState;
  absorb(state: CheckState): void;
  finish(): { findings: Finding[]; upcoming: Upcoming[] };
}

/**
 * A function that copies the declared fields into a new plain object. Compiled with the field
 * names as constants so V8 sees one object shape and one load per field; a loop storing through
 * computed names is megamorphic and costs more than the rule at a million rows. The names come
 * from the record schema and validated frontmatter, and are written as JSON string literals.
 */
function picker(fields: readonly string[]): (values: TypedRecord['values']) => RecordValues {
  const body = fields.map((f) => `${JSON.stringify(f)}: v[${JSON.stringify(f)}]`).join(', ');
  return new Function('v', `return { ${body} };`) as (values: TypedRecord['values']) => RecordValues;
}

/**
 * Which values of a field an obligation's `match` accepts: one value, a list, or `{ atLeast:
 * <parameter> }` — the parameter's value and every value after it in the field's order (a risk
 * level at or above the configured one).
 */
export function accepted(
  ob: Pick<Obligation, 'records' | 'match'>,
  org: CheckContext['org'],
): [string, ReadonlySet<string>][] {
  return Object.entries(ob.match).map(([field, want]) => {
    if (typeof want === 'string') return [field, new Set([want])];
    if (Array.isArray(want)) return [field, new Set(want)];
    const order = Object.keys(
      (recordTypes[ob.records].fields as Record<string, { values?: object }>)[field]?.values ?? {},
    );
    const from = order.indexOf(String(org.parameters[want.atLeast]?.value));
    return [field, new Set(from === -1 ? [] : order.slice(from))];
  });
}

function obligationCheck(
  ctx: CheckContext,
  policy: PolicyFile,
  ob: Obligation,
  rule: ObligationRule,
  rctx: ReturnType<typeof ruleContext>,
): Check {
  const roster = rule.kind === 'group' ? rule.roster?.(ob) : undefined;
  const verdicts = new Verdicts(
    {
      rule: rule.id,
      obligation: ob.id,
      title: ob.title,
      policy: policy.policy.id,
      link: `${ctx.org.handbook.url}/${policy.slug}/#${ob.anchor ?? `obligation-${ob.id}`}`,
      help: ruleHelp(ctx, rule.id),
    },
    roster ? [ob.records, roster.records] : [ob.records],
    Object.keys(rule.statuses),
    policy.policy.owner,
  );
  const fields = [...new Set(rule.fields(ob))];
  const pick = picker(fields);
  const match = accepted(ob, ctx.org);
  const key = recordTypes[ob.records].key;
  const matches = (values: TypedRecord['values']) => {
    for (let i = 0; i < match.length; i++) if (!match[i]![1].has(values[match[i]![0]] as string)) return false;
    return true;
  };
  // A role's field the record type does not require (a decision's organiser) may be absent from an
  // export: its records are then carried by the policy's owner, as a record naming none is.
  const fieldsOfType = recordTypes[ob.records].fields as Record<string, { required?: boolean }>;
  const roleField = 'role' in ob.who && !fieldsOfType[ob.who.field]?.required ? [ob.who.field] : [];
  const optional = new Set([...(rule.optionalFields?.(ob) ?? []), ...roleField]);
  const own = [...fields.filter((f) => !optional.has(f)), ...match.map(([f]) => f)];
  const base = {
    types: roster ? [ob.records, roster.records] : [ob.records],
    fields: [...own, ...(roster?.fields ?? [])],
    columns: roster ? { [ob.records]: own, [roster.records]: roster.fields } : { [ob.records]: own },
    applies: (record: TypedRecord) => record.type !== ob.records || matches(record.values),
    summary: verdicts.summary,
  };

  if (rule.kind === 'each') {
    return {
      ...base,
      onRecord(record) {
        if (!matches(record.values)) return;
        const instance = rule.each(pick(record.values), ob, rctx);
        if (instance) verdicts.judge(ctx, instance, record, key);
      },
      snapshot: () => ({ verdicts: verdicts.snapshot() }),
      absorb: (state) => verdicts.absorb((state as { verdicts: VerdictsState }).verdicts),
      finish: () => ({ findings: verdicts.findings, upcoming: verdicts.upcoming }),
    };
  }
  const groups = new Map<string, unknown>();
  const add = (k: string, value: unknown) => {
    const kept = groups.get(k);
    groups.set(k, kept === undefined ? value : rule.combine(kept, value));
  };
  const members: RecordValues[] = [];
  const pickMember = roster && picker(roster.fields);
  return {
    ...base,
    onRecord(record) {
      if (pickMember && record.type === roster.records) {
        members.push(pickMember(record.values));
        return;
      }
      if (!matches(record.values)) return;
      const values = pick(record.values);
      const k = rule.key(values, ob);
      if (k !== undefined) add(k, rule.value(values, sourceOf(record), ob));
    },
    snapshot: () => ({ groups: [...groups], roster: members }),
    // The other part was read after this one: its values are the later ones.
    absorb: (state) => {
      const part = state as { groups: [string, unknown][]; roster: RecordValues[] };
      for (const [k, value] of part.groups) add(k, value);
      for (const m of part.roster) members.push(m);
    },
    finish() {
      // A group rule's instances name their subject and source.
      for (const instance of rule.finish(groups, ob, rctx, members)) verdicts.judge(ctx, instance);
      return { findings: verdicts.findings, upcoming: verdicts.upcoming };
    },
  };
}

/**
 * The checks for a run: one per obligation of the `enforced` policies, whose rule the obligation
 * names, and one per policy rule over all `published` policies.
 */
export function checksFor(
  ctx: CheckContext,
  rules: readonly Rule[],
  enforced: PolicyFile[],
  published: PolicyFile[] = enforced,
): Check[] {
  const rctx = ruleContext(ctx, published);
  const obligationRules = rules.filter((r): r is ObligationRule => r.kind !== 'policies');
  const policyRules = rules.filter((r): r is PolicyRule => r.kind === 'policies');
  const checks: Check[] = [];
  for (const policy of enforced) {
    for (const ob of policy.policy.obligations) {
      // Proposed text is published, not enforced.
      if (ob.proposal) continue;
      const rule = obligationRules.find((r) => r.id === ob.rule);
      // The schema allows only known rules: an unknown one here is a stale cache or a bug.
      if (!rule)
        throw new Error(`${policy.file}: obligation ${ob.id} names rule "${ob.rule}", which the checker does not have`);
      checks.push(obligationCheck(ctx, policy, ob, rule, rctx));
    }
  }
  for (const rule of policyRules) {
    const verdicts = new Verdicts(
      {
        rule: rule.id,
        obligation: rule.id,
        title: rule.title,
        policy: '*',
        link: `${ctx.org.handbook.url}/`,
        help: ruleHelp(ctx, rule.id),
      },
      [],
      Object.keys(rule.statuses),
    );
    checks.push({
      types: [],
      fields: [],
      columns: {},
      applies: () => false,
      summary: verdicts.summary,
      onRecord: () => undefined,
      snapshot: () => ({ verdicts: verdicts.snapshot() }),
      absorb: () => undefined,
      finish() {
        for (const instance of rule.finish(rctx)) verdicts.judge(ctx, instance);
        return { findings: verdicts.findings, upcoming: verdicts.upcoming };
      },
    });
  }
  return checks;
}
