// The checker's report as data: what the JSON reporter writes and every other reporter formats.
// Findings, warnings and rejections carry codes and values; their words are made in
// checks/report/ (messages.ts), in Chinese for the operations staff who read them.
import type { Rejection } from '../read/records.ts';
import type { Source } from './rule.ts';

export type { Rejection, Source };

/**
 * A status a rule declares (checks/rules/<id>.ts: statuses), e.g. missing (no evidence by the due
 * day), late (evidence after it), skipped (a later step without an earlier one).
 */
export type FindingStatus = string;

export interface Finding {
  /** Rule that produced it, e.g. `periodic`. */
  rule: string;
  /** Obligation id from policy frontmatter, e.g. `annual-plan`. */
  obligation: string;
  /** What the obligation requires, e.g. 提交下一年度运营计划. */
  title: string;
  /** Policy id, e.g. `OPS-03`. */
  policy: string;
  /** The policy section on the published handbook. */
  link: string;
  /** What the rule checks, on the handbook's reference page. */
  help: string;
  /** Department id that carries it. */
  department: string;
  /** The version of the policy that judged it: the one in force on its due date (e.g. `1.1.0`). */
  version: string;
  /** The period (`2027-Q1`) or the record id (`M-0001`) the finding is about. */
  subject: string;
  /** Due date (end of this day in the organisation's time zone). */
  due: string;
  /** The record behind the finding, where one exists. */
  source: Source | null;
  status: FindingStatus;
  /** The evidence timestamp (ISO 8601, UTC), or null when none counts. */
  actual: string | null;
  /** Days past due: by the evidence for `late` (1 on the day after the due day), by as-of for `missing`; 0 for the others. */
  daysLate: number;
  /** The fields concerned: the missing content, the step skipped or out of order; null when the title says all. */
  detail: string[] | null;
}

export interface Upcoming extends Omit<Finding, 'status' | 'actual' | 'daysLate' | 'detail'> {
  /** Whole days from as-of to the end of the due day. */
  daysLeft: number;
}

export type WarningCode =
  /** An id seen more than once: values {type, key, count, differs, lines}. */
  | 'duplicate-record'
  /** Bytes not valid in the detected encoding: values {count, encoding}. */
  | 'invalid-bytes'
  /** A file that is not an export (README.txt, a folder): values {kind}. */
  | 'skipped-file'
  /** An .xls (Excel 97–2003): the checker reads .xlsx. */
  | 'old-excel'
  /** An .xlsx that is no readable workbook. */
  | 'unreadable-file'
  /**
   * A table (a CSV file or a sheet) whose header matches no record type, or whose columns fit more
   * than one, or not the one its name states: values {closest, missing, rows, candidates?, stated?}.
   */
  | 'unrecognised-table'
  /** A file or sheet with no header and no rows. */
  | 'empty-table'
  /** Two columns mapping to one field: values {field, used, ignored}. */
  | 'duplicate-column'
  /** No export supplied a record type obligations need: values {type, obligations}. */
  | 'no-records'
  /**
   * A table lacks columns that obligations read, so their records in it were not judged for them:
   * values {type, columns (as the export would name them), obligations, rows not judged for at least one}.
   */
  | 'absent-column'
  /**
   * Records that leave a field to their linked record (a decision's organiser, from its meeting)
   * whose linked record is in no export: the field stays empty. values {type, linked, field (as the
   * export would name it), via (the linked record's id column), rows, ids (the first few not found), idCount}.
   */
  | 'unlinked-record'
  /**
   * Records a rule could not judge (checks/engine/rule.ts Unanswered): values {obligation, title,
   * policy, reason, rows, values (the first few), valueCount, lines (where the first few are)}.
   */
  | 'unanswered-records'
  /** Rows above the header (a title such as 会议台账（2026年5月）), not records: values {rows, from}. */
  | 'title-rows'
  /** A file records.yaml lists under ignore: skipped. */
  | 'ignored-file'
  /** A link that leads nowhere or in a circle, a pipe, a device or a socket: skipped, values {kind}. */
  | 'not-a-file'
  /** A workbook sheet Excel hides: read like the others, and said. */
  | 'hidden-sheet'
  /**
   * No history of the policies (a shallow clone, a folder outside git): every record was judged by
   * the current versions. values {reason: shallow | no-git}.
   */
  | 'no-history'
  /**
   * A version of a policy in force within the window that this checker cannot read: the version
   * before it judged its dates. values {policy, version, effective, until, commit, problem}.
   */
  | 'version-unreadable'
  /**
   * The history holds fewer versions of a policy than its changes list (a squashed history): due
   * dates in the window before the oldest version held are not judged by it.
   * values {policy, versions (those missing), oldest, effective}.
   */
  | 'history-short'
  /**
   * Approval instances of a template the organisation config's `sources` does not map: not read
   * as records. values {platform, template, instances, ids (the first few serials)}.
   */
  | 'unmapped-template'
  /** Approval nodes no step of their template's mapping names: their times are not read. values {platform, template, node, instances}. */
  | 'unmapped-node'
  /**
   * Earlier approval instances of a record that a later one replaces (a resubmission, 钉钉's new
   * instance after a change): the latest counts. values {platform, template, instances, ids}.
   */
  | 'replaced-instance';

