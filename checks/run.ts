// The check: reads every export in a folder, converts rows to records, feeds them to one check
// per obligation that the published (approved) policies declare, and returns the report as data.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
// The loaders and zod schemas are imported only where they are needed (checks/config-cache.ts
// hands the command line a validated config), so a check need not load the validation library.
import type { Organization, RecordsConfig } from '../src/schema/index.ts';
import type { PolicyFile } from '../src/model/load.ts';
import {
  addToDate,
  type CalendarDate,
  compareDates,
  isoDate,
  parseIsoDate,
  startOfDay,
  today,
} from '../src/model/dates.ts';
import { type Check, checksFor } from './engine/checks.ts';
import type { CheckContext } from './engine/context.ts';
import { CheckError } from './engine/errors.ts';
import { readExports } from './engine/read-exports.ts';
import { fieldsRead, Reading } from './engine/reading.ts';
import {
  type Finding,
  type FindingStatus,
  type Report,
  type Upcoming,
  type Warning,
  unjudgedWarnings,
} from './engine/types.ts';
import { currentTimeline, inForceAtAll, type Timeline } from '../src/model/timeline.ts';
import { matchesName } from './read/glob.ts';
import { formatOf } from './read/sources.ts';
import { DepartmentIndex, WallClock } from './read/values.ts';
import { obligationRules, rules, statuses } from './rules/index.ts';
import { enumsFrom } from '../src/schema/record-types.ts';

export { CheckError };
import type { ReadEvent } from './engine/read-exports.ts';
export type { ReadEvent };

export interface CheckOptions {
  recordsDir: string;
  /** YYYY-MM-DD; default today in the organisation's time zone. */
  asOf?: string;
  /** YYYY-MM-DD; default twelve months before as-of. */
  since?: string;
  org?: Organization;
  policies?: PolicyFile[];
  /**
   * The versions of the policies over time (src/model/versions.ts): a record is judged by the
   * version in force on its due date. Default: read from the repository's history when the
   * policies are loaded here; only the given `policies` when they are given without one.
   */
  timeline?: Timeline;
  upcomingDays?: number;
  /** Clock for the default as-of (tests pin it). */
  now?: number;
  onProgress?: (progress: { file: string; bytes: number; rows: number }) => void;
  /** Told how each file was read (one or two threads, and why a fallback happened). */
  onRead?: (event: ReadEvent) => void;
  /** CSV files of this size or more are read on two threads (tests lower it). */
  parallelMinBytes?: number;
}

function parseDay(text: string, option: string) {
  const fail = () =>
    new CheckError(`${option} "${text}" is not a date; write it as YYYY-MM-DD, e.g. ${option} 2026-11-30`);
  let day: CalendarDate;
  try {
    day = parseIsoDate(text);
  } catch {
    throw fail();
  }
  if (new Date(Date.UTC(day.year, day.month - 1, day.day)).toISOString().slice(0, 10) !== text) throw fail();
  return day;
}

export async function loadRecordsConfig(dir: string): Promise<RecordsConfig> {
  const path = join(dir, 'records.yaml');
  if (!existsSync(path)) return { files: [], ignore: [] };
  const [{ RecordsConfigSchema, parseWithFriendlyErrors }, { readYamlFile }] = await Promise.all([
    import('../src/schema/index.ts'),
    import('../src/model/load.ts'),
  ]);
  return parseWithFriendlyErrors(RecordsConfigSchema, readYamlFile(path, path), path);
}

/**
 * Sorts findings by department (in the organisation's order), due date, then subject, in place.
 * Department and date are turned into one number per finding first: comparing hundreds of
 * thousands of findings through Map lookups and string dates was a noticeable part of a run.
 */
function sortFindings(findings: Finding[], order: Map<string, number>) {
  const n = findings.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = findings[i]!;
    const d = f.due; // YYYY-MM-DD
    keys[i] =
      (order.get(f.department) ?? 99) * 1e9 +
      Number(d.slice(0, 4)) * 1e4 +
      Number(d.slice(5, 7)) * 100 +
      Number(d.slice(8, 10));
  }
  const index = new Uint32Array(n).map((_, i) => i);
  index.sort(
    (a, b) =>
      keys[a]! - keys[b]! ||
      (findings[a]!.subject < findings[b]!.subject ? -1 : findings[a]!.subject > findings[b]!.subject ? 1 : a - b),
  );
  const sorted = Array.from(index, (i) => findings[i]!);
  for (let i = 0; i < n; i++) findings[i] = sorted[i]!;
}

