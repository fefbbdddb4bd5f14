// Reading exports into the checks: one file (or one part of a large CSV file) at a time, every
// row either rejected with its reason or converted and, unless its id was seen before, handed to
// each check of its record type. The main thread reads with one Reading; a worker reading part of
// a large file (parallel.ts) uses another, whose state the main thread then absorbs.
import { join } from 'node:path';
import type { RecordsConfig, Source as ApprovalSource } from '../../src/schema/index.ts';
import {
  type EnumValues,
  type FieldLink,
  linksOf,
  recordTypes,
  type RecordType,
} from '../../src/schema/record-types.ts';
import type { Cells } from '../read/cells.ts';
import { CsvRow } from '../read/csv.ts';
import { matchesName } from '../read/glob.ts';
import {
  RowConverter,
  mapHeader,
  typeNamedBy,
  type HeaderMap,
  type HeaderMismatch,
  type Rejection,
  type TypedRecord,
} from '../read/records.ts';
import { readSource, UnreadableFile, type Part, type RowProblem, type SourceInfo } from '../read/sources.ts';
import type { DepartmentIndex, WallClock, ProblemCode } from '../read/values.ts';
import type { Check, CheckState } from './checks.ts';
import type { Held, PartResult, Repeat } from './part.ts';

export type { Held, Repeat };
import { RejectionLog, type Mark } from './rejections.ts';
import { SeenKeys } from './seen-keys.ts';
import type { Source } from './rule.ts';
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

const rowRejection = (
  file: string,
  sheet: string | undefined,
  line: number,
  problem: ProblemCode | RowProblem,
): Rejection => {
  const { code, column = '', value = '', args } = typeof problem === 'string' ? { code: problem } : problem;
  return {
    file,
    ...(sheet === undefined ? {} : { sheet }),
    line,
    column,
    value,
    code,
    problems: [{ column, value, code, ...(args ? { args } : {}) }],
  };
};

/** Adds the row's record id to `seen` (false if seen before): from the CSV bytes where they are the id's. */
function addKey(seen: SeenKeys, cells: Cells, index: number, values: TypedRecord['values'], field: string): boolean {
  if (cells instanceof CsvRow && cells.flags[index] === 0) {
    const s = cells.starts[index]!,
      e = cells.ends[index]!;
    const a = cells.buf[s]!,
      b = cells.buf[e - 1]!;
    // Visible ASCII at both ends: the trimmed id is exactly these bytes.
    if (a > 32 && a < 127 && b > 32 && b < 127) return seen.addBytes(cells.buf, s, e);
  }
  return seen.addString(values[field] as string);
}

/** A check a table's records are not handed to: the columns it lacks, the records it would have judged. */
interface Unjudged {
  absent: string[];
  rows: number;
  /** The check still judges the table: only what needs the absent columns goes unjudged. */
  partial?: true;
}

/** The record type a sheet's name states, else its file's (`绩效评估.csv`, a sheet named 会议决议). */
const namedType = (file: string, sheet: string | undefined) =>
  (sheet === undefined ? undefined : typeNamedBy(sheet)) ?? typeNamedBy(file);

/** Rows at the top of a table searched for its header: title rows ("会议台账（2026年5月）") come first in many exports. */
const HEADER_SEARCH_ROWS = 10;

/** Repeats shown per repeated id; the count says how many there were. */
const REPEAT_LINES = 5;

export interface ReadingMark {
  rejected: Mark;
  warnings: number;
}

export const tableOf = (name: string, sheet: string | undefined) => `${name}\u0000${sheet ?? ''}`;
const sourceOf = (file: string, sheet: string | undefined, line: number): Source =>
  sheet === undefined ? { file, line } : { file, sheet, line };

/** The records.yaml entry for a file, if one of its patterns matches the file's name. */
export const mappingFor = (config: RecordsConfig, name: string) =>
  config.files.find((f) => matchesName(name, f.pattern));

/**
 * The text fields a reading decodes for these checks: those they read, and the fields that link a
 * record to the one that fills a field they read (a decision's meeting id, for its organiser).
 */
export function fieldsRead(checks: readonly Check[]): Set<string> {
  const read = new Set(checks.flatMap((c) => c.fields));
  for (const c of checks)
    for (const type of c.types) for (const l of linksOf(type)) if (c.fields.includes(l.field)) read.add(l.via);
  return read;
}

