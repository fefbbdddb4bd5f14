import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrganization, loadPolicies } from '../../src/model/load.ts';
import { type MinutesVersion, meetingsExport, policyRepository } from '../../scripts/test/policy-repo.ts';
import { currentTimeline } from '../../src/model/timeline.ts';
import { policyTimeline } from '../../src/model/versions.ts';
import { exitCode, runCheck } from '../run.ts';
import { obligationRules } from '../rules/index.ts';
import { selectSpan } from './versions.ts';

describe('selectSpan', () => {
  const span = { from: 100, until: 200 };
  it('judges what falls due within the version, passes earlier dues to an older one, and judges nothing after the obligation was dropped', () => {
    expect(selectSpan(span, 150, Number.POSITIVE_INFINITY)).toBe('judge');
    expect(selectSpan(span, 200, Number.POSITIVE_INFINITY)).toBe('judge');
    expect(selectSpan(span, 100, Number.POSITIVE_INFINITY)).toBe('older');
    expect(selectSpan(span, 201, Number.POSITIVE_INFINITY)).toBe('not-in-force');
    expect(selectSpan(span, 150, 120)).toBe('not-in-force');
  });
});

// A repository of one policy whose minutes deadline a process owner changes as the handbook asks
// (scripts/test/policy-repo.ts), and a meetings export: M-AUG is due 13 August under 3 days and was
// filed two days later (on time under 5); M-DEC ended 12 December; M-OLD fell due before 2026.
function repository(versions: MinutesVersion[]) {
  const repo = policyRepository();
  for (const v of versions) repo.commit(v);
  return { root: repo.root, ...repo.load() };
}

const exports = meetingsExport();

const check = (
  repo: ReturnType<typeof repository>,
  timeline = policyTimeline(repo.org, repo.policies, obligationRules, repo.root),
) =>
  runCheck({
    recordsDir: exports,
    asOf: '2026-12-31',
    since: '2025-12-01',
    org: repo.org,
    policies: repo.policies,
    timeline,
  });

const verdicts = (report: Awaited<ReturnType<typeof runCheck>>) =>
  report.findings.map((f) => `${f.subject} ${f.status} ${f.daysLate} v${f.version}`);

