// From a header row and cells to typed records: recognises the record type from the header
// (canonical English or Chinese column names, or a records.yaml mapping), converts every cell,
// and turns any unusable cell into a rejection naming column, value and reason.
import {
  type EnumValues,
  levelPeriod,
  recordTypes,
  type RecordFieldSpec,
  type RecordType,
} from '../../src/schema/record-types.ts';
import type { Period, PeriodUnit } from '../../src/model/dates.ts';
import { ByteCache } from './byte-cache.ts';
import type { Cells } from './cells.ts';
import { CsvRow } from './csv.ts';
import {
  type DepartmentIndex,
  type WallClock,
  parseEnum,
  parseVersion,
  parseNumber,
  parsePeriod,
  parseTimestamp,
  timestampFromBytes,
  type Failure,
  type Parsed,
} from './values.ts';

export type RecordValue = string | number | Period | null;

export interface TypedRecord {
  type: RecordType;
  file: string;
  /** The workbook sheet, for records from an .xlsx. */
  sheet?: string;
  line: number;
  values: Record<string, RecordValue>;
}

/** One unusable cell: the column as the export names it, the value as written, and why (a code). */
export interface Problem extends Failure {
  column: string;
  value: string;
}

export interface Rejection extends Problem {
  file: string;
  sheet?: string;
  line: number;
  /** Every problem in the row; the first is repeated at the top level. */
  problems: Problem[];
}

export interface HeaderMap {
  type: RecordType;
  /** [canonical field, column index, column name as the export writes it] */
  columns: [string, number, string][];
  /** Fields more than one column maps to: the column used (the first) and the others. */
  duplicates: { field: string; used: string; ignored: string[] }[];
  /** Required fields no column holds (only for open headers: JSON keys, where an object may lack one). */
  absent: [string, string][];
}

/** Why a header maps to no record type, as data: the closest type and the columns it lacks. */
export interface HeaderMismatch {
  closest: RecordType;
  /** Required columns the closest type lacks, as `中文名/field`. */
  missing: string[];
  /**
   * The record types the table could be taken for, when its columns do not decide between them (an
   * evaluations export lacking 评估周期 also has a roster's columns): never guessed, said.
   */
  candidates?: RecordType[];
  /** The record type the file or sheet name states (`绩效评估.csv`), when its columns do not bear it out. */
  stated?: RecordType;
}

/**
 * The record type a file or sheet name states: the name is the type's Chinese label or id, or
 * begins with it and a separator (`绩效评估-2026Q3.csv`, `风险_台账`). A name that merely contains a
 * label (`风险评估报告.csv` is a report) states nothing.
 */
export function typeNamedBy(name: string): RecordType | undefined {
  const base = name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .trim();
  const types = Object.keys(recordTypes) as RecordType[];
  const says = (word: string) => base === word || new RegExp(`^${word}[-_ （(·]`).test(base);
  // The longest label that fits: 会议决议 before 会议.
  return types
    .filter((t) => says(recordTypes[t].label) || says(t))
    .sort((a, b) => recordTypes[b].label.length - recordTypes[a].label.length)[0];
}

const normalise = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/**
 * Maps a header to a record type, or says why it cannot. A closed header (CSV, a sheet) must hold
 * every required column; an open one (JSON keys) maps to the type it matches best, and a record
 * without a required key is then rejected like one with an empty cell.
 */
