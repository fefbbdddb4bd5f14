// 第六章（二）第 2 条: 绩效评估采用上级评估、同事评估、自我评估、客户评估等多种方式相结合. Which of
// them every employee must have each cycle is the company's setting (a list in its config); one
// obligation written with `each` becomes one per listed rater, in the checker and on the page alike.
import { describe, expect, it } from 'vitest';
import { checkRule } from '../../checks/rules/fixture.ts';
import { loadOrganization } from '../model/load.ts';
import { describeScope } from '../model/describe.ts';
import { paramText } from '../model/param-text.ts';
import { parseWithFriendlyErrors, policySchema, type Organization } from './index.ts';
import { obligationRules } from '../../checks/rules/index.ts';

const obligation = {
  id: 'evaluation-{rater}',
  title: '每个评估周期都有{rater}评估',
  records: 'evaluations',
  match: { rater: { each: 'required-raters' } },
  rule: 'periodic',
  roster: { records: 'employees', link: 'employee_id' },
  evidence: 'evaluated_at',
  due: { every: 'quarter', deadline: 'evaluation' },
};
const deadlines = { evaluation: { label: '评估', from: 'period-end' as const, months: 0, days: 15 } };
const raters = (value: string[]): Organization['parameters'] => ({
  'required-raters': { label: '须有的评估方式', value, of: 'evaluations.rater' },
});
const files = {
  'employees.csv': '员工编号,姓名,部门\nE1,王芳,销售部\n',
  // Q3: a supervisor's and a self-evaluation, no peer's.
  'evaluations.csv':
    '评估编号,员工编号,部门,评估周期,评估人类型,评估时间\nV1,E1,销售部,2026-Q3,上级,2026-10-05\nV2,E1,销售部,2026-Q3,自我,2026-10-06\n',
};
const check = (value: string[]) =>
  checkRule({
    obligations: [obligation],
    deadlines,
    parameters: raters(value),
    files,
    asOf: '2026-10-31',
    since: '2026-10-01',
  });

const ids = (r: Awaited<ReturnType<typeof check>>) =>
  r.report.summary.obligations.map((o) => o.obligation).filter((id) => id !== 'policy-review');

describe('a list the company sets in its config: one obligation per value (6(二)2)', () => {
  it('requires each listed rater, and follows the config when a rater is added or removed', async () => {
    const two = await check(['supervisor', 'peer']);
    expect(ids(two)).toEqual(['evaluation-supervisor', 'evaluation-peer']);
    expect(two.brief).toEqual(['evaluation-peer sales 2026-Q3 E1 missing 16']);
    expect(two.report.findings.find((f) => f.obligation === 'evaluation-peer')?.title).toBe('每个评估周期都有同事评估');

    const three = await check(['supervisor', 'peer', 'self']);
    expect(ids(three)).toEqual(['evaluation-supervisor', 'evaluation-peer', 'evaluation-self']);
    expect(three.brief).toEqual(['evaluation-peer sales 2026-Q3 E1 missing 16']);

    const one = await check(['supervisor']);
    expect(ids(one)).toEqual(['evaluation-supervisor']);
    expect(one.brief).toEqual([]);
  });

  it('the page says what the company set, in the words the checker enforces', () => {
    const org = { ...loadOrganization(), parameters: raters(['supervisor', 'peer', 'customer']) };
    expect(paramText(org, { name: 'required-raters' })).toBe('上级、同事和客户');
    expect(
      describeScope(
        { records: 'evaluations', match: {}, setting: { field: 'rater', parameter: 'required-raters' } },
        org,
      ),
    ).toBe('公司设定“须有的评估方式”为上级、同事和客户，每一种各为一项要求，可在组织配置中增减');
  });

  it('names the file, the field and what to do when the list or the template is wrong', () => {
    const org = { ...loadOrganization(), deadlines, parameters: raters(['supervisor']) };
    const parse = (ob: Record<string, unknown>, parameters = org.parameters) => {
      try {
        parseWithFriendlyErrors(
          policySchema({ ...org, parameters }, obligationRules),
          {
            id: 'TST-01',
            title: '测试',
            titleEn: 'Test',
            chapter: 1,
            version: '1.0.0',
            effective: '2026-01-01',
            status: 'approved',
            owner: 'hr',
            approvers: ['executive-team'],
            review: { cycle: 'annual', last: '2026-01-01' },
            classification: 'internal',
            changes: [{ version: '1.0.0', date: '2026-01-01', summary: '测试', approvedBy: 'executive-team' }],
            obligations: [{ article: '第六章（二）第 2 条', who: { every: 'department' }, ...ob }],
          },
          'test.mdx',
        );
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(parse(obligation)).toBe('accepted');
    expect(parse({ ...obligation, id: 'evaluation-rater' })).toContain(
      'test.mdx: obligations.0.id: write {rater} in the id, so that each copy has its own id',
    );
    expect(parse({ ...obligation, match: { rater: { each: 'raters' } } })).toContain(
      'obligations.0.match.rater.each: no parameter "raters" in the organisation config (content/organization.yaml)',
    );
    expect(parse(obligation, { 'required-raters': { label: '须有', value: 'supervisor' } })).toContain(
      'parameter "required-raters" is "supervisor"; each needs a list',
    );
    expect(parse({ ...obligation, match: {} })).toContain('"{rater}" needs match: { rater: { each: <parameter> } }');
  });
});
