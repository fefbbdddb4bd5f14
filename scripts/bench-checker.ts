// Benchmark for the compliance checker (not a test): generates exports, runs the checker as a
// user would (a new process, start-up included), runs the same two checks as SQL in DuckDB on
// the same files, and prints times, the ratio and peak memory; then repeats at 4x the rows to
// show how memory grows. Each is run several times and the median reported (with the fastest):
// on a shared two-core machine one run can be 50% slower than the next.
// Run: npm run bench:checker [-- --rows 1000000 --runs 5 --no-4x --keep <dir>]
//      npm run bench:checker -- --no-notice: the meetings export has no 通知时间 column (a system that
//      records no notices): the notice obligation is not judged on it, so it must give no finding.
//      npm run bench:checker -- --adversarial [--rows 2000000]: two million rows sharing one id, and
//      two million rejected rows, each reported in every format (time, peak RSS, report size).
//      npm run bench:checker -- --workbook [--rows 200000]: the meetings as one Excel workbook (date
//      cells, shared strings, as Excel writes them) and as the same rows in CSV: time and peak RSS of each.
//      npm run bench:checker -- --limits: a 6 MB workbook that unzips to 2 GiB, a 200 MB CSV record on one
//      line, a 100 MB NDJSON line, each beside one good export: time, peak RSS and what the run said.
//      npm run bench:checker -- --impact [--rows 1000000]: npm run impact (against HEAD) on the meetings
//      and plans export, beside the check of the same export: time and peak RSS of each.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadOrganization, loadPolicies, repoRoot } from '../src/model/load.ts';
import { obligationRules } from '../checks/rules/index.ts';

const org = loadOrganization();

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'no-4x': { type: 'boolean', default: false },
    keep: { type: 'string' },
    adversarial: { type: 'boolean', default: false },
    'no-notice': { type: 'boolean', default: false },
    workbook: { type: 'boolean', default: false },
    limits: { type: 'boolean', default: false },
    impact: { type: 'boolean', default: false },
  },
});
const AS_OF = '2026-12-01';
const SINCE = '2025-12-01';
const depts = ['运营部', '市场部', '销售部', '研发部', '客服部', '财务部', '人力资源部'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Deterministic pseudo-random numbers, so every run checks the same data. */
function rng(seed: number) {
  return () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0) / 2 ** 32;
}

