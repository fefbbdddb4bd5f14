// The contract between the engine and a rule. A rule is one file in checks/rules/ that calls
// defineRule: its id (the file name), its documentation and example, the obligation options it
// accepts (a zod schema) and their cross-checks, the record fields it reads, the statuses it may
// give with their Chinese words, the sentence the policy page shows for an obligation; then how it
// turns records into verdicts: an instance judged by its due day, one met or violated as it
// stands, or nothing (not applicable). The engine does everything else:
// reading, matching records to the obligation, judging instances against the as-of day, the
// subject and source of a finding, merging the state of rows read on other threads, and the report.
//
// A rule sees plain values only (numbers for timestamps, strings, periods), never how rows were
// read. Its state is either nothing (`each`: every record stands alone) or groups of values under
// a key with an order-respecting combine (`group`), which is what lets the engine read a large
// export on two threads and merge the parts without the rule knowing.
import type { z } from 'zod';
import type { ObligationBase, Deadline, Organization, RecordType } from '../../src/schema/index.ts';
import type { PolicyFile } from '../../src/model/load.ts';
import type { CalendarDate, Period } from '../../src/model/dates.ts';

export type { CalendarDate, Deadline, Period };

/** A record as a rule sees it: the fields it declared, as plain values. */
export type RecordValues = Readonly<Record<string, string | number | Period | null>>;

/** Where a record came from: file, workbook sheet, line (for JSON, the object's position). */
export interface Source {
  file: string;
  sheet?: string;
  line: number;
}

/** A due day as the engine computes it: the date, the moment it ends and whether it is in the window. */
export interface DueDay {
  date: CalendarDate;
  /** End of the due day in the organisation's time zone (epoch ms): evidence at or after it is late. */
  end: number;
  /** Due on or after --since. */
  inWindow: boolean;
}

/**
 * A record a group rule cannot judge (an evaluation of someone not on the roster, an
 * acknowledgement naming no policy of the handbook): not a finding and not met, but said, with
 * why and where, so that a run with one is not taken for clean.
 */
export interface Unanswered {
  /** Why, in Chinese, e.g. 员工编号不在员工名册上. */
  unanswered: string;
  /** The value that could not be placed, e.g. the employee id. */
  value: string;
  source: Source | null;
}

/** One instance of an obligation to judge: who carries it, when it is due, what evidence counts. */
export interface Instance {
  /** The department that carries it; null when the record names none: then the policy's owner does. */
  department: string | null;
  /**
   * The department a finding from it lands on, when a step another department carries is what
   * failed (a plan approved without the operations department's review is the operations
   * department's finding). The instance still counts toward `department`'s evaluated and met: the
   * on-time rate is that of the department's records.
   */
  charge?: string;
  due: DueDay;
  /** Epoch ms of the evidence, or null when there is none. */
  evidence: number | null;
  /** The period or id the instance is about; default: the record's id. */
  subject?: string;
  /** Default: the record's source. */
  source?: Source | null;
  /** For rules that span policies (policy-review): the policy and link the finding names. */
  policy?: { id: string; link: string };
  /**
   * A violation that no deadline decides (a step skipped or out of order, required content absent):
   * filed as it is, with the fields concerned and the time of the step that shows it.
   */
  violation?: { status: string; detail: string[]; at: number | null };
  /**
   * Met as it stands, with no deadline to decide it (the content is complete, the steps are in
   * order): counted as evaluated and met. A record the obligation does not apply to gives no
   * instance at all.
   */
  met?: true;
  /** The status of this instance when its evidence is missing past the due day (default `missing`). */
  missing?: string;
  /** The fields a missing or late finding concerns (shown with it), e.g. the step that is missing. */
  detail?: string[];
}

/** What a rule may ask of the engine while it evaluates. */
export interface RuleContext {
  org: Organization;
  /** Start of the as-of day: anything stamped at or after it has not happened yet as far as the check knows. */
  asOfStart: number;
  since: CalendarDate;
  asOf: CalendarDate;
  /** Due day of an event deadline for an event at `at` (epoch ms); cached by the engine. */
  dueAfter(deadline: Deadline, at: number): DueDay;
  /** A due day from a calendar date. */
  dueOn(date: CalendarDate): DueDay;
  /** The due day of the day an instant falls on: dueOn(dayOf(at)), cached by the engine. */
  dueOnDayOf(at: number): DueDay;
  /** The calendar day an instant (epoch ms) falls on in the organisation's time zone. */
  dayOf(at: number): CalendarDate;
  /** The last day that can be due and still be reported (as-of plus the upcoming window). */
  horizon: CalendarDate;
  /** The policies being checked (for rules about the policies themselves). */
  policies: PolicyFile[];
  /** The handbook page of a policy. */
  policyLink(policy: PolicyFile): string;
}

