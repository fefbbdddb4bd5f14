// Cell values from exports: timestamps in the forms Chinese offices write them, plan periods,
// departments by any of their names, and enum spellings. Each parser returns a value or a
// reason the value cannot be used (never throws), so a bad cell becomes a rejected row.
import { TZDate } from '@date-fns/tz';
import type { Organization } from '../../src/schema/index.ts';
import { type Period, type PeriodUnit, periodOf } from '../../src/model/dates.ts';

/** Why a cell cannot be used, as a code (checks/report/messages.ts words it) and its values. */
export type ProblemCode =
  | 'required'
  | 'not-a-date'
  | 'unrecognised-date'
  | 'no-such-day'
  | 'no-such-time'
  | 'no-such-offset'
  | 'unrecognised-period'
  | 'no-such-month'
  | 'not-a-number'
  | 'not-a-version'
  | 'period-unit'
  | 'unknown-department'
  | 'unknown-value'
  | 'unterminated-quote'
  | 'text-after-quote'
  | 'record-too-long'
  | 'invalid-json'
  | 'not-an-object'
  /** A workbook cell holding a formula saved without its value (a file written by a program, not by Excel). */
  | 'formula-without-value'
  /** A JSON object whose keys match no record type (and no earlier object's did). */
  | 'no-record-type'
  /** In a file of approval instances, an object that is none (its value: what the platform said, if an error). */
  | 'not-an-approval'
  /** An approval API response that reports an error instead of an instance. */
  | 'api-error'
  /** An approval started from the company's root department: it names no department of the config. */
  | 'root-department'
  /** An approval whose initiator's department id the source entry's `departments` does not map. */
  | 'unmapped-department-id'
  /** An approval that names no department: no form field for it and no initiator's department. */
  | 'no-department'
  /** A line of an exported approval list's trail cell (审批记录) in no shape the reader knows. */
  | 'unrecognised-trail';

export interface Failure {
  code: ProblemCode;
  /** What the message needs besides the cell: the expected values, the units compared. */
  args?: Record<string, string | string[]>;
}

export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Failure);
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (code: ProblemCode, args?: Failure['args']): Parsed<never> =>
  args ? { ok: false, code, args } : { ok: false, code };

/** Empty cells and the dashes people type for "nothing" are no value. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  // Most cells are long and untrimmed-clean: decide without allocating a trimmed copy.
  if (value.length > 4 && value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return false;
  const t = value.trim();
  return t === '' || t === '-' || t === '—' || t === '--' || t === '——';
}

const ISO =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ZH = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Days from 1970-01-01 to a proleptic Gregorian date: Date.UTC's arithmetic without its cost. */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * Wall-clock time in a zone → instant. Offsets are cached per day (per hour on the days clocks
 * change) because a million rows carry a few hundred distinct days and TZDate is the slow part.
 */
export class WallClock {
  readonly timeZone: string;
  /** Instant of local midnight per calendar day (index from 1900), NaN until looked up, Infinity on a DST-change day. */
  #days = new Float64Array(300 * 372).fill(Number.NaN);
  #hours = new Map<number, number>();
  constructor(timeZone: string) {
    this.timeZone = timeZone;
  }
  #offsetAt(y: number, mo: number, d: number, h: number): number {
    return new TZDate(y, mo - 1, d, h, 0, 0, this.timeZone).getTime() - Date.UTC(y, mo - 1, d, h);
  }
  toInstant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
    const time = h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
    const day = (y - 1900) * 372 + mo * 31 + d;
    if (day >= 0 && day < this.#days.length) {
      let start = this.#days[day]!;
      if (Number.isNaN(start)) {
        const first = this.#offsetAt(y, mo, d, 0);
        start =
          first === this.#offsetAt(y, mo, d, 23)
            ? daysFromCivil(y, mo, d) * 86_400_000 + first
            : Number.POSITIVE_INFINITY;
        this.#days[day] = start;
      }
      if (start !== Number.POSITIVE_INFINITY) return start + time;
    }
    const utc = daysFromCivil(y, mo, d) * 86_400_000 + time;
    // A day on which the clocks change (or a far-off year): look the hour up.
    const key = ((y * 12 + mo) * 31 + d) * 24 + h;
    let offset = this.#hours.get(key);
    if (offset === undefined) this.#hours.set(key, (offset = this.#offsetAt(y, mo, d, h)));
    return utc + offset;
  }
}

/**
 * The common export shapes `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS` read
 * straight from a CSV cell's UTF-8 digits, with no string made: most cells of a large export take
 * this path. Anything else returns NaN and goes through parseTimestamp.
 */
