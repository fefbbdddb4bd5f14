// Exports as they come from Excel, WPS, OA systems and scripts: each case here was reproduced
// against the checker before it was fixed, and pins the behaviour that fixed it.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/model/load.ts';
import { CheckError, runCheck } from './run.ts';

const folder = (files: Record<string, string | Buffer>, subfolders: string[] = []) => {
  const dir = mkdtempSync(join(tmpdir(), 'exports-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  for (const name of subfolders) mkdirSync(join(dir, name));
  return dir;
};
const check = (dir: string, asOf = '2026-12-05') => runCheck({ recordsDir: dir, asOf, since: '2026-11-01' });
const minutes = (report: Awaited<ReturnType<typeof check>>) =>
  report.findings.filter((f) => f.obligation === 'meeting-minutes').map((f) => `${f.subject} ${f.status}`);
const MEETINGS = '会议编号,会议类型,组织部门,结束时间,纪要提交时间';
const workbook = async (sheets: Record<string, unknown[][]>) => {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describe('JSON and NDJSON: every object by its own keys', () => {
  const first = {
    meeting_id: 'J-1',
    type: 'project',
    organizer: 'rnd',
    end_at: '2026-11-02 10:00',
    minutes_filed_at: '2026-11-03 09:00',
  };
  const later = {
    meeting_id: 'J-2',
    type: 'project',
    organizer: 'rnd',
    end_at: '2026-11-02 10:00',
    minutes_filed_at: '2026-11-03 09:00',
  };

  it('a key that only a later object has is read (JSON array and NDJSON)', async () => {
    const { minutes_filed_at: _, ...withoutFiled } = first;
    const cases: Record<string, string>[] = [
      { 'm.json': JSON.stringify([withoutFiled, later]) },
      { 'm.ndjson': [withoutFiled, later].map((o) => JSON.stringify(o)).join('\n') },
    ];
    for (const files of cases) {
      const report = await check(folder(files));
      expect(minutes(report)).toEqual(['J-1 missing']);
    }
  });

  it('a first object without a required key is one rejected row, not an aborted run', async () => {
    const { end_at: _, ...noEnd } = first;
    const cases: Record<string, string>[] = [
      { 'm.json': JSON.stringify([noEnd, later]) },
      { 'm.ndjson': `${JSON.stringify(noEnd)}\n${JSON.stringify(later)}\n` },
    ];
    for (const files of cases) {
      const report = await check(folder(files));
      expect([...report.rejected].map((r) => `${r.line} ${r.column} ${r.code}`)).toEqual(['1 end_at required']);
      expect(report.summary.rows).toEqual({ read: 2, accepted: 1, rejected: 1 });
    }
  });
});

describe('line endings', () => {
  it.each([
    ['CR (older Excel and Mac)', '\r'],
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ])('%s ends a line in CSV and NDJSON, and lines are numbered alike', async (_name, eol) => {
    const rows = [
      MEETINGS,
      'M1,项目会议,研发部,2026-11-02 10:00,',
      'M2,项目会议,研发部,2026-11-02 10:00,2026-11-03 09:00',
      '"M3",项目会议,研发部,2026-11-02 10:00,',
    ];
    const report = await check(folder({ 'm.csv': rows.join(eol) + eol }));
    expect(report.summary.rows).toEqual({ read: 3, accepted: 3, rejected: 0 });
    expect(
      report.findings.filter((f) => f.obligation === 'meeting-minutes').map((f) => `${f.subject}:${f.source?.line}`),
    ).toEqual(['M1:2', 'M3:4']);
    const nd = [
      JSON.stringify({ meeting_id: 'N1', type: 'project', organizer: 'rnd', end_at: '2026-11-02 10:00' }),
      JSON.stringify({ meeting_id: 'N2', type: 'project', organizer: 'rnd', end_at: '2026-11-02 10:00' }),
    ];
    const ndReport = await check(folder({ 'm.ndjson': nd.join(eol) }));
    expect(
      ndReport.findings.filter((f) => f.obligation === 'meeting-minutes').map((f) => `${f.subject}:${f.source?.line}`),
    ).toEqual(['N1:1', 'N2:2']);
  });
});

describe('each row is judged by its own cells', () => {
  it("a row with an invalid plan level has no period problem from the previous row's level", async () => {
    const report = await check(
      folder({
        'p.csv':
          '计划编号,部门,计划类型,计划期间,提交时间\nP1,销售部,季度,2027-Q1,2026-11-20\nP2,销售部,半年,2027-01,2026-11-20\n',
      }),
    );
    expect([...report.rejected].map((r) => r.problems.map((p) => `${r.line} ${p.column} ${p.code}`))).toEqual([
      ['3 计划类型 unknown-value'],
    ]);
  });

  it('reports a required cell as written: "-" stays "-"', async () => {
    const report = await check(folder({ 'm.csv': `${MEETINGS}\nM1,项目会议,-,2026-11-02 10:00,\n` }));
    expect([...report.rejected].map((r) => `${r.column}=${r.value} ${r.code}`)).toEqual(['组织部门=- required']);
  });
});

describe('due days end at midnight', () => {
  it('00:00 on the day after the due day is late by one day; 23:59 on the due day is on time', async () => {
    const plans =
      '计划编号,部门,计划类型,计划期间,提交时间\nP1,销售部,月度,2027-03,2027/3/1 00:00\nP2,财务部,月度,2027-03,2027-02-28 23:59\n';
    const report = await check(folder({ 'p.csv': plans }), '2027-03-05');
    const march = report.findings.filter((f) => f.subject === '2027-03');
    expect(march.map((f) => `${f.department} ${f.status} ${f.daysLate}`)).toContain('sales late 1');
    expect(march.map((f) => f.department)).not.toContain('finance');
  });
});

describe('files the folder holds besides exports', () => {
  it('skips a README, an .xls, a subfolder and a notes sheet with a warning each, and reads the rest', async () => {
    const xlsx = await workbook({
      说明: [['本文件由 OA 系统导出'], ['导出人', '王芳']],
      会议: [MEETINGS.split(','), ['M1', '项目会议', '研发部', '2026-11-02 10:00', '']],
    });
    const dir = folder(
      { 'README.txt': '导出说明', '旧台账.xls': Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), '会议记录.xlsx': xlsx },
      ['归档'],
    );
    const report = await check(dir);
    expect(
      report.warnings
        .filter((w) => w.code !== 'no-records')
        .map((w) => `${w.code} ${w.file}${w.sheet ? `:${w.sheet}` : ''}`)
        .sort(),
    ).toEqual(
      [
        // The meeting sheet has no notice, recorder or confirmation columns: said once, for the sheet.
        'absent-column 会议记录.xlsx:会议',
        'old-excel 旧台账.xls',
        'skipped-file README.txt',
        'skipped-file 归档',
        'unrecognised-table 会议记录.xlsx:说明',
      ].sort(),
    );
    // Sources in workbooks name the sheet.
    expect(report.findings.find((f) => f.subject === 'M1')?.source).toEqual({
      file: '会议记录.xlsx',
      sheet: '会议',
      line: 2,
    });
    expect(report.summary.files.map((f) => `${f.file} ${f.type}`)).toContain('旧台账.xls null');
  });

  it('an .xlsx that is no workbook is a warning and appears in the file list; alone, it stops the check', async () => {
    const good = `${MEETINGS}\nM1,项目会议,研发部,2026-11-02 10:00,\n`;
    const report = await check(folder({ 'a.csv': good, 'broken.xlsx': 'this is not a zip' }));
    expect(report.warnings.map((w) => w.code)).toContain('unreadable-file');
    expect(report.summary.files.map((f) => `${f.file} ${f.type} ${f.format}`)).toContain('broken.xlsx null xlsx');
    await expect(check(folder({ 'broken.xlsx': 'PK\u0003\u0004 truncated' }))).rejects.toThrow(
      /no export in ".*" could be read \(broken\.xlsx\)/,
    );
  });

  it('two columns for one field: a warning naming both and the one used', async () => {
    const report = await check(
      folder({
        'm.csv':
          'meeting_id,会议编号,会议类型,组织部门,结束时间,结束时间,纪要提交时间\nM1,X1,项目会议,研发部,2026-11-02 10:00,2026-11-03 10:00,\n',
      }),
    );
    expect(report.warnings.filter((w) => w.code === 'duplicate-column').map((w) => w.values)).toEqual([
      { field: 'meeting_id', used: 'meeting_id', ignored: ['会议编号'] },
      { field: 'end_at', used: '结束时间', ignored: ['结束时间'] },
    ]);
    expect(report.findings.find((f) => f.obligation === 'meeting-minutes')?.subject).toBe('M1');
  });
});

describe('options that cannot work are errors', () => {
  it('--records naming a file, --as-of "" and --since after --as-of', async () => {
    const dir = folder({ 'm.csv': `${MEETINGS}\n` });
    await expect(runCheck({ recordsDir: join(dir, 'm.csv') })).rejects.toThrow(/is a file, not a folder/);
    await expect(runCheck({ recordsDir: dir, asOf: '' })).rejects.toThrow(/--as-of "" is not a date/);
    await expect(runCheck({ recordsDir: dir, asOf: '2026-11-01', since: '2026-12-01' })).rejects.toThrow(CheckError);
  });
});

describe('command line: errors that say what to do', () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    spawnSync('node', [join(repoRoot, 'checks/cli.mjs'), ...args], { encoding: 'utf8', env });
  const samples = ['--as-of', '2026-11-24'];

  it('runs from the esbuild bundle made from the sources, not silently from the sources themselves', () => {
    const r = cli([...samples, '--format', 'json']);
    expect(r.stderr).toBe('');
    const manifest = JSON.parse(readFileSync(join(repoRoot, '.cache/checker/bundle.json'), 'utf8'));
    expect(manifest.inputs).toEqual(
      expect.arrayContaining(['checks/command.ts', 'checks/engine/part-reader.ts', 'checks/rules/deadline.ts']),
    );
    expect(existsSync(join(repoRoot, '.cache/checker', manifest.dir, 'command.mjs'))).toBe(true);
    expect(existsSync(join(repoRoot, '.cache/checker', manifest.dir, 'part-worker.mjs'))).toBe(true);
  });

  it('--out into a missing folder or an unwritable place: a clear message and exit 2', () => {
    const missing = cli([...samples, '--out', join(tmpdir(), 'no-such-folder-xyz', 'r.md')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /cannot write the report to --out ".*": the folder ".*no-such-folder-xyz" does not exist/,
    );
    expect(missing.stderr).not.toContain('unexpected error');
    const readOnly = mkdtempSync(join(tmpdir(), 'ro-'));
    chmodSync(readOnly, 0o500);
    const denied = cli([...samples, '--out', readOnly]);
    expect(denied.status).toBe(2);
    expect(denied.stderr).toContain('cannot write the report');
  });

  it('--out never replaces or lands among what the check reads, and a failed write leaves no trace', () => {
    const records = folder({ 'm.csv': `${MEETINGS}\nM1,项目会议,研发部,2026-11-02 10:00,\n` });
    const before = readFileSync(join(records, 'm.csv'));
    for (const out of [join(records, 'm.csv'), join(records, 'report.csv')]) {
      const r = cli(['--records', records, '--format', 'csv', '--out', out]);
      expect(r.status, out).toBe(2);
      expect(r.stderr).toContain(`--out "${out}" is in the records folder`);
    }
    expect(readFileSync(join(records, 'm.csv')).equals(before)).toBe(true);
    expect(readdirSync(records)).toEqual(['m.csv']);
    const full = cli([...samples, '--out', '/dev/full']);
    expect(full.status).toBe(2);
    expect(full.stderr).toContain('cannot write the report to --out "/dev/full": the disk is full');
    expect(full.stderr).not.toContain('unexpected error');
  });

  it('two runs writing one --out leave one whole report, never a mix', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'out-')), 'report.txt');
    const run = (format: string) =>
      new Promise<number | null>((resolve) =>
        spawn('node', [join(repoRoot, 'checks/cli.mjs'), ...samples, '--format', format, '--out', out]).on(
          'close',
          resolve,
        ),
      );
    expect(await Promise.all([run('csv'), run('json'), run('csv'), run('json')])).toEqual([1, 1, 1, 1]);
    const text = readFileSync(out, 'utf8');
    if (text.startsWith('{')) expect(() => JSON.parse(text)).not.toThrow();
    else expect(text.startsWith('\uFEFF部门,') && !text.includes('"findings"')).toBe(true);
    expect(readdirSync(dirname(out))).toEqual(['report.txt']);
  });

  it('output piped into a reader that stops early ends quietly', async () => {
    const child = spawn('node', [join(repoRoot, 'checks/cli.mjs'), ...samples, '--format', 'json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read the first bytes, then close the pipe as `head -c 100` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('a policy frontmatter mistake gives the schema message and exit 2, not a stack trace', () => {
    const docs = mkdtempSync(join(tmpdir(), 'docs-'));
    const page = readFileSync(join(repoRoot, 'content/docs/policies/03-planning.mdx'), 'utf8');
    expect(page).toMatch(/^owner: \S+$/m);
    writeFileSync(join(docs, '03-planning.mdx'), page.replace(/^owner: \S+$/m, 'owner: 销售'));
    const r = cli([...samples], { ...process.env, HANDBOOK_DOCS: docs });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/03-planning\.mdx: owner: unknown department "销售", expected one of /);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
