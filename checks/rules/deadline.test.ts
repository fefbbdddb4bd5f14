import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrganization, loadPolicies } from '../../src/model/load.ts';
import { runCheck } from '../run.ts';

const org = loadOrganization();
const dir = join(import.meta.dirname, 'deadline');
const check = (asOf: string, config = org) => runCheck({ recordsDir: dir, asOf, since: '2026-11-01', org: config, policies: loadPolicies(org) });

describe('deadline', () => {
  it('minutes are due by the end of the day N days after the meeting ended', async () => {
    const report = await check('2026-12-05');
    const minutes = report.findings.filter((f) => f.obligation === 'meeting-minutes');
    expect(minutes.map((f) => `${f.subject} ${f.department} ${f.status} ${f.due} ${f.daysLate}`)).toEqual([
      'M-2 finance late 2026-11-05 1',
      'M-3 finance missing 2026-11-06 29',
    ]);
    expect(minutes[1]).toMatchObject({ rule: 'deadline', policy: 'OPS-08', actual: null, source: { file: 'meetings.csv', line: 4 } });
  });

  it('a meeting whose minutes fall due within seven days is upcoming; one not yet ended is not judged', async () => {
    const report = await check('2026-12-05');
    expect(report.upcoming.filter((u) => u.obligation === 'meeting-minutes').map((u) => `${u.subject} ${u.daysLeft}`)).toEqual(['M-4 2']);
    expect(JSON.stringify([...report.findings, ...report.upcoming].filter((f) => f.obligation === 'meeting-minutes'))).not.toContain('M-5');
    // The fixture has no plans: the report says so rather than leaving only "missing" findings.
    expect(report.warnings.map((w) => w.code)).toContain('no-records');
    expect(report.summary.obligations.find((o) => o.obligation === 'annual-plan')?.checked).toBe('no-records');
    expect(report.findings.filter((f) => f.obligation === 'annual-plan')).toEqual([]);
  });

  it('reads the deadline from the organisation config: one day instead of three changes the findings', async () => {
    const tight = { ...org, deadlines: { ...org.deadlines, 'meeting-minutes': { ...org.deadlines['meeting-minutes']!, days: 1 } } };
    const report = await check('2026-12-05', tight);
    const minutes = report.findings.filter((f) => f.obligation === 'meeting-minutes');
    expect(minutes.map((f) => `${f.subject} ${f.status} ${f.due}`)).toEqual(['M-4 missing 2026-12-04', 'M-1 late 2026-11-03', 'M-2 late 2026-11-03', 'M-3 missing 2026-11-04']);
  });
});
