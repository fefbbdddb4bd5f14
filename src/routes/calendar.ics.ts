// The deadline calendar as an iCalendar feed (all-day events), made with the `ics` library.
import type { APIRoute } from 'astro';
import { createEvents, type EventAttributes } from 'ics';
import { org } from '../site/data.ts';
import { calendarEntries } from '../site/calendar.ts';
import { addToDate, formatPeriodZh, isoDate } from '../model/dates.ts';
import { describeWho } from '../model/describe.ts';

export const GET: APIRoute = () => {
  const events: EventAttributes[] = calendarEntries.map((e) => {
    const end = addToDate(e.due, 0, 1);
    return {
      uid: `${e.policy.policy.id}-${e.obligation.id}-${e.period}@${new URL(org.handbook.url).host}`,
      title: `${e.obligation.title}（${formatPeriodZh(e.periodValue)}）截止`,
      description: `${describeWho(e.obligation, org)}：${e.obligation.title}。依据 ${e.policy.policy.id} ${e.obligation.article}。`,
      url: `${org.handbook.url}/${e.policy.slug}/#obligation-${e.obligation.id}`,
      start: [e.due.year, e.due.month, e.due.day],
      end: [end.year, end.month, end.day],
      startInputType: 'local',
      productId: 'policy-handbook',
      calName: `${org.name} 制度截止日历`,
    };
  });
  const { error, value } = createEvents(events);
  if (error || !value) throw new Error(`calendar.ics: could not build the calendar: ${error?.message ?? 'no output'}`);
  return new Response(value, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
