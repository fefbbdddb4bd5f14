// The check: reads every export in a folder, converts rows to records, feeds them to one check
// per obligation that the published (approved) policies declare, and returns the report as data.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { RecordsConfigSchema, parseWithFriendlyErrors, type Organization, type RecordType, type RecordsConfig } from '../src/schema/index.ts';
import { loadOrganization, loadPolicies, readYamlFile, type PolicyFile } from '../src/model/load.ts';
import { addToDate, isoDate, parseIsoDate, startOfDay, today } from '../src/model/dates.ts';
import { recordTypes } from '../src/schema/index.ts';
import { readSource } from './read/sources.ts';
import type { Cells } from './read/cells.ts';
import { CsvRow } from './read/csv.ts';
import { RowConverter, mapHeader, type Rejection, type TypedRecord } from './read/records.ts';
import { SeenKeys } from './engine/seen-keys.ts';
import { DepartmentIndex, WallClock } from './read/values.ts';
import { rules } from './rules/index.ts';
import { checkPolicyReviews } from './rules/policy-review.ts';
import type { CheckContext, ObligationCheck } from './engine/context.ts';
import type { FileSummary, Finding, Report, Upcoming, Warning } from './engine/types.ts';

/** The check could not run: the message says what to fix. The CLI exits with 2. */
export class CheckError extends Error {
  override name = 'CheckError';
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

/** A hash of a row's cells: tells a repeated record from a different one with the same id. */
function rowHash(cells: Cells): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    const s = typeof c === 'string' ? c : c instanceof Date ? c.toISOString() : String(c ?? '');
    for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return h >>> 0;
}

const rowRejection = (file: string, line: number, reason: string): Rejection => ({ file, line, column: '', value: '', reason, problems: [{ column: '', value: '', reason }] });

/** Adds the row's record id to `seen` (false if seen before): from the CSV bytes where they are the id's. */
function addKey(seen: SeenKeys, cells: Cells, index: number, values: TypedRecord['values'], field: string): boolean {
  if (cells instanceof CsvRow && cells.flags[index] === 0) {
    const s = cells.starts[index]!, e = cells.ends[index]!;
    const a = cells.buf[s]!, b = cells.buf[e - 1]!;
    // Visible ASCII at both ends: the trimmed id is exactly these bytes.
    if (a > 32 && a < 127 && b > 32 && b < 127) return seen.addBytes(cells.buf, s, e);
  }
  return seen.addString(values[field] as string);
}

/** A row whose id was seen before (or shares a fingerprint with one): settled after reading. */
interface Suspect {
  record: TypedRecord;
  section: string;
  key: string;
  hash: number;
}

const tableOf = (name: string, sheet: string | undefined) => `${name}\u0000${sheet ?? ''}`;

export function loadRecordsConfig(dir: string): RecordsConfig {
  const path = join(dir, 'records.yaml');
  if (!existsSync(path)) return { files: [] };
  return parseWithFriendlyErrors(RecordsConfigSchema, readYamlFile(path, path), path);
}

/**
 * The second look for rows whose id was seen before: reads the exports again, in the same order
 * and with the same conversion, and notes where each suspect id first occurs and its row hash.
 * It runs only when an export repeats an id, and stops as soon as every suspect id is placed.
 */
async function findFirstSightings(
  dir: string,
  names: string[],
  config: RecordsConfig,
  suspects: Suspect[],
  departments: DepartmentIndex,
  clock: WallClock,
  needed: Set<string>,
): Promise<Map<string, { file: string; table: string; line: number; hash: number }>> {
  const wanted = new Map(suspects.map((s) => [`${s.record.type}\u0000${s.key}`, undefined as { file: string; table: string; line: number; hash: number } | undefined]));
  let open = wanted.size;
  const done = new Error('all placed');
  for (const name of names) {
    const forced = config.files.find((f) => matchesGlob(name, f.pattern));
    let converter: RowConverter | undefined;
    let table = '';
    try {
      await readSource(join(dir, name), {
        begin(sheet) {
          converter = undefined;
          table = tableOf(name, sheet);
        },
        header(cells) {
          const mapped = cells.length ? mapHeader(cells.map(String), forced) : undefined;
          converter = mapped && !('error' in mapped) ? new RowConverter(mapped, name, departments, clock, needed) : undefined;
        },
        row(cells, line, problem) {
          if (problem || !converter || converter.convert(cells, line)) return;
          const { type, values } = converter.record;
          const id = `${type}\u0000${values[recordTypes[type].key] as string}`;
          if (!wanted.has(id) || wanted.get(id)) return;
          wanted.set(id, { file: name, table, line, hash: rowHash(cells) });
          if (--open === 0) throw done;
        },
      });
    } catch (error) {
      if (error === done) break;
      throw error;
    }
  }
  return wanted as Map<string, { file: string; table: string; line: number; hash: number }>;
}

