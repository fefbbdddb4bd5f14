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
import type { DueDay, ObligationRule, PolicyRule, RecordValues, Rule, RuleContext, Unanswered } from './rule.ts';
import type { Organization } from '../../src/schema/index.ts';
import type { PolicyVersion, Timeline } from '../../src/model/timeline.ts';
import { parseIsoDate, startOfDay } from '../../src/model/dates.ts';
import { obligationSpans, selectSpan } from './versions.ts';
import type { Finding, ObligationSummary, Upcoming } from './types.ts';

/** The state of a check after some records, as structured-cloneable data. */
export type CheckState = { verdicts: VerdictsState } | { groups: [string, unknown][][]; roster: RecordValues[] };

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
  /** Columns only part of its judgement needs: a table without one is judged, and the rest is said to be unjudged. */
  readonly partial?: Partial<Record<RecordType, readonly string[]>>;
  /** Whether the check would judge this record (its obligation's `match`): for counting what was not judged. */
  /** Whether the obligation applies to a record; with the table's absent columns, whether it might. */
  applies(record: TypedRecord, absent?: readonly string[]): boolean;
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
 * The same copy into one object made once (by a literal, so it has one shape from the start) and
 * filled again for each record: what a rule's `each`, `key` and `value` read and never keep. Saves
 * an allocation per record and obligation, a tenth of the run's garbage at a million rows.
 */
function filler(fields: readonly string[]): (values: TypedRecord['values']) => RecordValues {
  const names = fields.map((f) => JSON.stringify(f));
  const view = new Function(`return { ${names.map((n) => `${n}: null`).join(', ')} };`)() as RecordValues;
  const fill = new Function('v', 'o', `${names.map((n) => `o[${n}] = v[${n}];`).join(' ')} return o;`) as (
    values: TypedRecord['values'],
    into: RecordValues,
  ) => RecordValues;
  return (values) => fill(values, view);
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
    // The policy schema turns `each` into one obligation per value (expandObligations): none reaches here.
    if (!('atLeast' in want)) throw new Error(`${field}: "each" was not expanded; parse the policy with policySchema`);
    const order = Object.keys(
      (recordTypes[ob.records].fields as Record<string, { values?: object }>)[field]?.values ?? {},
    );
    const from = order.indexOf(String(org.parameters[want.atLeast]?.value));
    return [field, new Set(from === -1 ? [] : order.slice(from))];
  });
}

/**
 * One version of an obligation: the obligation as that version of its policy states it, with the
 * organisation config of the same commit, in force from `from` (start of the version's effective
 * day) until `until` (start of the day a later version dropped it; Infinity while it stands).
 */
interface Span {
  version: string;
  policy: PolicyFile;
  ob: Obligation;
  ctx: CheckContext;
  rctx: RuleContext;
  from: number;
  until: number;
  pick: (values: TypedRecord['values']) => RecordValues;
  matches: (values: TypedRecord['values']) => boolean;
  own: string[];
}

function spanOf(
  ctx: CheckContext,
  v: PolicyVersion & { policy: PolicyFile; org: Organization },
  effective: string,
  ob: Obligation,
  rule: ObligationRule,
  published: PolicyFile[],
  until: number,
): Span {
  const vctx = v.org === ctx.org ? ctx : { ...ctx, org: v.org };
  const fields = [...new Set(rule.fields(ob))];
  const match = accepted(ob, v.org);
  const matches = (values: TypedRecord['values']) => {
    for (let i = 0; i < match.length; i++) if (!match[i]![1].has(values[match[i]![0]] as string)) return false;
    return true;
  };
  // A role's field the record type does not require (a decision's organiser) may be absent from an
  // export: its records are then carried by the policy's owner, as a record naming none is.
  const fieldsOfType = recordTypes[ob.records].fields as Record<string, { required?: boolean }>;
  const roleField = 'role' in ob.who && !fieldsOfType[ob.who.field]?.required ? [ob.who.field] : [];
  const optional = new Set([...(rule.optionalFields?.(ob) ?? []), ...(rule.partialFields?.(ob) ?? []), ...roleField]);
  return {
    version: v.version,
    policy: v.policy,
    ob,
    ctx: vctx,
    rctx: ruleContext(vctx, published),
    from: startOfDay(parseIsoDate(effective), ctx.org.timeZone),
    until,
    // A rule reads the picked values during the call and keeps none of them (rule.ts).
    pick: filler(fields),
    matches,
    own: [...fields.filter((f) => !optional.has(f)), ...match.map(([f]) => f)],
  };
}

