// Reading exports into the checks: one file (or one part of a large CSV file) at a time, every
// row either rejected with its reason or converted and, unless its id was seen before, handed to
// each check of its record type. The main thread reads with one Reading; a worker reading part of
// a large file (parallel.ts) uses another, whose state the main thread then absorbs.
import { join, matchesGlob } from 'node:path';
import type { RecordsConfig } from '../../src/schema/index.ts';
import { recordTypes, type RecordType } from '../../src/schema/record-types.ts';
import type { Cells } from '../read/cells.ts';
import { CsvRow } from '../read/csv.ts';
import { RowConverter, mapHeader, type Rejection, type TypedRecord } from '../read/records.ts';
import { readSource, type Part, type SourceInfo } from '../read/sources.ts';
import { DepartmentIndex, WallClock } from '../read/values.ts';
import type { PolicyFile } from '../../src/model/load.ts';
import { rules } from '../rules/index.ts';
import type { CheckContext, ObligationCheck } from './context.ts';
import type { PartResult } from './parallel.ts';
import { CheckError } from './errors.ts';
import { SeenKeys } from './seen-keys.ts';
import type { FileSummary, Warning } from './types.ts';

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

export const rowRejection = (file: string, line: number, reason: string): Rejection => ({ file, line, column: '', value: '', reason, problems: [{ column: '', value: '', reason }] });

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
export interface Suspect {
  record: TypedRecord;
  section: string;
  key: string;
  hash: number;
}

export const tableOf = (name: string, sheet: string | undefined) => `${name}\u0000${sheet ?? ''}`;

/** One check per obligation of the approved policies that a rule evaluates. */
export function checksFor(ctx: CheckContext, policies: PolicyFile[]): { type: RecordType; check: ObligationCheck }[] {
  const checks: { type: RecordType; check: ObligationCheck }[] = [];
  for (const policy of policies) {
    for (const obligation of policy.policy.obligations) {
      const rule = rules.find((r) => r.applies(obligation));
      if (rule) checks.push({ type: obligation.records, check: rule.create(ctx, policy, obligation) });
    }
  }
  return checks;
}

/** The records.yaml entry for a file, if one of its patterns matches the file's name. */
export const mappingFor = (config: RecordsConfig, name: string) => config.files.find((f) => matchesGlob(name, f.pattern));

export interface ReadOptions {
  departments: DepartmentIndex;
  clock: WallClock;
  /** Text fields some check reads (besides record ids). */
  needed: ReadonlySet<string>;
  config: RecordsConfig;
  onProgress?: (progress: { file: string; bytes: number; rows: number }) => void;
}

export class Reading {
  readonly files: FileSummary[] = [];
  readonly rejected: Rejection[] = [];
  readonly warnings: Warning[] = [];
  readonly suspects: Suspect[] = [];
  readonly seen = Object.fromEntries(Object.keys(recordTypes).map((t) => [t, new SeenKeys()])) as Record<RecordType, SeenKeys>;
  readonly checks: { type: RecordType; check: ObligationCheck }[];
  readonly #options: ReadOptions;

  constructor(checks: { type: RecordType; check: ObligationCheck }[], options: ReadOptions) {
    this.checks = checks;
    this.#options = options;
  }

