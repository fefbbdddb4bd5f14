import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { deadlinesBetween } from './deadlines.ts';
import type { PolicyFile } from '../model/load.ts';
import { testOrganization } from '../model/test-organization.ts';
import { calendarFeed } from './ical.ts';

const org = testOrganization();
const deadline = Object.keys(org.deadlines).find((k) => org.deadlines[k]!.from === 'period-start')!;
const policy = {
  file: 'content/docs/policies/x.mdx',
  slug: 'policies/x',
  policy: {
    id: 'OPS-99',
    chapter: 9,
    status: 'approved',
    obligations: [
      {
        id: 'odd-text',
        title: '报送台账; 含逗号, 反斜杠\\ 与换行\r旧式回车',
        article: '第九章第 1 条',
        anchor: '一总则',
        who: { every: 'department' },
        rule: 'periodic',
        records: 'reports',
        match: {},
        due: { every: 'month', deadline },
      },
    ],
  },
} as unknown as PolicyFile;

describe('iCalendar feeds', () => {
  const entries = deadlinesBetween([policy], org, { year: 2027, month: 1, day: 1 }, { year: 2027, month: 12, day: 31 });
  const feed = calendarFeed(entries, org, '测试, 日历');

  it('writes text values that read back as written (RFC 5545 escaping), one event per deadline', () => {
    const calendar = new ICAL.Component(ICAL.parse(feed));
    // An X- property is TEXT too; ical.js hands unknown properties over unescaped.
    expect(feed).toContain('X-WR-CALNAME:测试\\, 日历\r\n');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(entries.length);
    expect(entries.length).toBeGreaterThan(0);
    for (const event of events)
      expect(event.summary.startsWith('报送台账; 含逗号, 反斜杠\\ 与换行\n旧式回车（')).toBe(true);
    // No bare CR reaches the feed: every line ends in CR LF, and no CR stands alone.
    expect(feed.replaceAll('\r\n', '')).not.toContain('\r');
    expect(events.map((e) => e.startDate.toString())).toEqual(
      entries.map((e) => `${e.due.year}-${String(e.due.month).padStart(2, '0')}-${String(e.due.day).padStart(2, '0')}`),
    );
  });

  it('folds lines at 75 octets with CRLF, never inside a character', () => {
    expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of feed.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(feed).not.toContain('\uFFFD');
  });
});
