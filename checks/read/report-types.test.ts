// Report types are the company's list (content/organization.yaml: reportTypes): a process owner adds
// a kind of report there and in an obligation, and the checker reads and enforces it.
import { describe, expect, it } from 'vitest';
import { parseWithFriendlyErrors, policySchema } from '../../src/schema/index.ts';
import { obligationRules } from '../rules/index.ts';
import { checkRule } from '../rules/fixture.ts';

const obligation = {
  id: 'complaints',
  records: 'reports',
  match: { type: 'complaint-analysis' },
  rule: 'complete',
  require: ['submitted_at'],
};

describe('report types from the organisation config', () => {
  it('a new report type in the config is read from exports and matched by an obligation', async () => {
    const { loadOrganization: load } = await import('../../src/model/load.ts');
    const shipped = load();
    const org = { ...shipped, reportTypes: { ...shipped.reportTypes, 'complaint-analysis': ['客户投诉分析'] } };
    const { runCheck } = await import('../run.ts');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const policy = parseWithFriendlyErrors(
      policySchema(org, obligationRules),
      {
        id: 'TST-01',
        title: '测试制度',
        titleEn: 'Test',
        chapter: 1,
        version: '1.0.0',
        effective: '2026-01-01',
        status: 'approved',
        owner: 'operations',
        approvers: ['executive-team'],
        review: { cycle: 'annual', last: '2026-06-01' },
        classification: 'internal',
        changes: [{ version: '1.0.0', date: '2026-01-01', summary: '测试', approvedBy: 'executive-team' }],
        obligations: [{ title: '测试', article: '第一条', who: { every: 'department' }, ...obligation }],
      },
      'test.mdx',
    );
    const dir = mkdtempSync(join(tmpdir(), 'types-'));
    writeFileSync(
      join(dir, 'r.csv'),
      '报告编号,报告类型,部门,报告期间,提交时间\nR1,客户投诉分析,客服部,2026-06,\nR2,信息报送,客服部,2026-06,2026-07-02\n',
    );
    const r = await runCheck({
      recordsDir: dir,
      asOf: '2026-07-15',
      since: '2026-06-01',
      org,
      policies: [{ file: 'test.mdx', slug: 'policies/test', policy }],
    });
    expect(r.summary.rows).toEqual({ read: 2, accepted: 2, rejected: 0 });
    expect(r.findings.filter((f) => f.obligation === 'complaints').map((f) => `${f.subject} ${f.status}`)).toEqual([
      'R1 incomplete',
    ]);
  });

  it('an obligation naming a report type the config does not list is a schema error naming the expected ones', async () => {
    await expect(
      checkRule({ obligations: [obligation], files: {}, asOf: '2026-07-15', since: '2026-06-01' }),
    ).rejects.toThrow(/match.*unknown value "complaint-analysis", expected one of .*information/s);
  });
});
