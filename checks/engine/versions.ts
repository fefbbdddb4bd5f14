// Which version of an obligation judges a record. The timeline (src/model/versions.ts) lists each
// policy's versions; here they become, per obligation, the versions that state it, newest first,
// each in force from its effective day until a later version drops the obligation (or is not
// approved). A record is judged by the newest version whose own due date for it falls on or after
// the day that version took effect: the version in force on its due date. Lengthening a deadline
// from 3 to 5 days from 15 December leaves a meeting in August under 3 days; a meeting on 12
// December, due on the 17th under the new text, is judged by it. Nothing is judged twice and no
// record falls between two versions. A policy imposes nothing before its first effective day.
// Only a change of the words or of the company's settings has an effective day: a version that
// corrects how the checker reads unchanged words judges every record the words applied to.
import type { Obligation, Organization } from '../../src/schema/index.ts';
import type { PolicyFile } from '../../src/model/load.ts';
import { parseIsoDate, startOfDay } from '../../src/model/dates.ts';
import { inForceAtAll, type PolicyVersion, type Timeline } from '../../src/model/timeline.ts';
import type { CheckContext } from './context.ts';

type Readable = PolicyVersion & { policy: PolicyFile; org: Organization };

export interface ObligationVersion {
  version: Readable;
  /**
   * YYYY-MM-DD from which it judges: the version's effective day, or that of the earliest version
   * it corrects (the same words and settings, read anew).
   */
  effective: string;
  ob: Obligation;
  /** Start of the day a later version dropped the obligation (epoch ms); Infinity while it stands. */
  until: number;
}

const readable = (v: PolicyVersion): v is Readable => !!v.policy && !!v.org && !v.problem && inForceAtAll(v);

/** The ids of the company's settings a version's obligations and text name. */
const named = (v: Readable) =>
  [...`${JSON.stringify(v.policy.policy.obligations)} ${v.body}`.matchAll(/"([a-z][a-z0-9-]*)"/g)].map((m) => m[1]!);

/**
 * Whether two versions read the same: the page's words (whitespace aside), its status, the
 * company's settings either one's obligations or text name (deadlines, parameters, report types),
 * and what each obligation says the company set where the policy is silent.
 * Then they differ only in how the checker reads those words, and the later one is a correction,
 * not a change: it judges every record the earlier one did. A version without its text (no
 * history was read) reads as no other does.
 */
function sameReading(a: Readable, b: Readable): boolean {
  if (a.body === undefined || b.body === undefined) return false;
  if (a.body.replace(/\s+/g, '') !== b.body.replace(/\s+/g, '')) return false;
  if (a.policy.policy.status !== b.policy.policy.status) return false;
  // What the company set where the policy is silent is a setting too: changing it is a change.
  const set = (v: Readable) =>
    JSON.stringify(v.policy.policy.obligations.flatMap((o) => (o.companySetting ? [[o.id, o.companySetting]] : [])));
  if (set(a) !== set(b)) return false;
  const setting = (org: Organization, id: string) =>
    JSON.stringify([org.deadlines[id], org.parameters[id], org.reportTypes?.[id]]);
  return [...new Set([...named(a), ...named(b)])].every((id) => setting(a.org, id) === setting(b.org, id));
}

/**
 * A policy's versions, oldest first, each run of versions that read the same (sameReading) folded
 * into its newest, in force from the run's first effective day: a version that starts checking
 * that the executive team is the approver (3(一)3, words unchanged) judges the approvals of the
 * months before it too, for the words always said so.
 */
function readings(versions: Readable[]): { version: Readable; effective: string }[] {
  const out: { version: Readable; effective: string }[] = [];
  for (const v of versions) {
    const last = out.at(-1);
    if (last && sameReading(last.version, v)) last.version = v;
    else out.push({ version: v, effective: v.effective });
  }
  return out;
}

/**
 * Per obligation (keyed `policy/obligation`), the versions that state it, newest first. Versions
 * this checker cannot read are left out (the run warns about each); the version before one then
 * stays in force over its dates.
 */
export function obligationSpans(ctx: CheckContext, timeline: Timeline): Map<string, ObligationVersion[]> {
  const out = new Map<string, ObligationVersion[]>();
  const byPolicy = Map.groupBy(timeline.versions.filter(readable), (v) => v.id);
  for (const [id, all] of byPolicy) {
    const versions = readings(all);
    const start = (v: { effective: string }) => startOfDay(parseIsoDate(v.effective), ctx.org.timeZone);
    // A version states an obligation under the rule its newest version judges it by: one judged
    // by another rule before (feedback per rating row, now per employee and cycle) was another
    // obligation, replaced on the day the new reading took effect.
    const ruleOf = (obId: string) =>
      versions
        .map(({ version: v }) => v.policy.policy.obligations.find((o) => o.id === obId)?.rule)
        .findLast((r) => r !== undefined);
    const states = (v: Readable, obId: string) =>
      v.policy.policy.status === 'approved' &&
      v.policy.policy.obligations.some((o) => o.id === obId && !o.proposal && o.rule === ruleOf(obId));
    // Obligations in the order the newest version lists them, then those only older ones had.
    const ids = [
      ...new Set([...versions].reverse().flatMap(({ version: v }) => v.policy.policy.obligations.map((o) => o.id))),
    ];
    for (const obId of ids) {
      const list: ObligationVersion[] = [];
      let until = Number.POSITIVE_INFINITY;
      for (let i = versions.length - 1; i >= 0; i--) {
        const { version: v, effective } = versions[i]!;
        if (!states(v, obId)) {
          until = Math.min(until, start({ effective }));
          continue;
        }
        list.push({ version: v, effective, ob: v.policy.policy.obligations.find((o) => o.id === obId)!, until });
      }
      if (list.length) out.set(`${id}/${obId}`, list);
    }
  }
  return out;
}

/**
 * Whether the version in force from `from` until `until` judges an instance whose due day ends at
 * `dueEnd` (epoch ms): `judge`; `older` when it fell due before the version took effect (an older
 * version may judge it); `not-in-force` when it fell due after a later version dropped the
 * obligation, or after `ceiling`, the start of a later version under which the record needs nothing.
 */
export function selectSpan(
  span: { from: number; until: number },
  dueEnd: number,
  ceiling: number,
): 'judge' | 'older' | 'not-in-force' {
  if (dueEnd > span.until || dueEnd > ceiling) return 'not-in-force';
  if (dueEnd <= span.from) return 'older';
  return 'judge';
}