export function mapHeader(
  header: unknown[],
  forced?: { type: RecordType; columns: Record<string, string> },
  open = false,
  named?: RecordType,
): HeaderMap | { error: HeaderMismatch } {
  const names = header.map((h) => normalise(String(h ?? '')));
  const candidates = (forced ? [forced.type] : (Object.keys(recordTypes) as RecordType[])).map((type) => {
    const fields = recordTypes[type].fields as Record<string, RecordFieldSpec>;
    const columns: [string, number, string][] = [];
    const duplicates: HeaderMap['duplicates'] = [];
    names.forEach((name, index) => {
      const mapped = forced?.columns && Object.entries(forced.columns).find(([col]) => normalise(col) === name)?.[1];
      const field = mapped ?? Object.keys(fields).find((f) => f === name || normalise(fields[f]!.zh) === name);
      if (!field) return;
      const column = String(header[index] ?? '').trim();
      const first = columns.find(([f]) => f === field);
      if (!first) columns.push([field, index, column]);
      else {
        const dup = duplicates.find((d) => d.field === field);
        if (dup) dup.ignored.push(column);
        else duplicates.push({ field, used: first[2], ignored: [column] });
      }
    });
    const missing = Object.entries(fields).filter(([f, spec]) => spec.required && !columns.some(([c]) => c === f));
    return { type, columns, duplicates, missing };
  });
  const usable = open
    ? candidates.filter((c) => c.columns.length > 0)
    : candidates.filter((c) => c.missing.length === 0);
  const missingOf = (c: (typeof candidates)[number]) => c.missing.map(([f, spec]) => `${spec.zh}/${f}`);
  // A type the file or sheet name states is the table's type, if its columns bear it out.
  const stated = !forced && named ? candidates.find((c) => c.type === named) : undefined;
  if (stated && !open && stated.missing.length)
    return { error: { closest: stated.type, missing: missingOf(stated), stated: stated.type } };
  const best =
    stated ?? usable.sort((a, b) => b.columns.length - a.columns.length || a.missing.length - b.missing.length)[0];
  if (best && !forced && !stated && !open) {
    // Taken as a type only when the columns decide it: not when another type fits as well, nor when
    // the table has more of another type's columns but lacks one that type needs (an evaluations
    // export without 评估周期 is not a roster).
    const rival =
      candidates.find((c) => c !== best && c.missing.length > 0 && c.columns.length > best.columns.length) ??
      usable.find((c) => c !== best && c.columns.length === best.columns.length);
    if (rival)
      return {
        error: {
          closest: rival.missing.length ? rival.type : best.type,
          missing: missingOf(rival),
          candidates: rival.missing.length ? [rival.type, best.type] : [best.type, rival.type],
        },
      };
  }
  if (best)
    return {
      type: best.type,
      columns: best.columns,
      duplicates: best.duplicates,
      absent: best.missing.map(([f, spec]) => [f, spec.zh]),
    };
  const closest = candidates.sort(
    (a, b) => a.missing.length - b.missing.length || b.columns.length - a.columns.length,
  )[0]!;
  return { error: { closest: closest.type, missing: closest.missing.map(([f, spec]) => `${spec.zh}/${f}`) } };
}

/** A cell as the export wrote it, for a rejection (`-` stays `-`). */
function written(cells: Cells, index: number): string {
  const cell = cells.get(index);
  return cell instanceof Date ? cell.toISOString() : String(cell ?? '');
}

function addProblem(problems: Problem[], cells: Cells, c: Column, failure: Failure) {
  problems.push(
    failure.args
      ? { column: c.column, value: written(cells, c.index), code: failure.code, args: failure.args }
      : { column: c.column, value: written(cells, c.index), code: failure.code },
  );
}

const required: Failure = { code: 'required' };

interface Column {
  field: string;
  index: number;
  column: string;
  spec: RecordFieldSpec;
  /** Department and enum answers by the cell's bytes (CSV). */
  cache: ByteCache<Parsed<string>> | undefined;
}

/**
 * Converts the rows under one header into one record object, reused row after row: a million-row
 * export then allocates nothing per accepted row. Checks read what they need from the record
 * during onRecord and copy what they keep.
 */
export class RowConverter {
  readonly record: TypedRecord;
  readonly #convert: ConvertColumns;
  readonly #period: Column | undefined;
  /** Required fields the (open) header has no column for: every row lacks them. */
  readonly #absent: Problem[];
  /** The row being converted, for the text getters; #row counts rows so a getter knows a new one. */
  #cells: Cells | undefined;
  #row = 0;
  #problems: Problem[] = [];
  /** Parsed periods (shared, read-only) by the cell's bytes, per period unit. */
  #periods = new Map<PeriodUnit | 'any', ByteCache<Parsed<Period>>>();

