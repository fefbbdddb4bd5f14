import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRANCH, keep, restore } from './history-branch.ts';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  }).trim();

/** A remote with the handbook's main branch, and a fresh clone of it: what a workflow run starts from. */
function remote() {
  const base = mkdtempSync(join(tmpdir(), 'history-'));
  const origin = join(base, 'origin.git');
  git(base, 'init', '--quiet', '--bare', '-b', 'main', origin);
  const seed = join(base, 'seed');
  git(base, 'clone', '--quiet', origin, seed);
  writeFileSync(join(seed, 'README.md'), '# 制度手册\n');
  git(seed, 'add', '-A');
  git(seed, 'commit', '--quiet', '-m', 'handbook');
  git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
  let run = 0;
  const checkout = () => {
    const dir = join(base, `run-${++run}`);
    git(base, 'clone', '--quiet', origin, dir);
    return dir;
  };
  return { origin, checkout };
}

describe('the history branch of the scheduled report', () => {
  it('three runs: the first starts the branch with its report only, each later one adds its own and keeps the earlier ones', () => {
    const { origin, checkout } = remote();
    const first = checkout();
    expect(restore(first, 'compliance-history')).toBe('new');
    writeFileSync(join(first, 'compliance-history/reports/report-2026-11-30.json'), '{}\n');
    expect(keep(first, 'compliance-history', '2026-11-30')).toBe('kept');
    // The branch holds the reports, not the handbook's files.
    expect(git(origin, 'ls-tree', '-r', '--name-only', BRANCH).split('\n')).toEqual(['reports/report-2026-11-30.json']);

    const second = checkout();
    expect(restore(second, 'compliance-history')).toBe('restored');
    expect(readdirSync(join(second, 'compliance-history/reports'))).toEqual(['report-2026-11-30.json']);
    writeFileSync(join(second, 'compliance-history/reports/report-2026-12-07.json'), '{}\n');
    expect(keep(second, 'compliance-history', '2026-12-07')).toBe('kept');
    expect(git(origin, 'ls-tree', '-r', '--name-only', BRANCH).split('\n')).toEqual([
      'reports/report-2026-11-30.json',
      'reports/report-2026-12-07.json',
    ]);

    const third = checkout();
    expect(restore(third, 'compliance-history')).toBe('restored');
    writeFileSync(join(third, 'compliance-history/reports/report-2026-12-14.json'), '{}\n');
    expect(keep(third, 'compliance-history', '2026-12-14')).toBe('kept');
    expect(readdirSync(join(third, 'compliance-history/reports'))).toHaveLength(3);
    expect(git(origin, 'ls-tree', '-r', '--name-only', BRANCH).split('\n')).toHaveLength(3);
    expect(git(origin, 'log', '--format=%s', BRANCH).split('\n')).toEqual([
      'Compliance report 2026-12-14',
      'Compliance report 2026-12-07',
      'Compliance report 2026-11-30',
    ]);
    // main is untouched.
    expect(git(origin, 'ls-tree', '-r', '--name-only', 'main')).toBe('README.md');
  });

  it('a run with nothing new pushes nothing; keeping without restoring refuses instead of committing to the handbook', () => {
    const { checkout } = remote();
    const dir = checkout();
    restore(dir, 'compliance-history');
    expect(keep(dir, 'compliance-history')).toBe('unchanged');
    const other = checkout();
    execFileSync('mkdir', ['-p', join(other, 'compliance-history/reports')]);
    expect(() => keep(other, 'compliance-history')).toThrow(/not the history's repository; run "restore" first/);
  });
});
