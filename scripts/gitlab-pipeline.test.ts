// .gitlab-ci.yml run as GitLab runs it, by gitlab-ci-local (npm) with its shell executor, in a clone
// of this repository whose origin is a git server on 127.0.0.1 that demands a token for every
// request (scripts/test/git-server.ts), as GitLab does: the clone holds the job token, which may
// fetch but not push, and HISTORY_TOKEN may push. The merge request's note goes to a stand-in for
// GitLab's Notes API. What the jobs run (lint, impact, check, build) has tests of its own; this
// holds the pipeline: which jobs run for which source, in which order, with which credentials, and
// what each hands the next.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/model/root.ts';
import { runnerGitEnv, startGitServer } from './test/git-host.ts';

const JOB_TOKEN = 'job-token-read-only';
const WRITE_TOKEN = 'project-token-write';
const NOTE_TOKEN = 'project-token-api';
const base = mkdtempSync(join(tmpdir(), 'gitlab-pipeline-'));
const env = {
  ...process.env,
  ...runnerGitEnv(base),
  // gitlab-ci-local warns when a predefined variable is set; these stand in for GitLab's.
  GCL_IGNORE_PREDEFINED_VARS: 'CI_PIPELINE_SOURCE,CI_API_V4_URL,CI_PROJECT_ID,CI_MERGE_REQUEST_IID',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: 'pipe' }).trim();

let stopGitServer: () => void;
let gitPort = 0;
let api: Server;
let apiUrl = '';
const notes: { id: number; body: string; author: { id: number } }[] = [];
let work = '';
const origin = join(base, 'group/handbook.git');

beforeAll(async () => {
  if (spawnSync('rsync', ['--version']).error)
    throw new Error(
      "gitlab-ci-local's shell executor copies each job's folder with rsync, which this machine lacks.\n" +
        '  What to do: apt-get install rsync (.ci/run installs it where it is missing).',
    );
  ({ port: gitPort, stop: stopGitServer } = await startGitServer(base, {
    [JOB_TOKEN]: 'read',
    [WRITE_TOKEN]: 'write',
  }));
  // GitLab's Notes API, as much as the impact job uses.
  api = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      if (req.headers['private-token'] !== NOTE_TOKEN) return res.writeHead(401).end('{"message":"401 Unauthorized"}');
      if (req.url === '/api/v4/user') return res.end('{"id":42,"username":"project_7_bot"}');
      if (req.method === 'GET') return res.writeHead(200, { 'x-next-page': '' }).end(JSON.stringify(notes));
      const note = { id: notes.length + 1, body: JSON.parse(body).body, author: { id: 42 } };
      notes.push(note);
      res.writeHead(201).end(JSON.stringify(note));
    });
  });
  await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
  const address = api.address();
  apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v4`;

  // The handbook as committed, with the working tree's changes to tracked files, on the server.
  const seed = join(base, 'seed');
  git(base, 'clone', '--quiet', '--no-local', repoRoot, seed);
  const stash = git(repoRoot, 'stash', 'create');
  if (stash) {
    git(seed, 'fetch', '--quiet', repoRoot, stash);
    git(seed, 'checkout', '--quiet', '--detach', 'FETCH_HEAD');
  }
  mkdirSync(join(base, 'group'));
  git(base, 'init', '--quiet', '--bare', '-b', 'main', origin);
  git(seed, 'push', '--quiet', origin, 'HEAD:refs/heads/main');
  // What the runner leaves: a clone whose origin holds the job token.
  work = join(base, 'work');
  git(base, 'clone', '--quiet', `http://gitlab-ci-token:${JOB_TOKEN}@127.0.0.1:${gitPort}/group/handbook.git`, work);
}, 120_000);

afterAll(() => {
  stopGitServer?.();
  api?.close();
});

/**
 * gitlab-ci-local's shell executor on the clone: the jobs named and what they need, with these
 * variables. Run asynchronously: the stand-in for GitLab's API answers from this process.
 */
