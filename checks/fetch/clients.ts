// The approval APIs of 飞书, 钉钉 and 企业微信: list the instance ids of a template started in a time
// range, page by page, and fetch each instance's detail as the platform returns it (the checker's
// readers take that response as it is, checks/read/approvals/). 飞书 through its official Node SDK;
// 钉钉 and 企业微信 over HTTPS (their SDKs for these calls are not published for Node), each as its
// documentation gives the calls. `base` serves private deployments (飞书私有化, 专属钉钉) and tests.
import * as lark from '@larksuiteoapi/node-sdk';
import type { Source } from '../../src/schema/organization.ts';
import { Caller, type Pacing, PlatformError, Retry, requestJson, TokenExpired } from './http.ts';

export interface ApprovalClient {
  /** Ids of the template's instances started in [from, to) (epoch ms), in the platform's order. */
  list(source: Source, from: number, to: number): AsyncIterable<string>;
  /** One instance, as the platform's detail call returns it. */
  detail(source: Source, id: string): Promise<Record<string, unknown>>;
}

/** The environment variables holding each platform's credentials: never printed, never written. */
export const CREDENTIALS = {
  feishu: ['FEISHU_APP_ID', 'FEISHU_APP_SECRET'],
  dingtalk: ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET'],
  wecom: ['WECOM_CORP_ID', 'WECOM_SECRET'],
} as const;

const DAY = 86_400_000;

/** [from, to) cut into windows of at most `days` (a platform's longest range per query). */
function* windows(from: number, to: number, days: number): Generator<[number, number]> {
  for (let start = from; start < to; start += days * DAY) yield [start, Math.min(to, start + days * DAY)];
}

// ——— 飞书 ———

/** 飞书's codes: request too frequent; token invalid or expired. */
const FEISHU_RATE = new Set([99991400]);
const FEISHU_TOKEN = new Set([99991661, 99991663, 99991668, 99991677]);

export function feishuClient(credentials: [string, string], base: string | undefined, pacing: Pacing): ApprovalClient {
  // The SDK fetches and caches the tenant_access_token; a token the server refuses is dropped from
  // this cache so the SDK fetches a new one.
  const store = new Map<string | symbol, { value: unknown; expire?: number }>();
  const cache: lark.Cache = {
    set: async (key, value, expire) => {
      store.set(key as string, { value, expire });
      return true;
    },
    get: async (key) => {
      const hit = store.get(key as string);
      return hit && (!hit.expire || hit.expire > Date.now()) ? hit.value : undefined;
    },
  };
  const client = new lark.Client({
    appId: credentials[0],
    appSecret: credentials[1],
    domain: base ?? lark.Domain.Feishu,
    cache,
    // The SDK's log would go to the terminal of a scheduled job: errors come back as exceptions here.
    logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
  });
  const caller = new Caller({ intervalMs: 25, ...pacing }, async () => store.clear());
  const answer = async <T extends { code?: number; msg?: string }>(call: () => Promise<T>): Promise<T> => {
    let body: T;
    try {
      body = await call();
    } catch (error) {
      const status = (error as { response?: { status?: number; data?: { code?: number; msg?: string } } }).response;
      if (status?.status === 429 || (status?.status ?? 0) >= 500 || FEISHU_RATE.has(status?.data?.code ?? -1))
        throw new Retry(`飞书返回 ${status?.status}`);
      if (FEISHU_TOKEN.has(status?.data?.code ?? -1)) throw new TokenExpired('飞书的访问令牌已失效');
      if (status) throw new PlatformError(`飞书返回 ${status.status}：${status.data?.msg ?? ''}`);
      throw new Retry(`无法连接飞书（${(error as Error).message}）`);
    }
    if (FEISHU_RATE.has(body.code ?? 0)) throw new Retry('飞书：请求过于频繁');
    if (FEISHU_TOKEN.has(body.code ?? 0)) throw new TokenExpired('飞书的访问令牌已失效');
    if (body.code) throw new PlatformError(`飞书返回错误 code ${body.code}：${body.msg ?? ''}`);
    return body;
  };
  return {
    async *list(source, from, to) {
      let page_token: string | undefined;
      do {
        const body = await caller.call(() =>
          answer(() =>
            client.approval.v4.instance.list({
              params: {
                approval_code: source.code!,
                start_time: String(from),
                end_time: String(to),
                page_size: 100,
                ...(page_token ? { page_token } : {}),
              },
            }),
          ),
        );
        yield* body.data?.instance_code_list ?? [];
        page_token = body.data?.has_more ? body.data.page_token : undefined;
      } while (page_token);
    },
    async detail(_source, id) {
      return (await caller.call(() =>
        answer(() => client.approval.v4.instance.get({ path: { instance_id: id } })),
      )) as unknown as Record<string, unknown>;
    },
  };
}

// ——— 钉钉 ———

