// What every rule needs to know: the organisation, the window and the moments it is judged at.
import type { Organization, Obligation } from '../../src/schema/index.ts';
import type { PolicyFile } from '../../src/model/load.ts';
import { endOfDay, isoDate, startOfDay, type CalendarDate } from '../../src/model/dates.ts';
import type { TypedRecord } from '../read/records.ts';
import type { Finding, FindingStatus, ObligationSummary, Upcoming } from './types.ts';

export interface CheckContext {
  org: Organization;
  asOf: CalendarDate;
  /** Start of the as-of day: evidence stamped at or after it does not count. */
  asOfStart: number;
  since: CalendarDate;
  /** Obligations due within this many days after as-of and not met are listed as upcoming. */
  upcomingDays: number;
}

/** One obligation under evaluation. Rules implement it; the engine feeds records and collects results. */
export interface ObligationCheck {
  readonly summary: ObligationSummary;
  onRecord(record: TypedRecord): void;
  finish(): { findings: Finding[]; upcoming: Upcoming[] };
  /**
   * For reading a large file in parts on several threads (engine/parallel.ts): the check's state
   * after the records of one part, as structured-cloneable data, and taking in such a state from
   * the part after the ones this check has seen. A rule without them is read on one thread.
   */
  snapshot?(): unknown;
  absorb?(state: unknown): void;
}

export interface RuleFactory {
  id: string;
  /** Whether this rule evaluates the obligation. */
  applies(obligation: Obligation): boolean;
  create(ctx: CheckContext, policy: PolicyFile, obligation: Obligation): ObligationCheck;
}

const DAY = 86_400_000;

const MET = { kind: 'met' } as const;
const NOT_DUE = { kind: 'not-due' } as const;

/** Judges one obligation instance: met, late, missing, upcoming, or not yet due. */
export function judge(ctx: CheckContext, due: CalendarDate, evidence: number | null) {
  return judgeAt(ctx, endOfDay(due, ctx.org.timeZone), evidence);
}

/** judge() for a due moment already worked out (rules that judge many instances cache it). */
export function judgeAt(ctx: CheckContext, dueMoment: number, evidence: number | null) {
  const counted = evidence !== null && evidence < ctx.asOfStart ? evidence : null;
  if (dueMoment > ctx.asOfStart) {
    if (counted !== null) return MET;
    const daysLeft = Math.ceil((dueMoment - ctx.asOfStart) / DAY);
    return daysLeft <= ctx.upcomingDays ? { kind: 'upcoming' as const, daysLeft } : NOT_DUE;
  }
  // Missing on the as-of day counts that day: missing at the start of 1 December for a plan due
  // 30 November is one day late.
  if (counted === null) return { kind: 'missing' as const, daysLate: Math.floor((ctx.asOfStart - dueMoment) / DAY) + 1 };
  if (counted > dueMoment) return { kind: 'late' as const, actual: counted, daysLate: Math.ceil((counted - dueMoment) / DAY) };
  return MET;
}

export function inWindow(ctx: CheckContext, due: CalendarDate): boolean {
  return startOfDay(due, ctx.org.timeZone) >= startOfDay(ctx.since, ctx.org.timeZone);
}

/** The rule's section on the handbook's checker reference page. */
export function ruleHelp(ctx: CheckContext, rule: string): string {
  return `${ctx.org.handbook.url}/reference/checker/#${rule}`;
}

export function policyLink(ctx: CheckContext, policy: PolicyFile, obligation: Obligation): string {
  return `${ctx.org.handbook.url}/${policy.slug}/#${obligation.anchor ?? `obligation-${obligation.id}`}`;
}



type Verdict = ReturnType<typeof judge>;

export interface VerdictsState {
  counts: [number, number, number, number];
  /** What findings share: department, due date, source file. */
  shared: [string, string, string | null][];
  /** Per finding: index into `shared`, days late, source line, length of its subject in `subjects`. */
  numbers: Int32Array;
  /** Per finding: the evidence time, NaN when missing. */
  evidence: Float64Array;
  subjects: string;
  upcoming: Upcoming[];
}

type Fixed = Pick<Finding, 'rule' | 'obligation' | 'title' | 'policy' | 'link' | 'help'>;

/** Collects one obligation's verdicts: counts them and turns violations into findings. */
export class Verdicts {
  readonly summary: ObligationSummary;
  readonly findings: Finding[] = [];
  readonly upcoming: Upcoming[] = [];
  readonly #fixed: Fixed;

