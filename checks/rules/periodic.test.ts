import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testOrganization } from '../../src/model/test-organization.ts';
import { runCheck } from '../run.ts';
import { planObligation, testPolicy } from './fixture.ts';

const full = testOrganization();
// Two departments keep the expectations readable; the policy is the test's own (3(一)–(三)1 as read),
// with the tests' deadlines: a process owner's change to the shipped pages changes nothing here.
const org = {
  ...full,
  departments: full.departments.filter((d) => ['sales', 'finance', 'executive-team'].includes(d.id)),
};
const policy = testPolicy(
  full,
  [
    planObligation('annual-plan', 'annual', 'year', { anchor: '一年度运营计划' }),
    planObligation('quarterly-plan', 'quarterly', 'quarter', { anchor: '二季度运营计划' }),
    planObligation('monthly-plan', 'monthly', 'month', { anchor: '三月度运营计划' }),
  ],
  '2026-11-01',
);
const only = (obligation: string) => [
  {
    ...policy,
    policy: { ...policy.policy, obligations: policy.policy.obligations.filter((o) => o.id === obligation) },
  },
];
const dir = join(import.meta.dirname, 'periodic');
const check = (obligation: string, asOf: string, since: string) =>
  runCheck({ recordsDir: dir, asOf, since, org, policies: only(obligation) });
const brief = (r: Awaited<ReturnType<typeof check>>) =>
  r.findings.filter((f) => f.rule === 'periodic').map((f) => `${f.department} ${f.subject} ${f.status} ${f.daysLate}`);

describe('periodic', () => {
  it('annual plan: 23:30 on the due day is on time; 16:30Z is 00:30 next day in Shanghai, so late', async () => {
    const report = await check('annual-plan', '2026-12-10', '2026-11-01');
    expect(brief(report)).toEqual(['finance 2027 late 1']);
    expect(report.findings.find((f) => f.rule === 'periodic')).toMatchObject({
      rule: 'periodic',
      policy: 'TST-01',
      due: '2026-11-30',
      actual: '2026-11-30T16:30:00.000Z',
      source: { file: 'plans.csv', line: 3 },
    });
    expect(report.findings.find((f) => f.rule === 'periodic')!.link).toBe(
      'https://handbook.example.com/policies/test/#一年度运营计划',
    );
  });

  it('the earliest of two submissions for one department and period counts', async () => {
    const report = await check('annual-plan', '2026-12-10', '2026-11-01');
    expect(report.summary.obligations.find((o) => o.obligation === 'annual-plan')).toMatchObject({
      evaluated: 2,
      met: 1,
      late: 1,
      missing: 0,
    });
  });

  it('quarterly plan is due on the last day of the previous quarter; no plan at all is missing', async () => {
    const report = await check('quarterly-plan', '2027-04-01', '2026-12-01');
    expect(brief(report)).toEqual(['sales 2027-Q2 missing 1', 'finance 2027-Q1 late 1', 'finance 2027-Q2 missing 1']);
  });

  it('monthly plan: month ends and leap years', async () => {
    const report = await check('monthly-plan', '2028-03-01', '2028-01-31');
    expect(brief(report)).toEqual(['sales 2028-03 missing 1', 'finance 2028-02 missing 30']);
  });

  it('lists obligations due within seven days and not met as upcoming, not as violations', async () => {
    const report = await check('monthly-plan', '2028-02-25', '2028-02-01');
    expect(report.findings.filter((f) => f.due === '2028-02-29')).toEqual([]);
    // finance submitted on 29 February, after as-of: that evidence does not count yet.
    expect(report.upcoming.map((u) => `${u.department} ${u.subject} ${u.due} ${u.daysLeft}`)).toEqual([
      'sales 2028-03 2028-02-29 5',
      'finance 2028-03 2028-02-29 5',
    ]);
  });

  it('does not count evidence stamped after as-of', async () => {
    const report = await check('annual-plan', '2026-11-30', '2026-11-01');
    // The due moment (end of 30 November) is not before the start of as-of: nothing is judged yet.
    expect(brief(report)).toEqual([]);
    const next = await check('annual-plan', '2026-12-01', '2026-11-01');
    expect(brief(next)).toEqual(['finance 2027 missing 1']);
  });
});