export function timestampFromBytes(b: Uint8Array, s: number, e: number, clock: WallClock): number {
  const n = e - s;
  if ((n !== 10 && n !== 16 && n !== 19) || b[s + 4] !== 45 || b[s + 7] !== 45) return Number.NaN;
  // Digits as (byte - 48); one unsigned comparison tells a non-digit (it wraps past 9).
  const y0 = b[s]! - 48,
    y1 = b[s + 1]! - 48,
    y2 = b[s + 2]! - 48,
    y3 = b[s + 3]! - 48;
  const m0 = b[s + 5]! - 48,
    m1 = b[s + 6]! - 48,
    d0 = b[s + 8]! - 48,
    d1 = b[s + 9]! - 48;
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 9 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9
  )
    return Number.NaN;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3,
    mo = m0 * 10 + m1,
    d = d0 * 10 + d1;
  if (mo < 1 || mo > 12 || d < 1 || (d > 28 && d > daysInMonth(y, mo))) return Number.NaN;
  if (n === 10) return clock.toInstant(y, mo, d);
  const sep = b[s + 10];
  if ((sep !== 32 && sep !== 84) || b[s + 13] !== 58) return Number.NaN;
  const h0 = b[s + 11]! - 48,
    h1 = b[s + 12]! - 48,
    i0 = b[s + 14]! - 48,
    i1 = b[s + 15]! - 48;
  if (h0 >>> 0 > 9 || h1 >>> 0 > 9 || i0 >>> 0 > 9 || i1 >>> 0 > 9) return Number.NaN;
  const h = h0 * 10 + h1,
    mi = i0 * 10 + i1;
  let sec = 0;
  if (n === 19) {
    const s0 = b[s + 17]! - 48,
      s1 = b[s + 18]! - 48;
    if (b[s + 16] !== 58 || s0 >>> 0 > 9 || s1 >>> 0 > 9 || (sec = s0 * 10 + s1) > 59) return Number.NaN;
  }
  if (h > 23 || mi > 59) return Number.NaN;
  return clock.toInstant(y, mo, d, h, mi, sec);
}

