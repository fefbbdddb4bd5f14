import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRule, minutesObligation, planObligation } from './fixture.ts';

// The test's own policy: minutes due a set number of days after the meeting ended (as 8(三)2 is
// read), and an annual plan that no export here supplies. Not the shipped pages, whose wording and
// deadlines a process owner may change.
const meetings = readFileSync(join(import.meta.dirname, 'deadline/meetings.csv'), 'utf8');
const check = (asOf: string, minutesDays = 3) =>
  checkRule({
    obligations: [minutesObligation(), planObligation('annual-plan', 'annual', 'year')],
    deadlines: {
      'meeting-minutes': { label: '纪要', from: 'event', months: 0, days: minutesDays },
      'annual-plan': { label: '年度计划', from: 'period-start', months: -1, days: -1 },
    },
    files: { 'meetings.csv': meetings },
    asOf,
    since: '2026-11-01',
  }).then(({ report }) => report);

describe('deadline', () => {
  it('minutes are due by the end of the day N days after the meeting ended', async () => {
    const report = await check('2026-12-05');
    const minutes = report.findings.filter((f) => f.obligation === 'meeting-minutes');
    expect(minutes.map((f) => `${f.subject} ${f.department} ${f.status} ${f.due} ${f.daysLate}`)).toEqual([
      'M-2 finance late 2026-11-05 1',
      'M-3 finance missing 2026-11-06 29',
    ]);
    expect(minutes[1]).toMatchObject({
      rule: 'deadline',
      policy: 'TST-01',
      actual: null,
      source: { file: 'meetings.csv', line: 4 },
    });
  });

  it('a meeting whose minutes fall due within seven days is upcoming; one not yet ended is not judged', async () => {
    const report = await check('2026-12-05');
    expect(
      report.upcoming.filter((u) => u.obligation === 'meeting-minutes').map((u) => `${u.subject} ${u.daysLeft}`),
    ).toEqual(['M-4 2']);
    expect(
      JSON.stringify([...report.findings, ...report.upcoming].filter((f) => f.obligation === 'meeting-minutes')),
    ).not.toContain('M-5');
    // The fixture has no plans: the report says so rather than leaving only "missing" findings.
    expect(report.warnings.map((w) => w.code)).toContain('no-records');
    expect(report.summary.obligations.find((o) => o.obligation === 'annual-plan')?.checked).toBe('no-records');
    expect(report.findings.filter((f) => f.obligation === 'annual-plan')).toEqual([]);
  });

  it('reads the deadline from the organisation config: one day instead of three changes the findings', async () => {
    const report = await check('2026-12-05', 1);
    const minutes = report.findings.filter((f) => f.obligation === 'meeting-minutes');
    expect(minutes.map((f) => `${f.subject} ${f.status} ${f.due}`)).toEqual([
      'M-4 missing 2026-12-04',
      'M-1 late 2026-11-03',
      'M-2 late 2026-11-03',
      'M-3 missing 2026-11-04',
    ]);
  });
});

