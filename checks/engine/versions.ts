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
import { quoted, wordsOf } from '../../src/model/words.ts';
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

/** The ids of the company's settings an obligation names (its deadline, parameters, report types). */
const named = (...obligations: (Obligation | undefined)[]) => [
  ...new Set([...JSON.stringify(obligations).matchAll(/"([a-z][a-z0-9-]*)"/g)].map((m) => m[1]!)),
];

/** A version's words as a reader reads them, worked out once per version, not once per obligation. */
const words = new WeakMap<Readable, string>();
function wordsIn(v: Readable): string {
  let text = words.get(v);
  if (text === undefined) words.set(v, (text = wordsOf(v.body ?? '')));
  return text;
}

/** An obligation's requirement, without its words for readers (title, quote, article, companySetting). */
const requirement = (ob: Obligation | undefined) => {
  if (!ob) return undefined;
  const { title: _t, quote: _q, article: _a, anchor: _n, companySetting: _c, ...rest } = ob;
  return JSON.stringify(rest);
};

/**
 * How `older` stands to `newer`'s reading of an obligation. A `correction` when the article's
 * words are the same (the newer obligation's quote is in the older version's text; without a
 * quote, the whole text is), and so are the page's status, the deadlines, parameters and report
 * types the obligation names, and what the company set for it: then the newer reading is how the
 * checker should always have read those words, and it judges the older version's records too.
 * `superseded` when only what the company set differs and the requirement with it (archiving
 * given to one department where the words name none): the setting applies from its date, and
 * what the older version read into the same words is not judged either. Otherwise a `change`:
 * each version judges what fell due while it was in force. A version without its text (no
 * history was read) is a change.
 */
function relation(newer: Readable, ob: Obligation, older: Readable): 'correction' | 'superseded' | 'change' {
  if (newer.body === undefined || older.body === undefined) return 'change';
  if (newer.policy.policy.status !== older.policy.policy.status) return 'change';
  const sameWords = ob.quote ? quoted(wordsIn(older), ob.quote) : wordsIn(older) === wordsIn(newer);
  if (!sameWords) return 'change';
  const was = older.policy.policy.obligations.find((o) => o.id === ob.id);
  // The values, not their labels: renaming a deadline in the config sets nothing new.
  const setting = (org: Organization, id: string) => {
    const { label: _d, ...deadline } = org.deadlines[id] ?? {};
    const { label: _p, ...parameter } = org.parameters[id] ?? {};
    return JSON.stringify([deadline, parameter, org.reportTypes?.[id]]);
  };
  if (!named(ob, was).every((id) => setting(newer.org, id) === setting(older.org, id))) return 'change';
  if ((was?.companySetting ?? null) === (ob.companySetting ?? null)) return 'correction';
  // The company now says who carries what the words impose, as the older version already read it.
  return requirement(was) === requirement(ob) ? 'correction' : 'superseded';
}

/**
 * Per obligation (keyed `policy/obligation`), the versions that state it, newest first. Versions
 * this checker cannot read are left out (the run warns about each); the version before one then
 * stays in force over its dates.
 */
export function obligationSpans(ctx: CheckContext, timeline: Timeline): Map<string, ObligationVersion[]> {
  const out = new Map<string, ObligationVersion[]>();
  const byPolicy = Map.groupBy(timeline.versions.filter(readable), (v) => v.id);
  for (const [id, versions] of byPolicy) {
    const start = (effective: string) => startOfDay(parseIsoDate(effective), ctx.org.timeZone);
    const states = (v: Readable, obId: string) =>
      v.policy.policy.status === 'approved' && v.policy.policy.obligations.some((o) => o.id === obId && !o.proposal);
    // Obligations in the order the newest version lists them, then those only older ones had.
    const ids = [...new Set([...versions].reverse().flatMap((v) => v.policy.policy.obligations.map((o) => o.id)))];
    for (const obId of ids) {
      const list: ObligationVersion[] = [];
      let until = Number.POSITIVE_INFINITY;
      // The reading being carried back over older versions whose words it corrects.
      let reading: ObligationVersion | undefined;
      for (let i = versions.length - 1; i >= 0; i--) {
        const v = versions[i]!;
        const related = reading ? relation(reading.version, reading.ob, v) : 'change';
        if (related === 'correction') {
          reading!.effective = v.effective;
          continue;
        }
        if (related === 'superseded') break;
        const ob = v.policy.policy.obligations.find((o) => o.id === obId);
        // An older version stating it under another rule (feedback per rating row, now per employee
        // and cycle) stated another obligation, replaced on the day the new reading took effect.
        if (!states(v, obId)) {
          until = Math.min(until, start(v.effective));
          reading = undefined;
          continue;
        }
        if (list.length > 0 && ob!.rule !== list[0]!.ob.rule) break;
        reading = { version: v, effective: v.effective, ob: ob!, until };
        list.push(reading);
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