/** The obligation with the options this rule accepts. */
export type ObligationOf<O> = ObligationBase & O;

/** The statuses of an instance judged by its due day, for rules whose instances have one. */
export const dueStatuses = {
  missing: {
    zh: '缺失',
    means: '截止日已过，检查日仍未见记录',
    todo: '补办；已办而导出中没有的，在系统中补录后重新导出',
    says: ({ fields, daysLate }) => `${fields ? `未见${fields}` : '未见记录'}，已逾期 ${daysLate} 天`,
  },
  late: {
    zh: '逾期',
    means: '有记录，但晚于截止日当天结束',
    todo: '已办，无需补交；查明晚了的原因，下一次按期办理',
    says: ({ at, daysLate }) => `${at} 提交，逾期 ${daysLate} 天`,
  },
} as const satisfies Record<string, StatusSpec>;

/** Evidence dated before what it follows: one status, and one wording, for every rule that gives it. */
export const outOfOrder = {
  'out-of-order': {
    zh: '顺序颠倒',
    means: '后一步的时间早于前一步（如纪要提交早于会议结束）',
    todo: '核对这两个时间：录入有误的，在系统中改正；确实先后颠倒的，按制度的顺序补办',
    says: ({ fields, at }) => `${fields ? `${fields}顺序颠倒` : '顺序颠倒'}${at ? `（${at}）` : ''}`,
  },
} as const satisfies Record<string, StatusSpec>;

/** A status a rule's findings may carry. */
export interface StatusSpec {
  /** Its word in reports and on the site, e.g. 缺失. */
  zh: string;
  /** What it means, in Chinese, for the reference page. */
  means: string;
  /** What the department that carries it does about one, in Chinese: shown beside each finding on the site. */
  todo: string;
  /**
   * What one finding shows, in Chinese: from the fields it concerns (joined with 、), the time of
   * its evidence in the organisation's time zone ('' when none) and the days past due.
   */
  says: (finding: { fields: string; at: string; daysLate: number }) => string;
}

/** What every rule says about itself. */
interface Documented<Id extends string> {
  /** The rule id: its file name in checks/rules/, and its anchor on the checker reference page. */
  id: Id;
  /** One line in Chinese, for the reference page. */
  title: string;
  /** What it checks and how, in Chinese (Markdown), for the reference page. */
  docs: string;
  /** An obligation using it, as frontmatter YAML, and a finding it gives, for the reference page. */
  example: { obligation: string; finding: string };
  /**
   * Every status its findings may carry, with its words: `missing` and `late` where the engine
   * judges its instances by a due day. A finding with a status not listed here is a bug the engine
   * stops at.
   */
  statuses: Readonly<Record<string, StatusSpec>>;
}

