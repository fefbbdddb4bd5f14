// Calendar arithmetic for deadlines: plan periods, due dates and due moments in the
// organisation's time zone. Calendar dates are plain {year, month, day} values computed in UTC
// so that no local time zone leaks in; only `startOfDay` turns a date into an instant.
import { tzOffset } from '@date-fns/tz';
import type { Deadline } from '../schema/index.ts';

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export type PeriodUnit = 'year' | 'half' | 'quarter' | 'month';

/** The period units, longest first. */
export const periodUnits: readonly PeriodUnit[] = ['year', 'half', 'quarter', 'month'];

export interface Period {
  unit: PeriodUnit;
  year: number;
  /** Quarter 1–4 or month 1–12; 1 for a year. */
  index: number;
}

export function isoDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function parseIsoDate(text: string): CalendarDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got "${text}"`);
  return { year: +m[1], month: +m[2], day: +m[3] };
}

/** Adds months (clamped to the month's last day, as calendars do), then days. */
export function addToDate(d: CalendarDate, months: number, days: number): CalendarDate {
  // Fast path for the checker's hot loop: a few days within the same month.
  if (months === 0 && d.day + days >= 1 && d.day + days <= 28)
    return { year: d.year, month: d.month, day: d.day + days };
  const monthIndex = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const shifted = new Date(Date.UTC(year, month - 1, Math.min(d.day, lastDay) + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function periodStart(p: Period): CalendarDate {
  if (p.unit === 'year') return { year: p.year, month: 1, day: 1 };
  if (p.unit === 'half') return { year: p.year, month: (p.index - 1) * 6 + 1, day: 1 };
  if (p.unit === 'quarter') return { year: p.year, month: (p.index - 1) * 3 + 1, day: 1 };
  return { year: p.year, month: p.index, day: 1 };
}

export function nextPeriod(p: Period): Period {
  const per = p.unit === 'year' ? 1 : p.unit === 'half' ? 2 : p.unit === 'quarter' ? 4 : 12;
  return p.index === per ? { unit: p.unit, year: p.year + 1, index: 1 } : { ...p, index: p.index + 1 };
}

export function periodOf(unit: PeriodUnit, d: CalendarDate): Period {
  if (unit === 'year') return { unit, year: d.year, index: 1 };
  if (unit === 'half') return { unit, year: d.year, index: d.month <= 6 ? 1 : 2 };
  if (unit === 'quarter') return { unit, year: d.year, index: Math.floor((d.month - 1) / 3) + 1 };
  return { unit, year: d.year, index: d.month };
}

/** Canonical period label: `2027`, `2027-Q1`, `2027-01`. */
export function formatPeriod(p: Period): string {
  if (p.unit === 'year') return String(p.year);
  if (p.unit === 'half') return `${p.year}-H${p.index}`;
  if (p.unit === 'quarter') return `${p.year}-Q${p.index}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}

/** Chinese period label: 2027年, 2027年第1季度, 2027年1月. */
export function formatPeriodZh(p: Period): string {
  if (p.unit === 'year') return `${p.year}年`;
  if (p.unit === 'half') return `${p.year}年${p.index === 1 ? '上' : '下'}半年`;
  if (p.unit === 'quarter') return `${p.year}年第${p.index}季度`;
  return `${p.year}年${p.index}月`;
}

/** The last day of a period. */
export function periodEnd(p: Period): CalendarDate {
  return addToDate(periodStart(nextPeriod(p)), 0, -1);
}

/** The due date of a periodic obligation for period `p`: counted from its first day, or from its last (`period-end`). */
export function periodDueDate(rule: Deadline, p: Period): CalendarDate {
  return addToDate(rule.from === 'period-end' ? periodEnd(p) : periodStart(p), rule.months, rule.days);
}

/**
 * The periods of `unit` whose due date (by `rule`) falls from `from` to `to` inclusive, with it, for
 * the calendars. Due dates may fall well before their period (an annual plan is due the November
 * before), so the walk starts a year early and stops when due dates pass the window.
 */
export function* dueDatesBetween(
  rule: Deadline,
  unit: PeriodUnit,
  from: CalendarDate,
  to: CalendarDate,
): Generator<{ due: CalendarDate; period: Period }> {
  // Due dates grow with their periods, so the walk ends at `to` however long the window: no cap
  // that would silently leave the latest periods out.
  for (let period = periodOf(unit, { year: from.year - 1, month: 1, day: 1 }); ; period = nextPeriod(period)) {
    const due = periodDueDate(rule, period);
    if (compareDates(due, to) > 0) break;
    if (compareDates(due, from) >= 0) yield { due, period };
  }
}

/** The due date of an event obligation whose event happened on `eventDay`. */
export function eventDueDate(rule: Deadline, eventDay: CalendarDate): CalendarDate {
  return addToDate(eventDay, rule.months, rule.days);
}

// Time-zone offsets are looked up through Intl, which is slow; a checker run asks the same
// questions for millions of rows, so answers are cached per zone (by day, and by UTC hour).
const dayStarts = new Map<string, Map<number, number>>();
const hourOffsets = new Map<string, Map<number, number>>();

function cacheFor(caches: Map<string, Map<number, number>>, timeZone: string) {
  let cache = caches.get(timeZone);
  if (!cache) caches.set(timeZone, (cache = new Map()));
  return cache;
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const cache = cacheFor(hourOffsets, timeZone);
  const hour = Math.floor(instant / 3_600_000);
  let offset = cache.get(hour);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(hour * 3_600_000)) * 60_000;
    cache.set(hour, offset);
  }
  return offset;
}

/** The instant a calendar day begins in `timeZone` (epoch milliseconds). */
export function startOfDay(d: CalendarDate, timeZone: string): number {
  const cache = cacheFor(dayStarts, timeZone);
  const key = (d.year * 13 + d.month) * 32 + d.day;
  let start = cache.get(key);
  if (start === undefined) {
    const utcMidnight = Date.UTC(d.year, d.month - 1, d.day);
    // The offset at local midnight; a second look corrects for a change between the two guesses.
    start = utcMidnight - offsetAt(utcMidnight, timeZone);
    start = utcMidnight - offsetAt(start, timeZone);
    cache.set(key, start);
  }
  return start;
}

/** The due moment: the end of the due day (= start of the next day) in `timeZone`. */
export function endOfDay(d: CalendarDate, timeZone: string): number {
  return startOfDay(addToDate(d, 0, 1), timeZone);
}

/** The calendar day an instant falls on in `timeZone`. */
export function dayOf(instant: number, timeZone: string): CalendarDate {
  const local = new Date(instant + offsetAt(instant, timeZone));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/** Today's date in `timeZone`. */
export function today(timeZone: string, now = Date.now()): CalendarDate {
  return dayOf(now, timeZone);
}
