// A run that says 缺失 0 项 must have read every export: the shapes Chinese systems and Excel
// save exports in are read, and a file that still matches no record type stops the check.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CheckError, runCheck } from './run.ts';

const folder = (files: Record<string, string | Buffer>) => {
  const dir = mkdtempSync(join(tmpdir(), 'clean-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
};
const check = (dir: string) => runCheck({ recordsDir: dir, asOf: '2026-06-01', since: '2026-05-01' });
const minutes = (r: Awaited<ReturnType<typeof check>>) =>
  r.findings.filter((f) => f.obligation === 'meeting-minutes').map((f) => `${f.subject}:${f.source?.line}`);
const rows = ['会议编号,会议类型,组织部门,结束时间,纪要提交时间', 'M1,部门会议,销售部,2026-05-02 10:00,'];

describe('exports in the shapes they come in are read', () => {
  it('a CSV with title rows above its header', async () => {
    const r = await check(folder({ 'm.csv': ['会议台账（2026年5月）', '导出人：王芳', ...rows].join('\n') }));
    expect(minutes(r)).toEqual(['M1:4']);
    expect(r.warnings.find((w) => w.code === 'title-rows')).toMatchObject({
      file: 'm.csv',
      line: 3,
      values: { rows: 2 },
    });
  });

  it('a workbook sheet with a title row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('会议');
    ws.addRow(['会议台账（2026年5月）']);
    for (const row of rows) ws.addRow(row.split(','));
    const r = await check(folder({ 'm.xlsx': Buffer.from(await wb.xlsx.writeBuffer()) }));
    expect(minutes(r)).toEqual(['M1:3']);
  });

  it('semicolon-separated, and Excel\'s "Unicode text" (UTF-16 with BOM, tab-separated) saved as .csv', async () => {
    const semicolon = await check(folder({ 'm.csv': rows.map((r) => r.replaceAll(',', ';')).join('\r\n') }));
    expect(minutes(semicolon)).toEqual(['M1:2']);
    const unicodeText = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode(rows.map((r) => r.replaceAll(',', '\t')).join('\r\n'), 'utf-16le'),
    ]);
    expect(minutes(await check(folder({ 'm.csv': unicodeText })))).toEqual(['M1:2']);
  });
});

describe('a file that looks like an export but matches no record type', () => {
  it('stops the check beside a good export (exit 2), naming the file and the closest record type', async () => {
    const dir = folder({ 'good.csv': rows.join('\n'), 'other.csv': '编号,名称,金额\n1,办公用品,200\n' });
    await expect(check(dir)).rejects.toThrow(CheckError);
    await expect(check(dir)).rejects.toThrow(/other\.csv（最接近 .*，缺少列 .*）.*ignore: in records\.yaml/);
  });

  it('is skipped with a warning when records.yaml lists it under ignore', async () => {
    const dir = folder({
      'good.csv': rows.join('\n'),
      '说明.csv': '本文件夹由 OA 导出\n',
      'records.yaml': 'ignore: ["说明*.csv"]\n',
    });
    const r = await check(dir);
    expect(minutes(r)).toEqual(['M1:2']);
    expect(r.warnings.map((w) => `${w.code} ${w.file}`)).toContain('ignored-file 说明.csv');
  });
});

describe('folder entries that are not files', () => {
  it('a dangling link, a link loop, a pipe and a link to /dev/zero are skipped with a warning each, and the run ends', async () => {
    const { symlinkSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const dir = folder({ 'good.csv': rows.join('\n') });
    symlinkSync(join(dir, 'nowhere.csv'), join(dir, 'dangling.csv'));
    symlinkSync(join(dir, 'loop-b.csv'), join(dir, 'loop-a.csv'));
    symlinkSync(join(dir, 'loop-a.csv'), join(dir, 'loop-b.csv'));
    symlinkSync('/dev/zero', join(dir, 'zero.csv'));
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]); // Node has no mkfifo
    const r = await check(dir);
    expect(minutes(r)).toEqual(['M1:2']);
    expect(
      r.warnings
        .filter((w) => w.code === 'not-a-file')
        .map((w) => `${w.file} ${w.values?.kind}`)
        .sort(),
    ).toEqual([
      'dangling.csv broken-link',
      'loop-a.csv broken-link',
      'loop-b.csv broken-link',
      'pipe.csv special',
      'zero.csv special',
    ]);
  });
});

describe('encoding is decided on more than the first 64 KB', () => {
  it('a GBK file whose first 64 KB are ASCII is read as GBK, its Chinese rows accepted', async () => {
    const ascii = Array.from({ length: 2000 }, (_, i) => `A${i},department,sales,2026-05-02 10:00,2026-05-03 10:00`);
    const text = `meeting_id,type,organizer,end_at,minutes_filed_at\n${ascii.join('\n')}\nM1,部门会议,销售部,2026-05-02 10:00,\n`;
    expect(text.indexOf('部')).toBeGreaterThan(64 * 1024);
    const r = await check(folder({ 'm.csv': iconv.encode(text, 'gbk') }));
    expect(r.summary.rows).toEqual({ read: 2001, accepted: 2001, rejected: 0 });
    expect(r.summary.files[0]).toMatchObject({ encoding: 'gb18030' });
    expect(minutes(r)).toEqual(['M1:2002']);
  });
});