/**
 * What a folder entry is, for the files that are not exports. A link is followed; one that leads
 * nowhere or round in a circle, a pipe (FIFO), a device (a link to /dev/zero) or a socket is not a
 * file to read: reading a pipe would wait for ever, a device never end.
 */
function kindOf(dir: string, name: string): 'export' | 'folder' | 'old-excel' | 'other' | 'broken-link' | 'special' {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(join(dir, name));
  } catch {
    return 'broken-link';
  }
  if (stat.isDirectory()) return 'folder';
  if (!stat.isFile()) return 'special';
  if (formatOf(name)) return 'export';
  return extname(name).toLowerCase() === '.xls' ? 'old-excel' : 'other';
}

/**
 * The check as a pipeline: the policies in force and the window, the checks they call for, every
 * export in the folder read into them (checks/engine/read-exports.ts), and the report assembled
 * from what the checks found. Each step is a function below.
 */
/**
 * The exit code a report earns: 1 for findings, rejected rows, or evidence that went unjudged (a
 * skipped export, a column an obligation needs, a record no rule could place); 0 only for a run
 * that judged everything it was given and found nothing.
 */
export function exitCode(report: Report): 0 | 1 {
  return report.findings.length > 0 ||
    report.rejected.count > 0 ||
    report.warnings.some((w) => unjudgedWarnings.has(w.code))
    ? 1
    : 0;
}

export async function runCheck(options: CheckOptions): Promise<Report> {
  const { org, published, timeline } = await policiesFor(options);
  const ctx = contextFor(org, options);
  const dir = recordsFolder(options.recordsDir);
  const config = await loadRecordsConfig(dir);
  const checks = checksFor(ctx, rules, timeline, published);
  const reading = new Reading(checks, {
    departments: new DepartmentIndex(org),
    enums: enumsFrom(org),
    clock: new WallClock(org.timeZone),
    // Text fields are decoded only where a check reads them (record ids are decoded on demand).
    needed: fieldsRead(checks),
    config,
    sources: org.sources,
    onProgress: options.onProgress,
  });
  const names = listExports(dir, reading, config);
  await readExports(reading, dir, names, {
    ctx,
    timeline,
    onRead: options.onRead,
    parallelMinBytes: options.parallelMinBytes,
  });
  if (!reading.files.some((f) => f.type !== null)) throw nothingRead(dir, names, reading);
  refuseUnread(names, reading);
  reading.warnings.unshift(...timelineWarnings(ctx, timeline));
  return assemble(ctx, checks, reading, options.now);
}

async function policiesFor(options: CheckOptions) {
  if (options.org && options.policies)
    return {
      org: options.org,
      published: options.policies,
      timeline: options.timeline ?? currentTimeline(options.org, options.policies),
    };
  const [load, versions] = await Promise.all([import('../src/model/load.ts'), import('../src/model/versions.ts')]);
  const org = options.org ?? load.loadOrganization();
  const published = options.policies ?? load.loadPolicies(org, obligationRules);
  return { org, published, timeline: options.timeline ?? versions.policyTimeline(org, published, obligationRules) };
}

/**
 * What the run must say about the versions it judged by: that it had no history (a shallow clone
 * judges every record by the current versions), and each version in force within the window that
 * this checker cannot read (the version before it judges its dates instead).
 */
