// The deadline calendars as iCalendar feeds: the company's and one per department, every periodic
// deadline for the next twelve months, each event linking to its policy article, with an alarm
// the day before.
//
// Written here rather than with the `ics` library, which validated every event through yup: 0.36 ms
// an event, and a handbook of 2,000 pages has 60,000 events across its feeds (24 s of its build).
// The feeds use a handful of properties, each written as RFC 5545 says (TEXT escaped by §3.3.11,
// DATE values, lines folded at 75 octets by §3.1 without splitting a UTF-8 character), and each
// event is written once and shared by the company's feed and its departments'. The site tests parse
// every feed with ical.js.
import type { CalendarEntry } from './deadlines.ts';
import { addToDate, formatPeriodZh } from '../model/dates.ts';
import { describeCarrier, howCarried } from '../model/carrier.ts';
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

/**
 * Whether a department's calendar holds an entry: it carries the obligation as one of every
 * department, as the one named, or carries a step of it (the executive team's approval). A role's
 * carrier is known only from each record, so a calendar entry (which has no record) is in no
 * department's feed by role.
 */
export function carriedBy(entry: CalendarEntry, departmentId: string, org: Organization): boolean {
  const how = howCarried(entry.obligation, org, departmentId);
  return how === 'every' || how === 'department' || how === 'step';
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped. */
function text(value: string): string {
  // A line break is CR LF, LF, or a CR alone (older Mac text): each is one escaped newline, so none
  // reaches the feed raw and breaks its lines.
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

const two = (n: number) => String(n).padStart(2, '0');
const day = (d: { year: number; month: number; day: number }) => `${d.year}${two(d.month)}${two(d.day)}`;

/** When this build wrote the feeds (DTSTAMP). */
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');

/** Each entry's VEVENT, folded, written once per build. */
const written = new WeakMap<CalendarEntry, string>();

function vevent(e: CalendarEntry, org: Organization, host: string): string {
  let event = written.get(e);
  if (event) return event;
  const end = addToDate(e.due, 0, 1);
  const url = `${org.handbook.url}/${e.policy.slug}/#${e.obligation.anchor ?? `obligation-${e.obligation.id}`}`;
  event = foldIcs(
    [
      'BEGIN:VEVENT',
      `UID:${e.policy.policy.id}-${e.obligation.id}-${e.period}@${host}`,
      `SUMMARY:${text(`${e.obligation.title}（${formatPeriodZh(e.periodValue)}）截止`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day(e.due)}`,
      `DTEND;VALUE=DATE:${day(end)}`,
      `DESCRIPTION:${text(`${describeCarrier(e.obligation, org)}：${e.obligation.title}。依据 ${e.policy.policy.id} ${e.obligation.article}：${url}`)}`,
      // A URI value: the Chinese anchor percent-encoded.
      `URL:${encodeURI(url)}`,
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:${text(`明天截止：${e.obligation.title}`)}`,
      'TRIGGER:-PT24H',
      'END:VALARM',
      'END:VEVENT',
    ].join('\r\n'),
  );
  written.set(e, event);
  return event;
}

export function calendarFeed(entries: CalendarEntry[], org: Organization, name: string): string {
  const host = new URL(org.handbook.url).host;
  const head = foldIcs(
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      'PRODID:policy-handbook',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${text(name)}`,
      'X-PUBLISHED-TTL:PT1H',
    ].join('\r\n'),
  );
  return [head, ...entries.map((e) => vevent(e, org, host)), 'END:VCALENDAR', ''].join('\r\n');
}
