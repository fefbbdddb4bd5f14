// The check: reads every export in a folder, converts rows to records, feeds them to one check
// per obligation that the published (approved) policies declare, and returns the report as data.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
// The loaders and zod schemas are imported only where they are needed (checks/config-cache.ts
// hands the command line a validated config), so a check need not load the validation library.
import type { Organization, RecordsConfig } from '../src/schema/index.ts';
import type { PolicyFile } from '../src/model/load.ts';
import { addToDate, isoDate, parseIsoDate, startOfDay, today } from '../src/model/dates.ts';
import { recordTypes } from '../src/schema/record-types.ts';
import { CheckError } from './engine/errors.ts';
import { countNewlines, csvHeader, planParts, readPartInWorker } from './engine/parallel.ts';
import { Reading, checksFor, findFirstSightings, mappingFor, type ReadOptions } from './engine/reading.ts';
import { mapHeader } from './read/records.ts';
import type { Part, SourceInfo } from './read/sources.ts';
import { DepartmentIndex, WallClock } from './read/values.ts';
import { checkPolicyReviews } from './rules/policy-review.ts';
import type { CheckContext } from './engine/context.ts';
import type { Finding, Report, Upcoming } from './engine/types.ts';

export { CheckError };

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
  /** CSV files of this size or more are read on two threads (tests lower it). */
  parallelMinBytes?: number;
}

function parseDay(text: string, option: string) {
  const fail = () => new CheckError(`${option} "${text}" is not a date; write it as YYYY-MM-DD, e.g. ${option} 2026-11-30`);
  let day;
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
  const [{ RecordsConfigSchema, parseWithFriendlyErrors }, { readYamlFile }] = await Promise.all([import('../src/schema/index.ts'), import('../src/model/load.ts')]);
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
    keys[i] = (order.get(f.department) ?? 99) * 1e9 + Number(d.slice(0, 4)) * 1e4 + Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10));
  }
  const index = new Uint32Array(n).map((_, i) => i);
  index.sort((a, b) => keys[a]! - keys[b]! || (findings[a]!.subject < findings[b]!.subject ? -1 : findings[a]!.subject > findings[b]!.subject ? 1 : a - b));
  const sorted = Array.from(index, (i) => findings[i]!);
  for (let i = 0; i < n; i++) findings[i] = sorted[i]!;
}