export interface ReadOptions {
  departments: DepartmentIndex;
  clock: WallClock;
  /** Text fields some check reads (besides record ids). */
  needed: ReadonlySet<string>;
  config: RecordsConfig;
  /** Enum values from the organisation config (report types). */
  enums?: EnumValues;
  /** Approval templates of 飞书, 钉钉 and 企业微信 read as records (the organisation config's `sources`). */
  sources?: readonly ApprovalSource[];
  onProgress?: (progress: { file: string; bytes: number; rows: number }) => void;
}

export class Reading {
  readonly files: FileSummary[] = [];
  readonly rejected = new RejectionLog();
  readonly warnings: Warning[] = [];
  readonly repeats = new Map<string, Repeat>();
  readonly seen = Object.fromEntries(Object.keys(recordTypes).map((t) => [t, new SeenKeys()])) as Record<
    RecordType,
    SeenKeys
  >;
  readonly checks: Check[];
  /**
   * Records held back until the record they link to is read (a decision whose export names no
   * organiser, until its meeting is found): settled after every file is read (read-exports.ts).
   */
  readonly held: Held[] = [];
  /**
   * Per table, the checks its records are not handed to (the table lacks columns they read), with
   * the columns absent and how many records each would have judged; `rows` counts the records
   * not judged for at least one.
   */
  readonly #unjudged = new Map<
    string,
    { type: string; rows: number; checks: Map<Check, Unjudged>; approvals?: true }
  >();
  /**
   * Per table whose file is finished, the checks it was not judged for: a record handed over after
   * the file (the second look for repeated ids) still does not reach them.
   */
  readonly #lacked = new Map<string, Set<Check>>();
  /** How rows are read and converted; the second look for repeated ids reads with the same. */
  readonly options: ReadOptions;

  constructor(checks: Check[], options: ReadOptions) {
    this.checks = checks;
    this.options = options;
  }

