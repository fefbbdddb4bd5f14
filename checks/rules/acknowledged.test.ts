import { describe, expect, it } from 'vitest';
import type { PolicyFile } from '../../src/model/load.ts';
import { compareVersions, materialVersions, needsAcknowledging } from './acknowledged.ts';
import { checkRule } from './fixture.ts';

const obligation = {
  id: 'policy-acknowledgement',
  records: 'acknowledgements',
  rule: 'acknowledged',
  roster: { records: 'employees', link: 'employee_id', from: 'hired_on', to: 'left_on' },
  evidence: 'acknowledged_at',
  due: { deadline: 'policy-acknowledgement' },
};
const deadlines = { 'policy-acknowledgement': { label: '重大修订确认', from: 'event' as const, months: 0, days: 14 } };

// The rule lives in TST-02 (in force from 2026-01-01). TST-02 1.1.0 (material) took effect on its
// change date, 2026-03-01; 1.2.0 (material) is current, effective 2026-06-01; 1.0.0 asked nothing.
const tst02 = {
  version: '1.2.0',
  effective: '2026-06-01',
  changes: [
    { version: '1.2.0', date: '2026-05-20', summary: '改写计划审批', approvedBy: 'executive-team', material: true },
    { version: '1.1.0', date: '2026-03-01', summary: '新增会议通知', approvedBy: 'executive-team', material: true },
    { version: '1.0.0', date: '2026-01-01', summary: '发布', approvedBy: 'executive-team' },
  ],
};
const employees = `员工编号,姓名,部门,入职日期,离职日期
E1,张三,销售部,2025-01-01,
E2,李四,财务部,2026-07-01,
E3,王五,销售部,2025-05-01,2026-06-05
`;

const check = (acks: string, asOf = '2026-08-01') =>
  checkRule({
    obligations: [obligation],
    deadlines,
    others: [tst02],
    files: { 'employees.csv': employees, 'acks.csv': `员工编号,制度编号,版本,确认时间\n${acks}` },
    asOf,
    since: '2026-01-01',
  });