async function pipeline(source: string, jobs: string[], variables: Record<string, string>) {
  const run = spawn(
    'node',
    [
      join(repoRoot, 'node_modules/gitlab-ci-local/dist/index.js'),
      '--force-shell-executor',
      // Each job in a folder of its own, as on GitLab's runners: only artifacts pass between jobs.
      // Beside the clone, not inside it, where the clone's own tsconfig.json would claim its files.
      '--shell-isolation',
      '--state-dir',
      '../gitlab-ci-local',
      '--needs',
      '--no-color',
      '--variable',
      `CI_PIPELINE_SOURCE=${source}`,
      // The machine's npm cache, warm from this project's own install: the jobs' npm ci reads it.
      '--variable',
      `npm_config_cache=${join(homedir(), '.npm')}`,
      ...Object.entries(variables).flatMap(([k, v]) => ['--variable', `${k}=${v}`]),
      ...jobs,
    ],
    { cwd: work, env },
  );
  let log = '';
  run.stdout.on('data', (chunk) => (log += chunk));
  run.stderr.on('data', (chunk) => (log += chunk));
  const [status] = (await once(run, 'close')) as [number | null];
  return { status, log };
}

const artifact = (job: string, path: string) => join(base, 'gitlab-ci-local/artifacts', job, path);
const onBranch = () => git(origin, 'ls-tree', '-r', '--name-only', 'compliance-history').split('\n');