describe('deadline, before an event and on a date the record carries', () => {
  it('a notice at least a day before the meeting (a negative offset): the same morning is late, the day before on time', async () => {
    const { brief } = await checkRule({
      obligations: [
        {
          id: 'notice',
          records: 'meetings',
          who: { role: 'meeting-organizer', field: 'organizer' },
          rule: 'deadline',
          evidence: 'notice_sent_at',
          due: { after: 'start_at', deadline: 'day-before' },
        },
      ],
      deadlines: { 'day-before': { label: '提前一天', from: 'event', months: 0, days: -1 } },
      files: {
        'm.csv':
          'meeting_id,type,organizer,notice_sent_at,start_at,end_at\n' +
          'M1,project,rnd,2026-11-01 17:00,2026-11-02 09:00,2026-11-02 10:00\n' +
          'M2,project,sales,2026-11-02 08:00,2026-11-02 09:00,2026-11-02 10:00\n' +
          'M3,project,sales,,2026-12-20 09:00,2026-12-20 10:00\n', // next month: not due yet
      },
      asOf: '2026-12-05',
      since: '2026-11-01',
    });
    expect(brief).toEqual(['notice sales M2 late 1']);
  });

  it('a loan is due on its own return date, or a configured number of days after it was lent when it has none', async () => {
    const { brief } = await checkRule({
      obligations: [
        {
          id: 'return',
          records: 'borrowings',
          rule: 'deadline',
          evidence: 'returned_at',
          due: { on: 'due_back', after: 'lent_at', deadline: 'two-weeks' },
        },
      ],
      deadlines: { 'two-weeks': { label: '14 天', from: 'event', months: 0, days: 14 } },
      files: {
        'loans.csv':
          '借阅编号,部门,借出时间,应还日期,归还时间\n' +
          'B1,财务部,2026-10-01,2026-10-10,2026-10-12\n' + // returned two days after its own date
          'B2,销售部,2026-10-01,,2026-10-12\n' + // no date of its own: 14 days, in time
          'B3,研发部,2026-10-01,,\n', // not returned: due 15 October
      },
      asOf: '2026-11-01',
      since: '2026-09-01',
    });
    expect(brief).toEqual(['return rnd B3 missing 17', 'return finance B1 late 2']);
  });

  it('counts from the earliest of several fields that has a value: 8(二)1 notices without a start time, 8(四)2 unfinished decisions', async () => {
    const { brief } = await checkRule({
      obligations: [
        {
          id: 'notice',
          records: 'meetings',
          who: { role: 'meeting-organizer', field: 'organizer' },
          rule: 'deadline',
          evidence: 'notice_sent_at',
          due: { after: ['start_at', 'end_at'], deadline: 'day-before' },
        },
        {
          id: 'checked',
          records: 'decisions',
          who: { department: 'operations' },
          rule: 'deadline',
          evidence: 'checked_at',
          due: { after: ['completed_at', 'due_at'], deadline: 'three-days' },
        },
      ],
      deadlines: {
        'day-before': { label: '前一日', from: 'event', months: 0, days: -1 },
        'three-days': { label: '三日', from: 'event', months: 0, days: 3 },
      },
      files: {
        'meetings.csv':
          '会议编号,会议类型,组织部门,通知时间,开始时间,结束时间\n' +
          'M1,部门会议,销售部,,,2026-11-10 11:00\n' + // no start time: judged from its end
          'M2,部门会议,销售部,2026-11-09 10:00,,2026-11-10 11:00\n', // noticed the day before its end: on time
        'decisions.csv':
          '决议编号,责任部门,完成期限,完成时间,核查时间\n' +
          'D1,财务部,2026-11-05,,\n' + // overdue, unfinished, never checked
          'D2,财务部,2026-11-20,2026-11-06,2026-11-08\n' + // done early, checked in time
          'D3,财务部,2026-12-20,,\n', // not due yet: nothing to check
      },
      asOf: '2026-11-30',
      since: '2026-11-01',
    });
    expect(brief).toEqual(['checked operations D1 missing 22', 'notice sales M1 missing 21']);
  });

  it('evidence dated before the event it follows is out of order, judged in the window of the event, not of the typo', async () => {
    const { brief } = await checkRule({
      obligations: [
        {
          id: 'minutes',
          records: 'meetings',
          who: { role: 'meeting-organizer', field: 'organizer' },
          rule: 'deadline',
          evidence: 'minutes_filed_at',
          due: { after: 'end_at', deadline: 'three-days' },
        },
      ],
      deadlines: { 'three-days': { label: '三日', from: 'event', months: 0, days: 3 } },
      files: {
        'meetings.csv':
          '会议编号,会议类型,组织部门,结束时间,纪要提交时间\n' +
          'M1,部门会议,销售部,2026-11-10 11:00,2025-11-11 09:00\n' + // 2025 for 2026: a year before the meeting
          'M2,部门会议,销售部,2026-11-10 11:00,2026-11-11 09:00\n',
      },
      asOf: '2026-11-30',
      since: '2026-11-01',
    });
    expect(brief).toEqual(['minutes sales M1 out-of-order 结束时间/纪要提交时间']);
  });
});
