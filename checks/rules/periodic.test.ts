import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrganization, loadPolicies } from '../../src/model/load.ts';
import { runCheck } from '../run.ts';

const full = loadOrganization();
// Two departments keep the expectations readable; the policies are the shipped ones.
const org = { ...full, departments: full.departments.filter((d) => ['sales', 'finance', 'executive-team'].includes(d.id)) };
const only = (obligation: string) =>
  loadPolicies(full).map((p) => ({ ...p, policy: { ...p.policy, obligations: p.policy.obligations.filter((o) => o.id === obligation) } }));
const dir = join(import.meta.dirname, 'periodic');
const check = (obligation: string, asOf: string, since: string) => runCheck({ recordsDir: dir, asOf, since, org, policies: only(obligation) });
const brief = (r: Awaited<ReturnType<typeof check>>) => r.findings.filter((f) => f.rule === 'periodic').map((f) => `${f.department} ${f.subject} ${f.status} ${f.daysLate}`);

describe('periodic', () => {
  it('annual plan: 23:30 on the due day is on time; 16:30Z is 00:30 next day in Shanghai, so late', async () => {
    const report = await check('annual-plan', '2026-12-10', '2026-11-01');
    expect(brief(report)).toEqual(['finance 2027 late 1']);
    expect(report.findings.find((f) => f.rule === 'periodic')).toMatchObject({ rule: 'periodic', policy: 'OPS-03', due: '2026-11-30', actual: '2026-11-30T16:30:00.000Z', source: { file: 'plans.csv', line: 3 } });
    expect(report.findings.find((f) => f.rule === 'periodic')!.link).toBe('https://handbook.example.com/policies/03-planning/#一年度运营计划');
  });

  it('the earliest of two submissions for one department and period counts', async () => {
    const report = await check('annual-plan', '2026-12-10', '2026-11-01');
    expect(report.summary.obligations.find((o) => o.obligation === 'annual-plan')).toMatchObject({ evaluated: 2, met: 1, late: 1, missing: 0 });
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
    expect(report.upcoming.map((u) => `${u.department} ${u.subject} ${u.due} ${u.daysLeft}`)).toEqual(['sales 2028-03 2028-02-29 5', 'finance 2028-03 2028-02-29 5']);
  });

  it('does not count evidence stamped after as-of', async () => {
    const report = await check('annual-plan', '2026-11-30', '2026-11-01');
    // The due moment (end of 30 November) is not before the start of as-of: nothing is judged yet.
    expect(brief(report)).toEqual([]);
    const next = await check('annual-plan', '2026-12-01', '2026-11-01');
    expect(brief(next)).toEqual(['finance 2027 missing 1']);
  });
});
