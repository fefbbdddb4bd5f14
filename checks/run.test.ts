import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { repoRoot } from '../src/model/load.ts';
import { testOrganization } from '../src/model/test-organization.ts';
import { CheckError, runCheck } from './run.ts';
import { statuses } from './rules/index.ts';
import { testPolicyPages } from './rules/fixture.ts';
import { recordTypes } from '../src/schema/record-types.ts';

const folder = (files: Record<string, string | Buffer>) => {
  const dir = mkdtempSync(join(tmpdir(), 'check-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};
const check = (dir: string, asOf = '2026-12-05') => runCheck({ recordsDir: dir, asOf, since: '2026-11-01' });
const PLANS = '计划编号,部门,计划类型,计划期间,提交时间\n';
const MEETINGS = 'meeting_id,type,title,organizer,end_at,minutes_filed_at\n';

describe('reading exports', () => {
  it.each(['utf-8', 'gb18030'])(
    'gives every row its own department in a %s export larger than one read',
    async (encoding) => {
      const departments = [
        ['研发部', 'rnd'],
        ['客服部', 'customer-service'],
        ['财务部', 'finance'],
        ['销售部', 'sales'],
      ] as const;
      const types = ['部门会议', '项目会议', '专题会议'];
      // 100,000 rows: enough refills of the reader's buffer for a key cached as a view of it to go wrong.
      let text = '会议编号,会议类型,会议主题,组织部门,结束时间,纪要提交时间\n';
      for (let i = 0; i < 100_000; i++)
        text += `M${i},${types[i % 3]},第${i}次会议，讨论经营计划,${departments[i % 4]![0]},2026-11-02 10:00,\n`;
      const dir = folder({ 'meetings.csv': encoding === 'utf-8' ? text : iconv.encode(text, 'gb18030') });
      const report = await check(dir);
      const minutes = report.findings.filter((f) => f.obligation === 'meeting-minutes');
      expect(minutes).toHaveLength(100_000);
      for (const f of minutes) expect(f.department).toBe(departments[Number(f.subject.slice(1)) % 4]![1]);
    },
  );

  it('detects GB18030 as Excel in China saves it', async () => {
    const dir = folder({
      'plans.csv': iconv.encode(`${PLANS}P1,销售部,年度,2027年,2026年11月28日 10:00\n`, 'gb18030'),
    });
    const report = await check(dir);
    expect(report.summary.files[0]).toMatchObject({ encoding: 'gb18030', read: 1, accepted: 1, rejected: 0 });
    expect(report.findings.some((f) => f.department === 'sales' && f.subject === '2027')).toBe(false);
  });

  it('reads NDJSON lines of any length, CRLF endings, a last line without a newline, and counts its lines', async () => {
    const long = '会'.repeat(100_000);
    const line = (id: string, title: string) =>
      JSON.stringify({ meeting_id: id, type: 'project', title, organizer: 'rnd', end_at: '2026-11-10 10:00' });
    const dir = folder({
      'm.ndjson': iconv.encode(`${line('N1', long)}\r\n\r\n不是 JSON\r\n${line('N2', '短')}`, 'gb18030'),
    });
    const report = await check(dir);
    expect(report.summary.files[0]).toMatchObject({ encoding: 'gb18030', read: 3, accepted: 2, rejected: 1 });
    expect([...report.rejected].map((r) => r.line)).toEqual([3]);
    expect(
      report.findings.filter((f) => f.obligation === 'meeting-minutes').map((f) => `${f.subject} ${f.source?.line}`),
    ).toEqual(['N1 1', 'N2 4']);
  });

  it('reads UTF-8 with a BOM, JSON arrays, NDJSON and XLSX date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('年度');
    ws.addRow(['plan_id', 'department', 'level', 'period', 'submitted_at']);
    ws.addRow(['X1', 'Finance', 'annual', 2027, new Date(Date.UTC(2026, 10, 30, 23, 30))]);
    const dir = folder({
      'a.csv': `\uFEFF${PLANS}P1,销售部,年度,2027,2026-11-28\n`,
      'b.json': JSON.stringify([
        { plan_id: 'J1', department: 'hr', level: 'annual', period: '2027', submitted_at: '2026-11-01' },
      ]),
      'c.ndjson': `{"meeting_id":"N1","type":"project","organizer":"rnd","end_at":"2026-11-10 10:00","minutes_filed_at":"2026-11-11"}\n\n`,
      'd.xlsx': Buffer.from(await wb.xlsx.writeBuffer()),
    });
    const report = await check(dir);
    expect(
      report.summary.files.map((f) => `${f.file} ${f.type} ${f.encoding ?? ''} ${f.read}=${f.accepted}+${f.rejected}`),
    ).toEqual([
      'a.csv plans utf-8-bom 1=1+0',
      'b.json plans utf-8 1=1+0',
      'c.ndjson meetings utf-8 1=1+0',
      'd.xlsx plans  1=1+0',
    ]);
    // 23:30 on the due day in an Excel cell is on time.
    expect(report.findings.filter((f) => f.subject === '2027').map((f) => f.department)).not.toContain('finance');
  });

  it('rejects each unusable row with file, line, column, value and reason, and reconciles', async () => {
    const dir = folder({
      'plans.csv':
        PLANS +
        'P1,采购部,年度,2027,2026-11-01\n' + // unknown department: line 2
        'P2,销售部,年度,2027,2026-02-30\n' + // no such date: line 3
        'P3,销售部,月度,2027年第一季度,2026-11-01\n' + // period does not fit: line 4
        'P4,销售部,,2027,2026-11-01\n' + // missing required level: line 5
        '"P5,销售部,年度,2027,2026-11-01\n', // unterminated quote: line 6
    });
    const report = await check(dir);
    expect(
      [...report.rejected].map(
        (r) => `${r.line} ${r.column} ${r.value} | ${r.code}${r.args ? ` ${JSON.stringify(r.args)}` : ''}`,
      ),
    ).toEqual([
      '2 部门 采购部 | unknown-department',
      '3 提交时间 2026-02-30 | no-such-day',
      '4 计划期间 2027年第一季度 | period-unit {"found":"quarter","expected":"month"}',
      '5 计划类型  | required',
      '6   | unterminated-quote',
    ]);
    expect(report.summary.rows).toEqual({ read: 5, accepted: 0, rejected: 5 });
  });

  it('warns once about a meeting id seen three times, with its count, its first line and the repeats', async () => {
    const row = 'M1,project,复盘,rnd,2026-11-10 10:00,2026-11-11\n';
    const dir = folder({ 'm.csv': `${MEETINGS + row + row}M1,project,复盘（改）,rnd,2026-11-10 10:00,2026-11-11\n` });
    const report = await check(dir);
    expect(report.warnings.filter((w) => w.code === 'duplicate-record')).toEqual([
      {
        code: 'duplicate-record',
        file: 'm.csv',
        line: 2,
        values: {
          type: 'meetings',
          key: 'M1',
          count: 3,
          differs: true,
          lines: [
            { file: 'm.csv', line: 3 },
            { file: 'm.csv', line: 4 },
          ],
        },
      },
    ]);
    expect(report.summary.rows).toEqual({ read: 3, accepted: 3, rejected: 0 });
  });

  it('maps columns through records.yaml for exports with other headers', async () => {
    const dir = folder({
      'records.yaml':
        'files:\n  - pattern: "审批*.csv"\n    type: plans\n    columns: { 单据号: plan_id, 部门名称: department, 类型: level, 期间: period, 提交日期: submitted_at }\n',
      '审批导出.csv': '单据号,部门名称,类型,期间,提交日期\nA1,HR,年度,2027,2026-11-20\n',
    });
    const report = await check(dir);
    expect(report.summary.files[0]).toMatchObject({ type: 'plans', accepted: 1 });
  });

  it('stops with a message saying what to fix when no file in the folder is an export', async () => {
    const dir = folder({ 'x.csv': 'name,amount\nA,1\n' });
    await expect(check(dir)).rejects.toThrow(CheckError);
    await expect(check(dir)).rejects.toThrow(/no export in ".*" could be read \(x\.csv\)/);
  });
});

describe('command line', () => {
  const cli = (...args: string[]) =>
    spawnSync('node', [join(repoRoot, 'checks/cli.mjs'), ...args], { encoding: 'utf8' });

  it('exits 0 with no violations and no rejected rows', () => {
    // A policy of the test's own, with the tests' deadlines: the shipped pages, their versions and
    // review dates play no part.
    const content = mkdtempSync(join(tmpdir(), 'content-'));
    const organizer = { role: 'meeting-organizer', field: 'organizer' };
    const docs = testPolicyPages(
      [
        {
          id: 'minutes',
          records: 'meetings',
          who: organizer,
          rule: 'deadline',
          evidence: 'minutes_filed_at',
          due: { after: 'end_at', deadline: 'meeting-minutes' },
        },
        { id: 'recorder', records: 'meetings', who: organizer, rule: 'complete', require: ['recorder'] },
      ],
      '2026-03-01',
    );
    writeFileSync(join(content, 'organization.yaml'), stringify(testOrganization()));
    const env = { ...process.env, HANDBOOK_DOCS: docs, HANDBOOK_ORGANIZATION: join(content, 'organization.yaml') };
    // Every meeting obligation met: notice the day before, a recorder, minutes filed, confirmed, published.
    const dir = folder({
      'm.csv':
        'meeting_id,type,title,organizer,notice_sent_at,start_at,end_at,recorder,minutes_filed_at,minutes_confirmed_at,minutes_published_at\n' +
        'M1,project,复盘,rnd,2026-02-27 10:00,2026-03-01 09:00,2026-03-01 10:00,王芳,2026-03-02,2026-03-02 12:00,2026-03-03\n',
    });
    // Only meetings: pin the window so that no plan deadline falls in it and no review is overdue.
    const r = spawnSync(
      'node',
      [
        join(repoRoot, 'checks/cli.mjs'),
        '--records',
        dir,
        '--as-of',
        '2026-03-20',
        '--since',
        '2026-03-02',
        '--format',
        'json',
      ],
      { encoding: 'utf8', env },
    );
    expect(JSON.parse(r.stdout).findings).toEqual([]);
    expect(JSON.parse(r.stdout).summary.obligations.some((o: { met: number }) => o.met > 0)).toBe(true);
    expect(r.status).toBe(0);
  });

  it('exits 1 on violations', () => {
    const dir = folder({ 'm.csv': `${MEETINGS}M1,project,复盘,rnd,2026-11-10 10:00,\n` });
    expect(cli('--records', dir, '--as-of', '2026-11-20', '--since', '2026-11-12').status).toBe(1);
  });

  it('exits 2 with a message when the check cannot run', () => {
    const missing = cli('--records', join(tmpdir(), 'no-such-folder-xyz'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('does not exist; pass --records');
    const badDate = cli('--as-of', '2026-13-01');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('--as-of "2026-13-01" is not a date');
    expect(cli('--format', 'pdf').stderr).toContain('unknown --format "pdf"');
  });

  it('checks the shipped samples when no folder is given: every record type read, every finding status, a rejected row and an upcoming item', () => {
    const r = cli('--as-of', '2026-11-24', '--format', 'json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    for (const status of statuses.keys()) expect(report.summary.findings[status], status).toBeGreaterThan(0);
    expect(new Set(report.summary.files.map((f: { type: string }) => f.type))).toEqual(
      new Set([...Object.keys(recordTypes), null]),
    );
    expect(report.summary.obligations.filter((o: { checked: unknown }) => o.checked !== true)).toEqual([]);
    expect(report.rejected.length).toBeGreaterThan(0);
    expect(report.rejected[0].reason).toBeTruthy();
    expect(report.upcoming.length).toBeGreaterThan(0);
    expect(new Set(report.summary.files.map((f: { encoding?: string }) => f.encoding))).toContain('gb18030');
  });
});
