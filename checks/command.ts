// handbook-check: parses arguments, runs the check, picks a reporter, prints, sets the exit code.
// 0: no violations and no rejected rows; 1: violations or rejected rows; 2: the check could not run.
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isoDate, today } from '../src/model/dates.ts';
import { repoRoot } from '../src/model/root.ts';
import { loadValidatedConfig } from './config-cache.ts';
import { SchemaError } from '../src/schema/schema-error.ts';
import { CheckError, exitCode, runCheck } from './run.ts';
import { formatChunks, formats, type Format } from './report/index.ts';
import { forDepartment, readHistory, trendsOf } from './trends.ts';
import { refuseInput, writeReport } from './report/write.ts';

const usage = `用法 / usage: npm run check -- [--records <文件夹>] [--as-of YYYY-MM-DD] [--since YYYY-MM-DD]
                          [--format ${formats.join('|')}] [--out <文件>]
                          [--department <部门编号>] [--history <文件夹>]

  --records     导出记录所在的文件夹（CSV、XLSX、JSON、NDJSON）；默认为 checks/samples 中的示例
                folder of exported records; default: the samples in checks/samples
  --as-of       检查日：按该日零点判断（时区见组织配置，如北京时间）；默认为今天
                judge as of the start of this day in the organisation's time zone; default: today
  --since       只核查该日及以后到期的要求；默认为检查日前十二个月
                only obligations due on or after this day; default: twelve months before --as-of
  --format      报告格式：text（默认）、json、md、html、junit 或 csv
                report format: text (default), json, md, html, junit or csv
  --out         把报告写入该文件（不写到屏幕）；不会覆盖任何导出文件
                write the report to this file instead of standard output; never over an export
  --department  只看该部门的检查结果与截止日期（content/organization.yaml 中的部门编号）
                only this department's findings and deadlines (its id in content/organization.yaml)
  --history     历次 JSON 报告所在的文件夹：加上各部门每月按时完成率和每次报告时未结的问题
                folder of earlier JSON reports: adds the on-time rate per department per month and
                the findings open at each report`;

function fail(message: string): never {
  process.stderr.write(`handbook-check: ${message}\n`);
  process.exit(2);
}

async function main() {
  let args: Partial<Record<'records' | 'as-of' | 'since' | 'format' | 'out' | 'department' | 'history', string>> & {
    help?: boolean;
  };
  try {
    args = parseArgs({
      options: {
        records: { type: 'string' },
        'as-of': { type: 'string' },
        since: { type: 'string' },
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        department: { type: 'string' },
        history: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${usage}`);
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (!formats.includes(args.format as Format))
    fail(`unknown --format "${args.format}", expected one of ${formats.join(', ')}`);

  const { org, policies, timeline } = await loadValidatedConfig();
  const department = args.department;
  if (department !== undefined && !org.departments.some((d) => d.id === department))
    fail(`unknown --department "${department}", expected one of ${org.departments.map((d) => d.id).join(', ')}`);
  const recordsDir = args.records ?? join(repoRoot, 'checks/samples');
  // Before any work: a report must never replace, or later be read as, what the check reads.
  if (args.out)
    refuseInput(args.out, {
      recordsDir,
      others: [
        ...(args.history ? [args.history] : []),
        process.env.HANDBOOK_ORGANIZATION ?? join(repoRoot, 'content/organization.yaml'),
        process.env.HANDBOOK_DOCS ?? join(repoRoot, 'content/docs'),
      ],
    });
  let last = 0;
  let report = await runCheck({
    recordsDir,
    asOf: args['as-of'],
    since: args.since,
    org,
    policies,
    timeline,
    onProgress: process.stderr.isTTY
      ? ({ file, bytes, rows }) => {
          const now = Date.now();
          if (now - last < 200) return;
          last = now;
          process.stderr.write(
            `\r读取 ${file}：${rows.toLocaleString('zh-CN')} 行，${(bytes / 1048576).toFixed(1)} MB   `,
          );
        }
      : undefined,
  });
  if (process.stderr.isTTY && last) process.stderr.write('\r\x1b[K');
  if (args.history !== undefined)
    report = { ...report, trends: trendsOf(readHistory(args.history, isoDate(today(org.timeZone))), report) };
  if (department !== undefined) report = forDepartment(report, department);
  const charts = args.format === 'html' ? await (await import('./report/charts.ts')).chartsOf(report, org) : undefined;
  const chunks = formatChunks(report, org, args.format as Format, {
    color: !args.out && process.stdout.isTTY && !process.env.NO_COLOR,
    charts,
  });
  const code = exitCode(report);
  // Written piece by piece, so a large report is never held whole: to a file through a temporary
  // one renamed into place (report/write.ts), to stdout waiting for 'drain' whenever it buffers (a
  // pipe to a slower reader would otherwise queue the whole report in memory).
  if (args.out) writeReport(args.out, chunks);
  else {
    // A reader that stops early (| head) closes the pipe: stop writing and end quietly, as other
    // command-line tools do, with the exit code the check earned.
    let closed = false;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed = true;
    });
    try {
      for (const chunk of chunks) {
        if (closed) break;
        // A closed pipe makes the write fail with EPIPE, which rejects this wait.
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
  }
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof CheckError || error instanceof SchemaError) fail(error.message);
    fail(`unexpected error, please report it with the command you ran:\n${(error as Error).stack ?? error}`);
  },
);