  constructor(fixed: Fixed) {
    this.#fixed = fixed;
    this.summary = { policy: fixed.policy, obligation: fixed.obligation, rule: fixed.rule, evaluated: 0, met: 0, missing: 0, late: 0 };
  }

  static forObligation(ctx: CheckContext, rule: string, policy: PolicyFile, obligation: Obligation): Verdicts {
    return new Verdicts({ rule, obligation: obligation.id, title: obligation.title, policy: policy.policy.id, link: policyLink(ctx, policy, obligation), help: ruleHelp(ctx, rule) });
  }

  /** Counts a verdict that needs nothing filed (met, or not yet due); false for the others. */
  settled(verdict: Verdict): verdict is Extract<Verdict, { kind: 'met' | 'not-due' }> {
    if (verdict.kind === 'not-due') return true;
    if (verdict.kind !== 'met') return false;
    this.summary.evaluated++;
    this.summary.met++;
    return true;
  }

  /** Files one verdict; `own` overrides the fixed parts for rules that span policies. */
  file(verdict: Verdict, department: string, subject: string, due: CalendarDate, source: Finding['source'], own?: Partial<Fixed>): void {
    if (this.settled(verdict)) return;
    const fixed = own ? { ...this.#fixed, ...own } : this.#fixed;
    const dueText = this.#isoDate(due);
    if (verdict.kind === 'upcoming') {
      this.upcoming.push({ ...fixed, department, subject, due: dueText, source, daysLeft: verdict.daysLeft });
      return;
    }
    this.summary.evaluated++;
    if (verdict.kind === 'missing') this.summary.missing++;
    else this.summary.late++;
    this.findings.push(new StoredFinding(this.#shared(fixed, department, dueText, source?.file ?? null), subject, verdict.kind === 'missing' ? null : verdict.actual, verdict.daysLate, source?.line ?? 0));
  }

  /**
   * The counts and filed verdicts as data for another thread: the parts findings share listed
   * once, numbers in typed arrays, record ids in one string, so a part's 100,000 findings cross as
   * a few buffers rather than a million values.
   */
  snapshot(): VerdictsState {
    const f = this.findings as StoredFinding[];
    const shared = new Map<Shared, number>();
    const n = f.length;
    const numbers = new Int32Array(n * 4), evidence = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = f[i]!;
      let s = shared.get(x.shared);
      if (s === undefined) shared.set(x.shared, (s = shared.size));
      numbers[i * 4] = s;
      numbers[i * 4 + 1] = x.daysLate;
      numbers[i * 4 + 2] = x.line;
      numbers[i * 4 + 3] = x.subject.length;
      evidence[i] = x.evidence ?? Number.NaN;
    }
    return {
      counts: [this.summary.evaluated, this.summary.met, this.summary.missing, this.summary.late],
      shared: [...shared.keys()].map(({ department, due, file }) => [department, due, file]),
      numbers,
      evidence,
      subjects: f.map((x) => x.subject).join(''),
      upcoming: this.upcoming,
    };
  }

  /** Adds the verdicts of a part read after the ones already filed. */
  absorb(state: VerdictsState): void {
    const [evaluated, met, missing, late] = state.counts;
    Object.assign(this.summary, { evaluated: this.summary.evaluated + evaluated, met: this.summary.met + met, missing: this.summary.missing + missing, late: this.summary.late + late });
    const shared = state.shared.map(([department, due, file]) => this.#shared(this.#fixed, department, due, file));
    const { numbers, evidence, subjects } = state;
    for (let i = 0, at = 0; i < evidence.length; i++) {
      const subject = subjects.slice(at, (at += numbers[i * 4 + 3]!));
      const actual = evidence[i]!;
      this.findings.push(new StoredFinding(shared[numbers[i * 4]!]!, subject, actual === actual ? actual : null, numbers[i * 4 + 1]!, numbers[i * 4 + 2]!));
    }
    for (const u of state.upcoming) this.upcoming.push(u);
  }

  /** What findings share (obligation, department, due date, file): one object per combination. */
  #sharedParts = new Map<Fixed, Map<string, Shared>>();
  #shared(fixed: Fixed, department: string, due: string, file: string | null): Shared {
    let byKey = this.#sharedParts.get(fixed);
    if (!byKey) this.#sharedParts.set(fixed, (byKey = new Map()));
    const key = `${department}\u0000${due}\u0000${file}`;
    let shared = byKey.get(key);
    if (!shared) byKey.set(key, (shared = { fixed, department, due, file }));
    return shared;
  }

  /** Due dates as text, one string per day however many findings share it. */
  #dates = new Map<number, string>();
  #isoDate(d: CalendarDate): string {
    const key = (d.year * 13 + d.month) * 32 + d.day;
    let text = this.#dates.get(key);
    if (text === undefined) this.#dates.set(key, (text = isoDate(d)));
    return text;
  }
}

/**
 * A finding as the checker keeps it until the report is written: what findings share (the
 * obligation's fields, department, due date, file) is one object, the evidence time a number. At 5% violations a four-million-row
 * export gives 200,000 findings, and a plain object each (with its own copies of the link, the
 * title and an ISO time) would double the checker's memory. Reads like a Finding, and
 * JSON.stringify writes exactly the Finding fields.
 */
interface Shared {
  fixed: Fixed;
  department: string;
  due: string;
  file: string | null;
  /** The finding's JSON before and after its subject, when first written. */
  json?: [string, string];
}

class StoredFinding implements Finding {
  readonly #shared: Shared;
  readonly #actual: number | null;
  readonly #line: number;
  readonly subject: string;
  readonly daysLate: number;