  constructor(
    map: HeaderMap,
    file: string,
    sheet: string | undefined,
    departments: DepartmentIndex,
    clock: WallClock,
    needed: ReadonlySet<string>,
    /** Enum values the organisation config gives (report types), by record type and field. */
    enums: EnumValues = {},
  ) {
    const spec = recordTypes[map.type].fields as Record<string, RecordFieldSpec>;
    const configured = enums[map.type] ?? {};
    // Every field present from the start and in one order, so the object keeps V8's fast
    // properties. Text fields (the record id among them) are getters that decode the cell when a
    // check reads it, once per row: most rows of a large export are met obligations whose id
    // nobody asks for.
    const values: Record<string, RecordValue> = {};
    for (const [field, fieldSpec] of Object.entries(spec)) {
      const index = map.columns.find(([f]) => f === field)?.[1];
      const lazy = index !== undefined && (fieldSpec.kind === 'id' || (fieldSpec.kind === 'text' && needed.has(field)));
      if (!lazy) {
        values[field] = null;
        continue;
      }
      let row = -1;
      let text: string | null = null;
      Object.defineProperty(values, field, {
        enumerable: true,
        get: () => {
          if (row !== this.#row) {
            row = this.#row;
            const cell = this.#cells!.get(index);
            text = this.#cells!.blank(index) ? null : typeof cell === 'string' ? cell.trim() : String(cell);
          }
          return text;
        },
      });
    }
    this.record =
      sheet === undefined
        ? { type: map.type, file, line: 0, values }
        : { type: map.type, file, sheet, line: 0, values };
    // Named by the canonical field: an open header is JSON keys, which exports mostly write in English.
    this.#absent = map.absent.map(([field]) => ({ column: field, value: '', code: 'required' as const }));
    const columns = map.columns.map(([field, index, column]) => {
      const s = configured[field] ? { ...spec[field]!, values: configured[field] } : spec[field]!;
      const cached = s.kind === 'department' || s.kind === 'enum' || s.kind === 'version';
      return { field, index, column, spec: s, cache: cached ? new ByteCache<Parsed<string>>() : undefined };
    });
    // A period is read against its plan level, so it goes last; text fields are read lazily.
    const converted = columns.filter(
      (c) => c.spec.kind !== 'period' && ((c.spec.kind !== 'id' && c.spec.kind !== 'text') || c.spec.required),
    );
    this.#convert = compileColumns(converted, departments, clock);
    this.#period = columns.find((c) => c.spec.kind === 'period');
  }

