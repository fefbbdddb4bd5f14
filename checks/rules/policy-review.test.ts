import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrganization, loadPolicies } from '../../src/model/load.ts';
import { runCheck } from '../run.ts';
import { obligationRules } from './index.ts';

const org = loadOrganization();
const policies = loadPolicies(org, obligationRules);
const dir = mkdtempSync(join(tmpdir(), 'review-'));
writeFileSync(join(dir, 'm.csv'), 'meeting_id,type,organizer,end_at\n');
const reviews = async (asOf: string) => {
  const report = await runCheck({ recordsDir: dir, asOf, since: asOf, org, policies });
  return {
    findings: report.findings.filter((f) => f.rule === 'policy-review'),
    upcoming: report.upcoming.filter((u) => u.rule === 'policy-review'),
  };
};

describe('policy-review', () => {
  it('flags a policy whose next review date has passed, against its owner, pointing at review.last', async () => {
    // 风险管理 (OPS-05) was last reviewed 2025-06-30 on an annual cycle: due 2026-06-30.
    const { findings } = await reviews('2026-11-24');
    expect(findings.map((f) => `${f.policy} ${f.department} ${f.status} ${f.due} ${f.daysLate}`)).toEqual([
      'OPS-05 operations missing 2026-06-30 147',
    ]);
    expect(findings[0]!.source).toEqual({ file: 'content/docs/policies/05-risk.mdx', line: 14 });
    expect(findings[0]!.link).toBe('https://handbook.example.com/policies/05-risk/');
  });

  it('lists a review due within seven days as upcoming, and nothing before that', async () => {
    expect((await reviews('2026-06-25')).upcoming.map((u) => `${u.policy} ${u.daysLeft}`)).toEqual(['OPS-05 6']);
    expect(await reviews('2026-06-01')).toEqual({ findings: [], upcoming: [] });
  });
});
