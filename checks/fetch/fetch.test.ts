// npm run fetch against a local server that answers as each platform's documentation says: a token
// call, instance ids page by page, one detail call per instance — and, once each, an expired token
// and a rate limit, as the hosted services do.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrganization } from '../../src/model/load.ts';
import type { Organization, Source } from '../../src/schema/organization.ts';
import { checkRule } from '../rules/fixture.ts';
import { FetchError, fetchApprovals, type Platform } from './run.ts';

const fixtures = join(import.meta.dirname, '../read/approvals/fixtures');
const feishuLine = JSON.parse(readFileSync(join(fixtures, 'feishu-instances.ndjson'), 'utf8').split('\n')[0]!);
const dingtalkItem = (JSON.parse(readFileSync(join(fixtures, 'dingtalk-instances.json'), 'utf8')) as object[])[0]!;
const wecomItem = JSON.parse(readFileSync(join(fixtures, 'wecom-instance.json'), 'utf8'));

const SECRETS = {
  FEISHU_APP_ID: 'cli_test',
  FEISHU_APP_SECRET: 'fs-secret-9f8e',
  DINGTALK_APP_KEY: 'ding-key',
  DINGTALK_APP_SECRET: 'dt-secret-7a6b',
  WECOM_CORP_ID: 'ww-corp',
  WECOM_SECRET: 'wc-secret-5c4d',
};
const IDS = ['A1', 'A2', 'A3'];
/** The instance still pending on the first run, finished on the second. */
let pendingId = 'A2';

/** What the server was asked, per platform. */
const asked = { tokens: 0, details: [] as string[], refusedTokens: 0, rateLimited: 0 };
let expireNext = true;
let limitNext = true;
let token = 'tok-1';

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
const send = (res: ServerResponse, status: number, data: object, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(data));
};
const newToken = () => {
  asked.tokens++;
  token = `tok-${asked.tokens}`;
  return token;
};

function feishuDetail(id: string) {
  const data = structuredClone(feishuLine.data);
  data.serial_number = `SN-${id}`;
  data.instance_code = id;
  data.form = data.form.replace('PLN-F-01', `PLN-${id}`);
  if (id === pendingId) data.status = 'PENDING';
  return { code: 0, msg: 'success', data };
}
function dingtalkDetail(id: string) {
  const d = structuredClone(dingtalkItem) as {
    result: Record<string, unknown> & { formComponentValues: { value: string }[] };
  };
  d.result.businessId = `BIZ-${id}`;
  d.result.formComponentValues[0]!.value = `CHG-${id}`;
  if (id === pendingId) Object.assign(d.result, { status: 'RUNNING', result: '' });
  return d;
}
function wecomDetail(id: string) {
  const d = structuredClone(wecomItem);
  d.info.sp_no = id; // listed and detailed by the same sp_no
  d.info.apply_data.contents[0].value.text = `BRW-${id}`;
  if (id === pendingId) d.info.sp_status = 1;
  return d;
}

