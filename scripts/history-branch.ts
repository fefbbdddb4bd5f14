// The scheduled report's history lives on the branch `compliance-history` (one report JSON per
// run): artifacts expire after 90 days, a branch keeps every run. The workflow calls this script
// in two steps, so their logic is tested here (scripts/history-branch.test.ts), not on GitHub:
//
//   node scripts/history-branch.ts restore <folder>   before the check: the branch checked out in
//                                                     <folder>, or a new empty history there
//   node scripts/history-branch.ts keep <folder>      after it: commit <folder>/reports and push
//
// <folder> is a git repository of its own (a worktree of the branch, or a new repository): a plain
// folder inside the handbook's working tree would make git find the handbook's repository, and the
// push would send the whole repository as the history branch.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const BRANCH = 'compliance-history';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Checks the history branch out in `folder` (a worktree of `repo`), or starts a new history there. */
export function restore(repo: string, folder: string): 'restored' | 'new' {
  const dir = resolve(repo, folder);
  let fetched = true;
  try {
    git(repo, 'fetch', '--quiet', 'origin', BRANCH);
  } catch {
    fetched = false; // the first run: no such branch yet
  }
  if (fetched) {
    git(repo, 'worktree', 'add', '--quiet', '--detach', dir, 'FETCH_HEAD');
    return 'restored';
  }
  mkdirSync(join(dir, 'reports'), { recursive: true });
  git(dir, 'init', '--quiet', '-b', BRANCH);
  git(dir, 'remote', 'add', 'origin', git(repo, 'remote', 'get-url', 'origin'));
  return 'new';
}

/** Commits the reports in `folder` and pushes them to the history branch; 'unchanged' when there is nothing new. */
export function keep(repo: string, folder: string, date = new Date().toISOString().slice(0, 10)): 'kept' | 'unchanged' {
  const dir = resolve(repo, folder);
  // Never the handbook's own repository: `folder` must be the history's (see the comment above).
  if (!existsSync(join(dir, '.git'))) throw new Error(`${dir} is not the history's repository; run "restore" first`);
  git(dir, 'add', 'reports');
  if (git(dir, 'status', '--porcelain', '--', 'reports') === '') return 'unchanged';
  git(
    dir,
    '-c',
    'user.name=compliance-report',
    '-c',
    'user.email=compliance-report@users.noreply.github.com',
    'commit',
    '--quiet',
    '-m',
    `Compliance report ${date}`,
  );
  git(dir, 'push', '--quiet', 'origin', `HEAD:refs/heads/${BRANCH}`);
  return 'kept';
}

if (import.meta.main) {
  const [command, folder] = process.argv.slice(2);
  if ((command !== 'restore' && command !== 'keep') || !folder) {
    process.stderr.write('usage: node scripts/history-branch.ts restore|keep <folder>\n');
    process.exit(2);
  }
  const result = command === 'restore' ? restore(process.cwd(), folder) : keep(process.cwd(), folder);
  process.stdout.write(
    {
      restored: `history branch ${BRANCH} checked out in ${folder}\n`,
      new: `no ${BRANCH} branch yet: a new history in ${folder}\n`,
      kept: `pushed this run's report to ${BRANCH}\n`,
      unchanged: 'no new report to keep\n',
    }[result],
  );
}