  /**
   * Reads one export file, or the given part of a CSV file. `alongside` counts what a worker has
   * read of the same file meanwhile, for the progress shown on a terminal. A file that is not
   * what its name says is a warning (UnreadableFile is passed on for the caller to decide).
   */
  async readFile(dir: string, name: string, part?: Part, alongside?: Float64Array): Promise<SourceInfo> {
    const { files, rejected, warnings, repeats, seen, checks, held } = this;
    const { departments, clock, needed, config, onProgress, enums } = this.options;
    const judging = this.#judging.bind(this);
    const forced = mappingFor(config, name);
    let current: FileSummary | undefined;
    let converter: RowConverter | undefined;
    let mapped: HeaderMap | undefined;
    let keyIndex = -1;
    let keyField = '';
    let typeChecks: Check[] = [];
    /** The fields of this table's records that a linked record fills, and the checks that read them. */
    let holding: FieldLink[] = [];
    let holdFor: number[] = [];
    let table = '';
    /** Checks of the record type whose columns this table lacks, and the records they would have judged. */
    let lacking: [Check, Unjudged][] = [];
    let unjudged: { rows: number } | undefined;
    let rows = 0;
    let sheet: string | undefined;
    /** The table holds approval instances (its columns are what a `sources` mapping provides). */
    let fromApprovals = false;
    /** Rows of a table that matches no record type: counted for the warning, not read. */
    let skipped: Warning | undefined;
    /**
     * A first row that names no record type: the next rows are tried as the header, the rows above
     * the one that is being title rows (said in a warning). `rows`: rows seen since that first row.
     */
    let seeking: { line: number; rows: number; error: HeaderMismatch } | undefined;
    /** The table matches no record type after all: its rows are counted in the warning, not read. */
    const giveUp = () => {
      if (!seeking) return;
      current = summary(null);
      skipped = {
        code: 'unrecognised-table',
        file: name,
        ...(sheet === undefined ? {} : { sheet }),
        values: { ...seeking.error, rows: seeking.rows },
      };
      warnings.push(skipped);
      seeking = undefined;
    };
    const summary = (type: string | null) => {
      // A later part of a file adds to the file's summary.
      const earlier = part?.header ? files.findLast((f) => f.file === name) : undefined;
      if (earlier) return earlier;
      const entry: FileSummary = {
        file: name,
        ...(sheet === undefined ? {} : { sheet }),
        type,
        format: '',
        read: 0,
        accepted: 0,
        rejected: 0,
      };
      files.push(entry);
      return entry;
    };
    const info = await readSource(
      join(dir, name),
      {
        begin(section, hidden, approvals) {
          giveUp();
          sheet = section;
          fromApprovals = approvals === true;
          // Read like any other sheet, and said: a hidden sheet may hold old or scratch rows.
          if (hidden) warnings.push({ code: 'hidden-sheet', file: name, sheet: section });
          current = undefined;
          converter = undefined;
          mapped = undefined;
          skipped = undefined;
          lacking = [];
        },
        header(cells, _line, open) {
          if (cells.length === 0 && !open) {
            summary(null);
            warnings.push({ code: 'empty-table', file: name, ...(sheet === undefined ? {} : { sheet }) });
            return;
          }
          // An open header (JSON keys) that grew keeps its record type.
          const map = mapHeader(
            cells,
            forced ?? (mapped && open ? { type: mapped.type, columns: {} } : undefined),
            open,
            namedType(name, sheet),
          );
          if ('error' in map) {
            if (open) return; // rows come with no record type until a later object's keys give one
            if (!part?.header && !seeking) {
              seeking = { line: _line, rows: 0, error: map.error };
              return;
            }
            current = summary(null);
            skipped = {
              code: 'unrecognised-table',
              file: name,
              ...(sheet === undefined ? {} : { sheet }),
              values: { ...map.error, rows: 0 },
            };
            warnings.push(skipped);
            return;
          }
          const grown = mapped !== undefined;
          mapped = map;
          converter = new RowConverter(map, name, sheet, departments, clock, needed, enums);
          keyField = recordTypes[map.type].key;
          keyIndex = map.columns.find(([f]) => f === keyField)?.[1] ?? -1;
          // JSON objects leave out what they do not have, so an absent key is an empty value there; a
          // table's header says which columns the export has.
          if (open) {
            typeChecks = checks.filter((c) => c.types.includes(map.type));
            lacking = [];
          } else ({ judging: typeChecks, lacking, entry: unjudged } = judging(name, sheet, map, fromApprovals));
          table = tableOf(name, sheet);
          holding = linksOf(map.type).filter((l) => typeChecks.some((c) => c.fields.includes(l.field)));
          holdFor = holding.length ? typeChecks.map((c) => checks.indexOf(c)) : [];
          if (!current) current = summary(map.type);
          else current.type = map.type;
          if (!grown)
            for (const d of map.duplicates)
              warnings.push({
                code: 'duplicate-column',
                file: name,
                ...(sheet === undefined ? {} : { sheet }),
                values: { field: d.field, used: d.used, ignored: d.ignored },
              });
        },
        row(cells, line, problem) {
          if (seeking) {
            const values = Array.from({ length: cells.length }, (_, i) => cells.get(i));
            const map = problem ? undefined : mapHeader(values, forced, false, namedType(name, sheet));
            if (map && !('error' in map)) {
              const titles = { from: seeking.line, rows: seeking.rows + 1 };
              seeking = undefined;
              this.header(values, line);
              warnings.push({
                code: 'title-rows',
                file: name,
                ...(sheet === undefined ? {} : { sheet }),
                line,
                values: { rows: titles.rows, from: titles.from },
              });
              return;
            }
            seeking.rows++;
            if (seeking.rows < HEADER_SEARCH_ROWS) return;
            giveUp();
            return;
          }
          rows++;
          if (skipped) {
            (skipped.values!.rows as number)++;
            return;
          }
          // Rows before any usable header: counted and rejected, never lost.
          current ??= summary(null);
          current.read++;
          const rejection = problem
            ? rowRejection(name, sheet, line, problem)
            : converter
              ? converter.convert(cells, line)
              : rowRejection(name, sheet, line, 'no-record-type');
          if (rejection) {
            current.rejected++;
            rejected.add(rejection);
            return;
          }
          current.accepted++;
          const record = converter!.record;
          const type = record.type;
          // A table without its type's id column (acknowledgements may have none) has no repeats to tell.
          if (keyIndex >= 0 && !addKey(seen[type], cells, keyIndex, record.values, keyField)) {
            const key = record.values[keyField] as string;
            const id = `${type}\u0000${key}`;
            const hash = rowHash(cells);
            const repeat = repeats.get(id);
            if (repeat) {
              repeat.count++;
              if (hash !== repeat.hash) repeat.differs = true;
              if (repeat.lines.length < REPEAT_LINES) repeat.lines.push(sourceOf(name, sheet, line));
            } else {
              const copy = { ...record, values: { ...record.values } };
              repeats.set(id, {
                type,
                key,
                count: 1,
                record: copy,
                table: tableOf(name, sheet),
                hash,
                differs: false,
                lines: [sourceOf(name, sheet, line)],
              });
            }
            return;
          }
          if (lacking.length) {
            let counted = false;
            for (const [c, u] of lacking)
              if (c.applies(record, u.absent)) {
                u.rows++;
                counted = true;
              }
            if (counted) unjudged!.rows++;
          }
          if (holding.length && waitsForLink(record, holding)) {
            held.push({ table, record: { ...record, values: { ...record.values } }, checks: holdFor });
            return;
          }
          for (let i = 0; i < typeChecks.length; i++) typeChecks[i]!.onRecord(record);
        },
        bytes(bytes) {
          onProgress?.({ file: name, bytes: bytes + (alongside?.[1] ?? 0), rows: rows + (alongside?.[0] ?? 0) });
        },
        warn(code, values) {
          warnings.push({ code, file: name, values });
        },
      },
      part,
      { sources: this.options.sources ?? [], clock },
    );
    giveUp();
    for (const f of files)
      if (f.file === name)
        Object.assign(f, { format: info.format, ...(info.encoding ? { encoding: info.encoding } : {}) });
    return info;
  }

