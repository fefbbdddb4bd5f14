import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies } from '../../src/model/load.ts';
import { repoRoot } from '../../src/model/root.ts';
import { testOrganization } from '../../src/model/test-organization.ts';
import { runCheck } from '../run.ts';
import { obligationRules } from './index.ts';

const org = testOrganization();
const shipped = loadPolicies(org, obligationRules);
// The review dates are set here, so a process owner who records a review breaks no test: every
// policy was reviewed on 2026-11-01 except the first published one, last reviewed 2025-06-30 on
// an annual cycle (due 2026-06-30), in force since 2026-01-01; drafts keep a stale date and must
// not count.
const stale = shipped.find((p) => p.policy.status === 'approved')!;
const policies = shipped.map((p) => ({
  ...p,
  policy: {
    ...p.policy,
    ...(p === stale ? { effective: '2026-01-01' } : {}),
    review:
      p === stale
        ? { cycle: 'annual' as const, last: '2025-06-30' }
        : p.policy.status === 'draft'
          ? { cycle: 'annual' as const, last: '2020-01-01' }
          : { ...p.policy.review, last: '2026-11-01' },
  },
}));
const dir = mkdtempSync(join(tmpdir(), 'review-'));
writeFileSync(join(dir, 'm.csv'), 'meeting_id,type,organizer,end_at\n');
const reviews = async (asOf: string, given = policies) => {
  const report = await runCheck({ recordsDir: dir, asOf, since: asOf, org, policies: given });
  return {
    findings: report.findings.filter((f) => f.rule === 'policy-review'),
    upcoming: report.upcoming.filter((u) => u.rule === 'policy-review'),
  };
};

describe('policy-review', () => {
  it('flags a policy whose next review date has passed, against its owner, pointing at review.last', async () => {
    const { findings } = await reviews('2026-11-24');
    expect(findings.map((f) => `${f.policy} ${f.department} ${f.status} ${f.due} ${f.daysLate}`)).toEqual([
      `${stale.policy.id} ${stale.policy.owner} missing 2026-06-30 147`,
    ]);
    const { file, line } = findings[0]!.source!;
    expect(file).toBe(stale.file);
    expect(readFileSync(join(repoRoot, file), 'utf8').split('\n')[line - 1]).toMatch(/^\s+last:/);
    expect(findings[0]!.link).toBe(`https://handbook.example.com/${stale.slug}/`);
  });

  it('lists a review due within seven days as upcoming, and nothing before that', async () => {
    expect((await reviews('2026-06-25')).upcoming.map((u) => `${u.policy} ${u.daysLeft}`)).toEqual([
      `${stale.policy.id} 6`,
    ]);
    expect(await reviews('2026-06-01')).toEqual({ findings: [], upcoming: [] });
  });

  it('asks a review only of pages in force: not of a page in review, nor of one whose version takes effect later', async () => {
    // The same stale page, as a proposal in review and as a version not yet in force on the check day.
    const as = (policy: Partial<(typeof stale)['policy']>) => [{ ...stale, policy: { ...stale.policy, ...policy } }];
    const late = { review: { cycle: 'annual' as const, last: '2025-06-30' } };
    expect((await reviews('2026-11-24', as({ ...late, status: 'in-review' }))).findings).toEqual([]);
    expect((await reviews('2026-11-24', as({ ...late, effective: '2026-12-01' }))).findings).toEqual([]);
    expect((await reviews('2026-12-02', as({ ...late, effective: '2026-12-01' }))).findings).toHaveLength(1);
  });
});