describe('acknowledged', () => {
  it('asks every employee for each material version within the configured days of its effective date', async () => {
    const { brief, report } = await check('E1,TST-02,1.1.0,2026-03-10 09:00\nE2,TST-02,1.2.0,2026-07-10 09:00\n');
    // E1 acknowledged 1.1.0 but not 1.2.0 (due 2026-06-15); E3 left before 1.2.0 fell due but owed 1.1.0
    // (due 2026-03-15); E2 joined after both took effect and answered both with 1.2.0 within 14 days of joining.
    expect(brief).toEqual([
      'policy-acknowledgement sales E3 · TST-02 v1.1.0 missing 139',
      'policy-acknowledgement sales E1 · TST-02 v1.2.0 missing 47',
    ]);
    const summary = report.summary.obligations.find((o) => o.obligation === 'policy-acknowledgement')!;
    expect(summary).toMatchObject({ evaluated: 5, met: 3, missing: 2 });
    expect(summary.departments).toEqual({ sales: { evaluated: 3, met: 1 }, finance: { evaluated: 2, met: 2 } });
  });

  it('asks nothing before the rule itself took effect', async () => {
    const { brief, report } = await checkRule({
      obligations: [obligation],
      deadlines,
      // The rule's own policy took effect on 2026-04-01: TST-02 1.1.0 fell due on 2026-03-15, before it.
      frontmatter: { effective: '2026-04-01' },
      others: [tst02],
      files: { 'employees.csv': employees, 'acks.csv': '员工编号,制度编号,版本,确认时间\n' },
      asOf: '2026-08-01',
      since: '2026-01-01',
    });
    // E1 and E3 owed 1.1.0 before then; E2 joined in July, when the rule was in force.
    expect(brief).toEqual([
      'policy-acknowledgement sales E1 · TST-02 v1.2.0 missing 47',
      'policy-acknowledgement finance E2 · TST-02 v1.1.0 missing 17',
      'policy-acknowledgement finance E2 · TST-02 v1.2.0 missing 17',
    ]);
    expect(report.summary.obligations.find((o) => o.obligation === 'policy-acknowledgement')!.notInForce).toBe(2);
  });

  it('counts new staff from the day they join, and an acknowledgement after the due day is late', async () => {
    const { report } = await check(
      'E1,TST-02,1.1.0,2026-03-10\nE1,TST-02,v1.2,2026-06-20 10:00\nE3,tst-02,1.1.0,2026-03-12\nE2,TST-02,1.2.0,2026-07-20\n',
    );
    expect(report.findings.map((f) => [f.subject, f.status, f.due, f.daysLate])).toEqual([
      ['E1 · TST-02 v1.2.0', 'late', '2026-06-15', 5],
      ['E2 · TST-02 v1.1.0', 'late', '2026-07-15', 5],
      ['E2 · TST-02 v1.2.0', 'late', '2026-07-15', 5],
    ]);
    expect(report.findings[0]!.source).toMatchObject({ file: 'acks.csv', line: 3 });
  });

  it('an acknowledgement of an older version does not answer a newer one', async () => {
    const { brief } = await check('E1,TST-02,1.1.0,2026-06-02\nE2,TST-02,1.2.0,2026-07-02\n');
    expect(brief).toContain('policy-acknowledgement sales E1 · TST-02 v1.2.0 missing 47');
  });

  it('an acknowledgement of a version the policy never had answers nothing, and the finding says which', async () => {
    const { report } = await check(
      'E1,TST-02,1.1.0,2026-03-10\nE1,TST-02,11.0,2026-06-02\nE2,TST-02,1.2.0,2026-07-02\n',
    );
    const e1 = report.findings.filter((f) => f.subject === 'E1 · TST-02 v1.2.0');
    expect(e1).toMatchObject([{ status: 'missing', detail: ['确认记录（所填版本 11.0.0 不是 TST-02 的版本）'] }]);
  });

  it('an acknowledgement dated before its version was adopted answers nothing, and the finding says so', async () => {
    // 1.2.0 was adopted on 2026-05-20: an acknowledgement of it dated 2026-04-01 is of a text not yet written.
    const { report } = await check('E1,TST-02,1.1.0,2026-03-10\nE1,TST-02,1.2.0,2026-04-01\n');
    const e1 = report.findings.filter((f) => f.subject === 'E1 · TST-02 v1.2.0');
    expect(e1).toMatchObject([
      { status: 'missing', detail: ['确认记录（确认时间早于所确认的版本 1.2.0（2026-05-20 修订），不计）'] },
    ]);
    // The same acknowledgement answers 1.1.0, adopted before it.
    expect(report.findings.filter((f) => f.subject === 'E1 · TST-02 v1.1.0')).toEqual([]);
  });

  it('an acknowledgement by someone not on the roster, or of no policy of the handbook, is said, not dropped', async () => {
    const { brief, report } = await check(
      'E1,TST-02,1.1.0,2026-03-10\nE1,TST-02,1.2.0,2026-06-02\nE2,TST-02,1.2.0,2026-07-02\nE3,TST-02,1.1.0,2026-03-02\nE7,TST-02,1.2.0,2026-06-03\nE1,OPS-99,1.0.0,2026-06-04\n',
    );
    expect(brief).toEqual([]);
    expect(report.summary.obligations.find((o) => o.obligation === 'policy-acknowledgement')?.unanswered).toEqual([
      {
        title: '测试要求',
        reason: '员工编号不在员工名册上',
        rows: 1,
        values: ['E7'],
        valueCount: 1,
        lines: [{ file: 'acks.csv', line: 6 }],
      },
      {
        title: '测试要求',
        reason: '制度编号不是本手册中的制度',
        rows: 1,
        values: ['OPS-99'],
        valueCount: 1,
        lines: [{ file: 'acks.csv', line: 7 }],
      },
    ]);
  });

  it('lists what is not yet due as upcoming, and counts it as pending for the share acknowledged', async () => {
    const { report } = await check('E1,TST-02,1.1.0,2026-03-10\n', '2026-06-10');
    expect(report.upcoming.map((u) => [u.subject, u.due, u.daysLeft])).toEqual([
      ['E1 · TST-02 v1.2.0', '2026-06-15', 6],
    ]);
    const summary = report.summary.obligations.find((o) => o.obligation === 'policy-acknowledgement')!;
    expect(summary.departments.sales).toEqual({ evaluated: 2, met: 1, pending: 1 });
  });

  it('rejects a version it cannot read, naming file, line and value, and keeps the count', async () => {
    const { report } = await check('E1,TST-02,最新版,2026-06-02\nE2,TST-02,1.2.0,2026-07-02\n');
    const rejected = [...report.rejected];
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      file: 'acks.csv',
      line: 2,
      column: '版本',
      value: '最新版',
      code: 'not-a-version',
    });
    const acks = report.summary.files.find((f) => f.file === 'acks.csv')!;
    expect(acks).toMatchObject({ type: 'acknowledgements', read: 2, accepted: 1, rejected: 1 });
  });
});

describe('material versions', () => {
  const policy = (over: Partial<PolicyFile['policy']>) =>
    ({
      file: 'p.mdx',
      slug: 'p',
      policy: {
        id: 'P-01',
        version: '2.0.0',
        effective: '2026-09-01',
        status: 'approved',
        classification: 'internal',
        changes: [
          { version: '2.0.0', date: '2026-08-20', summary: 'x', approvedBy: 'x', material: true },
          { version: '1.0.0', date: '2026-01-01', summary: 'x', approvedBy: 'x', material: false },
        ],
        ...over,
      },
    }) as unknown as PolicyFile;

  it('takes the current version from its effective date, and skips drafts, retired and confidential policies', () => {
    expect(materialVersions([policy({})])).toEqual([
      { policy: 'P-01', version: '2.0.0', effective: { year: 2026, month: 9, day: 1 } },
    ]);
    for (const over of [{ status: 'draft' }, { status: 'retired' }, { classification: 'confidential' }] as const)
      expect(materialVersions([policy(over)])).toEqual([]);
    expect(needsAcknowledging(policy({}).policy)).toBe(true);
    expect(needsAcknowledging(policy({ version: '2.0.1' }).policy)).toBe(false);
  });

  it('compares versions as numbers', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
    expect(compareVersions('0.9.9', '1.0.0')).toBeLessThan(0);
  });
});