/** Answers, once each run, an expired token on the first detail call and a rate limit on the second. */
function trouble(res: ServerResponse, platform: Platform): boolean {
  if (expireNext) {
    expireNext = false;
    asked.refusedTokens++;
    if (platform === 'feishu') send(res, 400, { code: 99991663, msg: 'Invalid access token for authorization.' });
    else if (platform === 'dingtalk')
      send(res, 401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    else send(res, 200, { errcode: 42001, errmsg: 'access_token expired' });
    return true;
  }
  if (limitNext) {
    limitNext = false;
    asked.rateLimited++;
    if (platform === 'feishu') send(res, 429, { code: 99991400, msg: 'request trigger frequency limit' });
    else if (platform === 'dingtalk')
      send(res, 429, { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: 'qps limit' }, { 'Retry-After': '1' });
    else send(res, 200, { errcode: 45009, errmsg: 'api freq out of limit' });
    return true;
  }
  return false;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url!, 'http://x');
  const text = await body(req);
  const auth =
    req.headers.authorization ?? req.headers['x-acs-dingtalk-access-token'] ?? url.searchParams.get('access_token');
  // 飞书
  if (url.pathname === '/open-apis/auth/v3/tenant_access_token/internal')
    return send(res, 200, { code: 0, msg: 'ok', tenant_access_token: newToken(), expire: 7200 });
  if (url.pathname === '/open-apis/approval/v4/instances') {
    const page = url.searchParams.get('page_token');
    return send(res, 200, {
      code: 0,
      msg: 'success',
      data: page
        ? { instance_code_list: IDS.slice(2), page_token: '', has_more: false }
        : { instance_code_list: IDS.slice(0, 2), page_token: 'p2', has_more: true },
    });
  }
  if (url.pathname.startsWith('/open-apis/approval/v4/instances/')) {
    if (trouble(res, 'feishu')) return;
    if (auth !== `Bearer ${token}`) return send(res, 400, { code: 99991663, msg: 'Invalid access token' });
    const id = url.pathname.split('/').pop()!;
    asked.details.push(id);
    return send(res, 200, feishuDetail(id));
  }
  // 钉钉
  if (url.pathname === '/v1.0/oauth2/accessToken') return send(res, 200, { accessToken: newToken(), expireIn: 7200 });
  if (url.pathname === '/v1.0/workflow/processes/instanceIds/query') {
    const next = (JSON.parse(text) as { nextToken?: string }).nextToken;
    return send(res, 200, {
      success: true,
      result: next ? { list: IDS.slice(2) } : { list: IDS.slice(0, 2), nextToken: 'n2' },
    });
  }
  if (url.pathname === '/v1.0/workflow/processInstances') {
    if (trouble(res, 'dingtalk')) return;
    if (auth !== token) return send(res, 401, { code: 'InvalidAuthentication' });
    const id = url.searchParams.get('processInstanceId')!;
    asked.details.push(id);
    return send(res, 200, dingtalkDetail(id));
  }
  // 企业微信
  if (url.pathname === '/cgi-bin/gettoken')
    return send(res, 200, { errcode: 0, errmsg: 'ok', access_token: newToken(), expires_in: 7200 });
  if (url.pathname === '/cgi-bin/oa/getapprovalinfo') {
    const cursor = (JSON.parse(text) as { new_cursor?: string }).new_cursor;
    return send(
      res,
      200,
      cursor
        ? { errcode: 0, errmsg: 'ok', sp_no_list: IDS.slice(2), new_next_cursor: '' }
        : { errcode: 0, errmsg: 'ok', sp_no_list: IDS.slice(0, 2), new_next_cursor: 'c2' },
    );
  }
  if (url.pathname === '/cgi-bin/oa/getapprovaldetail') {
    if (trouble(res, 'wecom')) return;
    if (auth !== token) return send(res, 200, { errcode: 40014, errmsg: 'invalid access_token' });
    const id = (JSON.parse(text) as { sp_no: string }).sp_no;
    asked.details.push(id);
    return send(res, 200, wecomDetail(id));
  }
  send(res, 404, { error: `no ${url.pathname}` });
});

let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sources: Source[] = [
  {
    platform: 'feishu',
    template: '运营计划审批',
    code: 'APPROVAL-PLAN',
    records: 'plans',
    fields: { 计划编号: 'plan_id', 计划类型: 'level', 计划期间: 'period', 部门: 'department' },
    steps: { 运营部审核: 'reviewed_at', 高层审批: 'approved_at' },
  },
  {
    platform: 'dingtalk',
    template: '流程变更申请',
    code: 'PROC-CHANGE',
    records: 'process_changes',
    fields: { 变更编号: 'change_id' },
    steps: { 高层审批: 'approved_at' },
  },
  {
    platform: 'wecom',
    template: '文档借阅申请',
    code: 'TPL-BORROW',
    records: 'borrowings',
    fields: { 借阅编号: 'borrowing_id' },
    steps: { '1': 'approved_at' },
    departments: { '3': 'operations' },
  },
];
const org: Organization = { ...loadOrganization(), sources };

