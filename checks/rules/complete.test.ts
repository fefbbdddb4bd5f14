import { describe, expect, it } from 'vitest';
import { checkRule } from './fixture.ts';

describe('complete', () => {
  it('names what a record lacks; `when` judges only records where a field has a value; `at` dates them for the window', async () => {
    const { brief, report } = await checkRule({
      obligations: [
        {
          id: 'adjustment',
          records: 'plan_adjustments',
          rule: 'complete',
          require: ['reason', 'content', 'new_schedule'],
          at: 'requested_at',
        },
        {
          id: 'risk-level',
          records: 'risks',
          rule: 'complete',
          require: ['level'],
          at: 'assessed_at',
          when: 'assessed_at',
        },
      ],
      files: {
        'adjustments.csv':
          '调整编号,部门,调整原因,调整内容,调整后进度安排,申请时间\n' +
          'A1,销售部,订单提前,目标上调,8 月起执行,2026-07-10\n' +
          'A2,研发部,人员离职,,-,2026-08-03\n' + // no content, no schedule ("-" is empty)
          'A3,研发部,,,,2025-01-03\n', // outside the window
        'risks.csv':
          '风险编号,风险类别,责任部门,识别时间,评估时间,风险等级\nR1,法律,运营部,2026-08-01,2026-08-10,\nR2,市场,市场部,2026-08-01,,\n',
      },
      asOf: '2026-09-01',
      since: '2026-06-01',
    });
    expect(brief).toEqual([
      'risk-level operations R1 incomplete 风险等级',
      'adjustment rnd A2 incomplete 调整内容/调整后进度安排',
    ]);
    // A complete record is met; one outside the window or not yet assessed is not applicable.
    const counts = (id: string) => report.summary.obligations.find((o) => o.obligation === id);
    expect(counts('adjustment')).toMatchObject({
      evaluated: 2,
      met: 1,
      departments: { sales: { evaluated: 1, met: 1 } },
    });
    expect(counts('risk-level')).toMatchObject({ evaluated: 1, met: 0 });
  });

  it('an obligation whose records no export holds is not checked, and says so, rather than passing or failing', async () => {
    const { report } = await checkRule({
      obligations: [
        {
          id: 'decision-owner',
          records: 'decisions',
          who: { department: 'operations' },
          rule: 'complete',
          require: ['owner'],
        },
      ],
      files: { 'risks.csv': '风险编号,风险类别,责任部门,识别时间\nR1,法律,运营部,2026-08-01\n' },
      asOf: '2026-09-01',
      since: '2026-06-01',
    });
    expect(report.summary.obligations.find((o) => o.obligation === 'decision-owner')).toMatchObject({
      checked: 'no-records',
      evaluated: 0,
      met: 0,
    });
    expect(report.warnings).toContainEqual({ code: 'no-records', values: { type: 'decisions' } });
  });

  it("8(三)3: a decision's missing owner is the meeting organiser's, where the export names the organiser; else the policy owner's", async () => {
    const obligations = [
      {
        id: 'decision-owner',
        records: 'decisions',
        who: { role: 'meeting-organizer', field: 'organizer' },
        rule: 'complete',
        require: ['owner'],
      },
    ];
    const run = (csv: string) =>
      checkRule({ obligations, files: { 'd.csv': csv }, asOf: '2026-09-01', since: '2026-06-01' });
    const named = await run('决议编号,会议编号,组织部门,责任部门,责任人\nD1,M1,销售部,客服部,\n');
    expect(named.brief).toEqual(['decision-owner sales D1 incomplete 责任人']);
    // No 组织部门 column: still judged (the column is not required), carried by the policy's owner.
    const unnamed = await run('决议编号,会议编号,责任部门,责任人\nD1,M1,客服部,\n');
    expect(unnamed.brief).toEqual(['decision-owner operations D1 incomplete 责任人']);
    expect(unnamed.report.warnings.map((w) => w.code)).not.toContain('absent-column');
  });

  it('5(一)3: an assessment states the level and the impact, each judged on its own; a register without 影响程度 still has its levels judged', async () => {
    const obligations = ['level', 'impact'].map((field) => ({
      id: `risk-${field}`,
      records: 'risks',
      rule: 'complete',
      require: [field],
      at: 'assessed_at',
      when: 'assessed_at',
    }));
    const run = (csv: string) =>
      checkRule({ obligations, files: { 'r.csv': csv }, asOf: '2026-09-01', since: '2026-06-01' });
    const both = await run(
      '风险编号,风险类别,责任部门,识别时间,评估时间,风险等级,影响程度\n' +
        'R1,市场风险,销售部,2026-07-01,2026-07-05,中,\n' + // a level, no impact
        'R2,财务风险,财务部,2026-07-01,2026-07-05,,重大\n' + // an impact, no level
        'R3,法律风险,运营部,2026-07-01,,,\n', // not assessed yet
    );
    expect(both.brief).toEqual([
      'risk-impact sales R1 incomplete 影响程度',
      'risk-level finance R2 incomplete 风险等级',
    ]);
    const noImpact = await run(
      '风险编号,风险类别,责任部门,识别时间,评估时间,风险等级\nR2,财务风险,财务部,2026-07-01,2026-07-05,\n',
    );
    expect(noImpact.brief).toEqual(['risk-level finance R2 incomplete 风险等级']);
    expect(noImpact.report.warnings.find((w) => w.code === 'absent-column')?.values).toMatchObject({
      columns: ['影响程度'],
      obligations: ['risk-impact'],
    });
  });
});
