// The scheduled report's history lives on the branch `compliance-history` (one report JSON per
// as-of day): artifacts expire after 90 days, a branch keeps every run. The workflows call this
// script in two steps, so their logic is tested here (scripts/history-branch.test.ts) against a
// local git server that demands a token for every request, as GitHub and GitLab do:
//
//   node scripts/history-branch.ts restore <folder>   before the check: the branch's reports copied
//                                                     into <folder>/reports (empty on the first run)
//   node scripts/history-branch.ts keep <folder>      after it: <folder>/reports committed on top of
//                                                     the branch and pushed
//
// Every git command runs in the handbook's own repository, on git's plumbing (a temporary index,
// write-tree, commit-tree): the handbook's index, HEAD and working tree are never touched, and the
// credentials the CI stored for this repository apply. A nested `git init` has none of them, which
// is why the first scheduled run could never push. Where no credentials are stored (a checkout
// that keeps none, GitLab, whose job token may not push), the token is given as HISTORY_TOKEN: it is
// handed to git as an HTTP header through GIT_CONFIG_* variables, never on a command line or in a
// file, and never printed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const BRANCH = 'compliance-history';
/** Where the fetched branch is kept in the handbook's repository between restore and keep. */
const TRACKING = `refs/remotes/origin/${BRANCH}`;

export class HistoryError extends Error {}

type Env = NodeJS.ProcessEnv;

/** The remote to fetch from and push to, and the environment that authenticates git there. */
function remoteOf(repo: string, env: Env): { url: string; env: Env } {
  const token = env.HISTORY_TOKEN;
  const quiet = { ...env, GIT_TERMINAL_PROMPT: '0' };
  if (!token) return { url: 'origin', env: quiet };
  const origin = git(repo, quiet, 'remote', 'get-url', 'origin');
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new HistoryError(`HISTORY_TOKEN is set, but origin (${redact(origin)}) is not an HTTP(S) address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new HistoryError(`HISTORY_TOKEN is set, but origin is a ${url.protocol} address, not HTTP(S)`);
  // GitLab's runner writes its job token into origin's address; the header alone must speak.
  url.username = '';
  url.password = '';
  // GitHub takes its tokens as the password of x-access-token; GitLab takes a project or personal
  // access token as the password of any user name.
  const header = `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  const count = Number(env.GIT_CONFIG_COUNT ?? 0) || 0;
  return {
    url: url.href,
    env: {
      ...quiet,
      GIT_CONFIG_COUNT: String(count + 1),
      [`GIT_CONFIG_KEY_${count}`]: 'http.extraHeader',
      [`GIT_CONFIG_VALUE_${count}`]: header,
    },
  };
}

/** An address with any user name or password in it replaced, for messages. */
const redact = (text: string) => text.replace(/\/\/[^/@\s]*@/g, '//***@');

function git(cwd: string, env: Env, ...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const e = error as { stderr?: string; status?: number };
    const err = new HistoryError(`git ${args[0]} failed: ${redact((e.stderr ?? String(error)).trim())}`);
    (err as HistoryError & { status?: number }).status = e.status;
    throw err;
  }
}

/** Fetches the history branch into TRACKING; false when the remote has no such branch yet. */
function fetchBranch(repo: string, remote: { url: string; env: Env }): boolean {
  const heads = git(repo, remote.env, 'ls-remote', '--heads', remote.url, `refs/heads/${BRANCH}`);
  if (heads === '') {
    // A tracking ref left from an earlier run in the same clone would make keep build on a branch
    // the remote no longer has.
    try {
      git(repo, remote.env, 'update-ref', '-d', TRACKING);
    } catch {}
    return false;
  }
  git(repo, remote.env, 'fetch', '--quiet', '--no-tags', remote.url, `+refs/heads/${BRANCH}:${TRACKING}`);
  return true;
}

