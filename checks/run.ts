// The check: reads every export in a folder, converts rows to records, feeds them to one check
// per obligation that the published (approved) policies declare, and returns the report as data.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { RecordsConfigSchema, parseWithFriendlyErrors, type Organization, type RecordType, type RecordsConfig } from '../src/schema/index.ts';
import { loadOrganization, loadPolicies, readYamlFile, type PolicyFile } from '../src/model/load.ts';
import { addToDate, isoDate, parseIsoDate, startOfDay, today } from '../src/model/dates.ts';
import { recordTypes } from '../src/schema/index.ts';
import { readSource } from './read/sources.ts';
import { RecordConverter, isRejection, mapHeader, type HeaderMap, type Rejection } from './read/records.ts';
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
function rowHash(cells: unknown[]): number {
  let h = 0x811c9dc5;
  for (const c of cells) {
    const s = typeof c === 'string' ? c : c instanceof Date ? c.toISOString() : String(c ?? '');
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return h >>> 0;
}

/** Two independent 32-bit FNV-1a hashes of a string in one pass: a 64-bit fingerprint. */
function fingerprint(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [a >>> 0, (b ^ (b >>> 15)) >>> 0];
}

/**
 * Record ids seen so far, for duplicate detection. Memory grows with distinct ids, so an id costs
 * one slot of an open-addressing table in typed arrays (18 bytes, at most twice over), keyed by a
 * 64-bit fingerprint of the id: two different ids sharing one is about a one-in-10^8 chance at
 * four million ids, and would show as a duplicate warning naming both lines, never lose a row.
 */
class SeenIds {
  #size = 0;
  /** Four words a slot, side by side so a probe touches one cache line: hi, lo, row hash, line (0 = empty). */
  #slots = new Uint32Array(4 << 12);
  #file = new Uint16Array(1 << 12);
  readonly files: string[] = [];

  /** Returns the earlier sighting of `id`, or records this one and returns undefined. */
  check(id: string, hash: number, file: string, line: number): { hash: number; file: string; line: number } | undefined {
    const [hi, lo] = fingerprint(id);
    const slots = this.#slots;
    const mask = this.#file.length - 1;
    let i = lo & mask;
    while (slots[i * 4 + 3] !== 0) {
      if (slots[i * 4] === hi && slots[i * 4 + 1] === lo) return { hash: slots[i * 4 + 2]!, file: this.files[this.#file[i]!]!, line: slots[i * 4 + 3]! };
      i = (i + 1) & mask;
    }
    let f = this.files.lastIndexOf(file);
    if (f === -1) f = this.files.push(file) - 1;
    slots[i * 4] = hi;
    slots[i * 4 + 1] = lo;
    slots[i * 4 + 2] = hash;
    slots[i * 4 + 3] = line;
    this.#file[i] = f;
    if (++this.#size * 2 > this.#file.length) this.#grow();
    return undefined;
  }

  #grow() {
    const [old, oldFile] = [this.#slots, this.#file];
    const n = oldFile.length * 2;
    this.#slots = new Uint32Array(4 * n);
    this.#file = new Uint16Array(n);
    for (let j = 0; j < oldFile.length; j++) {
      if (old[j * 4 + 3] === 0) continue;
      let i = old[j * 4 + 1]! & (n - 1);
      while (this.#slots[i * 4 + 3] !== 0) i = (i + 1) & (n - 1);
      this.#slots.set(old.subarray(j * 4, j * 4 + 4), i * 4);
      this.#file[i] = oldFile[j]!;
    }
  }
}

export function loadRecordsConfig(dir: string): RecordsConfig {
  const path = join(dir, 'records.yaml');
  if (!existsSync(path)) return { files: [] };
  return parseWithFriendlyErrors(RecordsConfigSchema, readYamlFile(path, path), path);
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
  const seen = Object.fromEntries(Object.keys(recordTypes).map((t) => [t, new SeenIds()])) as Record<RecordType, SeenIds>;
  const converter = new RecordConverter(new DepartmentIndex(org), new WallClock(org.timeZone));
  const names = readdirSync(dir)
    .filter((n) => !n.startsWith('.') && n !== 'records.yaml' && statSync(join(dir, n)).isFile())
    .sort();

  for (const name of names) {
    const path = join(dir, name);
    const forced = config.files.find((f) => matchesGlob(name, f.pattern));
    let current: FileSummary | undefined;
    let map: HeaderMap | undefined;
    let typeChecks: ObligationCheck[] = [];
    let rows = 0;
    let section: string | undefined;
    const where = () => (section ? `${name} [${section}]` : name);
    try {
      const info = await readSource(path, {
        begin(sheet) {
          section = sheet;
          current = undefined;
          map = undefined;
        },
        header(cells) {
          if (cells.length === 0) {
            warnings.push({ code: 'skipped-file', file: name, message: `${where()}：空文件，没有表头也没有记录` });
            return;
          }
          const mapped = mapHeader(cells.map(String), forced);
          if ('error' in mapped) throw new CheckError(`${where()}: ${mapped.error}`);
          map = mapped;
          typeChecks = checks.filter((c) => c.type === mapped.type).map((c) => c.check);
          current = { file: name, ...(section ? { sheet: section } : {}), type: mapped.type, format: '', read: 0, accepted: 0, rejected: 0 };
          files.push(current);
        },
        row(cells, line, problem) {
          rows++;
          if (!current || !map) {
            // Rows after an unusable header: counted and rejected, never lost.
            current ??= files[files.push({ file: name, type: 'unknown', format: '', read: 0, accepted: 0, rejected: 0 }) - 1];
          }
          current!.read++;
          const rejection = (reason: string, column = '', value = ''): Rejection => ({ file: name, line, column, value, reason, problems: [{ column, value, reason }] });
          const result = problem ? rejection(problem) : map ? converter.convert(map, cells, name, line) : rejection('没有表头行，无法确定各列的含义');
          if (isRejection(result)) {
            current!.rejected++;
            rejected.push(result);
            return;
          }
          current!.accepted++;
          const key = result.values[recordTypes[result.type].key] as string;
          const hash = rowHash(cells);
          const prior = seen[result.type].check(key, hash, name, line);
          if (prior) {
            if (prior.hash !== hash)
              warnings.push({
                code: 'duplicate-record',
                file: name,
                line,
                message: `${recordTypes[result.type].label}记录“${key}”出现两次且内容不同：${prior.file} 第 ${prior.line} 行与 ${name} 第 ${line} 行；以第一条为准`,
              });
            return;
          }
          for (const check of typeChecks) check.onRecord(result);
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
  if (files.length === 0 && names.length === 0) throw new CheckError(`records folder "${dir}" holds no export files (.csv, .xlsx, .json, .ndjson)`);

  // An obligation whose record type no export supplied would show every instance as missing:
  // say so, so that a forgotten file is not mistaken for a department's failure.
  for (const type of new Set(checks.map((c) => c.type))) {
    if (!files.some((f) => f.type === type))
      warnings.push({ code: 'no-records', file: dir, message: `没有读到任何${recordTypes[type].label}记录：依据它核查的要求都会显示为缺失。请确认导出文件夹中包含这类文件。` });
  }

  const findings: Finding[] = [];
  const upcoming: Upcoming[] = [];
  const reviews = checkPolicyReviews(ctx, published);
  for (const result of [...checks.map(({ check }) => check.finish()), reviews]) {
    // A loop, not push(...spread): hundreds of thousands of findings overflow the argument stack.
    for (const f of result.findings) findings.push(f);
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
