import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { impactMarkdown, impactOf } from './impact.ts';
import { meetingsExport, policyRepository } from './test/policy-repo.ts';

describe('npm run impact', () => {
  it('shows what a deadline change does to the same exports: the config value, the page that states it, the version, and the findings per department', async () => {
    const repo = policyRepository();
    repo.commit({ version: '1.0.0', effective: '2026-01-01', days: 3 });
    // The pull request: minutes due in 5 days instead of 3, from 15 December.
    repo.write({ version: '1.1.0', effective: '2026-12-15', days: 5 });
    // M-SEP is late under either deadline: it stays, although the new version takes effect after it.
    const records = meetingsExport();
    appendFileSync(join(records, 'meetings.csv'), 'M-SEP,部门会议,sales,2026-09-01 10:00,2026-09-20 10:00\n');
    const impact = await impactOf({ base: 'HEAD', root: repo.root, records, asOf: '2026-12-31' });
    expect(impact.config).toMatchObject([{ kind: 'deadline', key: 'meeting-minutes' }]);
    expect(impact.pages).toMatchObject([{ policy: 'TST-08', file: 'content/docs/policies/08-meetings.mdx' }]);
    expect(impact.versions).toEqual([
      { policy: 'TST-08', title: '会议管理', before: '1.0.0', after: '1.1.0', effective: '2026-12-15' },
    ]);
    // Under 3 days M-AUG and M-DEC are late; under 5 both are on time. Each side's rules judge every
    // record: the preview is what the changed rule means for these exports, not the effective dates.
    expect(impact.findings).toEqual({ appeared: 0, disappeared: 2, changed: 0 });
    expect(impact.obligations).toEqual([
      {
        policy: 'TST-08',
        obligation: 'meeting-minutes',
        title: '整理并提交会议纪要',
        before: { late: 3 },
        after: { late: 1 },
        departments: { sales: -2 },
      },
    ]);
    const text = impactMarkdown(impact, repo.load().org);
    expect(text).toContain('期限「会议纪要提交截止」（meeting-minutes）：days 3 → 5');
    expect(text).toContain('TST-08 会议管理：1.0.0 → 1.1.0，2026-12-15 起生效');
    expect(text).toContain('| TST-08 整理并提交会议纪要 | 逾期 3 → 1（−2） | 销售部 −2 |');
  });

  it('lists the material versions a change adds, which staff must acknowledge', async () => {
    const repo = policyRepository();
    repo.commit({ version: '1.0.0', effective: '2026-01-01', days: 3 });
    repo.write({ version: '1.1.0', effective: '2026-12-15', days: 3, material: true });
    const impact = await impactOf({ base: 'HEAD', root: repo.root, records: meetingsExport(), asOf: '2026-12-31' });
    // The test repository has no acknowledgement rule: the preview says the flag will not be checked.
    expect(impact.acknowledge).toEqual([
      { policy: 'TST-08', title: '会议管理', version: '1.1.0', effective: '2026-12-15', window: null },
    ]);
    expect(impactMarkdown(impact, repo.load().org)).toContain(
      'TST-08 会议管理 1.1.0：标为重大修订，但手册没有要求确认已阅的规则（acknowledged），不会核查',
    );
  });

  it('a change that moves nothing says so; a base that does not exist is a clear error', async () => {
    const repo = policyRepository();
    repo.commit({ version: '1.0.0', effective: '2026-01-01', days: 3 });
    const same = await impactOf({ base: 'HEAD', root: repo.root, records: meetingsExport(), asOf: '2026-12-31' });
    expect(impactMarkdown(same, repo.load().org)).toContain('这些导出的核查结果没有变化');
    await expect(impactOf({ base: 'no-such-branch', root: repo.root })).rejects.toThrow(
      /--base "no-such-branch" names no commit here/,
    );
  });

  it('a --base that is an option never reaches git as one: the file it names is untouched', async () => {
    const repo = policyRepository();
    repo.commit({ version: '1.0.0', effective: '2026-01-01', days: 3 });
    const victim = join(repo.root, 'victim.txt');
    writeFileSync(victim, '不可覆盖\n');
    await expect(impactOf({ base: `--output=${victim}`, root: repo.root })).rejects.toThrow(/names no commit here/);
    expect(readFileSync(victim, 'utf8')).toBe('不可覆盖\n');
  });
});
