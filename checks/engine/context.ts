// What judging needs: the organisation, the window and the moments a check is judged at; the
// verdict on one instance of an obligation; and the collector that turns verdicts into findings.
import type { Organization, Deadline } from '../../src/schema/index.ts';
import type { PolicyFile } from '../../src/model/load.ts';
import {
  addToDate,
  dayOf,
  endOfDay,
  eventDueDate,
  isoDate,
  startOfDay,
  type CalendarDate,
} from '../../src/model/dates.ts';
import type { TypedRecord } from '../read/records.ts';
import type { DueDay, Instance, RuleContext, Source } from './rule.ts';
import type { Finding, ObligationSummary, Upcoming } from './types.ts';

export interface CheckContext {
  org: Organization;
  asOf: CalendarDate;
  /** Start of the as-of day: evidence stamped at or after it does not count. */
  asOfStart: number;
  since: CalendarDate;
  /** Obligations due within this many days after as-of and not met are listed as upcoming. */
  upcomingDays: number;
}

const DAY = 86_400_000;

const MET = { kind: 'met' } as const;
const NOT_DUE = { kind: 'not-due' } as const;

/**
 * Judges one instance: met, late, missing, upcoming, or not yet due. `end` is the end of the due
 * day: evidence stamped at it or later is late. Exports stamp to the minute, so 00:00 on the next
 * day reads as a submission on that day, and is one day late.
 */
export function judgeAt(ctx: CheckContext, end: number, evidence: number | null) {
  const counted = evidence !== null && evidence < ctx.asOfStart ? evidence : null;
  if (end > ctx.asOfStart) {
    if (counted !== null) return MET;
    const daysLeft = Math.ceil((end - ctx.asOfStart) / DAY);
    return daysLeft <= ctx.upcomingDays ? { kind: 'upcoming' as const, daysLeft } : NOT_DUE;
  }
  // Missing on the as-of day counts that day: missing at the start of 1 December for a plan due
  // 30 November is one day late.
  if (counted === null) return { kind: 'missing' as const, daysLate: Math.floor((ctx.asOfStart - end) / DAY) + 1 };
  if (counted >= end)
    return { kind: 'late' as const, actual: counted, daysLate: Math.floor((counted - end) / DAY) + 1 };
  return MET;
}

export type Verdict = ReturnType<typeof judgeAt>;

/** The rule's section on the handbook's checker reference page. */
export const ruleHelp = (ctx: CheckContext, rule: string) => `${ctx.org.handbook.url}/reference/checker/#${rule}`;

/**
 * What rules may ask of the engine. Due days of event deadlines are cached per quarter hour of the
 * event (every zone's offset is a multiple of 15 minutes, so a quarter hour lies within one local
 * day): a million meetings fall in a few thousand of them, and the calendar arithmetic is costly.
 */
export function ruleContext(ctx: CheckContext, policies: PolicyFile[]): RuleContext {
  const tz = ctx.org.timeZone;
  const sinceStart = startOfDay(ctx.since, tz);
  const days = new Map<number, DueDay>();
  const dueOn = (date: CalendarDate): DueDay => {
    const key = (date.year * 13 + date.month) * 32 + date.day;
    let due = days.get(key);
    if (!due) days.set(key, (due = { date, end: endOfDay(date, tz), inWindow: startOfDay(date, tz) >= sinceStart }));
    return due;
  };
  const QUARTER = 900_000;
  const byDeadline = new Map<Deadline, Map<number, DueDay>>();
  const byQuarter = new Map<number, DueDay>();
  return {
    org: ctx.org,
    asOf: ctx.asOf,
    asOfStart: ctx.asOfStart,
    since: ctx.since,
    horizon: addToDate(ctx.asOf, 0, ctx.upcomingDays),
    policies,
    policyLink: (policy) => `${ctx.org.handbook.url}/${policy.slug}/`,
    dueOn,
    dayOf: (at) => dayOf(at, tz),
    dueOnDayOf(at) {
      const quarter = Math.floor(at / QUARTER);
      let due = byQuarter.get(quarter);
      if (!due) byQuarter.set(quarter, (due = dueOn(dayOf(at, tz))));
      return due;
    },
    dueAfter(deadline, at) {
      let cache = byDeadline.get(deadline);
      if (!cache) byDeadline.set(deadline, (cache = new Map()));
      const quarter = Math.floor(at / QUARTER);
      let due = cache.get(quarter);
      if (!due) cache.set(quarter, (due = dueOn(eventDueDate(deadline, dayOf(at, tz)))));
      return due;
    },
  };
}

/** What all findings of one obligation share. */
export type Fixed = Pick<Finding, 'rule' | 'obligation' | 'title' | 'policy' | 'link' | 'help'>;