function timelineWarnings(ctx: CheckContext, timeline: Timeline): Warning[] {
  if (timeline.source === 'current')
    return timeline.reason === 'given' ? [] : [{ code: 'no-history', values: { reason: timeline.reason } }];
  const since = isoDate(ctx.since);
  const until = isoDate(ctx.asOf);
  // A history shorter than a page's own changes list (a squashed or rewritten history): the page
  // imposes nothing before the oldest version the history holds, which leaves earlier due dates in
  // the window unjudged; said, with how they are judged.
  const short: Warning[] = [];
  for (const now of timeline.versions.filter((v) => v.commit === null && v.policy)) {
    const held = timeline.versions.filter((v) => v.id === now.id);
    const oldest = held.reduce((a, b) => (b.effective < a.effective ? b : a));
    const missing = now.policy!.policy.changes.map((c) => c.version).filter((v) => !held.some((h) => h.version === v));
    if (missing.length && oldest.effective > since)
      short.push({
        code: 'history-short',
        values: { policy: now.id, versions: missing, oldest: oldest.version, effective: oldest.effective },
      });
  }
  return [
    ...short,
    ...timeline.versions
      .filter((v) => v.problem && inForceAtAll(v) && v.effective <= until && (v.until === undefined || v.until > since))
      .map((v) => ({
        code: 'version-unreadable' as const,
        values: {
          policy: v.id,
          version: v.version,
          effective: v.effective,
          until: v.until ?? '',
          commit: v.commit?.slice(0, 8) ?? '',
          problem: v.problem!,
        },
      })),
  ];
}

/** The window (--since to --as-of) and the settings every check shares. */
function contextFor(org: Organization, options: CheckOptions): CheckContext {
  const asOf = options.asOf !== undefined ? parseDay(options.asOf, '--as-of') : today(org.timeZone, options.now);
  const since = options.since !== undefined ? parseDay(options.since, '--since') : addToDate(asOf, -12, 0);
  if (compareDates(since, asOf) > 0)
    throw new CheckError(
      `--since ${isoDate(since)} is after --as-of ${isoDate(asOf)}; the window runs from --since up to --as-of`,
    );
  return { org, asOf, asOfStart: startOfDay(asOf, org.timeZone), since, upcomingDays: options.upcomingDays ?? 7 };
}

function recordsFolder(dir: string) {
  if (!existsSync(dir))
    throw new CheckError(`records folder "${dir}" does not exist; pass --records <folder of exports>`);
  if (!statSync(dir).isDirectory())
    throw new CheckError(
      `--records "${dir}" is a file, not a folder; pass the folder that holds the exports (all of its files are read)`,
    );
  return dir;
}

/** The folder's exports in name order; every other entry is recorded as skipped, with why. */
function listExports(dir: string, reading: Reading, config: RecordsConfig): string[] {
  const names: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'records.yaml') continue;
    if (config.ignore.some((pattern) => matchesName(name, pattern))) {
      reading.skipFile(name, extname(name).slice(1) || '-', 'ignored-file');
      continue;
    }
    const kind = kindOf(dir, name);
    if (kind === 'export') names.push(name);
    else if (kind === 'old-excel') reading.skipFile(name, 'xls', 'old-excel');
    else if (kind === 'broken-link' || kind === 'special') reading.skipFile(name, '-', 'not-a-file', { kind });
    else reading.skipFile(name, kind === 'folder' ? 'folder' : extname(name).slice(1) || '-', 'skipped-file', { kind });
  }
  return names;
}

/**
 * An export file none of whose tables matches a record type stops the check (exit 2): beside good
 * exports its records would silently not count, and the run would look clean. A title row, a
 * semicolon or a tab no longer cause it; what remains is a header the checker does not know.
 */
function refuseUnread(names: string[], reading: Reading) {
  const unread = names.filter((name) => {
    const tables = reading.files.filter((f) => f.file === name);
    return (
      tables.length > 0 &&
      tables.every((f) => f.type === null) &&
      reading.warnings.some((w) => w.file === name && w.code === 'unrecognised-table')
    );
  });
  if (!unread.length) return;
  const hints = unread.map((name) => {
    const w = reading.warnings.find((x) => x.file === name && x.code === 'unrecognised-table')!;
    const missing = (w.values?.missing as string[] | undefined)?.join('、') ?? '';
    const candidates = w.values?.candidates as string[] | undefined;
    if (w.values?.stated) return `${name}（名称表明是 ${w.values.stated}，缺少列 ${missing}）`;
    if (candidates)
      return `${name}（可能是 ${candidates.join(' 或 ')}，列不足以区分${missing ? `；按 ${w.values?.closest} 缺少列 ${missing}` : ''}）`;
    return `${name}（最接近 ${w.values?.closest}，缺少列 ${missing}）`;
  });
  throw new CheckError(
    `${unread.length === 1 ? 'an export matches' : `${unread.length} exports match`} no record type, so their records would not count: ${hints.join('; ')}. ` +
      'Name its columns as the checker reference page lists them, map them in records.yaml (files:), or list the file under ignore: in records.yaml if it is not an export.',
  );
}

