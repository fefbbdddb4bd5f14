import { describe, expect, it } from 'vitest';
import { checkRule } from './fixture.ts';

// 6(三)1: after the evaluation ends, the supervisor gives the employee feedback: one per employee per cycle.
const feedback = {
  id: 'feedback',
  records: 'evaluations',
  rule: 'follow-up',
  per: ['employee_id', 'cycle'],
  evidence: 'feedback_at',
  due: { after: 'evaluated_at', deadline: 'feedback' },
};
const deadlines = { feedback: { label: '评估后反馈', from: 'event' as const, months: 0, days: 7 } };
const HEAD = '评估编号,员工编号,部门,评估周期,评估人类型,评估时间,反馈时间\n';
const run = (rows: string) =>
  checkRule({
    obligations: [feedback],
    deadlines,
    files: { 'evaluations.csv': HEAD + rows },
    asOf: '2026-11-01',
    since: '2026-07-01',
  });

describe('follow-up (6(三)1: one feedback per employee per cycle, after the evaluation ends)', () => {
  it('judges one instance per employee and cycle, not one per rating row', async () => {
    const { brief, report } = await run(
      // E1: self, peer and supervisor ratings; feedback on the supervisor's row only, the day after the last rating.
      'V1,E1,销售部,2026-Q3,自我评估,2026-09-20,\n' +
        'V2,E1,销售部,2026-Q3,同事评估,2026-09-02,\n' +
        'V3,E1,销售部,2026-Q3,上级评估,2026-10-10,2026-10-11\n' +
        // E2: two ratings, no feedback at all.
        'V4,E2,财务部,2026-Q3,上级,2026-10-05,\n' +
        'V5,E2,财务部,2026-Q3,自我,2026-10-06,\n',
    );
    // The early peer rating (2 September) does not make E1's feedback late; E2 owes one feedback, not two.
    expect(brief).toEqual(['feedback finance E2 2026-Q3 missing 19 反馈时间']);
    expect(report.summary.obligations[0]).toMatchObject({ evaluated: 2, met: 1 });
  });

  it('counts from the last rating of the cycle: feedback a week after it is late by that much', async () => {
    const { brief } = await run(
      'V1,E1,销售部,2026-Q3,上级,2026-10-01,2026-10-20\n' + 'V2,E1,销售部,2026-Q3,自我,2026-10-05,\n',
    );
    expect(brief).toEqual(['feedback sales E1 2026-Q3 late 8 反馈时间']);
  });

  it('a cycle whose ratings are not yet given is not due', async () => {
    const { brief, report } = await run('V1,E1,销售部,2026-Q4,上级,,\n' + 'V2,E2,销售部,2026-Q3,上级,2026-10-31,\n');
    expect(brief).toEqual([]);
    expect(report.summary.obligations[0]).toMatchObject({ evaluated: 0 });
  });

  it('a field the records do not have is a schema error naming it', async () => {
    await expect(
      checkRule({
        obligations: [{ ...feedback, per: ['employee_id', 'quarter'] }],
        deadlines,
        files: { 'evaluations.csv': HEAD },
        asOf: '2026-11-01',
        since: '2026-07-01',
      }),
    ).rejects.toThrow(/per\.1.*no field "quarter"/s);
  });
});