/**
 * The verdicts of one obligation as data another thread can send (Verdicts.absorb). Findings go
 * as columns: the strings they repeat (departments, due days, files) listed once, numbers in
 * typed arrays, subjects in one string. A part's 100,000 findings then cross as a few buffers;
 * as objects, the structured clone alone held twice their size while it was made.
 */
export interface VerdictsState {
  counts: [number, number, number, number, number, number];
  departments: ObligationSummary['departments'];
  strings: string[];
  /** Per finding: department, due, file (-1: none), sheet (-1: none), line, days late, subject length, status, detail (-1: none), version. */
  ints: Int32Array;
  /** Per finding: the evidence time, NaN when missing. */
  actual: Float64Array;
  subjects: string;
  upcoming: Upcoming[];
}

const COLUMNS = 10;

/** Collects one obligation's verdicts: counts them and turns violations into plain findings. */
export class Verdicts {
  readonly summary: ObligationSummary;
  findings: Finding[] = [];
  upcoming: Upcoming[] = [];
  readonly #fixed: Fixed;
  /** Carries what a record names no department for: the policy's owner. */
  readonly #owner: string | undefined;
  /** The statuses the rule declares. */
  readonly #statuses: ReadonlySet<string>;

  constructor(fixed: Fixed, records: string[], statuses: Iterable<string>, owner?: string) {
    this.#fixed = fixed;
    this.#owner = owner;
    this.#statuses = new Set(statuses);
    this.summary = {
      policy: fixed.policy,
      obligation: fixed.obligation,
      rule: fixed.rule,
      records,
      checked: true,
      evaluated: 0,
      met: 0,
      missing: 0,
      late: 0,
      other: 0,
      departments: {},
    };
  }