describe('periodic over a roster', () => {
  const evaluation = (extra: Record<string, unknown> = {}) => ({
    id: 'evaluated',
    records: 'evaluations',
    rule: 'periodic',
    evidence: 'evaluated_at',
    roster: { records: 'employees', link: 'employee_id', from: 'hired_on', to: 'left_on' },
    due: { every: { parameter: 'cycle' }, deadline: 'after-cycle' },
    ...extra,
  });
  const config = {
    deadlines: { 'after-cycle': { label: '周期结束后 15 天', from: 'period-end' as const, months: 0, days: 15 } },
    parameters: { cycle: { label: '周期', value: 'quarter' } },
  };
  const files = {
    'employees.csv':
      '员工编号,姓名,部门,入职日期,离职日期\nE1,王芳,销售部,2020-01-01,\nE2,李强,财务部,2026-05-20,\nE3,张伟,销售部,2019-01-01,2026-03-31\n',
    'evaluations.csv':
      '评估编号,员工编号,部门,评估周期,评估人类型,评估时间\nV1,E1,销售部,2026-Q2,上级,2026-07-05\nV2,E1,销售部,2026-Q2,同事,2026-07-20\nV3,E2,财务部,2026-Q2,上级,2026-07-10\n',
  };

  it('every member on the roster in the cycle, from the cycle the config names, by the deadline after it ends; leavers and later hires are not due', async () => {
    const { checkRule } = await import('./fixture.ts');
    const { brief } = await checkRule({
      obligations: [evaluation()],
      ...config,
      files,
      asOf: '2026-08-01',
      since: '2026-05-01',
    });
    // Q2 is due 15 July: E1 and E2 (hired in May) were evaluated in time; E3 left in March.
    expect(brief).toEqual([]);
    const peer = await checkRule({
      obligations: [evaluation({ id: 'peer', match: { rater: 'peer' } })],
      ...config,
      files,
      asOf: '2026-08-01',
      since: '2026-05-01',
    });
    expect(peer.brief).toEqual(['peer sales 2026-Q2 E1 late 5', 'peer finance 2026-Q2 E2 missing 17']);
  });

  it('an employee who left during a cycle, or after it ended but before its evaluation was due, owes none for it (6(二)1)', async () => {
    const { checkRule } = await import('./fixture.ts');
    const { brief } = await checkRule({
      obligations: [evaluation()],
      ...config,
      files: {
        'employees.csv':
          '员工编号,姓名,部门,入职日期,离职日期\n' +
          'E4,赵敏,销售部,2020-01-01,2026-05-10\n' + // left during Q2
          'E5,钱进,销售部,2020-01-01,2026-07-03\n' + // left after Q2, before its evaluation was due (15 July)
          'E6,孙丽,销售部,2020-01-01,2026-07-15\n', // still there on the due day: owes it
        'evaluations.csv': '评估编号,员工编号,部门,评估周期,评估人类型,评估时间\n',
      },
      asOf: '2026-08-01',
      since: '2026-05-01',
    });
    expect(brief).toEqual(['evaluated sales 2026-Q2 E6 missing 17']);
  });

  it('another cycle in the config changes what is due', async () => {
    const { checkRule } = await import('./fixture.ts');
    const monthly = { ...config, parameters: { cycle: { label: '周期', value: 'month' } } };
    const { brief } = await checkRule({
      obligations: [evaluation()],
      ...monthly,
      files,
      asOf: '2026-07-20',
      since: '2026-06-01',
    });
    // Monthly cycles: May (due 15 June) and June (due 15 July), for E1 and for E2 (hired 20 May).
    expect(brief).toEqual([
      'evaluated sales 2026-05 E1 missing 35',
      'evaluated sales 2026-06 E1 missing 5',
      'evaluated finance 2026-05 E2 missing 35',
      'evaluated finance 2026-06 E2 missing 5',
    ]);
  });

  it('an evaluation of someone not on the roster is said, not dropped: 6(二)1 asks it of the roster', async () => {
    const { checkRule } = await import('./fixture.ts');
    const { brief, report } = await checkRule({
      obligations: [evaluation()],
      ...config,
      files: {
        ...files,
        // E9 is on no roster: a typo for E1, or a roster export that is out of date. Q4 2025 falls before the window.
        'more.csv':
          '评估编号,员工编号,部门,评估周期,评估人类型,评估时间\nV8,E9,销售部,2026-Q2,上级,2026-07-05\nV9,E9,销售部,2025-Q4,上级,2026-01-05\n',
      },
      asOf: '2026-08-01',
      since: '2026-05-01',
    });
    expect(brief).toEqual([]);
    expect(report.summary.obligations.find((o) => o.obligation === 'evaluated')?.unanswered).toEqual([
      {
        title: '测试要求',
        reason: '员工编号不在员工名册上',
        rows: 1,
        values: ['E9'],
        valueCount: 1,
        lines: [{ file: 'more.csv', line: 2 }],
      },
    ]);
    expect(report.warnings.filter((w) => w.code === 'unanswered-records')).toMatchObject([
      { values: { obligation: 'evaluated', policy: 'TST-01', rows: 1, values: ['E9'] } },
    ]);
  });

  it('evidence more than a period before its due date is out of order, whatever --since says', async () => {
    const { checkRule } = await import('./fixture.ts');
    const { brief } = await checkRule({
      obligations: [planObligation('monthly', 'monthly', 'month', { deadline: 'month-before' })],
      deadlines: { 'month-before': { label: '上月末', from: 'period-start', months: 0, days: -1 } },
      files: {
        'plans.csv':
          '计划编号,部门,计划类型,计划期间,提交时间\n' +
          'P1,销售部,月度,2026年3月,2025-02-20\n' + // 2025 for 2026: a year before its due date
          'P2,财务部,月度,2026年3月,2026-02-20\n', // eight days early: on time
      },
      asOf: '2026-03-15',
      since: '2026-02-01',
    });
    // Finance's plan, eight days early, is on time; the other departments' plans are simply missing.
    expect(brief.filter((b) => / (sales|finance) /.test(b))).toEqual([
      'monthly sales 2026-03 out-of-order 计划期间/提交时间',
    ]);
  });
});

describe('a long window', () => {
  it('judges every period up to the check day, however many lie in the window (no cap leaves the latest out)', async () => {
    const { checkRule } = await import('./fixture.ts');
    const { report } = await checkRule({
      obligations: [
        planObligation('monthly', 'monthly', 'month', { deadline: 'month-before', who: { department: 'finance' } }),
      ],
      frontmatter: { effective: '1000-01-01' },
      deadlines: { 'month-before': { label: '前一日', from: 'period-start', months: 0, days: -1 } },
      files: { 'plans.csv': '计划编号,部门,计划类型,计划期间,提交时间\nP1,财务部,月度,2026-01,2025-12-20\n' },
      asOf: '2026-03-15',
      since: '1000-01-01',
    });
    const subjects = report.findings.filter((f) => f.obligation === 'monthly').map((f) => f.subject);
    // More than 10,000 months, the latest among them; the one submitted is met.
    expect(subjects.length).toBeGreaterThan(12_000);
    expect(subjects).toContain('2026-03');
    expect(subjects).not.toContain('2026-01');
  }, 60_000);
});
