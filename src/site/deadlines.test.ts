import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../model/load.ts';
import { testOrganization } from '../model/test-organization.ts';
import { deadlinesBetween } from './deadlines.ts';
import { carriedBy } from './ical.ts';
import { isoDate } from '../model/dates.ts';
import { obligationRules } from '../../checks/rules/index.ts';

const org = testOrganization();
const policies = loadPolicies(org, obligationRules);

describe('deadline calendar', () => {
  it('lists plan deadlines from the config, in date order', () => {
    const entries = deadlinesBetween(
      policies,
      org,
      { year: 2026, month: 11, day: 1 },
      { year: 2027, month: 1, day: 31 },
    ).filter((e) => e.obligation.records === 'plans' && e.obligation.rule === 'periodic');
    expect(entries.map((e) => `${isoDate(e.due)} ${e.obligation.id} ${e.period}`)).toEqual([
      '2026-11-30 annual-plan 2027',
      '2026-11-30 monthly-plan 2026-12',
      '2026-12-31 quarterly-plan 2027-Q1',
      '2026-12-31 monthly-plan 2027-01',
      '2027-01-31 monthly-plan 2027-02',
    ]);
  });

  it("lists a step's due dates where a period deadline says when the last step is due, for the department carrying it", () => {
    // Annual plans approved by the end of the 10th of December before their year (set here, whatever ships).
    const set = {
      ...org,
      deadlines: {
        ...org.deadlines,
        'annual-plan-approval': { label: '审批', from: 'period-start' as const, months: -1, days: 9 },
      },
    };
    const entries = deadlinesBetween(
      policies,
      set,
      { year: 2026, month: 1, day: 1 },
      { year: 2026, month: 12, day: 31 },
    ).filter((e) => e.obligation.id === 'annual-plan-approval');
    expect(entries.map((e) => `${isoDate(e.due)} ${e.period}`)).toEqual(['2026-12-10 2027']);
    expect(carriedBy(entries[0]!, 'executive-team', set)).toBe(true);
  });

  it('follows a changed deadline in the config', () => {
    const changed = {
      ...org,
      deadlines: { ...org.deadlines, 'annual-plan': { ...org.deadlines['annual-plan']!, months: -2, days: 0 } },
    };
    const entries = deadlinesBetween(
      policies,
      changed,
      { year: 2026, month: 10, day: 1 },
      { year: 2026, month: 11, day: 30 },
    );
    expect(entries.filter((e) => e.obligation.id === 'annual-plan').map((e) => isoDate(e.due))).toEqual(['2026-11-01']);
  });
});