/** A timestamp cell → epoch milliseconds. Without an offset it is read in the organisation's zone. */
export function parseTimestamp(value: unknown, clock: WallClock): Parsed<number> {
  if (value instanceof Date) {
    // Excel stores wall-clock time with no zone; exceljs hands it over as that time in UTC.
    if (Number.isNaN(value.getTime())) return bad('unrecognised-date');
    return ok(
      clock.toInstant(
        value.getUTCFullYear(),
        value.getUTCMonth() + 1,
        value.getUTCDate(),
        value.getUTCHours(),
        value.getUTCMinutes(),
        value.getUTCSeconds(),
        value.getUTCMilliseconds(),
      ),
    );
  }
  if (typeof value !== 'string') return bad('not-a-date', { type: typeof value });
  const text = value.trim();
  let m = ISO.exec(text);
  let y: number,
    mo: number,
    d: number,
    h = 0,
    mi = 0,
    s = 0,
    ms = 0,
    zone: string | undefined;
  if (m) {
    [y, mo, d] = [+m[1]!, +m[3]!, +m[4]!];
    if (m[5] !== undefined) [h, mi, s] = [+m[5], +m[6]!, m[7] ? +m[7] : 0];
    if (m[8]) ms = Math.floor(+`0.${m[8]}` * 1000);
    zone = m[9];
  } else if ((m = ZH.exec(text))) {
    [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
    if (m[4] !== undefined) [h, mi, s] = [+m[4], +m[5]!, m[6] ? +m[6] : 0];
  } else {
    return bad('unrecognised-date');
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return bad('no-such-day');
  if (h > 23 || mi > 59 || s > 59) return bad('no-such-time');
  if (zone) {
    if (zone.toUpperCase() === 'Z') return ok(Date.UTC(y, mo - 1, d, h, mi, s, ms));
    const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const minutes = (+zm[2]! * 60 + (zm[3] ? +zm[3] : 0)) * (zm[1] === '-' ? -1 : 1);
    // +08:60 is no offset (minutes run to 59), and none is more than 14 hours from UTC.
    if ((zm[3] && +zm[3] > 59) || Math.abs(minutes) > 14 * 60) return bad('no-such-offset');
    return ok(Date.UTC(y, mo - 1, d, h, mi, s, ms) - minutes * 60000);
  }
  return ok(clock.toInstant(y, mo, d, h, mi, s, ms));
}

const zhDigit: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** A number cell: a number, or text such as 1,234.5 or 85% (a percentage as written: 85). */
export function parseNumber(value: unknown): Parsed<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : bad('not-a-number');
  const text =
    typeof value === 'string'
      ? value
          .trim()
          .replace(/(\d),(?=\d{3}\b)/g, '$1')
          .replace(/%$/, '')
      : '';
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? ok(Number(text)) : bad('not-a-number');
}

/**
 * A period cell → Period; checked against `unit` when one is given (a plan level's). A workbook
 * cell Excel stored as a date (shown as 2026年3月 by its format) is the period of that unit holding
 * the day, or its month when no unit is given.
 */
export function parsePeriod(value: unknown, unit?: PeriodUnit): Parsed<Period> {
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    // Workbook dates carry their wall-clock day in UTC fields (checks/read/xlsx.ts).
    return ok(
      periodOf(unit ?? 'month', {
        year: value.getUTCFullYear(),
        month: value.getUTCMonth() + 1,
        day: value.getUTCDate(),
      }),
    );
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  let m: RegExpExecArray | null;
  let found: Period | undefined;
  if ((m = /^(\d{4})年?(?:度)?$/.exec(text))) found = { unit: 'year', year: +m[1]!, index: 1 };
  else if ((m = /^(\d{4})(?:-?H([12])|年?([上下])半年(?:度)?)$/i.exec(text)))
    found = { unit: 'half', year: +m[1]!, index: m[2] ? +m[2] : m[3] === '上' ? 1 : 2 };
  else if ((m = /^(\d{4})(?:-?Q([1-4])|年第([1-4一二三四])季度)$/i.exec(text)))
    found = { unit: 'quarter', year: +m[1]!, index: m[2] ? +m[2] : (zhDigit[m[3]!] ?? +m[3]!) };
  else if ((m = /^(\d{4})(?:-(\d{1,2})|年(\d{1,2})月)$/.exec(text))) {
    const month = +(m[2] ?? m[3])!;
    if (month < 1 || month > 12) return bad('no-such-month');
    found = { unit: 'month', year: +m[1]!, index: month };
  }
  if (!found) return bad('unrecognised-period');
  if (unit && found.unit !== unit) return bad('period-unit', { found: found.unit, expected: unit });
  return ok(found);
}

/** Matches departments by id, Chinese or English name (any case) or alias. */
export class DepartmentIndex {
  #byName = new Map<string, string>();
  constructor(org: Organization) {
    for (const d of org.departments)
      for (const name of [d.id, d.name, d.nameEn, ...d.aliases]) this.#byName.set(name.trim().toLowerCase(), d.id);
  }
  #hits = new Map<string, Parsed<string>>();
  static readonly unknown = bad('unknown-department');
  resolve(value: unknown): Parsed<string> {
    if (typeof value === 'string') {
      // Exports repeat a handful of spellings millions of times: remember each answer.
      const hit = this.#hits.get(value);
      if (hit) return hit;
      const id = this.#byName.get(value.trim().toLowerCase());
      if (id) {
        const result = ok(id);
        if (this.#hits.size < 10_000) this.#hits.set(value, result);
        return result;
      }
    }
    return DepartmentIndex.unknown;
  }
}

const enumLookups = new WeakMap<object, Map<string, Parsed<string>>>();

/**
 * A policy version as staff write it when they acknowledge one: 1.1.0, v1.1.0, V1.1 or 1.1 (a
 * spreadsheet turns 1.1 into a number), kept as MAJOR.MINOR.PATCH.
 */
export function parseVersion(value: unknown): Parsed<string> {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = /^[vV]?(\d{1,6})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return bad('not-a-version');
  return ok(`${+m[1]!}.${+(m[2] ?? 0)}.${+(m[3] ?? 0)}`);
}

/**
 * Matches an enum cell against canonical values and their Chinese spellings; where the list is
 * `open` (the policy's list ends in 等), another value is accepted as written.
 */
export function parseEnum(value: unknown, values: Record<string, readonly string[]>, open = false): Parsed<string> {
  let lookup = enumLookups.get(values);
  if (!lookup) {
    lookup = new Map();
    for (const [canonical, spellings] of Object.entries(values))
      for (const s of [canonical, ...spellings]) lookup.set(s.toLowerCase(), ok(canonical));
    enumLookups.set(values, lookup);
  }
  const exact = typeof value === 'string' ? lookup.get(value) : undefined;
  if (exact) return exact;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const known = lookup.get(text);
  if (known) return known;
  if (open && typeof value === 'string' && value.trim()) return ok(value.trim());
  return bad('unknown-value', { expected: Object.entries(values).map(([k, v]) => `${v[0]}（${k}）`) });
}
