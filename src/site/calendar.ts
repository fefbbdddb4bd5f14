// The calendar window the site shows: from the first day of the build month, twelve months on.
import { deadlinesBetween } from './deadlines.ts';
import { addToDate, today } from '../model/dates.ts';
import { org, publishedPolicies } from './data.ts';

const now = today(org.timeZone);
export const calendarFrom = { year: now.year, month: now.month, day: 1 };
export const calendarTo = addToDate(calendarFrom, 12, -1);
export const calendarEntries = deadlinesBetween(publishedPolicies, org, calendarFrom, calendarTo);

/** The calendar's months, in order: `2027-03`, its heading (2027年3月) and its deadlines. */
export const calendarMonths = (() => {
  const months = new Map<string, { key: string; title: string; entries: typeof calendarEntries }>();
  for (const entry of calendarEntries) {
    const key = `${entry.due.year}-${String(entry.due.month).padStart(2, '0')}`;
    let month = months.get(key);
    if (!month) months.set(key, (month = { key, title: `${entry.due.year}年${entry.due.month}月`, entries: [] }));
    month.entries.push(entry);
  }
  return [...months.values()];
})();

/**
 * Up to this many deadlines, /calendar/ shows them all; beyond, it lists the months and each month
 * has its page (/calendar/2027-03/), so that no page grows with the handbook past a month's worth.
 */
export const CALENDAR_ONE_PAGE = 300;

/** Deadlines on one page of a month (a month of a large handbook runs to several pages). */
export const CALENDAR_PAGE = 300;
