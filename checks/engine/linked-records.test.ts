import { describe, expect, it } from 'vitest';
import { loadOrganization } from '../../src/model/load.ts';
import { format } from '../report/index.ts';
import { checkRule } from '../rules/fixture.ts';

// 第八章（三）第 3 条: the minutes name each decision's owner and deadline, and the minutes are the
// meeting organiser's (8(三)2). A decisions export that does not name the organiser names the
// meeting; the meetings export names its organiser.
const obligations = [
  {
    id: 'decision-owner',
    records: 'decisions',
    who: { role: 'meeting-organizer', field: 'organizer' },
    rule: 'complete',
    require: ['owner'],
  },
];
const check = (files: Record<string, string>, parallelMinBytes?: number) =>
  checkRule({ obligations, files, asOf: '2026-12-01', since: '2026-01-01', parallelMinBytes });

const MEETINGS =
  '会议编号,会议类型,组织部门,结束时间\nM1,部门会议,销售部,2026-11-02 10:00\nM2,项目会议,研发部,2026-11-03 10:00\n';

describe("a decision's organiser comes from its meeting (8(三)3)", () => {
  it('a decisions export without 组织部门 charges each decision to its meeting’s organiser', async () => {
    const { brief, report } = await check({
      // The decisions file sorts first: its meetings are read after it.
      'a-决议.csv': '决议编号,会议编号,责任部门,责任人\nD1,M1,财务部,\nD2,M2,财务部,\nD3,M2,财务部,王强\n',
      'b-会议.csv': MEETINGS,
    });
    expect(brief).toEqual(['decision-owner sales D1 incomplete 责任人', 'decision-owner rnd D2 incomplete 责任人']);
    expect(report.summary.obligations[0]).toMatchObject({ evaluated: 3, met: 1 });
    expect(report.warnings.filter((w) => w.code === 'unlinked-record')).toEqual([]);
  });

  it('a decision that names its organiser keeps it; an empty cell is filled from the meeting', async () => {
    const { brief } = await check({
      'a-会议.csv': MEETINGS,
      'b-决议.csv': '决议编号,会议编号,组织部门,责任人\nD1,M1,人力资源部,\nD2,M2,,\n',
    });
    expect(brief).toEqual(['decision-owner rnd D2 incomplete 责任人', 'decision-owner hr D1 incomplete 责任人']);
  });

  it('a meeting in no export leaves the decision with the policy owner, and a warning names the ids', async () => {
    const { brief, report } = await check({
      'a-会议.csv': MEETINGS,
      'b-决议.csv': '决议编号,会议编号,责任人\nD1,M9,\nD2,M9,\nD3,M1,\n',
    });
    expect(brief).toEqual([
      'decision-owner operations D1 incomplete 责任人',
      'decision-owner operations D2 incomplete 责任人',
      'decision-owner sales D3 incomplete 责任人',
    ]);
    const warnings = report.warnings.filter((w) => w.code === 'unlinked-record');
    expect(warnings).toEqual([
      {
        code: 'unlinked-record',
        file: 'b-决议.csv',
        values: {
          type: 'decisions',
          linked: 'meetings',
          field: '组织部门',
          via: '会议编号',
          rows: 2,
          ids: ['M9'],
          idCount: 1,
        },
      },
    ]);
    expect(format(report, loadOrganization(), 'text', { color: false })).toContain(
      'b-决议.csv：2 条会议决议记录没有“组织部门”，按会议编号（M9）在会议导出中也找不到',
    );
  });

  it('gives the same findings when the decisions file is read on two threads', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `D${i},M${(i % 2) + 1},${i % 50 === 0 ? '' : '王强'}`);
    const files = { 'a-决议.csv': `决议编号,会议编号,责任人\n${rows.join('\n')}\n`, 'b-会议.csv': MEETINGS };
    const one = await check(files);
    const two = await check(files, 1024);
    expect(one.brief).toEqual([
      'decision-owner sales D0 incomplete 责任人',
      'decision-owner sales D100 incomplete 责任人',
      'decision-owner sales D150 incomplete 责任人',
      'decision-owner sales D200 incomplete 责任人',
      'decision-owner sales D250 incomplete 责任人',
      'decision-owner sales D50 incomplete 责任人',
    ]);
    expect(two.report.warnings).toEqual(one.report.warnings);
    expect(two.brief).toEqual(one.brief);
    expect(two.report.summary.obligations).toEqual(one.report.summary.obligations);
  });

  it('a decision is dated by its meeting: one from before --since, or before the policy took effect, is not judged (8(三)3)', async () => {
    const dated = (asOf: string, since: string, frontmatter?: Record<string, unknown>) =>
      checkRule({
        obligations: [{ ...obligations[0]!, at: ['end_at', 'due_at'] }],
        files: {
          'a-决议.csv': '决议编号,会议编号,责任部门,责任人,完成期限\nD1,M1,财务部,,\nD2,M0,财务部,,\nD3,,财务部,,\n',
          'b-会议.csv': `${MEETINGS}M0,部门会议,销售部,2025-06-02 10:00\n`,
        },
        asOf,
        since,
        frontmatter,
      });
    // M0 met in June 2025: before the window. D3 names no meeting and no due date: judged as of the check.
    expect((await dated('2026-12-01', '2026-10-01')).brief).toEqual([
      'decision-owner operations D3 incomplete 责任人',
      'decision-owner sales D1 incomplete 责任人',
    ]);
    // The whole year in the window, but the policy in force only from 2026-01-01 (as the fixture's is).
    const before = await dated('2026-12-01', '2025-01-01');
    expect(before.brief).not.toContain('decision-owner sales D2 incomplete 责任人');
    expect(before.report.summary.obligations[0]!.notInForce).toBe(1);
  });
});