describe.each(['feishu', 'dingtalk', 'wecom'] as const)('npm run fetch --platform %s', (platform) => {
  const out = mkdtempSync(join(tmpdir(), `fetch-${platform}-`));
  const waits: number[] = [];
  const log: string[] = [];
  const run = () =>
    fetchApprovals({
      platform,
      from: '2026-11-01',
      to: '2026-11-30',
      out,
      apiBase: base,
      org,
      env: SECRETS,
      pacing: { intervalMs: 0, sleep: async (ms) => void waits.push(ms) },
      log: (l) => log.push(l),
    });

  it('lists every page, fetches each instance once, renews an expired token and waits out a rate limit', async () => {
    Object.assign(asked, { tokens: 0, details: [], refusedTokens: 0, rateLimited: 0 });
    expireNext = true;
    limitNext = true;
    pendingId = 'A2';
    const [summary] = await run();
    expect(summary).toMatchObject({ listed: 3, fetched: 3, kept: 0 });
    expect(asked.details).toEqual(IDS);
    expect(asked.refusedTokens).toBe(1);
    expect(asked.tokens).toBe(2); // the first, and the one after it was refused
    expect(asked.rateLimited).toBe(1);
    expect(waits.length).toBe(1);
    const file = readdirSync(out).find((f) => f.endsWith('.ndjson'))!;
    expect(readFileSync(join(out, file), 'utf8').trimEnd().split('\n')).toHaveLength(3);
  });

  it('a second run fetches only what was still pending; the pending instance, now finished, is judged by its later answer', async () => {
    asked.details = [];
    expireNext = false;
    limitNext = false;
    pendingId = 'none';
    const [summary] = await run();
    expect(summary).toMatchObject({ listed: 3, fetched: 1, kept: 2 });
    expect(asked.details).toEqual(['A2']);
    const { report } = await checkRule({
      obligations: [
        {
          id: 'approved',
          records: sources.find((s) => s.platform === platform)!.records,
          rule: 'complete',
          require: ['approved_at'],
        },
      ],
      sources,
      files: Object.fromEntries(
        readdirSync(out)
          .filter((f) => f.endsWith('.ndjson'))
          .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
      ),
      asOf: '2026-12-01',
      since: '2026-01-01',
    });
    expect(report.summary.rows).toMatchObject({ read: 3, accepted: 3, rejected: 0 });
    expect(report.findings).toEqual([]);
    // The same instance answered twice is one instance, not a replaced one.
    expect(report.warnings.filter((w) => w.code === 'replaced-instance')).toEqual([]);
  });

  it('never writes or prints a credential', () => {
    const written =
      readdirSync(out)
        .map((f) => readFileSync(join(out, f), 'utf8'))
        .join('\n') + log.join('\n');
    for (const secret of Object.values(SECRETS)) expect(written).not.toContain(secret);
  });
});

describe('npm run fetch before it can start', () => {
  it('names the environment variables it lacks, a day not on the calendar, and a template without a code', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fetch-'));
    const base = { from: '2026-11-01', to: '2026-11-30', out, org } as const;
    await expect(fetchApprovals({ ...base, platform: 'wecom', env: {} })).rejects.toThrow(
      new FetchError('缺少环境变量 WECOM_CORP_ID、WECOM_SECRET：企业微信的应用凭证只从环境变量读取'),
    );
    await expect(fetchApprovals({ ...base, from: '2026-02-30', platform: 'wecom', env: SECRETS })).rejects.toThrow(
      new FetchError('--from 2026-02-30 不是日历上的一天（应为 YYYY-MM-DD）'),
    );
    const uncoded = { ...org, sources: [{ ...sources[0]!, code: undefined }] } as Organization;
    await expect(fetchApprovals({ ...base, platform: 'feishu', org: uncoded, env: SECRETS })).rejects.toThrow(
      /“运营计划审批”没有 code/,
    );
  });
});
