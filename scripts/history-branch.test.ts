// The history branch as the scheduled workflows keep it, against a git server that demands a token
// for every request (scripts/test/git-server.ts), with the credentials where each CI keeps them:
// GitHub's checkout (v6) in a config file included from the clone's own config, GitLab's job token
// in origin's address (read only) and a project access token in HISTORY_TOKEN.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRANCH, keep, restore } from './history-branch.ts';
import { runnerGitEnv, startGitServer } from './test/git-host.ts';

const READ = 'job-token-read-only';
const WRITE = 'token-with-write-access';
const base = mkdtempSync(join(tmpdir(), 'history-'));
// No user's or machine's git config: only what each test sets, as on a fresh runner.
const env = { PATH: process.env.PATH, ...runnerGitEnv(base) };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: 'pipe' }).trim();
const basic = (user: string, token: string) => `basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

let stop: () => void;
let origin: string;
let port: number;
let projects = 0;

beforeAll(async () => {
  ({ port, stop } = await startGitServer(base, { [READ]: 'read', [WRITE]: 'write' }));
});
afterAll(() => stop?.());

/** A new project on the server with the handbook's main branch, as a repository starts out. */
function project() {
  const name = `handbook-${++projects}.git`;
  origin = join(base, name);
  git(base, 'init', '--quiet', '--bare', '-b', 'main', origin);
  const seed = mkdtempSync(join(base, 'seed-'));
  git(seed, 'init', '--quiet', '-b', 'main');
  writeFileSync(join(seed, 'README.md'), '# 制度手册\n');
  git(seed, 'add', '-A');
  // The repository's first commit is the test's, not a runner's: it names its own author.
  git(seed, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'handbook');
  git(seed, 'push', '--quiet', origin, 'HEAD:main');
  return `http://127.0.0.1:${port}/${name}`;
}

let runs = 0;
/** What actions/checkout@v6 leaves: origin without credentials, the token in a file under RUNNER_TEMP that the clone's config includes for its own git directory only. */
function githubCheckout(url: string, token = WRITE) {
  const dir = join(base, `run-${++runs}`);
  const temp = mkdtempSync(join(base, 'runner-temp-'));
  const credentials = join(temp, 'git-credentials.config');
  writeFileSync(
    credentials,
    `[http "http://127.0.0.1:${port}/"]\n\textraheader = AUTHORIZATION: ${basic('x-access-token', token)}\n`,
  );
  git(base, 'init', '--quiet', dir);
  git(dir, 'config', `includeIf.gitdir:${dir}/.git.path`, credentials);
  git(dir, 'remote', 'add', 'origin', url);
  git(dir, 'fetch', '--quiet', 'origin', 'main');
  git(dir, 'checkout', '--quiet', '-b', 'main', 'FETCH_HEAD');
  return dir;
}

/** What GitLab's runner leaves: the job token (it may fetch, not push) in origin's address. */
function gitlabCheckout(url: string) {
  const dir = join(base, `run-${++runs}`);
  git(base, 'clone', '--quiet', url.replace('//', `//gitlab-ci-token:${READ}@`), dir);
  return dir;
}

const report = (dir: string, asOf: string) =>
  writeFileSync(join(dir, 'compliance-history/reports', `report-${asOf}.json`), `{"asOf":"${asOf}"}\n`);
const onBranch = () => git(origin, 'ls-tree', '-r', '--name-only', BRANCH).split('\n');
const runEnv = (extra: Record<string, string> = {}) => ({ ...env, ...extra });