  /**
   * Reads one export file, or the given part of a CSV file. `alongside` counts what a worker has
   * read of the same file meanwhile, for the progress shown on a terminal.
   */
  async readFile(dir: string, name: string, part?: Part, alongside?: Float64Array): Promise<SourceInfo> {
    const { files, rejected, warnings, suspects, seen, checks } = this;
    const { departments, clock, needed, config, onProgress } = this.#options;
    const path = join(dir, name);
    const forced = mappingFor(config, name);
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
          // A later part of a file adds to the file's summary.
          current = part?.header ? files.findLast((f) => f.file === name) : undefined;
          if (!current) files.push((current = { file: name, ...(section ? { sheet: section } : {}), type: mapped.type, format: '', read: 0, accepted: 0, rejected: 0 }));
        },
        row(cells, line, problem) {
          rows++;
          // Rows after an unusable header: counted and rejected, never lost.
          current ??= files[files.push({ file: name, type: 'unknown', format: '', read: 0, accepted: 0, rejected: 0 }) - 1]!;
          current.read++;
          const rejection = problem ? rowRejection(name, line, problem) : converter ? converter.convert(cells, line) : rowRejection(name, line, '没有表头行，无法确定各列的含义');
          if (rejection) {
            current.rejected++;
            rejected.push(rejection);
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
          onProgress?.({ file: name, bytes: bytes + (alongside?.[1] ?? 0), rows: rows + (alongside?.[0] ?? 0) });
        },
      }, part);
      for (const f of files) if (f.file === name) Object.assign(f, { format: info.format, ...(info.encoding ? { encoding: info.encoding } : {}) });
      return info;
    } catch (error) {
      if (error instanceof CheckError) throw error;
      throw new CheckError(`${name}: cannot be read: ${(error as Error).message}. Check that it is a complete, unencrypted export.`);
    }
  }

  /** Where the lists of rejected rows, warnings and suspects end now. */
  mark(): [number, number, number] {
    return [this.rejected.length, this.warnings.length, this.suspects.length];
  }

  /**
   * Moves what was added to the lists since `since` back to `to`: a file part settled after later
   * files were read then takes the place it has when the exports are read in order.
   */
  moveSince(since: [number, number, number], to: [number, number, number]): void {
    [this.rejected, this.warnings, this.suspects].forEach((list: unknown[], k) => {
      if (to[k] === since[k]) return;
      const tail = list.splice(since[k]!);
      list.splice(to[k]!, 0, ...tail);
    });
  }

  /** Whether a part read on another thread can be taken in as it is (no id in it was seen here). */
  canAbsorb(result: PartResult): boolean {
    if (result.openAtEnd || !result.file) return false;
    const type = result.file.type as RecordType;
    if (!(type in this.seen) || !result.seen || this.seen[type].overlaps(result.seen)) return false;
    return this.checks.every((c, i) => c.type !== type || (c.check.absorb && result.checks[i] !== undefined));
  }

  /** Takes in a part read on another thread, as if its rows had been read here next. */
  absorb(name: string, result: PartResult): void {
    const file = this.files.findLast((f) => f.file === name)!;
    const part = result.file!;
    file.read += part.read;
    file.accepted += part.accepted;
    file.rejected += part.rejected;
    for (const r of result.rejected) this.rejected.push(r);
    for (const w of result.warnings) this.warnings.push(w);
    for (const s of result.suspects) this.suspects.push(s);
    this.seen[part.type as RecordType].absorb(result.seen!);
    this.checks.forEach((c, i) => {
      if (result.checks[i] !== undefined) c.check.absorb!(result.checks[i]);
    });
  }

  /** Warns about invalid bytes in a file (after all its parts are read). */
  warnInvalidBytes(name: string, info: Pick<SourceInfo, 'replacements' | 'encoding'>) {
    if (info.replacements > 0)
      this.warnings.push({
        code: 'invalid-bytes',
        file: name,
        message: `${name}：有 ${info.replacements} 处字节不是有效的 ${info.encoding} 编码；如果文件以其他编码保存，请另存为 UTF-8 或 GB18030`,
      });
  }
}

/**
 * The second look for rows whose id was seen before: reads the exports again, in the same order
 * and with the same conversion, and notes where each suspect id first occurs and its row hash.
 * It runs only when an export repeats an id, and stops as soon as every suspect id is placed.
 */
export async function findFirstSightings(
  dir: string,
  names: string[],
  suspects: Suspect[],
  { departments, clock, needed, config }: ReadOptions,
): Promise<Map<string, { file: string; table: string; line: number; hash: number }>> {
  const wanted = new Map(suspects.map((s) => [`${s.record.type}\u0000${s.key}`, undefined as { file: string; table: string; line: number; hash: number } | undefined]));
  let open = wanted.size;
  const done = new Error('all placed');
  for (const name of names) {
    const forced = mappingFor(config, name);
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