/**
 * The check of one obligation over its versions (`spans`, newest first). A record is judged by the
 * version in force on the due date that version gives it (checks/engine/versions.ts); one due
 * before the obligation's first version took effect, or after a version dropped it, is not judged
 * and is counted as `notInForce`.
 */
function obligationCheck(rule: ObligationRule, spans: Span[]): Check {
  const newest = spans[0]!;
  const { ob, policy, ctx } = newest;
  const roster = rule.kind === 'group' ? rule.roster?.(ob) : undefined;
  const verdicts = new Verdicts(
    {
      rule: rule.id,
      obligation: ob.id,
      // A requirement the company set where the policy is silent says so wherever a finding shows.
      title: ob.companySetting ? `${ob.title}（公司设定）` : ob.title,
      policy: policy.policy.id,
      link: `${ctx.org.handbook.url}/${policy.slug}/#${ob.anchor ?? `obligation-${ob.id}`}`,
      help: ruleHelp(ctx, rule.id),
    },
    roster ? [ob.records, roster.records] : [ob.records],
    Object.keys(rule.statuses),
    policy.policy.owner,
  );
  const key = recordTypes[ob.records].key;
  const matchFields = new Set(spans.flatMap((s) => Object.keys(s.ob.match)));
  // The newest version's columns decide whether a table can be judged at all.
  const own = newest.own;
  const base = {
    types: roster ? [ob.records, roster.records] : [ob.records],
    fields: [
      ...new Set([
        ...spans.flatMap((s) => s.own),
        ...spans.flatMap((s) => rule.fields(s.ob)),
        ...(roster?.fields ?? []),
      ]),
    ],
    columns: roster ? { [ob.records]: own, [roster.records]: roster.fields } : { [ob.records]: own },
    partial: { [ob.records]: rule.partialFields?.(ob) ?? [] },
    // A record the obligation selects by a column the table lacks (a response rule by risk level on
    // an export without 风险等级) might be one it applies to: counted as unjudged, never as nothing.
    applies: (record: TypedRecord, absent: readonly string[] = []) =>
      record.type !== ob.records ||
      absent.some((f) => matchFields.has(f)) ||
      spans.some((s) => s.matches(record.values)),
    summary: verdicts.summary,
  };
  const notInForce = (due: DueDay) => {
    if (due.inWindow) verdicts.summary.notInForce = (verdicts.summary.notInForce ?? 0) + 1;
  };

  if (rule.kind === 'each') {
    return {
      ...base,
      onRecord(record) {
        let ceiling = Number.POSITIVE_INFINITY;
        let last: DueDay | undefined;
        for (let i = 0; i < spans.length; i++) {
          const s = spans[i]!;
          const instance = s.matches(record.values) ? rule.each(s.pick(record.values), s.ob, s.rctx) : undefined;
          if (!instance) {
            // Not applicable under this version: an older one may judge it only while it was in force.
            if (s.from < ceiling) ceiling = s.from;
            continue;
          }
          const selected = selectSpan(s, instance.due.end, ceiling);
          if (selected === 'judge') {
            verdicts.judge(s.ctx, instance, record, key, s.version);
            return;
          }
          last = instance.due;
          if (selected === 'not-in-force') break;
        }
        if (last) notInForce(last);
      },
      snapshot: () => ({ verdicts: verdicts.snapshot() }),
      absorb: (state) => verdicts.absorb((state as { verdicts: VerdictsState }).verdicts),
      finish: () => ({ findings: verdicts.findings, upcoming: verdicts.upcoming }),
    };
  }
  const groups = spans.map(() => new Map<string, unknown>());
  const add = (g: Map<string, unknown>, k: string, value: unknown) => {
    const kept = g.get(k);
    g.set(k, kept === undefined ? value : rule.combine(kept, value));
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
      for (let i = 0; i < spans.length; i++) {
        const s = spans[i]!;
        if (!s.matches(record.values)) continue;
        const values = s.pick(record.values);
        const k = rule.key(values, s.ob);
        if (k !== undefined) add(groups[i]!, k, rule.value(values, sourceOf(record), s.ob));
      }
    },
    snapshot: () => ({ groups: groups.map((g) => [...g]), roster: members }),
    // The other part was read after this one: its values are the later ones.
    absorb: (state) => {
      const part = state as { groups: [string, unknown][][]; roster: RecordValues[] };
      part.groups.forEach((list, i) => {
        for (const [k, value] of list) add(groups[i]!, k, value);
      });
      for (const m of part.roster) members.push(m);
    },
    finish() {
      // A group rule's instances name their subject and source; the newest version in force on an
      // instance's due date judges it (one instance per department and subject).
      const claimed = new Set<string>();
      const unclaimed = new Map<string, DueDay>();
      // Records the rule could not judge, once each whichever versions said so.
      const unanswered = new Map<string, Unanswered>();
      spans.forEach((s, i) => {
        const claims: string[] = [];
        for (const instance of rule.finish(groups[i]!, s.ob, s.rctx, members)) {
          if ('unanswered' in instance) {
            const at = instance.source;
            unanswered.set(
              `${instance.unanswered}\0${instance.value}\0${at ? `${at.file}\0${at.sheet ?? ''}\0${at.line}` : ''}`,
              instance,
            );
            continue;
          }
          const k = `${instance.department ?? ''}\0${instance.subject ?? ''}`;
          if (claimed.has(k)) continue;
          const selected = selectSpan(s, instance.due.end, Number.POSITIVE_INFINITY);
          if (selected !== 'judge') {
            unclaimed.set(k, instance.due);
            continue;
          }
          verdicts.judge(s.ctx, instance, undefined, undefined, s.version);
          claims.push(k);
        }
        for (const k of claims) {
          claimed.add(k);
          unclaimed.delete(k);
        }
      });
      for (const due of unclaimed.values()) notInForce(due);
      if (unanswered.size) verdicts.summary.unanswered = summariseUnanswered(unanswered.values(), ob.title);
      return { findings: verdicts.findings, upcoming: verdicts.upcoming };
    },
  };
}

