// One department's deadline calendar: every deadline it carries for the next twelve months.
import type { APIRoute } from 'astro';
import { org } from '../site/data.ts';
import { calendarEntries } from '../site/calendar.ts';
import { calendarFeed, carriedBy } from '../site/ical.ts';

export function getStaticPaths() {
  return org.departments.map((d) => ({ params: { id: d.id }, props: { id: d.id } }));
}

export const GET: APIRoute = ({ props }) => {
  const dept = org.departments.find((d) => d.id === props.id)!;
  const entries = calendarEntries.filter((e) => carriedBy(e, dept.id, org));
  return new Response(calendarFeed(entries, org, `${dept.name} 制度截止日历`), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
