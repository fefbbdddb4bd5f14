import { describe, expect, it } from 'vitest';
import { format } from '../report/index.ts';
import { checkRule } from '../rules/fixture.ts';
import { exitCode } from '../run.ts';
import { loadOrganization } from '../../src/model/load.ts';

// Minutes filed within three days of the meeting's end, and a recorder named.
const obligations = [
  {
    id: 'minutes',
    records: 'meetings',
    who: { role: 'meeting-organizer', field: 'organizer' },
    rule: 'deadline',
    evidence: 'minutes_filed_at',
    due: { after: 'end_at', deadline: 'three-days' },
  },
  { id: 'recorder', records: 'meetings', rule: 'complete', require: ['recorder'], at: 'end_at' },
];
const deadlines = { 'three-days': { label: '三日', from: 'event' as const, months: 0, days: 3 } };
const check = (files: Record<string, string>, parallelMinBytes?: number) =>
  checkRule({ obligations, deadlines, files, asOf: '2026-12-01', since: '2026-11-01', parallelMinBytes });

describe('an absent column is not absent evidence', () => {
  it("a table without an obligation's column is not judged for it, says so once, and other obligations still are", async () => {
    const { brief, report } = await check({
      // A meeting system that records no minutes: every meeting has a recorder, none a filing time.
      'a-会议系统.csv':
        '会议编号,会议类型,组织部门,结束时间,记录人\nA1,部门会议,销售部,2026-11-02 10:00,王芳\nA2,部门会议,销售部,2026-11-03 10:00,\n',
      // One that does: an empty cell there is a missing filing.
      'b-纪要台账.csv':
        '会议编号,会议类型,组织部门,结束时间,记录人,纪要提交时间\nB1,部门会议,财务部,2026-11-02 10:00,李雷,\n',
    });
    expect(brief).toEqual(['recorder sales A2 incomplete 记录人', 'minutes finance B1 missing 26']);
    const warnings = report.warnings.filter((w) => w.code === 'absent-column');
    expect(warnings).toEqual([
      {
        code: 'absent-column',
        file: 'a-会议系统.csv',
        values: { type: 'meetings', columns: ['纪要提交时间'], obligations: ['minutes'], rows: 2 },
      },
    ]);
    const minutes = report.summary.obligations.find((o) => o.obligation === 'minutes')!;
    expect(minutes).toMatchObject({
      evaluated: 1,
      missing: 1,
      unchecked: [{ file: 'a-会议系统.csv', columns: ['纪要提交时间'], rows: 2 }],
    });
    expect(report.summary.obligations.find((o) => o.obligation === 'recorder')).toMatchObject({ evaluated: 3, met: 2 });
    expect(format(report, loadOrganization(), 'text', { color: false })).toContain(
      'a-会议系统.csv：没有“纪要提交时间”列',
    );
  });

  it('gives the same report when the file is read on two threads, and for an id repeated in it', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `A${i},部门会议,销售部,2026-11-02 10:00,王芳`);
    rows.push('A7,部门会议,销售部,2026-11-02 10:00,王芳'); // a repeat: judged once, never by the absent column's rule
    const files = { 'a.csv': `会议编号,会议类型,组织部门,结束时间,记录人\n${rows.join('\n')}\n` };
    const one = await check(files);
    const two = await check(files, 1024);
    for (const r of [one, two]) {
      expect(r.brief).toEqual([]);
      expect(r.report.warnings.filter((w) => w.code === 'absent-column')).toHaveLength(1);
      expect(r.report.summary.obligations.find((o) => o.obligation === 'minutes')).toMatchObject({
        evaluated: 0,
        unchecked: [{ file: 'a.csv', columns: ['纪要提交时间'], rows: 400 }],
      });
      expect(r.report.summary.obligations.find((o) => o.obligation === 'recorder')).toMatchObject({
        evaluated: 400,
        met: 400,
      });
    }
    expect(two.report.warnings).toEqual(one.report.warnings);
  });

  it('a run that left records unjudged is not clean: exit 1 without a finding, exit 0 once the column is there', async () => {
    const lacking = await check({
      'a.csv': '会议编号,会议类型,组织部门,结束时间,记录人\nA1,部门会议,销售部,2026-11-02 10:00,王芳\n',
    });
    expect(lacking.brief).toEqual([]);
    expect(exitCode(lacking.report)).toBe(1);
    const whole = await check({
      'a.csv':
        '会议编号,会议类型,组织部门,结束时间,记录人,纪要提交时间\nA1,部门会议,销售部,2026-11-02 10:00,王芳,2026-11-03\n',
    });
    expect(whole.brief).toEqual([]);
    expect(exitCode(whole.report)).toBe(0);
  });

  it('an obligation that selects records by a column the export lacks warns and is not clean (5(二)1 by risk level)', async () => {
    const { brief, report } = await checkRule({
      obligations: [
        {
          id: 'response',
          records: 'risks',
          match: { level: ['medium', 'high'] },
          rule: 'complete',
          require: ['response'],
          at: 'assessed_at',
        },
      ],
      // A risk register without 风险等级: which risks need a response cannot be told.
      files: {
        'risks.csv':
          '风险编号,风险类别,责任部门,识别时间,评估时间,应对策略\nR1,市场风险,销售部,2026-11-01,2026-11-02,\nR2,财务风险,财务部,2026-11-01,2026-11-03,降低\n',
      },
      asOf: '2026-12-01',
      since: '2026-11-01',
    });
    expect(brief).toEqual([]);
    expect(report.warnings.filter((w) => w.code === 'absent-column').map((w) => w.values)).toEqual([
      { type: 'risks', columns: ['风险等级'], obligations: ['response'], rows: 2 },
    ]);
    expect(exitCode(report)).toBe(1);
  });
});