interface RuleBase<Id extends string, Shape extends z.ZodRawShape> extends Documented<Id> {
  /**
   * The obligation fields this rule adds (beyond id, title, article, anchor, who, records, match),
   * built with the zod the schema module passes in: the checker itself then never loads zod.
   */
  options: (zod: typeof z) => Shape;
  /** Cross-checks against the organisation config and the record types: problems as [path, message]. */
  validate?: (ob: ObligationOf<z.output<z.ZodObject<Shape>>>, org: Organization) => [string[], string][];
  /** Record fields it reads (the engine decodes these and nothing else for it). */
  fields: (ob: ObligationOf<z.output<z.ZodObject<Shape>>>) => string[];
  /**
   * Of those, the fields it reads only where the export has them (who acted at a step): a table
   * without one is still judged. A table without any other is not (an absent column is not absent
   * evidence).
   */
  optionalFields?: (ob: ObligationOf<z.output<z.ZodObject<Shape>>>) => string[];
  /**
   * Of those, the fields only part of the judgement needs (when a value reached its threshold, for
   * whether an alert was timely; not for whether there was one): a table without one is judged for
   * the rest, and the run says what it could not judge, as for an absent column.
   */
  partialFields?: (ob: ObligationOf<z.output<z.ZodObject<Shape>>>) => string[];
  /**
   * When the obligation is due, or what it requires, as the policy page and the calendars say it
   * (e.g. 每季度：上一季度的最后一天（含当日）前), from the organisation config.
   */
  describe: (ob: ObligationOf<z.output<z.ZodObject<Shape>>>, org: Organization) => string;
  /**
   * What one instance of the obligation is, in Chinese, as the policy page says it: 每个部门每季度一项,
   * 每位员工每个评估周期一项, 每条会议记录一项. The rule judges at exactly this grain.
   */
  grain: (ob: ObligationOf<z.output<z.ZodObject<Shape>>>, org: Organization) => string;
  /**
   * The due days an obligation has whatever the records say (one per period, for the calendars),
   * from `from` to `to` inclusive; rules whose due days come from records have none.
   */
  calendar?: (
    ob: ObligationOf<z.output<z.ZodObject<Shape>>>,
    org: Organization,
    from: CalendarDate,
    to: CalendarDate,
  ) => Iterable<{ due: CalendarDate; period: Period }>;
  /**
   * A second record type whose records the rule needs whole, e.g. the employee roster that says
   * who must be evaluated: its records (the fields named) reach `finish` as a list.
   */
  roster?: (ob: ObligationOf<z.output<z.ZodObject<Shape>>>) => { records: RecordType; fields: string[] } | undefined;
}

/** Every matching record is judged on its own. */
export interface EachRule<Id extends string, Shape extends z.ZodRawShape> extends RuleBase<Id, Shape> {
  kind: 'each';
  /**
   * The instance a record gives rise to, if any. `record` is the engine's view of the row, filled
   * anew for the next one: read it during the call, keep values, never the object.
   */
  each(record: RecordValues, ob: ObligationOf<z.output<z.ZodObject<Shape>>>, ctx: RuleContext): Instance | undefined;
}

/** Records are grouped under a key; instances come from the groups when every record is read. */
export interface GroupRule<Id extends string, Shape extends z.ZodRawShape, T> extends RuleBase<Id, Shape> {
  kind: 'group';
  /** The group a record belongs to, or undefined to pass it over (`record` as for `each`: not to be kept). */
  key(record: RecordValues, ob: ObligationOf<z.output<z.ZodObject<Shape>>>): string | undefined;
  /** What the rule keeps of a record (plain, structured-cloneable data). */
  value(record: RecordValues, source: Source, ob: ObligationOf<z.output<z.ZodObject<Shape>>>): T;
  /** Combines the value kept so far with a later record's: must give what one pass in order gives. */
  combine(earlier: T, later: T): T;
  /** The instances, from every group (and the roster's records, if the rule has one). */
  finish(
    groups: ReadonlyMap<string, T>,
    ob: ObligationOf<z.output<z.ZodObject<Shape>>>,
    ctx: RuleContext,
    roster: readonly RecordValues[],
  ): Iterable<Instance | Unanswered>;
}

/** Needs no records: judges the published policies themselves (once, not per obligation). */
export interface PolicyRule<Id extends string = string> extends Documented<Id> {
  kind: 'policies';
  /** What it requires of every policy, in Chinese, for the pages. */
  describe: (org: Organization) => string;
  finish(ctx: RuleContext): Iterable<Instance>;
}

// The engine handles every rule alike: `any` for the shapes, which differ rule by rule.
// biome-ignore lint/suspicious/noExplicitAny: each rule has its own option shape; the engine treats them alike.
export type ObligationRule = EachRule<string, any> | GroupRule<string, any, any>;
export type Rule = ObligationRule | PolicyRule;

/** The obligation a rule accepts, typed from its options. */
export type ObligationFor<R> = R extends { id: infer Id; options: (zod: typeof z) => infer S extends z.ZodRawShape }
  ? ObligationOf<{ rule: Id } & z.output<z.ZodObject<S>>>
  : never;

/** Defines a rule (see the module comment); returns it as it is, typed. */
export function defineRule<const Id extends string, Shape extends z.ZodRawShape>(
  rule: EachRule<Id, Shape>,
): EachRule<Id, Shape>;
export function defineRule<const Id extends string, Shape extends z.ZodRawShape, T>(
  rule: GroupRule<Id, Shape, T>,
): GroupRule<Id, Shape, T>;
export function defineRule<const Id extends string>(rule: PolicyRule<Id>): PolicyRule<Id>;
export function defineRule(rule: Rule): Rule {
  return rule;
}
