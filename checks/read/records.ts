// From a header row and cells to typed records: recognises the record type from the header
// (canonical English or Chinese column names, or a records.yaml mapping), converts every cell,
// and turns any unusable cell into a rejection naming column, value and reason.
import { levelPeriod, recordTypes, type RecordFieldSpec, type RecordType } from '../../src/schema/index.ts';
import type { Period } from '../../src/model/dates.ts';
import { DepartmentIndex, WallClock, isBlank, parseEnum, parsePeriod, parseTimestamp } from './values.ts';

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

/** Converts record cells once per export file; holds the per-file parsers. */
export class RecordConverter {
  readonly #departments: DepartmentIndex;
  readonly #clock: WallClock;
  constructor(departments: DepartmentIndex, clock: WallClock) {
    this.#departments = departments;
    this.#clock = clock;
  }

  convert(map: HeaderMap, cells: unknown[], file: string, line: number): TypedRecord | Rejection {
    const spec = recordTypes[map.type].fields as Record<string, RecordFieldSpec>;
    const values: Record<string, RecordValue> = {};
    const problems: Problem[] = [];
    let periodCell: [string, unknown] | undefined;
    for (const [field, index, column] of map.columns) {
      const cell = cells[index];
      const s = spec[field]!;
      if (isBlank(cell)) {
        values[field] = null;
        if (s.required) problems.push({ column, value: '', reason: '必填，但为空' });
        continue;
      }
      const result =
        s.kind === 'department' ? this.#departments.resolve(cell)
        : s.kind === 'timestamp' ? parseTimestamp(cell, this.#clock)
        : s.kind === 'enum' ? parseEnum(cell, s.values!)
        : s.kind === 'period' ? ((periodCell = [column, cell]), { ok: true as const, value: null })
        : { ok: true as const, value: typeof cell === 'string' ? cell.trim() : String(cell) };
      if (result.ok) values[field] = result.value;
      else problems.push({ column, value: cell instanceof Date ? cell.toISOString() : String(cell), reason: result.reason });
    }
    // A period is read against its plan level, so it waits for the level.
    if (periodCell && typeof values.level === 'string') {
      const unit = levelPeriod[values.level as keyof typeof levelPeriod];
      const result = parsePeriod(periodCell[1], unit);
      if (result.ok) values.period = result.value;
      else problems.push({ column: periodCell[0], value: String(periodCell[1]), reason: result.reason });
    }
    if (problems.length) return { file, line, ...problems[0]!, problems };
    return { type: map.type, file, line, values };
  }
}

export function isRejection(r: TypedRecord | Rejection): r is Rejection {
  return 'problems' in r;
}