/** 钉钉's new API: a token from appKey and appSecret, sent in x-acs-dingtalk-access-token. */
export function dingtalkClient(
  credentials: [string, string],
  base = 'https://api.dingtalk.com',
  pacing: Pacing,
): ApprovalClient {
  let token: Promise<string> | undefined;
  const getToken = () =>
    (token ??= requestJson(`${base}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      body: JSON.stringify({ appKey: credentials[0], appSecret: credentials[1] }),
    }).then((body) => {
      if (typeof body.accessToken !== 'string')
        throw new PlatformError(`钉钉没有给出访问令牌：${String(body.message ?? '')}`);
      return body.accessToken;
    }));
  const caller = new Caller({ intervalMs: 60, ...pacing }, async () => {
    token = undefined;
  });
  const call = (path: string, init: RequestInit = {}) =>
    caller.call(async () => {
      // A rejected token is a 401 (requestJson says TokenExpired), and InvalidAuthentication in the body.
      const body = await requestJson(`${base}${path}`, {
        ...init,
        headers: { 'x-acs-dingtalk-access-token': await getToken() },
      });
      const code = String(body.code ?? '');
      if (/QpsLimit|Throttling/i.test(code)) throw new Retry(`钉钉：${code}`);
      if (/InvalidAuthentication|AccessTokenExpired/i.test(code)) throw new TokenExpired(`钉钉：${code}`);
      if (body.success === false || (code && !body.result))
        throw new PlatformError(`钉钉返回错误 ${code}：${String(body.message ?? '')}`);
      return body;
    });
  return {
    async *list(source, from, to) {
      // At most 120 days per query, 20 ids a page.
      for (const [start, end] of windows(from, to, 120)) {
        let nextToken: unknown;
        do {
          const body = await call('/v1.0/workflow/processes/instanceIds/query', {
            method: 'POST',
            body: JSON.stringify({
              processCode: source.code,
              startTime: start,
              endTime: end,
              maxResults: 20,
              ...(nextToken ? { nextToken } : {}),
            }),
          });
          const result = (body.result ?? {}) as { list?: string[]; nextToken?: unknown };
          yield* result.list ?? [];
          nextToken = result.nextToken;
        } while (nextToken);
      }
    },
    async detail(source, id) {
      const body = await call(`/v1.0/workflow/processInstances?processInstanceId=${encodeURIComponent(id)}`);
      // The detail names neither its template nor its own id: the code and id it was listed by are
      // kept with it (the reader matches the template by the code; a later run knows the instance).
      return { ...body, result: { ...(body.result as object), processCode: source.code, processInstanceId: id } };
    },
  };
}

// ——— 企业微信 ———

/** 企业微信's errcodes: token expired or invalid; rate limit; system busy. */
const WECOM_TOKEN = new Set([40014, 42001]);
const WECOM_RATE = new Set([45009, 45033, -1]);

export function wecomClient(
  credentials: [string, string],
  base = 'https://qyapi.weixin.qq.com',
  pacing: Pacing,
): ApprovalClient {
  let token: Promise<string> | undefined;
  const getToken = () =>
    (token ??= requestJson(
      `${base}/cgi-bin/gettoken?corpid=${encodeURIComponent(credentials[0])}&corpsecret=${encodeURIComponent(credentials[1])}`,
    ).then((body) => {
      if (body.errcode !== 0 || typeof body.access_token !== 'string')
        throw new PlatformError(
          `企业微信没有给出访问令牌：errcode ${String(body.errcode)} ${String(body.errmsg ?? '')}`,
        );
      return body.access_token;
    }));
  const caller = new Caller({ intervalMs: 100, ...pacing }, async () => {
    token = undefined;
  });
  const post = (path: string, data: object) =>
    caller.call(async () => {
      const body = await requestJson(`${base}${path}?access_token=${encodeURIComponent(await getToken())}`, {
        method: 'POST',
        body: JSON.stringify(data),
      });
      const code = Number(body.errcode ?? 0);
      if (WECOM_TOKEN.has(code)) throw new TokenExpired('企业微信的访问令牌已失效');
      if (WECOM_RATE.has(code)) throw new Retry(`企业微信：errcode ${code}`);
      if (code !== 0) throw new PlatformError(`企业微信返回错误 errcode ${code}：${String(body.errmsg ?? '')}`);
      return body;
    });
  return {
    async *list(source, from, to) {
      // At most 31 days per query, 100 ids a page.
      for (const [start, end] of windows(from, to, 31)) {
        let cursor = '';
        do {
          const body = await post('/cgi-bin/oa/getapprovalinfo', {
            starttime: String(Math.floor(start / 1000)),
            endtime: String(Math.floor((end - 1) / 1000)),
            new_cursor: cursor,
            size: 100,
            filters: [{ key: 'template_id', value: source.code }],
          });
          yield* ((body.sp_no_list as string[] | undefined) ?? []).map(String);
          cursor = String(body.new_next_cursor ?? '');
        } while (cursor);
      }
    },
    async detail(_source, id) {
      return post('/cgi-bin/oa/getapprovaldetail', { sp_no: id });
    },
  };
}