describe('enforcement by version', () => {
  const changed = repository([
    { version: '1.0.0', effective: '2026-01-01', days: 3 },
    { version: '1.1.0', effective: '2026-12-15', days: 5 },
  ]);

  it('judges each record by the version in force on its due date, read from the history', async () => {
    const report = await check(changed);
    expect(report.summary.rows).toEqual({ read: 3, accepted: 3, rejected: 0 });
    expect(verdicts(report)).toEqual(['M-AUG late 2 v1.0.0']);
    const summary = report.summary.obligations.find((o) => o.obligation === 'meeting-minutes')!;
    // M-AUG (late) and M-DEC (on time) were judged; M-OLD fell due before the policy took effect.
    expect([summary.evaluated, summary.met, summary.notInForce]).toEqual([2, 1, 1]);
    expect(report.warnings.map((w) => w.code)).not.toContain('no-history');
  });

  it('without the history, the current version judges every record (the August finding disappears) and the run says so', async () => {
    const report = await check(changed, {
      source: 'current',
      reason: 'shallow',
      versions: currentTimeline(changed.org, changed.policies).versions,
    });
    expect(verdicts(report)).toEqual([]);
    expect(report.warnings.find((w) => w.code === 'no-history')?.values).toEqual({ reason: 'shallow' });
  });

  it('a shallow clone has no history, and says so', () => {
    const clone = mkdtempSync(join(tmpdir(), 'versions-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${changed.root}`, clone], { stdio: 'pipe' });
    const org = loadOrganization(join(clone, 'content/organization.yaml'));
    const timeline = policyTimeline(
      org,
      loadPolicies(org, obligationRules, join(clone, 'content/docs')),
      obligationRules,
      clone,
    );
    expect(timeline).toMatchObject({ source: 'current', reason: 'shallow' });
  });

  it('an earlier deadline from a later date: nothing judged twice, nothing between the versions', async () => {
    const shortened = repository([
      { version: '1.0.0', effective: '2026-01-01', days: 5 },
      { version: '1.1.0', effective: '2026-12-15', days: 3 },
    ]);
    const report = await check(shortened);
    // M-DEC ended on the 12th: due the 15th under 3 days (in force then) and filed on the 16th.
    expect(verdicts(report)).toEqual(['M-DEC late 1 v1.1.0']);
    expect(report.summary.obligations.find((o) => o.obligation === 'meeting-minutes')?.evaluated).toBe(2);
  });

  it('a correction is not a change: a version whose words and settings are unchanged judges every record they applied to', async () => {
    // 1.1.0 starts checking minutes the words always asked for (正文未改): M-AUG, due 13 August and
    // filed on the 15th, was late under the words in force since January.
    const corrected = repository([
      { version: '1.0.0', effective: '2026-01-01', days: 3, obligation: false },
      { version: '1.1.0', effective: '2026-12-15', days: 3 },
    ]);
    expect(verdicts(await check(corrected))).toEqual(['M-AUG late 2 v1.1.0', 'M-DEC late 1 v1.1.0']);
    // The same obligation arriving with new words is a change: it applies from its own date.
    const changedWords = repository([
      { version: '1.0.0', effective: '2026-01-01', days: 3, obligation: false },
      { version: '1.1.0', effective: '2026-12-15', days: 3, body: '会议结束后，会议组织者应及时整理会议纪要。' },
    ]);
    expect(verdicts(await check(changedWords))).toEqual(['M-DEC late 1 v1.1.0']);
    // So is a change of the company's setting the obligation reads (the deadline's days), as above.
    // Another article reworded in the same version leaves this one's words, and the correction, as they are.
    const otherArticle = repository([
      { version: '1.0.0', effective: '2026-01-01', days: 3, obligation: false, body: '正文。第二条。' },
      { version: '1.1.0', effective: '2026-12-15', days: 3, body: '正文。第二条已改写。' },
    ]);
    expect(verdicts(await check(otherArticle))).toEqual(['M-AUG late 2 v1.1.0', 'M-DEC late 1 v1.1.0']);
  });

  it('a requirement the company now sets where the words name no one applies from its date, and what older versions read into the words is not judged (9(二)3)', async () => {
    const set = repository([
      { version: '1.0.0', effective: '2026-01-01', days: 3 },
      {
        version: '1.1.0',
        effective: '2026-12-15',
        days: 3,
        obligation: {
          who: { department: 'operations' },
          companySetting: '条文没有写明由谁办理；由运营部办理是公司设定',
        },
      },
    ]);
    const report = await check(set);
    // M-AUG (sales, under 1.0.0's reading of the same words) is not judged; M-DEC is the operations department's.
    expect(report.findings.map((f) => `${f.subject} ${f.department} ${f.status} v${f.version}`)).toEqual([
      'M-DEC operations late v1.1.0',
    ]);
  });

  it("an obligation whose rule changed is judged by the new rule from its date, never an old rule's options by the new one", async () => {
    // 1.1.0 judges the minutes with another rule (the recorder named): the deadline no longer applies.
    const replaced = repository([
      { version: '1.0.0', effective: '2026-01-01', days: 3 },
      {
        version: '1.1.0',
        effective: '2026-12-15',
        days: 3,
        body: '会议应安排专人进行记录。',
        obligation: { rule: 'complete', require: ['recorder'], at: 'end_at', evidence: undefined, due: undefined },
      },
    ]);
    const report = await check(replaced);
    // M-AUG's lateness was the old rule's: not judged by it any more; nothing throws.
    expect(verdicts(report)).toEqual([]);
    expect(report.warnings.filter((w) => w.code === 'absent-column').map((w) => w.values?.columns)).toEqual([
      ['记录人'],
    ]);
  });

  it('a version this checker cannot read is named in a warning, and its dates are not judged by it', async () => {
    const broken = repository([
      { version: '1.0.0', effective: '2026-01-01', days: 3, extra: { reviewer: 'nobody' } },
      { version: '1.1.0', effective: '2026-12-15', days: 5 },
    ]);
    const report = await check(broken);
    const warning = report.warnings.find((w) => w.code === 'version-unreadable');
    expect(warning?.values).toMatchObject({
      policy: 'TST-08',
      version: '1.0.0',
      effective: '2026-01-01',
      until: '2026-12-15',
    });
    expect(String(warning?.values?.problem)).toContain('reviewer');
    expect(verdicts(report)).toEqual([]);
  });

  it('a history shorter than the changes list (squashed) says which versions it lacks and that earlier dates go unjudged', async () => {
    const repo = policyRepository();
    // Both versions in the page's changes list, one commit: the history holds 1.1.0 only.
    repo.write({ version: '1.0.0', effective: '2026-01-01', days: 3 });
    repo.commit({ version: '1.1.0', effective: '2026-06-01', days: 5 });
    const squashed = { root: repo.root, ...repo.load() };
    const report = await check(squashed);
    expect(report.warnings.find((w) => w.code === 'history-short')?.values).toEqual({
      policy: 'TST-08',
      versions: ['1.0.0'],
      oldest: '1.1.0',
      effective: '2026-06-01',
    });
    // Not clean: evidence before 2026-06-01 went unjudged.
    expect(exitCode(report)).toBe(1);
    // The whole history says nothing of the kind.
    expect((await check(changed)).warnings.map((w) => w.code)).not.toContain('history-short');
  });
});
