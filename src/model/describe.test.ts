import { describe, expect, it } from 'vitest';
import { testOrganization } from './test-organization.ts';
import type { Deadline } from '../schema/index.ts';
import { loadPolicies } from './load.ts';
import { describeDeadline, describeScope } from './describe.ts';
import { describeObligation } from '../../checks/rules/index.ts';
import { obligationRules } from '../../checks/rules/index.ts';

const rule = (from: Deadline['from'], months: number, days: number): Deadline => ({ label: 't', from, months, days });

describe('deadline sentences rendered from the config', () => {
  it('annual: a month and a day before the year starts is 30 November of the year before', () => {
    expect(describeDeadline(rule('period-start', -1, -1), 'year')).toBe('计划年度前一年的 11 月 30 日');
    expect(describeDeadline(rule('period-start', -1, -1), 'year', undefined, 'short')).toBe('年 11 月 30 日');
  });

  it('annual: another date in the config gives another sentence', () => {
    expect(describeDeadline(rule('period-start', -2, -16), 'year')).toBe('计划年度前一年的 10 月 16 日');
  });

  it('quarter and month ends read as 季度末 / 月末', () => {
    expect(describeDeadline(rule('period-start', 0, -1), 'quarter')).toBe('上一季度的最后一天');
    expect(describeDeadline(rule('period-start', 0, -1), 'month', undefined, 'short')).toBe('月末');
    expect(describeDeadline(rule('period-start', 0, -5), 'quarter')).toBe('季度开始前 5 天');
  });

  it('event deadlines count calendar days after the event', () => {
    expect(describeDeadline(rule('event', 0, 3), undefined, '会议结束')).toBe(
      '会议结束后 3 个日历日内（至第 3 日 24:00）',
    );
    expect(describeDeadline(rule('event', 0, 3), undefined, '会议结束', 'short')).toBe('会议结束后 3 个日历日内');
    expect(describeDeadline(rule('event', 0, 0), undefined, '会议结束')).toBe('会议结束当日内');
  });

  it('the shipped planning obligations read their deadlines from the organisation config', () => {
    const org = testOrganization();
    const planning = loadPolicies(org, obligationRules).find((p) => p.policy.id === 'OPS-03');
    const annual = planning?.policy.obligations.find((o) => o.id === 'annual-plan');
    expect(annual && describeObligation(annual, org)).toBe('每年：计划年度前一年的 11 月 30 日（含当日）前');
    const changed = { ...org, deadlines: { ...org.deadlines, 'annual-plan': rule('period-start', -1, -15) } };
    expect(annual && describeObligation(annual, changed)).toBe('每年：计划年度前一年的 11 月 16 日（含当日）前');
  });
});

describe('describeScope', () => {
  const ob = { records: 'risks', match: { level: { atLeast: 'response-level' } } };
  const withLevel = (value: string) => ({
    ...testOrganization(),
    parameters: { 'response-level': { label: '须制定应对措施的最低风险等级', value } },
  });

  it("says a company setting is the company's, and when it covers every level", () => {
    expect(describeScope(ob, withLevel('low'))).toBe(
      '适用于所有风险等级（公司设定“须制定应对措施的最低风险等级”为“低”，可在组织配置中收窄）',
    );
    expect(describeScope(ob, withLevel('medium'))).toBe(
      '适用于风险等级为“中”及以上的记录（公司设定：须制定应对措施的最低风险等级）',
    );
    expect(describeScope({ records: 'risks', match: { level: 'high' } }, withLevel('low'))).toBeUndefined();
  });
});

describe('event deadlines before the event', () => {
  it('reads as before, never as a negative number of days after', () => {
    const notice = { label: 't', from: 'event' as const, months: 0, days: -1 };
    expect(describeDeadline(notice, undefined, '会议开始')).toBe('最迟在会议开始前 1 个日历日（当日 24:00 前）');
    expect(describeDeadline(notice, undefined, '会议开始', 'short')).toBe('会议开始前 1 个日历日');
    expect(describeDeadline(notice, undefined, '会议开始')).not.toContain('-');
  });
});
