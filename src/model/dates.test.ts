import { describe, expect, it } from 'vitest';
import {
  addToDate,
  dayOf,
  endOfDay,
  formatPeriod,
  isoDate,
  nextPeriod,
  periodDueDate,
  periodOf,
  startOfDay,
  formatPeriodZh,
} from './dates.ts';

const rule = (months: number, days: number) => ({ label: 't', from: 'period-start' as const, months, days });
const iso = (ms: number) => new Date(ms).toISOString();

describe('calendar arithmetic', () => {
  it('due dates: 30 November before the year, last day of the previous quarter and month', () => {
    expect(isoDate(periodDueDate(rule(-1, -1), { unit: 'year', year: 2027, index: 1 }))).toBe('2026-11-30');
    expect(isoDate(periodDueDate(rule(0, -1), { unit: 'quarter', year: 2027, index: 1 }))).toBe('2026-12-31');
    expect(isoDate(periodDueDate(rule(0, -1), { unit: 'quarter', year: 2027, index: 3 }))).toBe('2027-06-30');
    expect(isoDate(periodDueDate(rule(0, -1), { unit: 'month', year: 2028, index: 3 }))).toBe('2028-02-29');
    expect(isoDate(periodDueDate(rule(0, -1), { unit: 'month', year: 2027, index: 3 }))).toBe('2027-02-28');
  });

  it('adds months clamped to the month end, then days', () => {
    expect(isoDate(addToDate({ year: 2026, month: 1, day: 31 }, 1, 0))).toBe('2026-02-28');
    expect(isoDate(addToDate({ year: 2026, month: 12, day: 31 }, 0, 1))).toBe('2027-01-01');
  });

  it('the due moment is the end of the due day in the organisation time zone', () => {
    expect(iso(startOfDay({ year: 2026, month: 11, day: 30 }, 'Asia/Shanghai'))).toBe('2026-11-29T16:00:00.000Z');
    expect(iso(endOfDay({ year: 2026, month: 11, day: 30 }, 'Asia/Shanghai'))).toBe('2026-11-30T16:00:00.000Z');
    // A zone with daylight saving time: New York midnight is 04:00Z in summer, 05:00Z in winter.
    expect(iso(startOfDay({ year: 2026, month: 7, day: 1 }, 'America/New_York'))).toBe('2026-07-01T04:00:00.000Z');
    expect(iso(startOfDay({ year: 2026, month: 12, day: 1 }, 'America/New_York'))).toBe('2026-12-01T05:00:00.000Z');
    expect(iso(startOfDay({ year: 2026, month: 3, day: 8 }, 'America/New_York'))).toBe('2026-03-08T05:00:00.000Z');
  });

  it('an instant falls on the calendar day of the zone', () => {
    expect(isoDate(dayOf(Date.parse('2026-11-30T16:30:00Z'), 'Asia/Shanghai'))).toBe('2026-12-01');
    expect(isoDate(dayOf(Date.parse('2026-11-30T15:59:59Z'), 'Asia/Shanghai'))).toBe('2026-11-30');
  });

  it('periods', () => {
    expect(formatPeriod(periodOf('quarter', { year: 2027, month: 5, day: 1 }))).toBe('2027-Q2');
    expect(formatPeriod(nextPeriod({ unit: 'month', year: 2027, index: 12 }))).toBe('2028-01');
    expect(formatPeriod(nextPeriod({ unit: 'quarter', year: 2027, index: 4 }))).toBe('2028-Q1');
    expect(formatPeriod(periodOf('half', { year: 2027, month: 7, day: 1 }))).toBe('2027-H2');
    expect(formatPeriod(nextPeriod({ unit: 'half', year: 2027, index: 2 }))).toBe('2028-H1');
    expect(formatPeriodZh({ unit: 'half', year: 2027, index: 1 })).toBe('2027年上半年');
    expect(
      periodDueDate({ label: 't', from: 'period-end', months: 0, days: 15 }, { unit: 'half', year: 2027, index: 1 }),
    ).toEqual({ year: 2027, month: 7, day: 15 });
  });
});
