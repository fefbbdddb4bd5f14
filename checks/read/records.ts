// From a header row and cells to typed records: recognises the record type from the header
// (canonical English or Chinese column names, or a records.yaml mapping), converts every cell,
// and turns any unusable cell into a rejection naming column, value and reason.
import { levelPeriod, recordTypes, type RecordFieldSpec, type RecordType } from '../../src/schema/index.ts';
import type { Period } from '../../src/model/dates.ts';
import { ByteCache } from './byte-cache.ts';
import type { Cells } from './cells.ts';
import { CsvRow } from './csv.ts';
import { DepartmentIndex, WallClock, parseEnum, parsePeriod, parseTimestamp, timestampFromBytes, type Parsed } from './values.ts';

export type RecordValue = string | number | Period | null;

export interface TypedRecord {
  type: RecordType;
  file: string;
  line: number;
  values: Record<string, RecordValue>;
}

export interface Problem {
  column: string;
  value: string;
  reason: string;
}

export interface Rejection extends Problem {
  file: string;
  line: number;
  /** Every problem in the row; the first is repeated at the top level. */
  problems: Problem[];
}

export interface HeaderMap {
  type: RecordType;
  /** [canonical field, column index, column name as the export writes it] */
  columns: [string, number, string][];
}

const normalise = (s: string) => s.replace(/^\uFEFF/, '').trim().toLowerCase();

/** Maps a header to a record type, or explains why it cannot. */
export function mapHeader(header: string[], forced?: { type: RecordType; columns: Record<string, string> }): HeaderMap | { error: string } {
  const names = header.map((h) => normalise(String(h ?? '')));
  const candidates = (forced ? [forced.type] : (Object.keys(recordTypes) as RecordType[])).map((type) => {
    const fields = recordTypes[type].fields as Record<string, RecordFieldSpec>;
    const columns: [string, number, string][] = [];
    names.forEach((name, index) => {
      const mapped = forced?.columns && Object.entries(forced.columns).find(([col]) => normalise(col) === name)?.[1];
      const field = mapped ?? Object.keys(fields).find((f) => f === name || normalise(fields[f]!.zh) === name);
      if (field && !columns.some(([f]) => f === field)) columns.push([field, index, String(header[index] ?? '').trim()]);
    });
    const missing = Object.entries(fields).filter(([f, spec]) => spec.required && !columns.some(([c]) => c === f));
    return { type, columns, missing };
  });
  const complete = candidates.filter((c) => c.missing.length === 0).sort((a, b) => b.columns.length - a.columns.length);
  if (complete[0]) return { type: complete[0].type, columns: complete[0].columns };
  const closest = candidates.sort((a, b) => a.missing.length - b.missing.length)[0]!;
  return {
    error:
      `the header matches no record type (closest: ${closest.type}, missing ${closest.missing.map(([f, s]) => `${s.zh}/${f}`).join(', ')}). ` +
      `Name the columns as the handbook's checker reference lists them, or map them in records.yaml.`,
  };
}

function addProblem(problems: Problem[], cells: Cells, c: Column, reason: string) {
  const cell = cells.get(c.index);
  problems.push({ column: c.column, value: cell instanceof Date ? cell.toISOString() : String(cell ?? ''), reason });
}

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
  readonly #columns: Column[];
  readonly #period: Column | undefined;
  readonly #departments: DepartmentIndex;
  readonly #clock: WallClock;
  /** The row being converted, for the text getters; #row counts rows so a getter knows a new one. */
  #cells: Cells | undefined;
  #row = 0;
  #problems: Problem[] = [];

  constructor(map: HeaderMap, file: string, departments: DepartmentIndex, clock: WallClock, needed: ReadonlySet<string>) {
    const spec = recordTypes[map.type].fields as Record<string, RecordFieldSpec>;
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
    this.record = { type: map.type, file, line: 0, values };
    const columns = map.columns.map(([field, index, column]) => {
      const s = spec[field]!;
      const cached = s.kind === 'department' || s.kind === 'enum';
      return { field, index, column, spec: s, cache: cached ? new ByteCache<Parsed<string>>() : undefined };
    });
    // A period is read against its plan level, so it goes last; text fields are read lazily.
    this.#columns = columns.filter((c) => c.spec.kind !== 'period' && ((c.spec.kind !== 'id' && c.spec.kind !== 'text') || c.spec.required));
    this.#period = columns.find((c) => c.spec.kind === 'period');
    this.#departments = departments;
    this.#clock = clock;
  }

  /** Fills the record from the row; returns the row's rejection instead when a cell is unusable. */
  convert(cells: Cells, line: number): Rejection | undefined {
    const values = this.record.values;
    this.record.line = line;
    this.#cells = cells;
    this.#row++;
    const csv = cells instanceof CsvRow ? cells : undefined;
    const problems = this.#problems;
    problems.length = 0;
    for (const c of this.#columns) {
      const i = c.index;
      if (cells.blank(i)) {
        if (c.spec.kind !== 'id' && c.spec.kind !== 'text') values[c.field] = null;
        if (c.spec.required) problems.push({ column: c.column, value: '', reason: '必填，但为空' });
        continue;
      }
      const kind = c.spec.kind;
      if (kind === 'timestamp') {
        if (csv && csv.flags[i] === 0) {
          const t = timestampFromBytes(csv.buf, csv.starts[i]!, csv.ends[i]!, this.#clock);
          if (t === t) {
            values[c.field] = t;
            continue;
          }
        }
        const r = parseTimestamp(cells.get(i), this.#clock);
        if (r.ok) values[c.field] = r.value;
        else addProblem(problems, cells, c, r.reason);
      } else if (c.cache) {
        const bytes = csv && csv.flags[i] === 0;
        let r = bytes ? c.cache.get(csv.buf, csv.starts[i]!, csv.ends[i]!) : undefined;
        if (!r) {
          const cell = cells.get(i);
          r = kind === 'department' ? this.#departments.resolve(cell) : parseEnum(cell, c.spec.values!);
          if (bytes) c.cache.set(csv.buf, csv.starts[i]!, csv.ends[i]!, r);
        }
        if (r.ok) values[c.field] = r.value;
        else addProblem(problems, cells, c, r.reason);
      }
    }
    const p = this.#period;
    if (p) {
      values[p.field] = null;
      if (cells.blank(p.index)) problems.push({ column: p.column, value: '', reason: '必填，但为空' });
      else if (typeof values.level === 'string') {
        const result = parsePeriod(cells.get(p.index), levelPeriod[values.level as keyof typeof levelPeriod]);
        if (result.ok) values[p.field] = result.value;
        else addProblem(problems, cells, p, result.reason);
      }
    }
    if (problems.length) return { file: this.record.file, line, ...problems[0]!, problems: [...problems] };
    return undefined;
  }

}