  /**
   * The checks a table's records go to: those of its record type whose every field is a column of
   * the table. An absent column is not absent evidence: a meetings export from a system that does
   * not record notices says nothing about notices, so the notice obligation is not judged on it.
   * The others are returned as `lacking`, to count the records they would have judged; finishFile
   * says so once per table, and the obligation's summary lists the table as unchecked.
   */
  #judging(name: string, sheet: string | undefined, map: HeaderMap, approvals = false) {
    const present = new Set(map.columns.map(([f]) => f));
    const judging: Check[] = [];
    const table = tableOf(name, sheet);
    // A later part of a file (or a JSON header that grew) keeps the counts so far.
    const entry = this.#unjudged.get(table) ?? {
      type: map.type,
      rows: 0,
      checks: new Map<Check, Unjudged>(),
      ...(approvals ? { approvals: true as const } : {}),
    };
    const lacking: [Check, Unjudged][] = [];
    for (const c of this.checks) {
      if (!c.types.includes(map.type)) continue;
      const absent = (c.columns[map.type] ?? []).filter((f) => !present.has(f));
      // Columns only part of the judgement needs (when a value reached its threshold): the table is
      // judged for the rest, and the part left unjudged is said as for an absent column.
      const partly = absent.length ? [] : (c.partial?.[map.type] ?? []).filter((f) => !present.has(f));
      if (!absent.length) judging.push(c);
      if (!absent.length && !partly.length) continue;
      let u = entry.checks.get(c);
      if (!u)
        entry.checks.set(c, (u = absent.length ? { absent, rows: 0 } : { absent: partly, rows: 0, partial: true }));
      lacking.push([c, u]);
    }
    if (lacking.length) this.#unjudged.set(table, entry);
    return { judging, lacking, entry };
  }

  /** Hands a record to the checks a table's records go to (the second look at a repeated id). */
  handOver(table: string, record: TypedRecord): void {
    const unjudged = this.#unjudged.get(table);
    let counted = false;
    const judging: number[] = [];
    const lacked = this.#lacked.get(table);
    this.checks.forEach((check, i) => {
      if (!check.types.includes(record.type) || lacked?.has(check)) return;
      const u = unjudged?.checks.get(check);
      if (!u || u.partial) judging.push(i);
      if (u && check.applies(record, u.absent)) {
        u.rows++;
        counted = true;
      }
    });
    if (counted) unjudged!.rows++;
    const links = linksOf(record.type).filter((l) => judging.some((i) => this.checks[i]!.fields.includes(l.field)));
    if (links.length && waitsForLink(record, links)) this.held.push({ table, record, checks: judging });
    else for (const i of judging) this.checks[i]!.onRecord(record);
  }

  /** What a part read on another thread did not judge, by table and check index (for absorb). */
  unjudgedState(): [string, number, number, number][] {
    return [...this.#unjudged].flatMap(([table, entry]) =>
      [...entry.checks].map(
        ([c, u]) => [table, this.checks.indexOf(c), u.rows, entry.rows] as [string, number, number, number],
      ),
    );
  }

  /**
   * After every part of a file is read: a warning for bytes not valid in its encoding, and one per
   * table whose records were not judged for obligations whose columns it lacks.
   */
  finishFile(name: string, info: Pick<SourceInfo, 'replacements' | 'encoding'>, mark?: ReadingMark) {
    // A file whose second part was read on another thread while later files were read here: its
    // warnings go where the file's own end, as when the exports are read in order.
    if (mark) {
      const since = this.warnings.length;
      this.finishFile(name, info);
      this.#moveWarnings(since, mark);
      return;
    }
    if (info.replacements > 0)
      this.warnings.push({
        code: 'invalid-bytes',
        file: name,
        values: { count: info.replacements, encoding: info.encoding ?? '' },
      });
    for (const [table, entry] of this.#unjudged) {
      const [file, sheet] = table.split('\u0000') as [string, string];
      if (file !== name) continue;
      this.#unjudged.delete(table);
      this.#lacked.set(table, new Set([...entry.checks].filter(([, u]) => !u.partial).map(([c]) => c)));
      const where = sheet === '' ? {} : { sheet };
      const zh = (f: string) =>
        (recordTypes[entry.type as RecordType].fields as Record<string, { zh: string }>)[f]?.zh ?? f;
      const counted = [...entry.checks].filter(([, u]) => u.rows > 0);
      if (!counted.length) continue;
      for (const [c, u] of counted) {
        c.summary.unchecked ??= [];
        c.summary.unchecked.push({ file, ...where, columns: u.absent.map(zh), rows: u.rows });
      }
      // One warning for the obligations not judged on the table, one for those judged in part.
      for (const group of [counted.filter(([, u]) => !u.partial), counted.filter(([, u]) => u.partial)]) {
        if (!group.length) continue;
        const partial = group[0]![1].partial;
        this.warnings.push({
          code: 'absent-column',
          file,
          ...where,
          values: {
            type: entry.type,
            columns: [...new Set(group.flatMap(([, u]) => u.absent))].map(zh),
            obligations: group.map(([c]) => c.summary.obligation),
            rows: partial ? Math.max(...group.map(([, u]) => u.rows)) : entry.rows,
            ...(partial ? { partial: true } : {}),
            ...(entry.approvals ? { approvals: true } : {}),
          },
        });
      }
    }
  }

  /** Notes a file that is not an export, or not readable, in the file list and the warnings. */
  skipFile(name: string, format: string, code: Warning['code'], values?: Warning['values']): void {
    this.files.push({ file: name, type: null, format, read: 0, accepted: 0, rejected: 0 });
    this.warnings.push(values ? { code, file: name, values } : { code, file: name });
  }

  /** Whether a part read on another thread can be taken in as it is (no id in it was seen here). */
  canAbsorb(result: PartResult): boolean {
    if (result.openAtEnd || !result.file || result.file.type === null) return false;
    const type = result.file.type as RecordType;
    return result.seen !== undefined && !this.seen[type].overlaps(result.seen);
  }

  /** Where the rejected rows and warnings end now: the rest of a file read meanwhile belongs there. */
  mark(): ReadingMark {
    return { rejected: this.rejected.mark(), warnings: this.warnings.length };
  }

  /**
   * Reads the rest of a file at a mark: its rejected rows and warnings take the place they have
   * when the exports are read in order, though other files were read since.
   */
  async readAt(mark: ReadingMark, dir: string, name: string, part: Part): Promise<SourceInfo> {
    const since = this.warnings.length;
    const info = await this.rejected.addAt(mark.rejected, () => this.readFile(dir, name, part));
    this.#moveWarnings(since, mark);
    return info;
  }

  /** Moves the warnings added since `since` to the mark, and the mark past them (the file's warnings end there). */
  #moveWarnings(since: number, mark: ReadingMark) {
    const added = this.warnings.length - since;
    if (added && since !== mark.warnings) this.warnings.splice(mark.warnings, 0, ...this.warnings.splice(since));
    mark.warnings += added;
  }

  /** Takes in a part read on another thread, as if its rows had been read next after the mark. */
  absorb(name: string, result: PartResult, mark: ReadingMark): void {
    const file = this.files.findLast((f) => f.file === name)!;
    const part = result.file!;
    file.read += part.read;
    file.accepted += part.accepted;
    file.rejected += part.rejected;
    this.rejected.absorb(result.rejected, mark.rejected);
    const since = this.warnings.length;
    for (const w of result.warnings) this.warnings.push(w);
    this.#moveWarnings(since, mark);
    for (const h of result.held) this.held.push(h);
    // Ids the part repeats within itself: none was seen here (canAbsorb), so they add as they are.
    for (const r of result.repeats) this.repeats.set(`${r.type}\u0000${r.key}`, r);
    this.seen[part.type as RecordType].absorb(result.seen!);
    for (const [table, index, rows] of result.unjudged) {
      // The first part, read here, had the same header: the same checks lack the same columns.
      const u = this.#unjudged.get(table)?.checks.get(this.checks[index]!);
      if (u) u.rows += rows;
    }
    // Records the part did not judge for at least one check: the part's own count adds up.
    const tables = new Map(result.unjudged.map(([table, , , tableRows]) => [table, tableRows]));
    for (const [table, rows] of tables) {
      const entry = this.#unjudged.get(table);
      if (entry) entry.rows += rows;
    }
    this.checks.forEach((c, i) => {
      const state = result.checks[i];
      if (state !== undefined) c.absorb(state as CheckState);
    });
  }
}

