// npm run fetch: the instances of every template the organisation config maps for one platform,
// started between two days (in the company's time zone), written as the platform returns them,
// one response per line, to <out>/<平台>审批-<模板>.ndjson — which the checker reads as it reads any
// export. Resumable from that file itself: an instance it holds finished is not fetched again; a
// second run fetches what is new and what was still pending, nothing else (an interrupted run loses
// at most the instance it was writing).
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addToDate, parseIsoDate, startOfDay } from '../../src/model/dates.ts';
import type { Organization, Source } from '../../src/schema/organization.ts';
import { approvalReader, PLATFORM_ZH } from '../read/approvals/index.ts';
import { type ApprovalClient, CREDENTIALS, dingtalkClient, feishuClient, wecomClient } from './clients.ts';
import type { Pacing } from './http.ts';

export type Platform = Source['platform'];

export interface FetchOptions {
  platform: Platform;
  /** YYYY-MM-DD, both days included. */
  from: string;
  to: string;
  out: string;
  /** A private deployment's address (飞书私有化, 专属钉钉), or a test server. */
  apiBase?: string;
  org: Organization;
  env: Record<string, string | undefined>;
  pacing?: Pacing;
  /** Progress, one line at a time (never a credential). */
  log?: (line: string) => void;
}

export interface FetchSummary {
  template: string;
  file: string;
  listed: number;
  fetched: number;
  /** Listed, and already fetched finished by an earlier run. */
  kept: number;
}

/** What a run must be told before it can start: said in one line, naming what to set. */
export class FetchError extends Error {}

export function clientFor(
  platform: Platform,
  credentials: [string, string],
  base: string | undefined,
  pacing: Pacing,
): ApprovalClient {
  if (platform === 'feishu') return feishuClient(credentials, base, pacing);
  if (platform === 'dingtalk') return dingtalkClient(credentials, base, pacing);
  return wecomClient(credentials, base, pacing);
}

/** Whether YYYY-MM-DD names a day of the calendar (2026-02-30 does not). */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const { year, month, day: d } = parseIsoDate(day);
  const utc = new Date(Date.UTC(year, month - 1, d));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === d;
}

/** A file name the template's own name gives, safe on any system. */
const fileOf = (platform: Platform, template: string) =>
  `${PLATFORM_ZH[platform]}审批-${template.replace(/[\\/:*?"<>|\s]+/g, '_')}.ndjson`;

export async function fetchApprovals(options: FetchOptions): Promise<FetchSummary[]> {
  const { platform, org, out, log = () => {} } = options;
  const names = CREDENTIALS[platform];
  const missing = names.filter((n) => !options.env[n]);
  if (missing.length)
    throw new FetchError(`缺少环境变量 ${missing.join('、')}：${PLATFORM_ZH[platform]}的应用凭证只从环境变量读取`);
  const sources = org.sources.filter((s) => s.platform === platform);
  if (!sources.length)
    throw new FetchError(`组织配置的 sources 中没有${PLATFORM_ZH[platform]}的审批模板：先按检查说明映射一个模板`);
  const uncoded = sources.filter((s) => !s.code);
  if (uncoded.length)
    throw new FetchError(
      `sources 中${uncoded.map((s) => `“${s.template}”`).join('、')}没有 code：拉取要按模板编码（${platform === 'feishu' ? 'approval_code' : platform === 'dingtalk' ? 'processCode' : 'template_id'}）列出实例`,
    );
  for (const [flag, day] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const)
    if (!isCalendarDay(day)) throw new FetchError(`${flag} ${day} 不是日历上的一天（应为 YYYY-MM-DD）`);
  const from = startOfDay(parseIsoDate(options.from), org.timeZone);
  const to = startOfDay(addToDate(parseIsoDate(options.to), 0, 1), org.timeZone);
  if (!(from < to)) throw new FetchError(`--from ${options.from} 不早于 --to ${options.to}`);
  const client = clientFor(
    platform,
    [options.env[names[0]]!, options.env[names[1]]!],
    options.apiBase,
    options.pacing ?? {},
  );

  mkdirSync(out, { recursive: true });
  const summaries: FetchSummary[] = [];
  for (const source of sources) {
    const file = fileOf(platform, source.template);
    const path = join(out, file);
    const seen = fetchedBefore(path);
    const summary: FetchSummary = { template: source.template, file, listed: 0, fetched: 0, kept: 0 };
    for await (const id of client.list(source, from, to)) {
      summary.listed++;
      if (seen.get(id) === 'final') {
        summary.kept++;
        continue;
      }
      const response = await client.detail(source, id);
      // Written as soon as it is read: the file is where a later run resumes.
      appendFileSync(path, `${JSON.stringify(response)}\n`);
      seen.set(id, finished(response) ? 'final' : 'pending');
      summary.fetched++;
    }
    log(
      `${PLATFORM_ZH[platform]}审批“${source.template}”：列出 ${summary.listed} 个实例，新取 ${summary.fetched} 个，已有 ${summary.kept} 个 → ${file}`,
    );
    summaries.push(summary);
  }
  return summaries;
}

/** The instances a file already holds, by the id they were listed by, and whether the last answer was finished. */
function fetchedBefore(path: string): Map<string, 'final' | 'pending'> {
  const seen = new Map<string, 'final' | 'pending'>();
  if (!existsSync(path)) return seen;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let response: Record<string, unknown>;
    try {
      response = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a line cut by an interrupted run: its instance is fetched again
    }
    const id = listedId(response);
    if (id) seen.set(id, finished(response) ? 'final' : 'pending');
  }
  return seen;
}

/** The id an instance is listed by: 飞书 instance_code, 钉钉 processInstanceId (kept by detail()), 企业微信 sp_no. */
function listedId(response: Record<string, unknown>): string | undefined {
  const inner = (response.data ?? response.result ?? response.info ?? response) as Record<string, unknown>;
  const id = inner.instance_code ?? inner.processInstanceId ?? inner.sp_no;
  return id === undefined ? undefined : String(id);
}

/** Whether an instance is finished (approved or void): it will not change, and is not fetched again. */
function finished(response: Record<string, unknown>): boolean {
  const reader = approvalReader(response);
  const instance = reader?.read(response);
  return instance !== undefined && !('error' in instance) && instance.state !== 'pending';
}