export async function runCheck(options: CheckOptions): Promise<Report> {
  const org = options.org ?? loadOrganization();
  const published = options.policies ?? loadPolicies(org);
  const policies = published.filter((p) => p.policy.status === 'approved');
  const asOf = options.asOf ? parseDay(options.asOf, '--as-of') : today(org.timeZone, options.now);
  const since = options.since ? parseDay(options.since, '--since') : addToDate(asOf, -12, 0);
  const ctx: CheckContext = { org, asOf, asOfStart: startOfDay(asOf, org.timeZone), since, upcomingDays: options.upcomingDays ?? 7 };

  const dir = options.recordsDir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CheckError(`records folder "${dir}" does not exist; pass --records <folder of exports>`);
  const config = loadRecordsConfig(dir);

  const checks: { type: RecordType; check: ObligationCheck }[] = [];
  for (const policy of policies) {
    for (const obligation of policy.policy.obligations) {
      const rule = rules.find((r) => r.applies(obligation));
      if (rule) checks.push({ type: obligation.records, check: rule.create(ctx, policy, obligation) });
    }
  }

  const files: FileSummary[] = [];
  const rejected: Rejection[] = [];
  const warnings: Warning[] = [];
  const seen = Object.fromEntries(Object.keys(recordTypes).map((t) => [t, new SeenKeys()])) as Record<RecordType, SeenKeys>;
  const suspects: Suspect[] = [];
  const departments = new DepartmentIndex(org);
  const clock = new WallClock(org.timeZone);
  // Text fields are decoded only where a check reads them: the record id, and fields obligations match on.
  const needed = new Set(policies.flatMap((p) => p.policy.obligations.flatMap((o) => Object.keys(o.match))));
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith('.') && n !== 'records.yaml' && statSync(join(dir, n)).isFile())
    .sort();

  for (const name of names) {
    const path = join(dir, name);
    const forced = config.files.find((f) => matchesGlob(name, f.pattern));
    let current: FileSummary | undefined;
    let converter: RowConverter | undefined;
    let keyIndex = -1;
    let keyField = '';
    let typeChecks: ObligationCheck[] = [];
    let rows = 0;
    let section: string | undefined;
    const where = () => (section ? `${name} [${section}]` : name);
    try {
      const info = await readSource(path, {
        begin(sheet) {
          section = sheet;
          current = undefined;
          converter = undefined;
        },
        header(cells) {
          if (cells.length === 0) {
            warnings.push({ code: 'skipped-file', file: name, message: `${where()}：空文件，没有表头也没有记录` });
            return;
          }
          const mapped = mapHeader(cells.map(String), forced);
          if ('error' in mapped) throw new CheckError(`${where()}: ${mapped.error}`);
          converter = new RowConverter(mapped, name, departments, clock, needed);
          keyField = recordTypes[mapped.type].key;
          keyIndex = mapped.columns.find(([f]) => f === keyField)![1];
          typeChecks = checks.filter((c) => c.type === mapped.type).map((c) => c.check);
          current = { file: name, ...(section ? { sheet: section } : {}), type: mapped.type, format: '', read: 0, accepted: 0, rejected: 0 };
          files.push(current);
        },
        row(cells, line, problem) {
          rows++;
          // Rows after an unusable header: counted and rejected, never lost.
          current ??= files[files.push({ file: name, type: 'unknown', format: '', read: 0, accepted: 0, rejected: 0 }) - 1]!;
          current.read++;
          const rejected_ = problem ? rowRejection(name, line, problem) : converter ? converter.convert(cells, line) : rowRejection(name, line, '没有表头行，无法确定各列的含义');
          if (rejected_) {
            current.rejected++;
            rejected.push(rejected_);
            return;
          }
          current.accepted++;
          const record = converter!.record;
          if (!addKey(seen[record.type], cells, keyIndex, record.values, keyField)) {
            const key = record.values[keyField] as string;
            suspects.push({ record: { ...record, values: { ...record.values } }, section: tableOf(name, section), key, hash: rowHash(cells) });
            return;
          }
          for (const check of typeChecks) check.onRecord(record);
        },
        bytes(bytes) {
          options.onProgress?.({ file: name, bytes, rows });
        },
      });
      for (const f of files) if (f.file === name) Object.assign(f, { format: info.format, ...(info.encoding ? { encoding: info.encoding } : {}) });
      if (info.replacements > 0)
        warnings.push({
          code: 'invalid-bytes',
          file: name,
          message: `${name}：有 ${info.replacements} 处字节不是有效的 ${info.encoding} 编码；如果文件以其他编码保存，请另存为 UTF-8 或 GB18030`,
        });
    } catch (error) {
      if (error instanceof CheckError) throw error;
      throw new CheckError(`${name}: cannot be read: ${(error as Error).message}. Check that it is a complete, unencrypted export.`);
    }
  }
  if (suspects.length) {
    const first = await findFirstSightings(dir, names, config, suspects, departments, clock, needed);
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
  findings.sort(byDept);
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
