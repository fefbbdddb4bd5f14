// npm run fetch -- --platform feishu|dingtalk|wecom --from YYYY-MM-DD --to YYYY-MM-DD --out <dir> [--api-base <url>]
// Pulls the approval instances of the templates the organisation config maps (sources) into <dir>,
// where npm run check reads them. Credentials come from environment variables only (FEISHU_APP_ID and
// FEISHU_APP_SECRET, DINGTALK_APP_KEY and DINGTALK_APP_SECRET, WECOM_CORP_ID and WECOM_SECRET).
import { parseArgs } from 'node:util';
import { FetchError, fetchApprovals, type Platform } from '../checks/fetch/run.ts';
import { PlatformError, Retry, TokenExpired } from '../checks/fetch/http.ts';
import { loadOrganization } from '../src/model/load.ts';
import { approvalPlatforms } from '../src/schema/organization.ts';

const usage =
  '用法 / usage: npm run fetch -- --platform feishu|dingtalk|wecom --from YYYY-MM-DD --to YYYY-MM-DD --out <目录> [--api-base <地址>]';

try {
  const { values } = parseArgs({
    options: {
      platform: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      'api-base': { type: 'string' },
    },
  });
  const platform = values.platform as Platform | undefined;
  if (!platform || !approvalPlatforms.includes(platform))
    throw new FetchError(`--platform 应为 ${approvalPlatforms.join('、')} 之一\n${usage}`);
  for (const name of ['from', 'to'] as const)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values[name] ?? '')) throw new FetchError(`--${name} 应为 YYYY-MM-DD\n${usage}`);
  if (!values.out) throw new FetchError(`缺少 --out\n${usage}`);
  await fetchApprovals({
    platform,
    from: values.from!,
    to: values.to!,
    out: values.out,
    ...(values['api-base'] ? { apiBase: values['api-base'].replace(/\/$/, '') } : {}),
    org: loadOrganization(),
    env: process.env,
    log: (line) => console.log(line),
  });
} catch (error) {
  // What the platform or the arguments said, in one line; a rate limit or an unreachable server still
  // there after every retry, or a token refused twice, is said the same way. Anything else is a bug.
  if ([FetchError, PlatformError, Retry, TokenExpired].some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
    process.exit(2);
  }
  throw error;
}
