// The checker's report as data: what the JSON reporter writes and every other reporter formats.
import type { Rejection } from '../read/records.ts';

export type FindingStatus = 'missing' | 'late';

export interface Finding {
  /** Rule that produced it, e.g. `periodic-obligation`. */
  rule: string;
  /** Obligation id from policy frontmatter, e.g. `annual-plan`. */
  obligation: string;
  /** What the obligation requires, e.g. 提交下一年度运营计划. */
  title: string;
  /** Policy id, e.g. `OPS-03`. */
  policy: string;
  /** Department id that carries it. */
  department: string;
  /** The period (`2027-Q1`) or the record id (`M-0001`) the finding is about. */
  subject: string;
  status: FindingStatus;
  /** Due date (end of this day in the organisation's time zone). */
  due: string;
  /** The evidence timestamp (ISO 8601, UTC), or null when none counts. */
  actual: string | null;
  /** Whole days past due: by the evidence for `late`, by as-of for `missing`. */
  daysLate: number;
  /** The record behind the finding, where one exists. */
  source: { file: string; line: number } | null;
  /** The policy section on the published handbook. */
  link: string;
  /** What the rule checks, on the handbook's reference page. */
  help: string;
}

export interface Upcoming extends Omit<Finding, 'status' | 'actual' | 'daysLate'> {
  /** Whole days from as-of to the end of the due day. */
  daysLeft: number;
}

export interface Warning {
  code: 'duplicate-record' | 'invalid-bytes' | 'skipped-file' | 'no-records';
  file: string;
  line?: number;
  message: string;
}

export interface FileSummary {
  file: string;
  /** Sheet of a workbook. */
  sheet?: string;
  type: string;
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
  evaluated: number;
  met: number;
  missing: number;
  late: number;
}

export interface Report {
  /** The as-of day (YYYY-MM-DD): the check looks at the start of it. */
  asOf: string;
  since: string;
  timeZone: string;
  findings: Finding[];
  upcoming: Upcoming[];
  rejected: Rejection[];
  warnings: Warning[];
  summary: {
    files: FileSummary[];
    rows: { read: number; accepted: number; rejected: number };
    findings: { missing: number; late: number };
    upcoming: number;
    warnings: number;
    obligations: ObligationSummary[];
  };
}
