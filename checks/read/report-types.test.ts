// Report types are the company's list (content/organization.yaml: reportTypes): a process owner adds
// a kind of report there and in an obligation, and the checker reads and enforces it.
import { describe, expect, it } from 'vitest';
import { checkRule } from '../rules/fixture.ts';

const obligation = {
  id: 'complaints',
  records: 'reports',
  match: { type: 'complaint-analysis' },
  rule: 'complete',
  require: ['submitted_at'],
};
const check = (reportTypes?: Record<string, string[]>) =>
  checkRule({
    obligations: [obligation],
    reportTypes,
    files: {
      'r.csv':
        '报告编号,报告类型,部门,报告期间,提交时间\nR1,客户投诉分析,客服部,2026-06,\nR2,信息报送,客服部,2026-06,2026-07-02\n',
    },
    asOf: '2026-07-15',
    since: '2026-06-01',
  });

describe('report types from the organisation config', () => {
  it('a new report type in the config is read from exports and matched by an obligation', async () => {
    const { brief, report } = await check({ information: ['信息报送'], 'complaint-analysis': ['客户投诉分析'] });
    expect(report.summary.rows).toEqual({ read: 2, accepted: 2, rejected: 0 });
    expect(brief).toEqual(['complaints customer-service R1 incomplete 提交时间']);
  });

  it('an obligation naming a report type the config does not list is a schema error naming the expected ones', async () => {
    await expect(check()).rejects.toThrow(/match.*unknown value "complaint-analysis", expected one of .*information/s);
  });
});
