// The deadline calendars as iCalendar feeds: the company's and one per department, every periodic
// deadline for the next twelve months, each event linking to its policy article, with an alarm
// the day before. Events are made with the `ics` library; its lines are then folded at 75 octets
// as RFC 5545 §3.1 requires (the library folds by characters, and a Chinese character is three
// octets, which made 102-octet lines).
import { createEvents, type EventAttributes } from 'ics';
import type { CalendarEntry } from '../model/calendar.ts';
import { addToDate, formatPeriodZh } from '../model/dates.ts';
import { describeWho } from '../model/describe.ts';
import type { Organization } from '../schema/index.ts';

/** Unfolds, then folds every line at 75 octets without splitting a UTF-8 character. */
export function foldIcs(text: string): string {
  const lines = text.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const out: string[] = [];
  for (const line of lines) {
    let rest = line;
    let limit = 75;
    while (Buffer.byteLength(rest) > limit) {
      let cut = 0;
      let bytes = 0;
      for (const ch of rest) {
        const n = Buffer.byteLength(ch);
        if (bytes + n > limit) break;
        bytes += n;
        cut += ch.length;
      }
      out.push((limit === 74 ? ' ' : '') + rest.slice(0, cut));
      rest = rest.slice(cut);
      limit = 74; // a continuation line starts with a space, which counts
    }
    out.push((limit === 74 ? ' ' : '') + rest);
  }
  return out.join('\r\n');
}

/** Who carries an entry: every department (kind department), or the one named; roles carry none here. */
export function carriedBy(entry: CalendarEntry, departmentId: string, org: Organization): boolean {
  const who = entry.obligation.who;
  if ('every' in who) return org.departments.find((d) => d.id === departmentId)?.kind === 'department';
  return 'department' in who && who.department === departmentId;
}

export function calendarFeed(entries: CalendarEntry[], org: Organization, name: string): string {
  const host = new URL(org.handbook.url).host;
  const events: EventAttributes[] = entries.map((e) => {
    const end = addToDate(e.due, 0, 1);
    const url = `${org.handbook.url}/${e.policy.slug}/#${e.obligation.anchor ?? `obligation-${e.obligation.id}`}`;
    return {
      uid: `${e.policy.policy.id}-${e.obligation.id}-${e.period}@${host}`,
      title: `${e.obligation.title}（${formatPeriodZh(e.periodValue)}）截止`,
      description: `${describeWho(e.obligation, org)}：${e.obligation.title}。依据 ${e.policy.policy.id} ${e.obligation.article}：${url}`,
      // A URI property: the Chinese anchor percent-encoded.
      url: encodeURI(url),
      start: [e.due.year, e.due.month, e.due.day],
      end: [end.year, end.month, end.day],
      startInputType: 'local',
      productId: 'policy-handbook',
      calName: name,
      alarms: [{ action: 'display', description: `明天截止：${e.obligation.title}`, trigger: { hours: 24, before: true } }],
    };
  });
  const { error, value } = createEvents(events, { calName: name, productId: 'policy-handbook' });
  if (error || !value) throw new Error(`calendar: could not build "${name}": ${error?.message ?? 'no output'}`);
  return foldIcs(value);
}