/** Values and places shown per reason; the count says how many there were. */
const UNANSWERED_SHOWN = 5;

/** Unanswered records by reason, in the order first given: how many, the first few values and places. */
function summariseUnanswered(list: Iterable<Unanswered>, title: string): NonNullable<ObligationSummary['unanswered']> {
  const byReason = new Map<string, NonNullable<ObligationSummary['unanswered']>[number]>();
  const distinct = new Map<string, Set<string>>();
  for (const u of list) {
    let entry = byReason.get(u.unanswered);
    if (!entry) {
      byReason.set(
        u.unanswered,
        (entry = { title, reason: u.unanswered, rows: 0, values: [], valueCount: 0, lines: [] }),
      );
      distinct.set(u.unanswered, new Set());
    }
    entry.rows++;
    const seen = distinct.get(u.unanswered)!;
    if (!seen.has(u.value)) {
      seen.add(u.value);
      entry.valueCount++;
      if (entry.values.length < UNANSWERED_SHOWN) entry.values.push(u.value);
    }
    if (u.source && entry.lines.length < UNANSWERED_SHOWN) entry.lines.push(u.source);
  }
  return [...byReason.values()];
}

/**
 * The checks for a run: one per obligation of the approved versions of the policies in the
 * timeline, whose rule the obligation names, and one per policy rule over all `published` policies.
 */
export function checksFor(
  ctx: CheckContext,
  rules: readonly Rule[],
  timeline: Timeline,
  published: PolicyFile[] = [],
): Check[] {
  const rctx = ruleContext(ctx, published);
  const obligationRules = rules.filter((r): r is ObligationRule => r.kind !== 'policies');
  const policyRules = rules.filter((r): r is PolicyRule => r.kind === 'policies');
  const checks: Check[] = [];
  for (const [id, spans] of obligationSpans(ctx, timeline)) {
    const rule = obligationRules.find((r) => r.id === spans[0]!.ob.rule);
    // The schema allows only known rules: an unknown one here is a stale cache or a bug.
    if (!rule)
      throw new Error(
        `${spans[0]!.version.policy.file}: obligation ${id} names rule "${spans[0]!.ob.rule}", which the checker does not have`,
      );
    checks.push(
      obligationCheck(
        rule,
        spans.map((s) => spanOf(ctx, s.version, s.effective, s.ob, rule, published, s.until)),
      ),
    );
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