export async function runCheck(options: CheckOptions): Promise<Report> {
  const load = options.org && options.policies ? undefined : await import('../src/model/load.ts');
  const org = options.org ?? load!.loadOrganization();
  const published = options.policies ?? load!.loadPolicies(org);
  const policies = published.filter((p) => p.policy.status === 'approved');
  const asOf = options.asOf ? parseDay(options.asOf, '--as-of') : today(org.timeZone, options.now);
  const since = options.since ? parseDay(options.since, '--since') : addToDate(asOf, -12, 0);
  const ctx: CheckContext = { org, asOf, asOfStart: startOfDay(asOf, org.timeZone), since, upcomingDays: options.upcomingDays ?? 7 };

  const dir = options.recordsDir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CheckError(`records folder "${dir}" does not exist; pass --records <folder of exports>`);
  const config = await loadRecordsConfig(dir);

  const checks = checksFor(ctx, policies);

  // Text fields are decoded only where a check reads them: the record id, and fields obligations match on.
  const needed = new Set(policies.flatMap((p) => p.policy.obligations.flatMap((o) => Object.keys(o.match))));
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith('.') && n !== 'records.yaml' && statSync(join(dir, n)).isFile())
    .sort();

  const readOptions: ReadOptions = { departments: new DepartmentIndex(org), clock: new WallClock(org.timeZone), needed, config, onProgress: options.onProgress };
  const reading = new Reading(checks, readOptions);
  const { files, rejected, warnings, suspects } = reading;
  /** A file whose second part a worker is reading, and where its results belong. */
  interface Pending {
    name: string;
    type: string;
    second: Part;
    cut: number;
    worker: ReturnType<typeof readPartInWorker>;
    first: SourceInfo;
    marks: [number, number, number];
  }
  let pending: Pending | undefined;
  const settle = async ({ name, second, cut, worker, first, marks }: Pending) => {
    const result = await worker.result;
    const since = reading.mark();
    let replacements = first.replacements;
    if (result && reading.canAbsorb(result)) {
      reading.absorb(name, result);
      replacements += result.replacements;
    } else {
      // Read the second part here, in order after the first.
      const firstLine = result?.firstLine ?? 1 + countNewlines(join(dir, name), cut);
      replacements += (await reading.readFile(dir, name, { ...second, firstLine, continuePastEnd: true })).replacements;
    }
    reading.warnInvalidBytes(name, { encoding: first.encoding, replacements });
    reading.moveSince(since, marks);
  };
  const typeOf = (name: string) => {
    const header = csvHeader(join(dir, name));
    const mapped = header && mapHeader(header, mappingFor(config, name));
    return mapped && !('error' in mapped) ? mapped.type : undefined;
  };

  for (const name of names) {
    // A file of another record type is independent of the pending part; one of the same type (or
    // of a type not told from its first bytes) waits for it.
    if (pending && (typeOf(name) ?? pending.type) === pending.type) {
      await settle(pending);
      pending = undefined;
    }
    const plan = planParts(join(dir, name), options.parallelMinBytes);
    const mapped = plan && mapHeader(plan.header, mappingFor(config, name));
    if (!plan || !mapped || 'error' in mapped || pending) {
      reading.warnInvalidBytes(name, await reading.readFile(dir, name));
      continue;
    }
    // A large CSV file: the second part on a worker thread while this one reads the first.
    const second: Part = { start: plan.cut, end: plan.size, firstLine: 0, header: plan.header, continuePastEnd: false };
    const progress = new Float64Array(new SharedArrayBuffer(16));
    const worker = readPartInWorker({ dir, name, part: second, progress, ctx, policies, needed: [...needed], config });
    const first = await reading.readFile(dir, name, { start: 0, end: plan.cut, firstLine: 1, continuePastEnd: true }, progress);
    if (first.openAtEnd) {
      // A record ran across the cut, so the first part was read to the end of the file.
      worker.cancel();
      reading.warnInvalidBytes(name, first);
      continue;
    }
    pending = { name, type: mapped.type, second, cut: plan.cut, worker, first, marks: reading.mark() };
  }
  if (pending) await settle(pending);
  if (suspects.length) {
    const first = await findFirstSightings(dir, names, suspects, readOptions);
    for (const suspect of suspects) {
      const { record, key } = suspect;
      const prior = first.get(`${record.type}\u0000${key}`)!;
      if (prior.table === suspect.section && prior.line === record.line) {
        // Only a shared fingerprint: the first record with this id after all.
        for (const { type, check } of checks) if (type === record.type) check.onRecord(record);
      } else if (prior.hash !== suspect.hash) {
        warnings.push({
          code: 'duplicate-record',
          file: record.file,
          line: record.line,
          message: `${recordTypes[record.type].label}记录“${key}”出现两次且内容不同：${prior.file} 第 ${prior.line} 行与 ${record.file} 第 ${record.line} 行；以第一条为准`,
        });
      }
    }
  }
  if (files.length === 0 && names.length === 0) throw new CheckError(`records folder "${dir}" holds no export files (.csv, .xlsx, .json, .ndjson)`);

  // An obligation whose record type no export supplied would show every instance as missing:
  // say so, so that a forgotten file is not mistaken for a department's failure.
  for (const type of new Set(checks.map((c) => c.type))) {
    if (!files.some((f) => f.type === type))
      warnings.push({ code: 'no-records', file: dir, message: `没有读到任何${recordTypes[type].label}记录：依据它核查的要求都会显示为缺失。请确认导出文件夹中包含这类文件。` });
  }

  const upcoming: Upcoming[] = [];
  const reviews = checkPolicyReviews(ctx, published);
  const results = [...checks.map(({ check }) => check.finish()), reviews];
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
    (order.get(a.department) ?? 99) - (order.get(b.department) ?? 99) || byText(a.due, b.due) || byText(a.subject, b.subject);
  sortFindings(findings, order);
  upcoming.sort((a, b) => byText(a.due, b.due) || byDept(a, b));
  const rows = files.reduce((acc, f) => ({ read: acc.read + f.read, accepted: acc.accepted + f.accepted, rejected: acc.rejected + f.rejected }), { read: 0, accepted: 0, rejected: 0 });
  return {
    asOf: isoDate(asOf),
    since: isoDate(since),
    timeZone: org.timeZone,
    findings,
    upcoming,
    rejected,
    warnings,
    summary: {
      files,
      rows,
      findings: { missing: findings.filter((f) => f.status === 'missing').length, late: findings.filter((f) => f.status === 'late').length },
      upcoming: upcoming.length,
      warnings: warnings.length,
      obligations: [...checks.map((c) => c.check.summary), reviews.summary],
    },
  };
}
