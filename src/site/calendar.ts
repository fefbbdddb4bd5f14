// The calendar window the site shows: from the first day of the build month, twelve months on.
import { deadlinesBetween } from '../model/calendar.ts';
import { addToDate, today } from '../model/dates.ts';
import { org, publishedPolicies } from './data.ts';

const now = today(org.timeZone);
export const calendarFrom = { year: now.year, month: now.month, day: 1 };
export const calendarTo = addToDate(calendarFrom, 12, -1);
export const calendarEntries = deadlinesBetween(publishedPolicies, org, calendarFrom, calendarTo);
