// For tests: the shipped organisation config (its departments, roles and time zone) with the
// deadlines and parameters the tests were written for set here, so a process owner who changes a
// deadline or the handbook's address in content/organization.yaml to another valid value breaks
// no test.
import type { Organization } from '../schema/index.ts';
import { loadOrganization } from './load.ts';

export const testDeadlines: Organization['deadlines'] = {
  'annual-plan': { label: '年度运营计划提交截止', from: 'period-start', months: -1, days: -1 },
  'quarterly-plan': { label: '季度运营计划提交截止', from: 'period-start', months: 0, days: -1 },
  'monthly-plan': { label: '月度运营计划提交截止', from: 'period-start', months: 0, days: -1 },
  'meeting-minutes': { label: '会议纪要提交截止', from: 'event', months: 0, days: 3 },
};

export function testOrganization(): Organization {
  const shipped = loadOrganization();
  return {
    ...shipped,
    handbook: { ...shipped.handbook, url: 'https://handbook.example.com' },
    deadlines: { ...shipped.deadlines, ...testDeadlines },
    parameters: { ...shipped.parameters, 'evaluation-cycle': { label: '绩效评估周期', value: 'quarter' } },
  };
}