describe('the GitLab pipeline, run by gitlab-ci-local', () => {
  it('lists for each source the jobs GitLab runs: merge requests check, a schedule reports and publishes, a push republishes', () => {
    const list = (source: string) =>
      spawnSync(
        'node',
        [
          join(repoRoot, 'node_modules/gitlab-ci-local/dist/index.js'),
          '--list-csv',
          '--variable',
          `CI_PIPELINE_SOURCE=${source}`,
        ],
        { cwd: work, env, encoding: 'utf8' },
      )
        .stdout.split('\n')
        .filter((l) => l.includes(';') && !l.startsWith('name;'))
        .map((l) => l.split(';')[0]);
    expect(list('merge_request_event')).toEqual(['content-lint', 'impact', 'typecheck', 'lint', 'test', 'build']);
    expect(list('schedule')).toEqual(['report', 'history', 'pages']);
    expect(list('web')).toEqual(['report', 'history', 'pages']);
    expect(list('push')).toEqual(['report', 'pages']);
  });

  it('a merge request: the content lint writes its Code Quality report, and the impact preview becomes one note', async () => {
    const { status, log } = await pipeline('merge_request_event', ['impact'], {
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
      CI_API_V4_URL: apiUrl,
      CI_PROJECT_ID: '7',
      CI_MERGE_REQUEST_IID: '3',
      IMPACT_NOTE_TOKEN: NOTE_TOKEN,
    });
    expect(status, log).toBe(0);
    expect(log).toContain('PASS  content-lint');
    expect(log).toContain('PASS  impact');
    expect(JSON.parse(readFileSync(artifact('content-lint', 'gl-code-quality-report.json'), 'utf8'))).toEqual(
      expect.any(Array),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body.startsWith('<!-- impact-preview -->')).toBe(true);
    // The tokens are never printed.
    expect(log).not.toContain(NOTE_TOKEN);
    expect(log).not.toContain(JOB_TOKEN);
  }, 300_000);

  it('a schedule with no export connected keeps nothing and publishes the samples under their banner', async () => {
    const run = await pipeline('schedule', ['pages', 'history'], { HISTORY_TOKEN: WRITE_TOKEN });
    expect(run.status, run.log).toBe(0);
    expect(run.log).toContain('未接入导出');
    expect(git(origin, 'branch', '--list', 'compliance-history')).toBe('');
    expect(readFileSync(artifact('pages', 'public/compliance/index.html'), 'utf8')).toContain('示例数据。');
  }, 600_000);

  it('a schedule with approvals connected fetches them (npm run fetch) and checks them; the secret is never printed', async () => {
    // A stand-in for 企业微信's API (a private deployment's address, as APPROVAL_API_BASE gives it).
    const detail = JSON.parse(
      readFileSync(join(repoRoot, 'checks/read/approvals/fixtures/wecom-instance.json'), 'utf8'),
    );
    const asked: string[] = [];
    const wecom = createServer(async (req, res) => {
      const url = new URL(req.url!, 'http://x');
      asked.push(url.pathname);
      let text = '';
      for await (const chunk of req) text += chunk;
      res.setHeader('Content-Type', 'application/json');
      if (url.pathname === '/cgi-bin/gettoken')
        return res.end(
          JSON.stringify(
            url.searchParams.get('corpsecret') === SECRET
              ? { errcode: 0, access_token: 'w-1', expires_in: 7200 }
              : { errcode: 40001, errmsg: 'invalid credential' },
          ),
        );
      if (url.searchParams.get('access_token') !== 'w-1')
        return res.end(JSON.stringify({ errcode: 40014, errmsg: 'invalid access_token' }));
      if (url.pathname === '/cgi-bin/oa/getapprovalinfo') {
        // The instance in the window it was started in (the fetch asks 31 days at a time).
        const { starttime, endtime } = JSON.parse(text) as { starttime: string; endtime: string };
        const within = Number(starttime) <= detail.info.apply_time && detail.info.apply_time <= Number(endtime);
        return res.end(
          JSON.stringify({
            errcode: 0,
            errmsg: 'ok',
            sp_no_list: within ? [detail.info.sp_no] : [],
            new_next_cursor: '',
          }),
        );
      }
      if (url.pathname === '/cgi-bin/oa/getapprovaldetail') return res.end(JSON.stringify(detail));
      res.writeHead(404).end('{}');
    });
    await new Promise<void>((done) => wecom.listen(0, '127.0.0.1', done));
    const port = (wecom.address() as { port: number }).port;
    const SECRET = 'wecom-secret-3e2f';
    // The company's config: the shipped one with the template mapped.
    const org = join(base, 'organization-with-approvals.yaml');
    writeFileSync(
      org,
      `${readFileSync(join(repoRoot, 'content/organization.yaml'), 'utf8')}\nsources:\n  - platform: wecom\n    template: 文档借阅申请\n    code: ${detail.info.template_id}\n    records: borrowings\n    fields:\n      借阅编号: borrowing_id\n    steps:\n      "1": approved_at\n    departments:\n      "3": operations\n`,
    );
    try {
      const run = await pipeline('schedule', ['report'], {
        HANDBOOK_ORGANIZATION: org,
        APPROVAL_PLATFORMS: 'wecom',
        APPROVAL_API_BASE: `http://127.0.0.1:${port}`,
        WECOM_CORP_ID: 'ww-test-corp',
        WECOM_SECRET: SECRET,
      });
      expect(run.status, run.log).toBe(0);
      expect(run.log).toContain('企业微信审批“文档借阅申请”：列出 1 个实例，新取 1 个，已有 0 个');
      expect(asked).toContain('/cgi-bin/oa/getapprovaldetail');
      expect(readFileSync(artifact('report', 'compliance-report/report.md'), 'utf8')).toContain(
        '企业微信审批-文档借阅申请.ndjson',
      );
      expect(run.log).not.toContain(SECRET);
    } finally {
      wecom.close();
    }
  }, 600_000);

  it('a schedule: the first run starts the history branch with the write token, a backfill joins it, Pages gets the site with the report', async () => {
    const exports = join(base, 'oa-exports');
    // The company's exports: the samples less one file, so that they are not the samples.
    cpSync(join(repoRoot, 'checks/samples'), exports, { recursive: true });
    rmSync(join(exports, '制度确认.csv'));
    const variables = { OA_EXPORT_DIR: exports, HISTORY_TOKEN: WRITE_TOKEN };

    const first = await pipeline('schedule', ['pages', 'history'], { ...variables, AS_OF: '2026-11-30' });
    expect(first.status, first.log).toBe(0);
    expect(onBranch()).toEqual(['reports/report-2026-11-30.json']);
    const page = readFileSync(artifact('pages', 'public/compliance/index.html'), 'utf8');
    expect(page).toContain('检查日 2026-');
    expect(page).not.toContain('示例数据。');
    expect(existsSync(artifact('report', 'compliance-report/report.md'))).toBe(true);

    const backfill = await pipeline('web', ['history'], { ...variables, AS_OF: '2026-11-16' });
    expect(backfill.status, backfill.log).toBe(0);
    expect(onBranch()).toEqual(['reports/report-2026-11-16.json', 'reports/report-2026-11-30.json']);
    expect(`${first.log}${backfill.log}`).not.toContain(WRITE_TOKEN);
  }, 600_000);
});
