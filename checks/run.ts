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
import { checksFor } from './engine/checks.ts';
import { CheckError } from './engine/errors.ts';
import { countNewlines, csvHeader, planParts, readPartInWorker } from './engine/parallel.ts';
import {
  Reading,
  findFirstSightings,
  mappingFor,
  UnreadableFile,
  type ReadingMark,
  type ReadOptions,
} from './engine/reading.ts';
import { mapHeader } from './read/records.ts';
import { formatOf, type Part, type SourceInfo } from './read/sources.ts';
import { DepartmentIndex, WallClock } from './read/values.ts';
import type { CheckContext } from './engine/context.ts';
import type { Finding, FindingStatus, Report, Upcoming } from './engine/types.ts';
import { obligationRules, rules, statuses } from './rules/index.ts';

export { CheckError };

/** How a file was read: for tests that must notice when two threads quietly became one. */
export interface ReadEvent {
  file: string;
  threads: 1 | 2;
  /** Why a file planned for two threads was read (partly) again on one. */
  fallback?: 'record-across-cut' | 'repeated-id' | 'worker-failed';
  error?: string;
}

export interface CheckOptions {
  recordsDir: string;
  /** YYYY-MM-DD; default today in the organisation's time zone. */
  asOf?: string;
  /** YYYY-MM-DD; default twelve months before as-of. */
  since?: string;
  org?: Organization;
  policies?: PolicyFile[];
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
  if (!existsSync(path)) return { files: [] };
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

/** What a folder entry is, for the files that are not exports. */
function kindOf(dir: string, name: string): 'export' | 'folder' | 'old-excel' | 'other' {
  if (statSync(join(dir, name)).isDirectory()) return 'folder';
  if (formatOf(name)) return 'export';
  return extname(name).toLowerCase() === '.xls' ? 'old-excel' : 'other';
}

export async function runCheck(options: CheckOptions): Promise<Report> {
  const load = options.org && options.policies ? undefined : await import('../src/model/load.ts');
  const org = options.org ?? load!.loadOrganization();
  const published = options.policies ?? load!.loadPolicies(org, obligationRules);
  const enforced = published.filter((p) => p.policy.status === 'approved');
  const asOf = options.asOf !== undefined ? parseDay(options.asOf, '--as-of') : today(org.timeZone, options.now);
  const since = options.since !== undefined ? parseDay(options.since, '--since') : addToDate(asOf, -12, 0);
  if (compareDates(since, asOf) > 0)
    throw new CheckError(
      `--since ${isoDate(since)} is after --as-of ${isoDate(asOf)}; the window runs from --since up to --as-of`,
    );
  const ctx: CheckContext = {
    org,
    asOf,
    asOfStart: startOfDay(asOf, org.timeZone),
    since,
    upcomingDays: options.upcomingDays ?? 7,
  };

  const dir = options.recordsDir;
  if (!existsSync(dir))
    throw new CheckError(`records folder "${dir}" does not exist; pass --records <folder of exports>`);
  if (!statSync(dir).isDirectory())
    throw new CheckError(
      `--records "${dir}" is a file, not a folder; pass the folder that holds the exports (all of its files are read)`,
    );
  const config = await loadRecordsConfig(dir);

  const checks = checksFor(ctx, rules, enforced, published);
  // Text fields are decoded only where a check reads them (record ids are decoded on demand).
  const needed = new Set(checks.flatMap((c) => c.fields));
  const readOptions: ReadOptions = {
    departments: new DepartmentIndex(org),
    clock: new WallClock(org.timeZone),
    needed,
    config,
    onProgress: options.onProgress,
  };
  const reading = new Reading(checks, readOptions);
  const { files, warnings, repeats } = reading;

  const names: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === 'records.yaml') continue;
    const kind = kindOf(dir, name);
    if (kind === 'export') names.push(name);
    else if (kind === 'old-excel') reading.skipFile(name, 'xls', 'old-excel');
    else reading.skipFile(name, kind === 'folder' ? 'folder' : extname(name).slice(1) || '-', 'skipped-file', { kind });
  }

  const readWhole = async (name: string) => {
    try {
      reading.warnInvalidBytes(name, await reading.readFile(dir, name));
    } catch (error) {
      if (error instanceof UnreadableFile)
        reading.skipFile(name, formatOf(name)!, 'unreadable-file', { reason: error.message });
      else if (error instanceof CheckError) throw error;
      else
        throw new CheckError(
          `${name}: cannot be read: ${(error as Error).message}. Check that it is a complete, unencrypted export.`,
        );
    }
  };

  /** A file whose second part a worker is reading, and where its results belong. */
  interface Pending {
    name: string;
    type: string;
    second: Part;
    cut: number;
    worker: ReturnType<typeof readPartInWorker>;
    first: SourceInfo;
    mark: ReadingMark;
  }
  const settle = async ({ name, second, cut, worker, first, mark }: Pending) => {
    const result = await worker.result;
    let replacements = first.replacements;
    if (!(result instanceof Error) && reading.canAbsorb(result)) {
      reading.absorb(name, result, mark);
      replacements += result.replacements;
      options.onRead?.({ file: name, threads: 2 });
    } else {
      // Read the second part here, in order after the first.
      const firstLine = result instanceof Error ? 1 + countNewlines(join(dir, name), cut) : result.firstLine;
      replacements += (await reading.readAt(mark, dir, name, { ...second, firstLine, continuePastEnd: true }))
        .replacements;
      options.onRead?.(
        result instanceof Error
          ? { file: name, threads: 1, fallback: 'worker-failed', error: result.message }
          : { file: name, threads: 1, fallback: 'repeated-id' },
      );
    }
    reading.warnInvalidBytes(name, { encoding: first.encoding, replacements });
  };
  const typeOf = (name: string) => {
    const header = csvHeader(join(dir, name));
    const mapped = header && mapHeader(header, mappingFor(config, name));
    return mapped && !('error' in mapped) ? mapped.type : undefined;
  };

  let pending: Pending | undefined;
  for (const name of names) {
    // While a worker reads the rest of a large file, this thread reads the next files: those of
    // another record type are independent of it; one of the same type (or of a type not told
    // from its first bytes) waits for it, so that the checks see its records in order.
    if (pending && (typeOf(name) ?? pending.type) === pending.type) {
      await settle(pending);
      pending = undefined;
    }
    const plan = pending ? undefined : planParts(join(dir, name), options.parallelMinBytes);
    const mapped = plan && mapHeader(plan.header, mappingFor(config, name));
    if (!plan || !mapped || 'error' in mapped) {
      await readWhole(name);
      options.onRead?.({ file: name, threads: 1 });
      continue;
    }
    // A large CSV file: the second part on a worker thread while this one reads the first.
    const second: Part = { start: plan.cut, end: plan.size, firstLine: 0, header: plan.header, continuePastEnd: false };
    const progress = new Float64Array(new SharedArrayBuffer(16));
    const worker = readPartInWorker({
      dir,
      name,
      part: second,
      progress,
      ctx,
      policies: enforced,
      needed: [...needed],
      config,
    });
    const first = await reading.readFile(
      dir,
      name,
      { start: 0, end: plan.cut, firstLine: 1, continuePastEnd: true },
      progress,
    );
    if (first.openAtEnd) {
      // A record ran across the cut, so the first part was read to the end of the file.
      worker.cancel();
      reading.warnInvalidBytes(name, first);
      options.onRead?.({ file: name, threads: 1, fallback: 'record-across-cut' });
      continue;
    }
    pending = { name, type: mapped.type, second, cut: plan.cut, worker, first, mark: reading.mark() };
  }
  if (pending) await settle(pending);
  if (!files.some((f) => f.type !== null)) {
    const skipped = files.map((f) => f.file).join(', ');
    throw new CheckError(
      names.length + files.length === 0
        ? `records folder "${dir}" holds no export files (.csv, .xlsx, .json, .ndjson)`
        : `no export in "${dir}" could be read (${skipped}); the checker reads .csv, .xlsx, .json and .ndjson exports whose header names a record type`,
    );
  }

  if (repeats.size) {
    const first = await findFirstSightings(dir, names, repeats, readOptions);
    // In the order their first repeat was read (files in name order, lines within a file), which
    // is the order one pass in order finds them whichever thread read them.
    const inOrder = [...repeats].sort(([, a], [, b]) => {
      const x = a.lines[0]!,
        y = b.lines[0]!;
      return x.file < y.file
        ? -1
        : x.file > y.file
          ? 1
          : x.sheet === undefined && y.sheet === undefined
            ? x.line - y.line
            : 0;
    });
    for (const [id, repeat] of inOrder) {
      // The second look reads what the first read; should a file have changed meanwhile, the
      // repeat's own first line stands in for the first sighting.
      const prior = first.get(id) ?? {
        file: repeat.record.file,
        sheet: repeat.record.sheet,
        table: '',
        line: repeat.record.line,
        hash: repeat.hash,
      };
      let count = repeat.count;
      let lines = repeat.lines;
      if (prior.table === repeat.table && prior.line === repeat.record.line) {
        // Only a shared fingerprint: the first record with this id after all.
        for (const check of checks) if (check.types.includes(repeat.type)) check.onRecord(repeat.record);
        count--;
        lines = lines.slice(1);
      }
      if (count === 0) continue;
      warnings.push({
        code: 'duplicate-record',
        file: prior.file,
        ...(prior.sheet === undefined ? {} : { sheet: prior.sheet }),
        line: prior.line,
        values: {
          type: repeat.type,
          key: repeat.key,
          count: count + 1,
          differs: repeat.differs || prior.hash !== repeat.hash,
          lines,
        },
      });
    }
  }

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
    asOf: isoDate(asOf),
    madeAt: new Date(options.now ?? Date.now()).toISOString(),
    since: isoDate(since),
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
