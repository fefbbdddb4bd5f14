// The company's deadline calendar as an iCalendar feed (src/site/ical.ts).
import type { APIRoute } from 'astro';
import { org } from '../site/data.ts';
import { calendarEntries } from '../site/calendar.ts';
import { calendarFeed } from '../site/ical.ts';

export const GET: APIRoute = () =>
  new Response(calendarFeed(calendarEntries, org, `${org.name} 制度截止日历`), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
