import { describe, expect, it } from 'vitest';
import { checkRule } from '../rules/fixture.ts';

describe('lists the policy leaves open (…等) accept other values', () => {
  it('8(一)1 meeting types and 5(二)2 risk responses: 经营分析会 and 风险分担 are read, and a response so named is a response', async () => {
    const { report, brief } = await checkRule({
      obligations: [
        { id: 'recorder', records: 'meetings', rule: 'complete', require: ['recorder'], at: 'end_at' },
        { id: 'response', records: 'risks', rule: 'complete', require: ['response'], at: 'identified_at' },
      ],
      files: {
        'meetings.csv': '会议编号,会议类型,组织部门,结束时间,记录人\nM1,经营分析会,财务部,2026-08-03 10:00,王芳\n',
        'risks.csv':
          '风险编号,风险类别,责任部门,识别时间,应对策略\nR1,市场风险,市场部,2026-08-01,风险分担\nR2,财务风险,财务部,2026-08-01,风险规避\n',
      },
      asOf: '2026-09-01',
      since: '2026-06-01',
    });
    expect(report.summary.rows).toEqual({ read: 3, accepted: 3, rejected: 0 });
    expect(brief).toEqual([]);
  });

  it('5(一)2 risk categories and 6(二)2 raters: 运营风险 and 自我 are read, not rejected', async () => {
    const { report } = await checkRule({
      obligations: [
        { id: 'risk-level', records: 'risks', rule: 'complete', require: ['level'], at: 'identified_at' },
        {
          id: 'self-evaluated',
          records: 'evaluations',
          rule: 'complete',
          require: ['feedback_at'],
          at: 'evaluated_at',
          match: { rater: 'self' },
        },
      ],
      files: {
        'risks.csv':
          '风险编号,风险类别,责任部门,识别时间,风险等级\nR1,运营风险,运营部,2026-08-01,中\nR2,法律,财务部,2026-08-01,高\n',
        'evals.csv':
          '评估编号,员工编号,部门,评估周期,评估人类型,评估时间,反馈时间\n' +
          'E1,U1,销售部,2026-Q2,自我,2026-07-05,2026-07-06\nE2,U2,销售部,2026-Q2,部门评审会,2026-07-05,\n',
      },
      asOf: '2026-09-01',
      since: '2026-06-01',
    });
    expect(report.summary.rows).toEqual({ read: 4, accepted: 4, rejected: 0 });
    expect(report.summary.obligations.find((o) => o.obligation === 'risk-level')).toMatchObject({
      evaluated: 2,
      met: 2,
    });
    // The self-evaluation is matched by its canonical value; the rater the policy does not name is kept as written.
    expect(report.summary.obligations.find((o) => o.obligation === 'self-evaluated')).toMatchObject({
      evaluated: 1,
      met: 1,
    });
  });

  it('6(二)2 raters written as the policy writes them (上级评估, 同事评估) are supervisor and peer, not other raters', async () => {
    const rated = (rater: string) => ({
      id: `rated-${rater}`,
      records: 'evaluations',
      rule: 'complete',
      require: ['evaluated_at'],
      at: 'evaluated_at',
      match: { rater },
    });
    const { report } = await checkRule({
      obligations: [rated('supervisor'), rated('peer'), rated('self'), rated('customer')],
      files: {
        'evals.csv':
          '评估编号,员工编号,部门,评估周期,评估人类型,评估时间\n' +
          'E1,U1,销售部,2026-Q2,上级评估,2026-07-05\nE2,U1,销售部,2026-Q2,同事评估,2026-07-05\n' +
          'E3,U1,销售部,2026-Q2,自我评估,2026-07-05\nE4,U1,销售部,2026-Q2,客户评估,2026-07-05\n',
      },
      asOf: '2026-09-01',
      since: '2026-06-01',
    });
    for (const rater of ['supervisor', 'peer', 'self', 'customer'])
      expect(
        report.summary.obligations.find((o) => o.obligation === `rated-${rater}`),
        rater,
      ).toMatchObject({
        evaluated: 1,
        met: 1,
      });
  });
});