/**
 * Warnings that say some evidence went unjudged: an export skipped, a table lacking a column an
 * obligation reads, a record whose carrier or subject could not be placed. A run with one is not
 * clean, even without findings (exitCode in checks/run.ts).
 */
export const unjudgedWarnings: ReadonlySet<WarningCode> = new Set<WarningCode>([
  'old-excel',
  'unreadable-file',
  'absent-column',
  'unlinked-record',
  'unanswered-records',
  'history-short',
  'unmapped-template',
]);

export interface Warning {
  code: WarningCode;
  /** The file it concerns; none for a warning about the folder as a whole. */
  file?: string;
  sheet?: string;
  line?: number;
  values?: Record<string, string | number | boolean | string[] | Source[]>;
}

export interface FileSummary {
  file: string;
  /** Sheet of a workbook. */
  sheet?: string;
  /** Record type, or null for a file or sheet that was skipped (see the warnings). */
  type: string | null;
  format: string;
  encoding?: string;
  read: number;
  accepted: number;
  rejected: number;
}

export interface ObligationSummary {
  policy: string;
  obligation: string;
  rule: string;
  /** Record types it reads (none for a rule about the policies themselves). */
  records: string[];
  /** `no-records`: no export held its record type, so it was not checked (and is not counted as met). */
  checked: true | 'no-records';
  evaluated: number;
  met: number;
  missing: number;
  late: number;
  /** Findings of the other statuses (skipped, out-of-order, incomplete, no-alert). */
  other: number;
  /**
   * Per department: instances judged and met (the on-time rate of the trends), and those in the
   * window not yet due and not yet met (`pending`, left out when none).
   */
  departments: Record<string, { evaluated: number; met: number; pending?: number }>;
  /**
   * Instances in the window that no version of the policy judged: due before its first version took
   * effect, or after a later version dropped the obligation.
   */
  notInForce?: number;
  /** Tables whose records were not judged for it, because they lack columns it reads. */
  unchecked?: { file: string; sheet?: string; columns: string[]; rows: number }[];
  /**
   * Records its rule could not judge, by reason (an evaluation of someone not on the roster): how
   * many, and the first few values and places.
   */
  unanswered?: { title: string; reason: string; rows: number; values: string[]; valueCount: number; lines: Source[] }[];
}

/** Rejected rows of one file (and sheet), column and reason: what a person reads instead of every row. */
export interface RejectionGroup {
  file: string;
  sheet?: string;
  column: string;
  code: Rejection['code'];
  args?: Rejection['args'];
  count: number;
  /** The first lines (at most 20) and the value on the first of them. */
  lines: number[];
  value: string;
}

/**
 * Every rejected row, in the order read: iterable once or many times, held in memory only up to
 * a bound (the rest is kept in a temporary file), so two million bad rows do not fill the memory.
 */
export interface RejectedRows extends Iterable<Rejection> {
  readonly count: number;
  readonly groups: RejectionGroup[];
}

/** How departments did over earlier reports (`--history`): see checks/trends.ts. */
export interface Trends {
  /** The as-of days of the reports read, oldest first (the current one last). */
  reports: string[];
  /** On-time rate per department per month: the latest report of each month, instances due in its window. */
  onTime: { month: string; department: string; evaluated: number; met: number; rate: number | null }[];
  /** Findings open at each report, per obligation and department. */
  open: { asOf: string; policy: string; obligation: string; department: string; count: number }[];
}

export interface Report {
  /** The as-of day (YYYY-MM-DD): the check looks at the start of it. */
  asOf: string;
  /** When the report was made (ISO 8601). */
  madeAt: string;
  /** Set when the report is limited to one department (--department). */
  department?: string;
  since: string;
  timeZone: string;
  /** Obligations due within this many days after as-of and not yet met are listed as upcoming. */
  upcomingDays: number;
  findings: Finding[];
  upcoming: Upcoming[];
  rejected: RejectedRows;
  warnings: Warning[];
  /** With --history: how things went over earlier reports. */
  trends?: Trends;
  summary: {
    files: FileSummary[];
    rows: { read: number; accepted: number; rejected: number };
    /** Findings per status: every status the rules declare, in the registry's order, zero included. */
    findings: Record<FindingStatus, number>;
    upcoming: number;
    warnings: number;
    obligations: ObligationSummary[];
  };
}