/** Runs `fn` with a temporary index file, so that the handbook's own index is never touched. */
function withIndex<T>(env: Env, fn: (env: Env) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'history-index-'));
  try {
    return fn({ ...env, GIT_INDEX_FILE: join(dir, 'index') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies the history branch's reports into `folder`/reports, or makes it empty on the first run. */
export function restore(repo: string, folder: string, env: Env = process.env): 'restored' | 'new' {
  const dir = resolve(repo, folder);
  const remote = remoteOf(repo, env);
  mkdirSync(join(dir, 'reports'), { recursive: true });
  if (!fetchBranch(repo, remote)) return 'new';
  const gitDir = git(repo, remote.env, 'rev-parse', '--absolute-git-dir');
  withIndex(remote.env, (e) => {
    git(repo, e, 'read-tree', TRACKING);
    git(dir, e, `--git-dir=${gitDir}`, `--work-tree=${dir}`, 'checkout-index', '--all', '--force');
  });
  return 'restored';
}

/**
 * Commits `folder`/reports on top of the remote's history branch and pushes it. Reports already on
 * the branch stay, one of the same name is replaced, an earlier as-of joins in (a backfill). A push
 * refused because another run pushed meanwhile is retried on top of that run's commit.
 */
export function keep(
  repo: string,
  folder: string,
  date = new Date().toISOString().slice(0, 10),
  env: Env = process.env,
): 'kept' | 'unchanged' {
  const dir = resolve(repo, folder);
  if (!existsSync(join(dir, 'reports')))
    throw new HistoryError(`${join(folder, 'reports')} does not exist; run "restore" first`);
  const remote = remoteOf(repo, env);
  const gitDir = git(repo, remote.env, 'rev-parse', '--absolute-git-dir');
  for (let attempt = 1; ; attempt++) {
    const exists = fetchBranch(repo, remote);
    const parent = exists ? git(repo, remote.env, 'rev-parse', TRACKING) : undefined;
    const tree = withIndex(remote.env, (e) => {
      if (parent) git(repo, e, 'read-tree', parent);
      // --ignore-removal: a report on the branch that this run did not restore is kept.
      git(dir, e, `--git-dir=${gitDir}`, `--work-tree=${dir}`, 'add', '--ignore-removal', '--', 'reports');
      return git(repo, e, 'write-tree');
    });
    if (parent && git(repo, remote.env, 'rev-parse', `${parent}^{tree}`) === tree) return 'unchanged';
    if (!parent && git(repo, remote.env, 'ls-tree', tree) === '') return 'unchanged';
    const author = {
      GIT_AUTHOR_NAME: 'compliance-report',
      GIT_AUTHOR_EMAIL: 'compliance-report@users.noreply.github.com',
      GIT_COMMITTER_NAME: 'compliance-report',
      GIT_COMMITTER_EMAIL: 'compliance-report@users.noreply.github.com',
    };
    const commit = git(
      repo,
      { ...remote.env, ...author },
      'commit-tree',
      tree,
      ...(parent ? ['-p', parent] : []),
      '-m',
      `Compliance report ${date}`,
    );
    try {
      git(repo, remote.env, 'push', '--quiet', remote.url, `${commit}:refs/heads/${BRANCH}`);
      git(repo, remote.env, 'update-ref', TRACKING, commit);
      return 'kept';
    } catch (error) {
      // Refused as not a fast-forward: another run pushed first. Build on its commit instead.
      if (attempt >= 3 || !/rejected|non-fast-forward|fetch first/.test((error as Error).message)) throw error;
    }
  }
}

if (import.meta.main) {
  const [command, folder] = process.argv.slice(2);
  if ((command !== 'restore' && command !== 'keep') || !folder) {
    process.stderr.write('usage: node scripts/history-branch.ts restore|keep <folder>\n');
    process.exit(2);
  }
  try {
    const result = command === 'restore' ? restore(process.cwd(), folder) : keep(process.cwd(), folder);
    process.stdout.write(
      {
        restored: `history branch ${BRANCH}: its reports copied into ${folder}/reports\n`,
        new: `no ${BRANCH} branch yet: this run starts it (${folder}/reports is empty)\n`,
        kept: `pushed this run's report to ${BRANCH}\n`,
        unchanged: 'no new report to keep\n',
      }[result],
    );
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    process.stderr.write(
      `history-branch ${command}: ${error.message}\n` +
        '  Likely cause: the job may not read or push the repository. GitHub: the job needs contents: write\n' +
        '  and a checkout that keeps its credentials; GitLab: a project access token with write_repository\n' +
        '  in the CI/CD variable HISTORY_TOKEN (masked).\n',
    );
    process.exit(2);
  }
}
