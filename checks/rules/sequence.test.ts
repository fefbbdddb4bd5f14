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

  describe('steps the policy gives to another department land on its desk', () => {
    // 第三章（一）第 3 条: 各部门将年度运营计划报运营部门汇总，运营部门审核后报公司高层管理团队审批.
    const approval = {
      id: 'annual-approval',
      records: 'plans',
      match: { level: 'annual' },
      rule: 'sequence',
      steps: [
        'submitted_at',
        { at: 'reviewed_at', by: 'operations', actor: 'reviewed_by' },
        { at: 'approved_at', by: 'executive-team', actor: 'approved_by' },
      ],
      due: { deadline: 'approved-by' },
    };
    // Approved by the end of 20 December before the plan's year (set here).
    const deadlines = { 'approved-by': { label: '审批截止', from: 'period-start' as const, months: -1, days: 19 } };
    const PLANS = '计划编号,部门,计划类型,计划期间,提交时间,审核时间,审核部门,审批时间,审批部门\n';
    const run = (rows: string, header = PLANS) =>
      checkRule({
        obligations: [approval],
        deadlines,
        files: { 'plans.csv': header + rows },
        asOf: '2027-01-15',
        since: '2026-12-01',
      });

    it('approved without review: the approver who went ahead (3(一)3); never approved: the executive team; reviewed late: the operations department', async () => {
      const { brief, report } = await run(
        'P1,销售部,年度,2027年,2026-11-28,,,2026-12-15,高层管理团队\n' + // approved unreviewed
          'P2,财务部,年度,2027年,2026-11-28,2026-12-05,运营部,,\n' + // reviewed, never approved
          'P3,研发部,年度,2027年,2026-11-28,2026-12-22,运营部,2026-12-23,高层管理团队\n' + // reviewed after the due day
          'P4,市场部,年度,2027年,,,,,\n' + // never submitted: the submitter's
          'P5,客服部,年度,2027年,2026-11-28,2026-12-05,运营部,2026-12-15,高层管理团队\n', // met
      );
      expect(brief).toEqual([
        'annual-approval operations P3 late 3 审批时间',
        'annual-approval marketing P4 missing 26 审批时间',
        'annual-approval executive-team P1 skipped 审核时间',
        'annual-approval executive-team P2 missing 26 审批时间',
      ]);
      // Evaluated and met count for the submitting department (its records' on-time rate).
      expect(report.summary.obligations[0]).toMatchObject({
        evaluated: 5,
        met: 1,
        departments: { 'customer-service': { evaluated: 1, met: 1 }, finance: { evaluated: 1, met: 0 } },
      });
    });

    it('who acted is checked where the export names it, and not required where it does not', async () => {
      const { brief } = await run(
        'P1,销售部,年度,2027年,2026-11-28,2026-12-05,财务部,2026-12-15,高层管理团队\n' +
          'P2,财务部,年度,2027年,2026-11-28,2026-12-05,运营部,2026-12-15,运营部\n',
      );
      expect(brief).toEqual([
        'annual-approval operations P1 wrong-actor 审核部门为财务部，应为运营部',
        'annual-approval executive-team P2 wrong-actor 审批部门为运营部，应为高层管理团队',
      ]);
      const without = await run(
        'P1,销售部,年度,2027年,2026-11-28,2026-12-05,2026-12-15\n',
        '计划编号,部门,计划类型,计划期间,提交时间,审核时间,审批时间\n',
      );
      expect(without.brief).toEqual([]);
      expect(without.report.summary.obligations[0]).toMatchObject({ evaluated: 1, met: 1 });
      expect(without.report.warnings.map((w) => w.code)).not.toContain('absent-column');
    });

    /** 4(二)3: an optimisation is approved by the executive team before it is implemented. */
    const changeApproval = {
      id: 'change-approval',
      records: 'process_changes',
      rule: 'sequence',
      steps: ['proposed_at', { at: 'approved_at', by: 'executive-team', actor: 'approved_by' }, 'implemented_at'],
    };

    it('a process change approved by another department than the executive team is its wrong-actor (4(二)3)', async () => {
      const { brief } = await checkRule({
        obligations: [changeApproval],
        files: {
          'changes.ndjson':
            '{"change_id":"C1","department":"finance","proposed_at":"2026-12-01","approved_at":"2026-12-03","approved_by":"运营部","implemented_at":"2026-12-10"}\n' +
            '{"change_id":"C2","department":"finance","proposed_at":"2026-12-01","approved_at":"2026-12-03","approved_by":"高层管理团队","implemented_at":"2026-12-10"}\n',
        },
        asOf: '2027-01-15',
        since: '2026-12-01',
      });
      expect(brief).toEqual(['change-approval executive-team C1 wrong-actor 审批部门为运营部，应为高层管理团队']);
    });

    it("an optimisation implemented without approval is the implementing department's, not the approver's (4(二)3)", async () => {
      const { brief } = await checkRule({
        obligations: [changeApproval],
        files: {
          'changes.ndjson':
            '{"change_id":"C3","department":"finance","proposed_at":"2026-12-01","implemented_at":"2026-12-10"}\n' +
            '{"change_id":"C4","department":"sales","proposed_at":"2026-12-01","approved_at":"2026-12-12","approved_by":"高层管理团队","implemented_at":"2026-12-10"}\n',
        },
        asOf: '2027-01-15',
        since: '2026-12-01',
      });
      // Skipped and out of order alike: whoever went ahead carries it.
      expect(brief).toEqual([
        'change-approval sales C4 out-of-order 审批时间/实施时间',
        'change-approval finance C3 skipped 审批时间',
      ]);
    });

    it('an unknown department or an actor field that names none is a schema error naming the step', async () => {
      const bad = (step: Record<string, string>) =>
        checkRule({
          obligations: [{ ...approval, steps: ['submitted_at', step] }],
          deadlines,
          files: { 'plans.csv': PLANS },
          asOf: '2027-01-15',
          since: '2026-12-01',
        });
      await expect(bad({ at: 'reviewed_at', by: 'ops' })).rejects.toThrow(/steps\.1\.by.*unknown department "ops"/s);
      await expect(bad({ at: 'reviewed_at', by: 'operations', actor: 'reviewed_at' })).rejects.toThrow(
        /steps\.1\.actor.*not a department field/s,
      );
    });
  });
});