function nothingRead(dir: string, names: string[], reading: Reading) {
  const skipped = reading.files.map((f) => f.file).join(', ');
  return new CheckError(
    names.length + reading.files.length === 0
      ? `records folder "${dir}" holds no export files (.csv, .xlsx, .json, .ndjson)`
      : `no export in "${dir}" could be read (${skipped}); the checker reads .csv, .xlsx, .json and .ndjson exports whose header names a record type`,
  );
}

/** The report: what each check found, sorted for reading, with the counts that reconcile. */
function assemble(ctx: CheckContext, checks: Check[], reading: Reading, now?: number): Report {
  const { org } = ctx;
  const { files, warnings } = reading;
  // An obligation whose record type no export supplied is not checked: it would show every
  // instance as missing, and a forgotten file must not pass for a department's failure, nor its
  // absence for compliance. The summary says so, and a warning names the record type.
  const read = new Set(files.map((f) => f.type));
  for (const type of new Set(checks.flatMap((c) => c.types)))
    if (!read.has(type)) warnings.push({ code: 'no-records', values: { type } });
  const evaluated = checks.filter((c) => {
    if (c.types.every((t) => read.has(t))) return true;
    c.summary.checked = 'no-records';
    return false;
  });

  const upcoming: Upcoming[] = [];
  const results = evaluated.map((c) => c.finish());
  // Records a rule could not judge: a warning each reason, so that the run does not pass for clean.
  for (const c of evaluated)
    for (const u of c.summary.unanswered ?? [])
      warnings.push({
        code: 'unanswered-records',
        values: {
          obligation: c.summary.obligation,
          title: u.title,
          policy: c.summary.policy,
          reason: u.reason,
          rows: u.rows,
          values: u.values,
          valueCount: u.valueCount,
          lines: u.lines,
        },
      });
  // One array of the exact size (hundreds of thousands of findings: no regrowth, no spread).
  const findings: Finding[] = new Array(results.reduce((n, r) => n + r.findings.length, 0));
  let at = 0;
  for (const result of results) {
    for (const f of result.findings) findings[at++] = f;
    for (const u of result.upcoming) upcoming.push(u);
  }
  const order = new Map(org.departments.map((d, i) => [d.id, i]));
  // Dates and ids sort by code point; localeCompare (ICU) is far slower and adds nothing here.
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const byDept = (a: { department: string; due: string; subject: string }, b: typeof a) =>
    (order.get(a.department) ?? 99) - (order.get(b.department) ?? 99) ||
    byText(a.due, b.due) ||
    byText(a.subject, b.subject);
  sortFindings(findings, order);
  upcoming.sort((a, b) => byText(a.due, b.due) || byDept(a, b));
  const rows = files.reduce(
    (acc, f) => ({ read: acc.read + f.read, accepted: acc.accepted + f.accepted, rejected: acc.rejected + f.rejected }),
    { read: 0, accepted: 0, rejected: 0 },
  );
  const byStatus = Object.fromEntries([...statuses.keys()].map((s) => [s, 0])) as Record<FindingStatus, number>;
  for (const f of findings) byStatus[f.status]++;
  return {
    asOf: isoDate(ctx.asOf),
    madeAt: new Date(now ?? Date.now()).toISOString(),
    since: isoDate(ctx.since),
    timeZone: org.timeZone,
    upcomingDays: ctx.upcomingDays,
    findings,
    upcoming,
    rejected: reading.rejected,
    warnings,
    summary: {
      files,
      rows,
      findings: byStatus,
      upcoming: upcoming.length,
      warnings: warnings.length,
      obligations: checks.map((c) => c.summary),
    },
  };
}