export { UnreadableFile };

/** Whether a record leaves a linked field empty and names the record that can fill it. */
function waitsForLink(record: TypedRecord, links: readonly FieldLink[]): boolean {
  const v = record.values;
  for (const l of links) if (v[l.field] == null && v[l.via] != null) return true;
  return false;
}

/** Where a record of the second look was read. */
interface Sighting {
  file: string;
  sheet?: string;
  table: string;
  line: number;
}

const lookDone = new Error('second look done');

/**
 * A second look at the exports: reads them again, in the same order and with the same conversion,
 * and hands each record it converts (of `types`, when given) to `visit`, with its cells and where it
 * was read, until `visit` says it has all it wanted. A file unreadable now is passed over (the first
 * look said so).
 */
async function secondLook(
  dir: string,
  names: string[],
  { departments, clock, needed, config, enums, sources }: ReadOptions,
  visit: (record: TypedRecord, cells: Cells, at: Sighting) => boolean,
  types?: ReadonlySet<RecordType>,
): Promise<void> {
  for (const name of names) {
    const forced = mappingFor(config, name);
    let converter: RowConverter | undefined;
    let mapped: HeaderMap | undefined;
    let table = '';
    let sheet: string | undefined;
    try {
      await readSource(
        join(dir, name),
        {
          begin(section) {
            sheet = section;
            converter = undefined;
            mapped = undefined;
            table = tableOf(name, section);
          },
          header(cells, _line, open) {
            const map =
              cells.length || open
                ? mapHeader(
                    cells,
                    forced ?? (mapped && open ? { type: mapped.type, columns: {} } : undefined),
                    open,
                    namedType(name, sheet),
                  )
                : undefined;
            mapped = map && !('error' in map) ? map : undefined;
            converter =
              mapped && (!types || types.has(mapped.type))
                ? new RowConverter(mapped, name, sheet, departments, clock, needed, enums)
                : undefined;
          },
          row(cells, line, problem) {
            if (problem || !converter || converter.convert(cells, line)) return;
            if (visit(converter.record, cells, { file: name, ...(sheet === undefined ? {} : { sheet }), table, line }))
              throw lookDone;
          },
        },
        undefined,
        { sources: sources ?? [], clock },
      );
    } catch (error) {
      if (error === lookDone) return;
      if (error instanceof UnreadableFile) continue;
      throw error;
    }
  }
}

