// For tests of what a policy change does: a git repository holding one policy page (a minutes
// deadline) and the organisation config, where a test writes versions as a process owner would:
// the value in content/organization.yaml, the page's version, its effective date and changes entry.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadOrganization, loadPolicies, repoRoot } from '../../src/model/load.ts';
import { obligationRules } from '../../checks/rules/index.ts';

export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=测试', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  });

export interface MinutesVersion {
  version: string;
  effective: string;
  /** Days after a meeting ends by which its minutes are due. */
  days: number;
  /** A change staff must acknowledge (`material: true` in its changes entry). */
  material?: boolean;
  /** Frontmatter fields added as they are (a field this checker does not know, say). */
  extra?: Record<string, unknown>;
  /** The page's text after its frontmatter (default: the same for every version). */
  body?: string;
  /** The minutes obligation's fields changed as given, or false for a version without it. */
  obligation?: Record<string, unknown> | false;
}

export function policyRepository() {
  const root = mkdtempSync(join(tmpdir(), 'policy-repo-'));
  mkdirSync(join(root, 'content/docs/policies'), { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  const org = parse(readFileSync(join(repoRoot, 'content/organization.yaml'), 'utf8'));
  const changes: Record<string, unknown>[] = [];
  /** Writes a version into the working tree. */
  const write = (v: MinutesVersion) => {
    org.deadlines['meeting-minutes'] = { label: '会议纪要提交截止', from: 'event', months: 0, days: v.days };
    writeFileSync(join(root, 'content/organization.yaml'), stringify(org));
    changes.unshift({
      version: v.version,
      date: v.effective,
      summary: `纪要期限 ${v.days} 天`,
      approvedBy: 'executive-team',
      ...(v.material ? { material: true } : {}),
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
      obligations:
        v.obligation === false
          ? []
          : [
              {
                id: 'meeting-minutes',
                title: '整理并提交会议纪要',
                article: '第八章（三）第 2 条',
                // The article's words, as the page writes them (its first words serve).
                quote: (v.body ?? '正文。').slice(0, 2),
                who: { every: 'department' },
                records: 'meetings',
                rule: 'deadline',
                evidence: 'minutes_filed_at',
                due: { after: 'end_at', deadline: 'meeting-minutes' },
                ...v.obligation,
              },
            ],
      ...v.extra,
    };
    writeFileSync(
      join(root, 'content/docs/policies/08-meetings.mdx'),
      `---\n${stringify(frontmatter)}---\n\n${v.body ?? '正文。'}\n`,
    );
  };
  /** Writes a version and commits it. */
  const commit = (v: MinutesVersion) => {
    write(v);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', `v${v.version}`);
  };
  /** The working tree's organisation config and policies, validated. */
  const load = () => {
    const current = loadOrganization(join(root, 'content/organization.yaml'));
    return { org: current, policies: loadPolicies(current, obligationRules, join(root, 'content/docs')) };
  };
  return { root, write, commit, load };
}

/** A meetings export: August (due the 13th under 3 days, filed the 15th), December, and one before 2026. */
export function meetingsExport(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-repo-exports-'));
  writeFileSync(
    join(dir, 'meetings.csv'),
    '会议编号,会议类型,组织部门,结束时间,纪要提交时间\n' +
      'M-AUG,部门会议,sales,2026-08-10 10:00,2026-08-15 10:00\n' +
      'M-DEC,部门会议,sales,2026-12-12 10:00,2026-12-16 10:00\n' +
      'M-OLD,部门会议,sales,2025-12-20 10:00,\n',
  );
  return dir;
}