describe('the history branch of the scheduled report, against a server that demands a token', () => {
  it('GitHub: the first run starts the branch, the second adds to it, a backfill joins in as-of order; the handbook is untouched', () => {
    const url = project();
    const first = githubCheckout(url);
    expect(restore(first, 'compliance-history', runEnv())).toBe('new');
    report(first, '2026-11-30');
    expect(keep(first, 'compliance-history', '2026-11-30', runEnv())).toBe('kept');
    // The branch holds the reports, not the handbook's files.
    expect(onBranch()).toEqual(['reports/report-2026-11-30.json']);
    // The handbook's index and HEAD are as the checkout left them.
    expect(git(first, 'diff', '--cached', '--name-only')).toBe('');
    expect(git(first, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');

    const second = githubCheckout(url);
    expect(restore(second, 'compliance-history', runEnv())).toBe('restored');
    expect(readdirSync(join(second, 'compliance-history/reports'))).toEqual(['report-2026-11-30.json']);
    report(second, '2026-12-07');
    expect(keep(second, 'compliance-history', '2026-12-07', runEnv())).toBe('kept');

    // A dispatch with an earlier as-of: its report joins the history between the others.
    const backfill = githubCheckout(url);
    expect(restore(backfill, 'compliance-history', runEnv())).toBe('restored');
    report(backfill, '2026-11-23');
    expect(keep(backfill, 'compliance-history', '2026-11-23', runEnv())).toBe('kept');
    expect(onBranch()).toEqual([
      'reports/report-2026-11-23.json',
      'reports/report-2026-11-30.json',
      'reports/report-2026-12-07.json',
    ]);
    expect(git(origin, 'log', '--format=%s', BRANCH).split('\n')).toEqual([
      'Compliance report 2026-11-23',
      'Compliance report 2026-12-07',
      'Compliance report 2026-11-30',
    ]);
    expect(git(origin, 'ls-tree', '-r', '--name-only', 'main')).toBe('README.md');
  });

  it('GitHub: a run with nothing new pushes nothing; a checkout whose token may only read fails with a clear message and no prompt', () => {
    const url = project();
    const dir = githubCheckout(url);
    restore(dir, 'compliance-history', runEnv());
    expect(keep(dir, 'compliance-history', '2026-11-30', runEnv())).toBe('unchanged');

    const readOnly = githubCheckout(url, READ);
    restore(readOnly, 'compliance-history', runEnv());
    report(readOnly, '2026-11-30');
    expect(() => keep(readOnly, 'compliance-history', '2026-11-30', runEnv())).toThrow(/git push failed: .*403/s);
    const other = githubCheckout(url);
    expect(() => keep(other, 'compliance-history', '2026-11-30', runEnv())).toThrow(/run "restore" first/);
  });

  it('GitLab: the job token fetches but may not push; HISTORY_TOKEN pushes, over three runs', () => {
    const url = project();
    const first = gitlabCheckout(url);
    // Without a token with write access the push is refused, and the message names what to set.
    restore(first, 'compliance-history', runEnv());
    report(first, '2026-11-30');
    const cli = spawnSync('node', [join(import.meta.dirname, 'history-branch.ts'), 'keep', 'compliance-history'], {
      cwd: first,
      env: runEnv(),
      encoding: 'utf8',
    });
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain('HISTORY_TOKEN');
    expect(cli.stderr).not.toContain(READ);

    const token = { HISTORY_TOKEN: WRITE };
    expect(keep(first, 'compliance-history', '2026-11-30', runEnv(token))).toBe('kept');
    const second = gitlabCheckout(url);
    expect(restore(second, 'compliance-history', runEnv(token))).toBe('restored');
    report(second, '2026-12-07');
    expect(keep(second, 'compliance-history', '2026-12-07', runEnv(token))).toBe('kept');
    const backfill = gitlabCheckout(url);
    expect(restore(backfill, 'compliance-history', runEnv(token))).toBe('restored');
    report(backfill, '2026-11-16');
    expect(keep(backfill, 'compliance-history', '2026-11-16', runEnv(token))).toBe('kept');
    expect(onBranch()).toHaveLength(3);
    // The token is never written into the clone's config.
    expect(git(backfill, 'config', '--list')).not.toContain(WRITE);
  });

  it("two runs at once: the one that keeps second builds on the first one's commit, losing neither report", () => {
    const url = project();
    const a = githubCheckout(url);
    const b = githubCheckout(url);
    restore(a, 'compliance-history', runEnv());
    restore(b, 'compliance-history', runEnv());
    report(a, '2026-12-07');
    report(b, '2026-12-08');
    mkdirSync(join(b, 'compliance-history/reports'), { recursive: true });
    expect(keep(a, 'compliance-history', '2026-12-07', runEnv())).toBe('kept');
    expect(keep(b, 'compliance-history', '2026-12-08', runEnv())).toBe('kept');
    expect(onBranch()).toEqual(['reports/report-2026-12-07.json', 'reports/report-2026-12-08.json']);
  });
});