/**
 * The second look for linked records: reads the tables of the linked record type again and returns
 * the linked field's value for each wanted id (the first record with that id, as the checks judged).
 * It stops as soon as every wanted id is found.
 */
export async function findLinked(
  dir: string,
  names: string[],
  link: FieldLink,
  wanted: ReadonlySet<string>,
  options: ReadOptions,
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  const key = recordTypes[link.records].key;
  await secondLook(
    dir,
    names,
    options,
    ({ values }) => {
      const id = values[key] as string;
      if (wanted.has(id) && !found.has(id)) found.set(id, (values[link.field] as string | null) ?? null);
      return found.size === wanted.size;
    },
    new Set([link.records]),
  );
  return found;
}

/**
 * The second look for ids seen more than once: notes where each repeated id first occurs and its
 * row hash. It runs only when an export repeats an id, and stops as soon as every repeated id is placed.
 */
export async function findFirstSightings(
  dir: string,
  names: string[],
  repeats: Map<string, Repeat>,
  options: ReadOptions,
): Promise<Map<string, Sighting & { hash: number }>> {
  const found = new Map<string, Sighting & { hash: number }>();
  await secondLook(dir, names, options, ({ type, values }, cells, at) => {
    const id = `${type}\u0000${values[recordTypes[type].key] as string}`;
    if (repeats.has(id) && !found.has(id)) found.set(id, { ...at, hash: rowHash(cells) });
    return found.size === repeats.size;
  });
  return found;
}