async function write(path: string, lines: Iterable<string>) {
  const out = createWriteStream(path);
  let buf = '';
  for (const line of lines) {
    buf += line;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

const withNotice = !args['no-notice'];

function* meetings(n: number) {
  const r = rng(42);
  // Every column the meeting rules read: notice, recorder, minutes filed, confirmed and published.
  yield `会议编号,会议类型,会议主题,组织部门,${withNotice ? '通知时间,' : ''}开始时间,结束时间,记录人,纪要提交时间,纪要确认时间,纪要发布时间\n`;
  const at = (d: Date, days: number, time: string) => {
    const x = new Date(d.getTime() + days * 86400000);
    return `${x.getUTCFullYear()}-${pad(x.getUTCMonth() + 1)}-${pad(x.getUTCDate())} ${time}`;
  };
  for (let i = 0; i < n; i++) {
    const day = Math.floor(r() * 330); // 2026-01-01 … late November
    const d = new Date(Date.UTC(2026, 0, 1 + day));
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const v = r();
    // ~5% violations: 3% missing, 2% filed on the 5th day.
    const filedDays = v < 0.03 ? -1 : v < 0.05 ? 5 : Math.floor(r() * 4);
    const filed = filedDays < 0 ? '' : at(d, filedDays, '18:00');
    const title = i % 10 === 0 ? `"项目周会，第${i}期 ""复盘"""` : `部门例会${i % 1000}`;
    // About 1% each: a notice the same morning (late), no recorder, minutes published before they were confirmed.
    const w = r();
    const notice = w < 0.01 ? at(d, 0, '08:00') : at(d, -2, '17:00');
    const recorder = w >= 0.01 && w < 0.02 ? '' : '王芳';
    const published = !filed ? '' : w >= 0.02 && w < 0.03 ? at(d, filedDays, '12:00') : at(d, filedDays + 1, '10:00');
    yield `M${pad(i, 8)},部门会议,${title},${depts[i % 7]},${withNotice ? `${notice},` : ''}${date} 09:00,${date} 11:30,${recorder},${filed},${filed},${published}\n`;
  }
}

function* plans(n: number) {
  yield 'plan_id,department,level,period,submitted_at,reviewed_at,published_at\n';
  for (let i = 0; i < n; i++) {
    const month = 1 + (i % 12);
    const dueMonth = month === 1 ? 12 : month - 1;
    const dueYear = month === 1 ? 2025 : 2026;
    // Some department-months are late in every copy, so the earliest submission is late too.
    const late = ((i % 7) * 5 + month) % 17 === 0 ? 3 : -2;
    const due = new Date(Date.UTC(dueYear, dueMonth, 0 + late)); // day 0 = last day of dueMonth
    const day = (x: Date, add: number) => {
      const y = new Date(x.getTime() + add * 86400000);
      return `${y.getUTCFullYear()}-${pad(y.getUTCMonth() + 1)}-${pad(y.getUTCDate())}`;
    };
    yield `P${pad(i, 7)},${depts[i % 7]},monthly,2026-${pad(month)},${day(due, 0)} 10:00,${day(due, 1)} 10:00,${day(due, 1)} 15:00\n`;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fastest = (xs: { seconds: number }[]) => Math.min(...xs.map((r) => r.seconds)).toFixed(2);

function runChecker(dir: string, asOf = AS_OF, since = SINCE) {
  const started = performance.now();
  // The bin as a user runs it (`handbook-check`, or `npm run check` without npm's own start-up):
  // executed through its shebang, with this Node first on PATH.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      join(repoRoot, 'checks/cli.mjs'),
      '--records',
      dir,
      '--as-of',
      asOf,
      '--since',
      since,
      '--format',
      'json',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 1 && r.status !== 0) throw new Error(`checker failed (${r.status}): ${r.stderr}`);
  const peakKb = Number(r.stderr.trim().split('\n').at(-1));
  const report = JSON.parse(r.stdout);
  const minutes = report.findings.filter((f: { obligation: string }) => f.obligation === 'meeting-minutes');
  const monthly = report.findings.filter((f: { obligation: string }) => f.obligation === 'monthly-plan').length;
  const others: Record<string, number> = {};
  for (const f of report.findings as { obligation: string }[])
    if (f.obligation in otherChecks) others[f.obligation] = (others[f.obligation] ?? 0) + 1;
  // Minutes findings per organising department, by its Chinese name as the export writes it.
  const byDepartment: Record<string, number> = {};
  for (const f of minutes as { department: string }[]) {
    const name = org.departments.find((d) => d.id === f.department)!.name;
    byDepartment[name] = (byDepartment[name] ?? 0) + 1;
  }
  return {
    seconds,
    peakMb: peakKb / 1024,
    minutes: minutes.length,
    monthly,
    others,
    byDepartment,
    rows: report.summary.rows.read,
    rejected: report.summary.rows.rejected as number,
    unreadable: (report.warnings as { code: string; file: string; values: { reason?: string } }[])
      .filter((w) => w.code === 'unreadable-file')
      .map((w) => `${w.file}: ${w.values.reason}`),
    absent: (report.warnings as { code: string; file: string; values: { columns: string[]; obligations: string[] } }[])
      .filter((w) => w.code === 'absent-column')
      .map((w) => `${w.file} lacks ${w.values.columns.join('/')}: not judged for ${w.values.obligations.join(', ')}`),
  };
}

/**
 * The other meeting and plan rules as SQL, with the checker's semantics: a due day ends at 24:00,
 * only what happened before as-of counts, and a finding is in the window when its due day (or for
 * a step out of order, the day of that step) is on or after --since.
 */
/**
 * The day the meetings policy took effect: it imposes nothing due before it (a notice due the day
 * before a meeting on its first day is not judged). The current version's date; the shipped 1.0.0
 * was never in force.
 */
const MEETINGS_EFFECTIVE = loadPolicies(org, obligationRules).find((p) => p.policy.id === 'OPS-08')!.policy.effective;
const noticeFrom = MEETINGS_EFFECTIVE > SINCE ? MEETINGS_EFFECTIVE : SINCE;

const otherChecks: Record<string, (m: string, p: string) => string> = {
  // Notice due by the end of the day before the meeting starts, from the day the policy took effect.
  'meeting-notice': (
    m,
  ) => `SELECT count(*) FROM ${m} WHERE CAST("开始时间" AS DATE) - INTERVAL 1 DAY >= DATE '${noticeFrom}'
      AND CAST("开始时间" AS DATE) <= DATE '${AS_OF}'
      AND ("通知时间" IS NULL OR CAST("通知时间" AS TIMESTAMP) >= CAST("开始时间" AS DATE) OR CAST("通知时间" AS TIMESTAMP) >= TIMESTAMP '${AS_OF}')`,
  'meeting-recorder': (m) =>
    `SELECT count(*) FROM ${m} WHERE "记录人" IS NULL AND CAST("结束时间" AS TIMESTAMP) < TIMESTAMP '${AS_OF}' AND CAST("结束时间" AS DATE) >= DATE '${SINCE}'`,
  // Steps end → confirmed → published: published without confirmation (skipped), before it (out of
  // order), else published by the end of the 5th day after the meeting (missing / late).
  'minutes-confirmed': (
    m,
  ) => `SELECT count(*) FROM (SELECT CAST("结束时间" AS TIMESTAMP) e, CAST("纪要确认时间" AS TIMESTAMP) c, CAST("纪要发布时间" AS TIMESTAMP) p FROM ${m}) WHERE e < TIMESTAMP '${AS_OF}' AND (
      (p IS NOT NULL AND p < TIMESTAMP '${AS_OF}' AND CAST(p AS DATE) >= DATE '${SINCE}' AND (c IS NULL OR p < c))
      OR (NOT (p IS NOT NULL AND p < TIMESTAMP '${AS_OF}' AND (c IS NULL OR p < c)) AND CAST(e AS DATE) + INTERVAL 5 DAY >= DATE '${SINCE}'
          AND CAST(e AS DATE) + INTERVAL 6 DAY <= DATE '${AS_OF}' AND (p IS NULL OR p >= CAST(e AS DATE) + INTERVAL 6 DAY OR p >= TIMESTAMP '${AS_OF}')))`,
  'minutes-after-meeting': (m) =>
    `SELECT count(*) FROM ${m} WHERE CAST("纪要提交时间" AS TIMESTAMP) < CAST("结束时间" AS TIMESTAMP) AND CAST("纪要提交时间" AS TIMESTAMP) < TIMESTAMP '${AS_OF}' AND CAST("纪要提交时间" AS DATE) >= DATE '${SINCE}'`,
  // Each monthly plan published before its month starts.
  'monthly-plan-publication': (
    _m,
    p,
  ) => `SELECT count(*) FROM ${p} WHERE CAST(period || '-01' AS DATE) - INTERVAL 1 DAY >= DATE '${SINCE}' AND CAST(period || '-01' AS DATE) <= DATE '${AS_OF}'
      AND (published_at IS NULL OR CAST(published_at AS TIMESTAMP) >= CAST(period || '-01' AS DATE) OR CAST(published_at AS TIMESTAMP) >= TIMESTAMP '${AS_OF}')`,
};

async function runDuckDb(dir: string) {
  const started = performance.now();
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  // The same two checks: minutes filed after the end of the 3rd day after the meeting (or never),
  // and monthly plans whose earliest submission is after the last day of the previous month.
  const minutes = await con.runAndReadAll(`
    SELECT "组织部门", count(*) FROM read_csv('${join(dir, 'meetings.csv')}', header = true, all_varchar = true) m
    WHERE CAST("结束时间" AS TIMESTAMP) < TIMESTAMP '${AS_OF}'
      AND CAST("结束时间" AS DATE) + INTERVAL 3 DAY >= DATE '${SINCE}'
      AND ("纪要提交时间" IS NULL OR CAST("纪要提交时间" AS TIMESTAMP) >= CAST("结束时间" AS DATE) + INTERVAL 4 DAY)
    GROUP BY 1`);
  const monthly = await con.runAndReadAll(`
    WITH p AS (SELECT department, period, min(CAST(submitted_at AS TIMESTAMP)) AS first
               FROM read_csv('${join(dir, 'plans.csv')}', header = true, all_varchar = true) GROUP BY ALL)
    SELECT count(*) FROM p WHERE first >= CAST(period || '-01' AS DATE)`);
  const others: Record<string, number> = {};
  const m = `read_csv('${join(dir, 'meetings.csv')}', header = true, all_varchar = true)`;
  const p = `read_csv('${join(dir, 'plans.csv')}', header = true, all_varchar = true)`;
  // Without the notice column there is nothing to judge notices by: no finding expected.
  for (const [id, sql] of Object.entries(otherChecks))
    others[id] =
      id === 'meeting-notice' && !withNotice ? 0 : Number((await con.runAndReadAll(sql(m, p))).getRows()[0]![0]);
  const seconds = (performance.now() - started) / 1000;
  const byDepartment = Object.fromEntries(minutes.getRows().map(([name, n]) => [String(name), Number(n)]));
  const total = Object.values(byDepartment).reduce((a, b) => a + b, 0);
  return { seconds, minutes: total, byDepartment, monthly: Number(monthly.getRows()[0]![0]), others };
}

async function measure(rows: number) {
  // --keep <dir>: write the data there and leave it, to profile the checker on it.
  const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'bench-checker-'));
  try {
    await write(join(dir, 'meetings.csv'), meetings(rows));
    await write(join(dir, 'plans.csv'), plans(rows / 10));
    const mb = (statSync(join(dir, 'meetings.csv')).size + statSync(join(dir, 'plans.csv')).size) / 1048576;
    const oursRuns: ReturnType<typeof runChecker>[] = [];
    const duckRuns: Awaited<ReturnType<typeof runDuckDb>>[] = [];
    // Alternated, so a slow spell of the machine hits both.
    for (let i = 0; i < runs; i++) {
      oursRuns.push(runChecker(dir));
      duckRuns.push(await runDuckDb(dir));
    }
    const ours = {
      ...oursRuns[0]!,
      seconds: median(oursRuns.map((r) => r.seconds)),
      peakMb: median(oursRuns.map((r) => r.peakMb)),
    };
    const duck = { ...duckRuns[0]!, seconds: median(duckRuns.map((r) => r.seconds)) };
    // The machine's speed drifts by tens of percent over minutes: the ratio of each checker run to
    // the DuckDB run right after it cancels most of that; its median is the figure to compare.
    const pairs = oursRuns.map((r, i) => r.seconds / duckRuns[i]!.seconds);
    console.log(
      `${rows.toLocaleString('en')} meetings + ${(rows / 10).toLocaleString('en')} plans (${mb.toFixed(0)} MB), median of ${runs}: ` +
        `checker ${ours.seconds.toFixed(2)} s (fastest ${fastest(oursRuns)}), peak RSS ${ours.peakMb.toFixed(0)} MB; ` +
        `DuckDB ${duck.seconds.toFixed(2)} s (fastest ${fastest(duckRuns)}); ratio of medians ${(ours.seconds / duck.seconds).toFixed(2)}x, ` +
        `median ratio per pair ${median(pairs).toFixed(2)}x (${Math.min(...pairs).toFixed(2)}–${Math.max(...pairs).toFixed(2)})`,
    );
    const sameDepartments = Object.keys({ ...ours.byDepartment, ...duck.byDepartment }).every(
      (d) => ours.byDepartment[d] === duck.byDepartment[d],
    );
    console.log(
      `  findings: minutes ${ours.minutes} (DuckDB ${duck.minutes}), per organising department ${sameDepartments ? 'the same' : `DIFFERENT: ${JSON.stringify(ours.byDepartment)} vs ${JSON.stringify(duck.byDepartment)}`}; ` +
        `monthly plans late ${ours.monthly} (DuckDB ${duck.monthly}); ` +
        Object.keys(otherChecks)
          .map(
            (id) =>
              `${id} ${ours.others[id] ?? 0}${(ours.others[id] ?? 0) === duck.others[id] ? '' : ` (DuckDB ${duck.others[id]})`}`,
          )
          .join(', '),
    );
    if (ours.absent.length) console.log(`  absent columns: ${ours.absent.join('; ')}`);
    return ours;
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Exports that were reported to take gigabytes: one id repeated, and every row rejected. */
function* repeated(n: number) {
  yield '会议编号,会议类型,会议主题,组织部门,开始时间,结束时间,记录人,纪要提交时间\n';
  // Half the repeats identical to the first row, half with other data.
  for (let i = 0; i < n; i++)
    yield `M1,部门会议,${i % 2 ? '周例会' : `例会${i}`},销售部,2026-11-02 09:00,2026-11-02 11:30,王芳,2026-11-03 10:00\n`;
}
function* rejectedRows(n: number) {
  yield '会议编号,会议类型,会议主题,组织部门,开始时间,结束时间,记录人,纪要提交时间\n';
  for (let i = 0; i < n; i++)
    yield `M${pad(i, 8)},部门会议,例会,${i % 2 ? '采购部' : '后勤部'},2026-11-02 09:00,2026-11-02 11:30,王芳,${i % 3 ? '2026-11-03 10:00' : '不是日期'}\n`;
}

async function adversarial(n: number) {
  const formats = ['text', 'json', 'md', 'html', 'junit', 'csv'];
  for (const [name, lines] of [
    ['repeated id', repeated(n)],
    ['rejected rows', rejectedRows(n)],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-adversarial-'));
    try {
      await write(join(dir, 'meetings.csv'), lines);
      const mb = statSync(join(dir, 'meetings.csv')).size / 1048576;
      for (const format of formats) {
        const out = join(dir, `report.${format}`);
        const started = performance.now();
        const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
        const r = spawnSync(
          '/usr/bin/time',
          [
            '-f',
            '%M',
            join(repoRoot, 'checks/cli.mjs'),
            '--records',
            dir,
            '--as-of',
            AS_OF,
            '--since',
            SINCE,
            '--format',
            format,
            '--out',
            out,
          ],
          { encoding: 'utf8', env },
        );
        const seconds = (performance.now() - started) / 1000;
        if (r.status !== 1 && r.status !== 0) throw new Error(`checker failed (${r.status}): ${r.stderr}`);
        const peakMb = Number(r.stderr.trim().split('\n').at(-1)) / 1024;
        console.log(
          `${name}, ${n.toLocaleString('en')} rows (${mb.toFixed(0)} MB), --format ${format}: ${seconds.toFixed(2)} s, peak RSS ${peakMb.toFixed(0)} MB, report ${(statSync(out).size / 1048576).toFixed(1)} MB`,
        );
        rmSync(out, { force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The meetings export as a workbook and as CSV, the same rows: what reading Excel costs. */
async function workbook(n: number) {
  const { default: ExcelJS } = await import('exceljs');
  const dirs = { xlsx: mkdtempSync(join(tmpdir(), 'bench-xlsx-')), csv: mkdtempSync(join(tmpdir(), 'bench-csv-')) };
  try {
    const header = ['会议编号', '会议类型', '组织部门', '开始时间', '结束时间', '纪要提交时间'];
    // The same rows each time it is called: the workbook's and the CSV's.
    const rows = function* () {
      const random = rng(7);
      for (let i = 0; i < n; i++) {
        const start = Date.UTC(2025, 11, 1) + Math.floor(random() * 360) * 86_400_000 + 2 * 3_600_000;
        const filed = start + (1 + Math.floor(random() * 6)) * 86_400_000;
        yield [
          `M-${pad(i, 7)}`,
          '部门会议',
          depts[i % 7]!,
          new Date(start),
          new Date(start + 3_600_000),
          new Date(filed),
        ];
      }
    };
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: join(dirs.xlsx, '会议记录.xlsx'),
      useSharedStrings: true,
      useStyles: true,
    });
    const sheet = writer.addWorksheet('会议记录');
    sheet.addRow(header).commit();
    for (const row of rows()) sheet.addRow(row).commit();
    await writer.commit();
    // Times as the workbook shows them: exceljs writes a Date as the UTC wall-clock time.
    const iso = (d: unknown) => (d as Date).toISOString().slice(0, 16).replace('T', ' ');
    await write(
      join(dirs.csv, '会议记录.csv'),
      (function* () {
        yield `${header.join(',')}\n`;
        for (const r of rows()) yield `${r.slice(0, 3).join(',')},${r.slice(3).map(iso).join(',')}\n`;
      })(),
    );
    for (const [kind, dir] of Object.entries(dirs)) {
      const file = join(dir, kind === 'xlsx' ? '会议记录.xlsx' : '会议记录.csv');
      const results = Array.from({ length: runs }, () => runChecker(dir, '2026-12-01', '2025-12-01'));
      const seconds = median(results.map((r) => r.seconds));
      const peak = median(results.map((r) => r.peakMb));
      console.log(
        `${kind}, ${n.toLocaleString('en')} rows (${(statSync(file).size / 1048576).toFixed(1)} MB): ${seconds.toFixed(2)} s (fastest ${fastest(results)}), peak RSS ${peak.toFixed(0)} MB, minutes findings ${results[0]!.minutes}`,
      );
    }
  } finally {
    if (args.keep) console.log(`kept ${Object.values(dirs).join(' and ')}`);
    else for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Inputs past the reader's limits: each must cost little and be said, not read for minutes or silently dropped. */
async function limits() {
  const { Zip, ZipDeflate, strToU8 } = await import('fflate');
  const good = `${['会议编号', '会议类型', '组织部门', '结束时间', '纪要提交时间'].join(',')}\nM-1,部门会议,销售部,2026-06-02 10:00,2026-06-03 10:00\n`;
  const cases: [string, (dir: string) => Promise<void>][] = [
    [
      'workbook that unzips to 2 GiB',
      async (dir) => {
        // A real archive, deflated as it is written: the sheet is 2 GiB of one repeated row.
        const out = createWriteStream(join(dir, '会议记录.xlsx'));
        const zip = new Zip((error, chunk) => {
          if (error) throw error;
          out.write(chunk);
        });
        for (const [name, text] of [
          [
            '[Content_Types].xml',
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
          ],
          [
            'xl/workbook.xml',
            '<?xml version="1.0"?><workbook><sheets><sheet name="会议" sheetId="1" r:id="rId1"/></sheets></workbook>',
          ],
        ] as const) {
          const file = new ZipDeflate(name, { level: 9 });
          zip.add(file);
          file.push(strToU8(text), true);
        }
        const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
        zip.add(sheet);
        const block = strToU8('<row><c t="inlineStr"><is><t>M-1</t></is></c></row>'.repeat(20_000));
        for (let written = 0; written < 2 ** 31; written += block.length) sheet.push(block);
        sheet.push(new Uint8Array(0), true);
        zip.end();
        await new Promise((r) => out.end(r));
      },
    ],
    [
      '200 MB CSV record on one line',
      (dir) =>
        write(
          join(dir, '会议记录.csv'),
          (function* () {
            yield `${good.split('\n')[0]!}\nM-2,部门会议,销售部,2026-06-02 10:00,`;
            for (let i = 0; i < 200; i++) yield 'x'.repeat(1 << 20);
          })(),
        ),
    ],
    [
      '100 MB NDJSON line',
      (dir) =>
        write(
          join(dir, '会议记录.ndjson'),
          (function* () {
            yield '{"会议编号":"M-2","会议类型":"部门会议","组织部门":"销售部","结束时间":"2026-06-02 10:00","备注":"';
            for (let i = 0; i < 100; i++) yield 'x'.repeat(1 << 20);
            yield '"}\n{"会议编号":"M-3","会议类型":"部门会议","组织部门":"销售部","结束时间":"2026-06-02 10:00"}\n';
          })(),
        ),
    ],
  ];
  for (const [name, make] of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-limits-'));
    try {
      await make(dir);
      // The good export beside it, so the run has something to judge.
      await write(join(dir, '良好导出.csv'), [good]);
      const size = [...readdirSync(dir)].reduce((n, f) => n + statSync(join(dir, f)).size, 0);
      const results = Array.from({ length: runs }, () => runChecker(dir, '2026-07-01', '2026-06-01'));
      const r = results[0]!;
      console.log(
        `${name} (${(size / 1048576).toFixed(1)} MB on disk): ${median(results.map((x) => x.seconds)).toFixed(2)} s, peak RSS ${median(results.map((x) => x.peakMb)).toFixed(0)} MB; rows read ${r.rows}, rejected ${r.rejected}${r.unreadable.length ? `; skipped: ${r.unreadable.join(', ')}` : ''}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The impact preview on a large export beside the check of it: what comparing two sides costs. */
async function impact(rows: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-impact-'));
  try {
    await write(join(dir, 'meetings.csv'), meetings(rows));
    await write(join(dir, 'plans.csv'), plans(rows / 10));
    const timed = (command: string[]) => {
      const started = performance.now();
      const r = spawnSync('/usr/bin/time', ['-f', '%M', ...command], {
        cwd: repoRoot,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      if (r.status !== 0 && r.status !== 1) throw new Error(`${command.join(' ')} failed (${r.status}): ${r.stderr}`);
      return {
        seconds: (performance.now() - started) / 1000,
        peakMb: Number(r.stderr.trim().split('\n').at(-1)) / 1024,
      };
    };
    for (let i = 0; i < runs; i++) {
      const check = runChecker(dir);
      // As users run it: npm run impact (its script sets Node's flags); time reports its largest process.
      const preview = timed([
        'npm',
        'run',
        '--silent',
        'impact',
        '--',
        '--base',
        'HEAD',
        '--records',
        dir,
        '--as-of',
        AS_OF,
      ]);
      console.log(
        `${rows.toLocaleString('en')} meetings + ${(rows / 10).toLocaleString('en')} plans: check ${check.seconds.toFixed(2)} s, peak RSS ${check.peakMb.toFixed(0)} MB; impact ${preview.seconds.toFixed(2)} s, peak RSS ${preview.peakMb.toFixed(0)} MB (${(preview.peakMb / check.peakMb).toFixed(2)}x the check's memory)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = Math.max(1, Number(args.runs));
if (args.impact) await impact(Number(args.rows ?? 1_000_000));
else if (args.limits) await limits();
else if (args.workbook) await workbook(Number(args.rows ?? 200_000));
else if (args.adversarial) await adversarial(Number(args.rows ?? 2_000_000));
else {
  const rows = Number(args.rows ?? 1_000_000);
  const one = await measure(rows);
  if (!args['no-4x']) {
    const four = await measure(rows * 4);
    console.log(
      `memory at 4x rows: ${four.peakMb.toFixed(0)} MB vs ${one.peakMb.toFixed(0)} MB (+${((four.peakMb / one.peakMb - 1) * 100).toFixed(0)}%)`,
    );
  }
}