  constructor(shared: Shared, subject: string, actual: number | null, daysLate: number, line: number) {
    this.#shared = shared;
    this.subject = subject;
    this.#actual = actual;
    this.daysLate = daysLate;
    this.#line = line;
  }

  get #fixed() {
    return this.#shared.fixed;
  }
  get #file() {
    return this.#shared.file;
  }
  get department() {
    return this.#shared.department;
  }
  get due() {
    return this.#shared.due;
  }
  get rule() {
    return this.#fixed.rule;
  }
  get obligation() {
    return this.#fixed.obligation;
  }
  get title() {
    return this.#fixed.title;
  }
  get policy() {
    return this.#fixed.policy;
  }
  get link() {
    return this.#fixed.link;
  }
  get help() {
    return this.#fixed.help;
  }
  get status(): FindingStatus {
    return this.#actual === null ? 'missing' : 'late';
  }
  get actual() {
    return this.#actual === null ? null : new Date(this.#actual).toISOString();
  }
  /** The evidence time as a number (null when missing). */
  get evidence() {
    return this.#actual;
  }
  /** For Verdicts.snapshot: the parts shared with other findings, and the source line. */
  get shared() {
    return this.#shared;
  }
  get line() {
    return this.#line;
  }
  get source() {
    return this.#file === null ? null : { file: this.#file, line: this.#line };
  }

  toJSON(): Finding {
    const { rule, obligation, title, policy, link, help } = this.#fixed;
    return { rule, obligation, title, policy, link, help, department: this.department, subject: this.subject, due: this.due, source: this.source, status: this.status, actual: this.actual, daysLate: this.daysLate };
  }

  /**
   * JSON.stringify(this), written directly: the fields shared with the obligation's other findings
   * are serialised once. Writing 200,000 findings was a tenth of the checker's time before.
   */
  jsonText(): string {
    const shared = this.#shared;
    // The JSON around the subject, the same for every finding sharing these parts: written once.
    shared.json ??= sharedJson(shared);
    const actual = this.#actual === null ? 'null' : isoQuoted(this.#actual);
    const line = shared.file === null ? '' : `${this.#line}}`;
    return `${shared.json[0]}${JSON.stringify(this.subject)}${shared.json[1]}${line},"status":"${this.status}","actual":${actual},"daysLate":${this.daysLate}}`;
  }
}

function sharedJson({ fixed, department, due, file }: Shared): [string, string] {
  let prefix = jsonPrefixes.get(fixed);
  if (prefix === undefined) {
    const { rule, obligation, title, policy, link, help } = fixed;
    jsonPrefixes.set(fixed, (prefix = JSON.stringify({ rule, obligation, title, policy, link, help }).slice(0, -1)));
  }
  return [`${prefix},"department":${quoted(department)},"subject":`, `,"due":${quoted(due)},"source":${file === null ? 'null' : `{"file":${quoted(file)},"line":`}`];
}

const jsonPrefixes = new WeakMap<Fixed, string>();

// Departments, dates, file names and evidence times repeat across findings: each is written once.
const quotedCache = new Map<string, string>();
function quoted(s: string): string {
  let q = quotedCache.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (quotedCache.size < 10_000) quotedCache.set(s, q);
  }
  return q;
}
const isoCache = new Map<number, string>();
function isoQuoted(t: number): string {
  let q = isoCache.get(t);
  if (q === undefined) {
    q = `"${new Date(t).toISOString()}"`;
    if (isoCache.size < 100_000) isoCache.set(t, q);
  }
  return q;
}