  /** Fills the record from the row; returns the row's rejection instead when a cell is unusable. */
  convert(cells: Cells, line: number): Rejection | undefined {
    const values = this.record.values;
    this.record.line = line;
    this.#cells = cells;
    this.#row++;
    const problems = this.#problems;
    problems.length = 0;
    this.#convert(cells, cells instanceof CsvRow ? cells : undefined, values, problems);
    for (const absent of this.#absent) problems.push(absent);
    const p = this.#period;
    if (p) {
      values[p.field] = null;
      if (cells.blank(p.index)) addProblem(problems, cells, p, required);
      else if (!p.spec.unitFrom || typeof values[p.spec.unitFrom] === 'string') {
        // A plan's period is read against its level (an annual plan's period is a year); other
        // periods (reports, evaluation cycles) may be of any unit, and the obligation says which it wants.
        const unit = p.spec.unitFrom ? levelPeriod[values[p.spec.unitFrom] as keyof typeof levelPeriod] : 'any';
        // A plan export repeats a few dozen periods: answers by the cell's bytes, per plan level.
        const csv = cells instanceof CsvRow && cells.flags[p.index] === 0 ? cells : undefined;
        let cache = this.#periods.get(unit);
        if (!cache) this.#periods.set(unit, (cache = new ByteCache()));
        let result = csv && cache.get(csv.buf, csv.starts[p.index]!, csv.ends[p.index]!);
        if (!result) {
          result = parsePeriod(cells.get(p.index), unit === 'any' ? undefined : unit);
          if (csv) cache.set(csv.buf, csv.starts[p.index]!, csv.ends[p.index]!, result);
        }
        if (result.ok) values[p.field] = result.value;
        else addProblem(problems, cells, p, result);
      }
    }
    if (problems.length) {
      const sheet = this.record.sheet;
      return {
        file: this.record.file,
        ...(sheet === undefined ? {} : { sheet }),
        line,
        ...problems[0]!,
        problems: [...problems],
      };
    }
    return undefined;
  }
}

type ConvertColumns = (
  cells: Cells,
  csv: CsvRow | undefined,
  values: Record<string, RecordValue>,
  problems: Problem[],
) => void;

/**
 * Compiles the column conversions of one header into a function with each field name and column
 * index written in as a constant. A loop over the columns would store every field through one
 * keyed access site, which V8 cannot specialise once it has seen more than four field names: at a
 * million rows that generic store costs more than the conversions themselves. (Fast CSV parsers
 * such as uDSV and d3-dsv generate their row functions the same way.) Nothing from the export
 * reaches the generated source: field names come from the record schema, and the column names
 * and caches are passed in as values.
 */
function compileColumns(columns: Column[], departments: DepartmentIndex, clock: WallClock): ConvertColumns {
  const body = columns
    .map((c, k) => {
      const field = JSON.stringify(c.field);
      const kind = c.spec.kind;
      const lazy = kind === 'id' || kind === 'text';
      // An unusable cell leaves no value behind: the next row must not see this row's.
      const blank = `${lazy ? '' : `values[${field}] = null;`}${c.spec.required ? `addProblem(problems, cells, columns[${k}], required);` : ''}`;
      const at = `csv.buf, csv.starts[${c.index}], csv.ends[${c.index}]`;
      const convert =
        kind === 'timestamp'
          ? `let t = csv !== undefined && csv.flags[${c.index}] === 0 ? timestampFromBytes(${at}, clock) : NaN;
             if (t === t) values[${field}] = t;
             else { const r = parseTimestamp(cells.get(${c.index}), clock); if (r.ok) values[${field}] = r.value; else { values[${field}] = null; addProblem(problems, cells, columns[${k}], r); } }`
          : kind === 'number'
            ? `const r = parseNumber(cells.get(${c.index})); if (r.ok) values[${field}] = r.value; else { values[${field}] = null; addProblem(problems, cells, columns[${k}], r); }`
            : c.cache
              ? `const bytes = csv !== undefined && csv.flags[${c.index}] === 0;
               let r = bytes ? columns[${k}].cache.get(${at}) : undefined;
               if (r === undefined) { r = resolve(${k}, cells.get(${c.index})); if (bytes) columns[${k}].cache.set(${at}, r); }
               if (r.ok) values[${field}] = r.value; else { values[${field}] = null; addProblem(problems, cells, columns[${k}], r); }`
              : '';
      return `if (cells.blank(${c.index})) { ${blank} } else { ${convert} }`;
    })
    .join('\n');
  const resolve = (k: number, cell: unknown) =>
    columns[k]!.spec.kind === 'department'
      ? departments.resolve(cell)
      : columns[k]!.spec.kind === 'version'
        ? parseVersion(cell)
        : parseEnum(cell, columns[k]!.spec.values!, columns[k]!.spec.open);
  const make = new Function(
    'columns',
    'clock',
    'resolve',
    'addProblem',
    'required',
    'timestampFromBytes',
    'parseTimestamp',
    'parseNumber',
    `return function convert(cells, csv, values, problems) {\n${body}\n};`,
  );
  return make(
    columns,
    clock,
    resolve,
    addProblem,
    required,
    timestampFromBytes,
    parseTimestamp,
    parseNumber,
  ) as ConvertColumns;
}
