import { describe, expect, it } from 'vitest';
import { checkRule } from './fixture.ts';

const DOCS = '文档编号,文档名称,部门,起草时间,审核时间,批准时间,发布时间\n';

describe('sequence', () => {
  it('a later step without an earlier one is skipped; before the one it follows, out of order; in order, met', async () => {
    const { brief, report } = await checkRule({
      obligations: [
        {
          id: 'doc-order',
          records: 'documents',
          rule: 'sequence',
          steps: ['drafted_at', 'reviewed_at', 'approved_at', 'published_at'],
        },
      ],
      files: {
        'docs.csv':
          DOCS +
          'D1,制度甲,财务部,2026-03-01,2026-03-05,2026-03-10,2026-03-12\n' +
          'D2,制度乙,客服部,2026-03-01,2026-03-05,,2026-03-12\n' + // published unapproved
          'D3,制度丙,销售部,2026-03-01,2026-03-09,2026-03-06,2026-03-12\n' + // approved before review
          'D4,制度丁,销售部,2026-03-01,2026-03-05,,\n', // still in approval: nothing wrong yet
      },
      asOf: '2026-04-01',
      since: '2026-01-01',
    });
    expect(brief).toEqual([
      'doc-order sales D3 out-of-order 审核时间/批准时间',
      'doc-order customer-service D2 skipped 批准时间',
    ]);
    // D1 is met; D4, still on its way, is not judged yet.
    expect(report.summary.obligations.find((o) => o.obligation === 'doc-order')).toMatchObject({
      evaluated: 3,
      met: 1,
      other: 2,
      departments: { finance: { evaluated: 1, met: 1 }, sales: { evaluated: 1, met: 0 } },
    });
  });

  it("with a deadline, the last step is due by the period's deadline: missing after it, late when it came after", async () => {
    const { brief } = await checkRule({
      obligations: [
        {
          id: 'monthly-publication',
          records: 'plans',
          match: { level: 'monthly' },
          rule: 'sequence',
          steps: ['reviewed_at', 'published_at'],
          due: { deadline: 'before-month' },
        },
      ],
      deadlines: { 'before-month': { label: '月初前', from: 'period-start', months: 0, days: -1 } },
      files: {
        'plans.csv':
          'plan_id,department,level,period,reviewed_at,published_at\n' +
          'P1,sales,monthly,2026-03,2026-02-20,2026-02-25\n' +
          'P2,finance,monthly,2026-03,2026-02-20,2026-03-01 00:00\n' + // the day after the deadline: late by one day
          'P3,rnd,monthly,2026-03,2026-02-27,\n', // never published
      },
      asOf: '2026-03-10',
      since: '2026-01-01',
    });
    expect(brief).toEqual([
      'monthly-publication rnd P3 missing 10 发布时间',
      'monthly-publication finance P2 late 1 发布时间',
    ]);
  });
});