  /**
   * Judges an instance and files the verdict. The record it came from (if any) gives the subject
   * (its id field, decoded only now) and the source when the instance names neither.
   */
  judge(ctx: CheckContext, instance: Instance, record?: TypedRecord, keyField?: string, version = ''): void {
    if (!instance.due.inWindow) return;
    if (instance.met) {
      this.summary.evaluated++;
      this.summary.met++;
      this.#count(instance.department ?? this.#owner ?? '', true);
      return;
    }
    const violation = instance.violation;
    if (violation) {
      this.#declared(violation.status);
      this.summary.evaluated++;
      this.summary.other++;
      this.#count(instance.department ?? this.#owner ?? '', false);
      const at = violation.at;
      this.findings.push({
        ...this.#common(instance, record, keyField, version),
        status: violation.status,
        actual: at === null ? null : isoTime(at),
        daysLate: 0,
        detail: violation.detail,
      });
      return;
    }
    const verdict = judgeAt(ctx, instance.due.end, instance.evidence);
    if (verdict.kind === 'not-due' || verdict.kind === 'upcoming') {
      const d = (this.summary.departments[instance.department ?? this.#owner ?? ''] ??= { evaluated: 0, met: 0 });
      d.pending = (d.pending ?? 0) + 1;
      if (verdict.kind === 'not-due') return;
    }
    if (verdict.kind === 'met') {
      this.summary.evaluated++;
      this.summary.met++;
      this.#count(instance.department ?? this.#owner ?? '', true);
      return;
    }
    const common = this.#common(instance, record, keyField, version);
    if (verdict.kind === 'upcoming') {
      this.upcoming.push({ ...common, daysLeft: verdict.daysLeft });
      return;
    }
    this.summary.evaluated++;
    this.#count(instance.department ?? this.#owner ?? '', false);
    const detail = instance.detail ?? null;
    if (verdict.kind === 'missing') {
      this.#declared(instance.missing ?? 'missing');
      if (instance.missing) this.summary.other++;
      else this.summary.missing++;
      this.findings.push({
        ...common,
        status: instance.missing ?? 'missing',
        actual: null,
        daysLate: verdict.daysLate,
        detail,
      });
    } else {
      this.#declared('late');
      this.summary.late++;
      this.findings.push({
        ...common,
        status: 'late',
        actual: isoTime(verdict.actual),
        daysLate: verdict.daysLate,
        detail,
      });
    }
  }

  /** A rule giving a status it does not declare is a bug in the rule: its words would be missing everywhere. */
  #declared(status: string) {
    if (!this.#statuses.has(status))
      throw new Error(
        `rule ${this.#fixed.rule} gave status "${status}", which it does not declare; add it to the rule's statuses`,
      );
  }

  #count(department: string, met: boolean) {
    const d = (this.summary.departments[department] ??= { evaluated: 0, met: 0 });
    d.evaluated++;
    if (met) d.met++;
  }

  #common(instance: Instance, record: TypedRecord | undefined, keyField: string | undefined, version: string) {
    const fixed = instance.policy
      ? { ...this.#fixed, policy: instance.policy.id, link: instance.policy.link }
      : this.#fixed;
    return {
      ...fixed,
      department: instance.charge ?? instance.department ?? this.#owner ?? '',
      version,
      subject: instance.subject ?? String(record!.values[keyField!]),
      due: dueText(instance.due),
      source: instance.source !== undefined ? instance.source : record ? sourceOf(record) : null,
    };
  }

  snapshot(): VerdictsState {
    const { evaluated, met, missing, late, other, notInForce = 0 } = this.summary;
    const strings = new Map<string, number>();
    const id = (text: string) => {
      let i = strings.get(text);
      if (i === undefined) strings.set(text, (i = strings.size));
      return i;
    };
    const n = this.findings.length;
    const ints = new Int32Array(n * COLUMNS);
    const actual = new Float64Array(n);
    let subjects = '';
    for (let i = 0; i < n; i++) {
      const f = this.findings[i]!;
      const at = i * COLUMNS;
      ints[at] = id(f.department);
      ints[at + 1] = id(f.due);
      ints[at + 2] = f.source ? id(f.source.file) : -1;
      ints[at + 3] = f.source?.sheet === undefined ? -1 : id(f.source.sheet);
      ints[at + 4] = f.source?.line ?? 0;
      ints[at + 5] = f.daysLate;
      ints[at + 6] = f.subject.length;
      ints[at + 7] = id(f.status);
      ints[at + 8] = f.detail === null ? -1 : id(JSON.stringify(f.detail));
      ints[at + 9] = id(f.version);
      actual[i] = f.actual === null ? Number.NaN : Date.parse(f.actual);
      subjects += f.subject;
    }
    return {
      counts: [evaluated, met, missing, late, other, notInForce],
      departments: this.summary.departments,
      strings: [...strings.keys()],
      ints,
      actual,
      subjects,
      upcoming: this.upcoming,
    };
  }

  /** Adds the verdicts of a part read after the ones already filed (on another thread, by the same obligation). */
  absorb(state: VerdictsState): void {
    const [evaluated, met, missing, late, other, notInForce] = state.counts;
    const s = this.summary;
    Object.assign(s, {
      evaluated: s.evaluated + evaluated,
      met: s.met + met,
      missing: s.missing + missing,
      late: s.late + late,
      other: s.other + other,
    });
    if (notInForce) s.notInForce = (s.notInForce ?? 0) + notInForce;
    for (const [department, counts] of Object.entries(state.departments)) {
      const d = (s.departments[department] ??= { evaluated: 0, met: 0 });
      d.evaluated += counts.evaluated;
      d.met += counts.met;
      if (counts.pending) d.pending = (d.pending ?? 0) + counts.pending;
    }
    const { strings, ints, actual, subjects } = state;
    const details = new Map<number, string[]>();
    for (let i = 0, from = 0; i < actual.length; i++) {
      const at = i * COLUMNS;
      const subject = subjects.slice(from, (from += ints[at + 6]!));
      const file = ints[at + 2]!;
      const sheet = ints[at + 3]!;
      const source =
        file === -1
          ? null
          : sheet === -1
            ? { file: strings[file]!, line: ints[at + 4]! }
            : { file: strings[file]!, sheet: strings[sheet]!, line: ints[at + 4]! };
      const common = {
        ...this.#fixed,
        department: strings[ints[at]!]!,
        version: strings[ints[at + 9]!]!,
        subject,
        due: strings[ints[at + 1]!]!,
        source,
      };
      const t = actual[i]!;
      const d = ints[at + 8]!;
      let detail: string[] | null = null;
      if (d !== -1) {
        detail = details.get(d) ?? null;
        if (!detail) details.set(d, (detail = JSON.parse(strings[d]!) as string[]));
      }
      this.findings.push({
        ...common,
        status: strings[ints[at + 7]!] as Finding['status'],
        actual: Number.isNaN(t) ? null : isoTime(t),
        daysLate: ints[at + 5]!,
        detail,
      });
    }
    for (const u of state.upcoming) this.upcoming.push(u);
  }
}

export const sourceOf = (record: TypedRecord): Source =>
  record.sheet === undefined
    ? { file: record.file, line: record.line }
    : { file: record.file, sheet: record.sheet, line: record.line };

// Findings of a large export share a few hundred due days and repeat evidence times: one string each.
const dueTexts = new WeakMap<DueDay, string>();
function dueText(due: DueDay): string {
  let text = dueTexts.get(due);
  if (text === undefined) dueTexts.set(due, (text = isoDate(due.date)));
  return text;
}
const isoTimes = new Map<number, string>();
function isoTime(t: number): string {
  let text = isoTimes.get(t);
  if (text === undefined) {
    text = new Date(t).toISOString();
    if (isoTimes.size < 100_000) isoTimes.set(t, text);
  }
  return text;
}
