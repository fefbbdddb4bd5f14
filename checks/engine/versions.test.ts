import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadOrganization, loadPolicies, repoRoot } from '../../src/model/load.ts';
import { currentTimeline } from '../../src/model/timeline.ts';
import { policyTimeline } from '../../src/model/versions.ts';
import { runCheck } from '../run.ts';
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

// A repository of one policy whose minutes deadline a process owner changes as the handbook asks:
// the value in the organisation config, the page's version, its effective date and changes entry.
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    stdio: 'pipe',
  });

function repository(versions: { version: string; effective: string; days: number; extra?: Record<string, unknown> }[]) {
  const root = mkdtempSync(join(tmpdir(), 'versions-'));
  mkdirSync(join(root, 'content/docs/policies'), { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  const org = parse(readFileSync(join(repoRoot, 'content/organization.yaml'), 'utf8'));
  const changes: Record<string, unknown>[] = [];
  for (const v of versions) {
    org.deadlines['meeting-minutes'] = { label: '会议纪要提交截止', from: 'event', months: 0, days: v.days };
    writeFileSync(join(root, 'content/organization.yaml'), stringify(org));
    changes.unshift({
      version: v.version,
      date: v.effective,
      summary: `纪要期限 ${v.days} 天`,
      approvedBy: 'executive-team',
    });
    const frontmatter = {
      title: '会议管理',
      titleEn: 'Meetings',
      id: 'TST-08',
      chapter: 8,
      version: v.version,
      effective: v.effective,
      status: 'approved',
      owner: 'operations',
      approvers: ['executive-team'],
      review: { cycle: 'annual', last: v.effective },
      classification: 'internal',
      changes,
      obligations: [
        {
          id: 'meeting-minutes',
          title: '整理并提交会议纪要',
          article: '第八章（三）第 2 条',
          who: { every: 'department' },
          records: 'meetings',
          rule: 'deadline',
          evidence: 'minutes_filed_at',
          due: { after: 'end_at', deadline: 'meeting-minutes' },
        },
      ],
      ...v.extra,
    };
    writeFileSync(join(root, 'content/docs/policies/08-meetings.mdx'), `---\n${stringify(frontmatter)}---\n\n正文。\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', `v${v.version}`);
  }
  const current = loadOrganization(join(root, 'content/organization.yaml'));
  const policies = loadPolicies(current, obligationRules, join(root, 'content/docs'));
  return { root, org: current, policies };
}

const exports = mkdtempSync(join(tmpdir(), 'versions-exports-'));
writeFileSync(
  join(exports, 'meetings.csv'),
  '会议编号,会议类型,组织部门,结束时间,纪要提交时间\n' +
    // Due 13 August under 3 days: filed two days late. Under 5 days it would be on time.
    'M-AUG,部门会议,sales,2026-08-10 10:00,2026-08-15 10:00\n' +
    // Due 17 December under the new text (5 days from the 15th): on time. Under 3 days: late.
    'M-DEC,部门会议,sales,2026-12-12 10:00,2026-12-16 10:00\n' +
    // Due before the policy first took effect: not judged at all.
    'M-OLD,部门会议,sales,2025-12-20 10:00,\n',
);

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
});
