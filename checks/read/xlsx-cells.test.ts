// Workbooks as Chinese offices save them: dates in the built-in Chinese formats, and formulas.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../run.ts';

const HEADER = ['会议编号', '会议类型', '组织部门', '结束时间', '纪要提交时间'];

async function workbook(rows: unknown[][], edit?: (sheetXml: string, stylesXml: string) => [string, string]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会议');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  if (edit) {
    const [sheet, styles] = edit(strFromU8(files['xl/worksheets/sheet1.xml']!), strFromU8(files['xl/styles.xml']!));
    files['xl/worksheets/sheet1.xml'] = strToU8(sheet);
    files['xl/styles.xml'] = strToU8(styles);
  }
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
  writeFileSync(join(dir, 'm.xlsx'), zipSync(files));
  return runCheck({ recordsDir: dir, asOf: '2026-07-01', since: '2026-06-01' });
}

describe('workbook cells', () => {
  it("dates in Excel's built-in Chinese formats (numFmtId 31, 57, 58) read as dates", async () => {
    // 2026-06-03 is serial 46176: cells D2 and E2 carry it as plain numbers under built-in format 31 (2026年6月3日).
    const r = await workbook([['M1', '部门会议', '销售部', 46176, 46180]], (sheet, styles) => [
      sheet
        .replace(/<c r="D2"([^>]*)><v>[^<]*<\/v><\/c>/, '<c r="D2" s="1"><v>46176</v></c>')
        .replace(/<c r="E2"([^>]*)><v>[^<]*<\/v><\/c>/, '<c r="E2" s="1"><v>46180</v></c>'),
      styles.replace(
        /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/,
        (_, n, xfs) =>
          `<cellXfs count="${Number(n) + 1}">${xfs}<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`,
      ),
    ]);
    expect(r.summary.rows).toEqual({ read: 1, accepted: 1, rejected: 0 });
    // Filed 4 days after the meeting's day: late against a three-day deadline, or on time, but read as a date either way.
    expect(
      r.findings.filter((f) => f.subject === 'M1').every((f) => f.actual === null || f.actual.startsWith('2026-06')),
    ).toBe(true);
  });

  it('a formula saved without its value is a rejected row that says so, not the id "[object Object]"', async () => {
    const r = await workbook([
      [{ formula: 'CONCAT("M","1")' }, '部门会议', '销售部', '2026-06-02 10:00', ''],
      [{ formula: 'CONCAT("M","2")' }, '部门会议', '销售部', '2026-06-02 10:00', ''],
      ['M3', '部门会议', '销售部', '2026-06-02 10:00', ''],
    ]);
    expect(r.summary.rows).toEqual({ read: 3, accepted: 1, rejected: 2 });
    expect([...r.rejected].map((x) => `${x.line} ${x.code}`)).toEqual([
      '2 formula-without-value',
      '3 formula-without-value',
    ]);
    expect(r.warnings.map((w) => w.code)).not.toContain('duplicate-record');
    expect(JSON.stringify(r)).not.toContain('[object Object]');
  });

  it('a hidden sheet is read like the others, and the report says so', async () => {
    const wb = new ExcelJS.Workbook();
    const shown = wb.addWorksheet('会议');
    const hidden = wb.addWorksheet('旧数据', { state: 'hidden' });
    for (const ws of [shown, hidden]) ws.addRow(HEADER);
    shown.addRow(['M1', '部门会议', '销售部', '2026-06-02 10:00', '2026-06-03 10:00']);
    hidden.addRow(['M2', '部门会议', '销售部', '2026-06-02 10:00', '']);
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    writeFileSync(join(dir, 'm.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await runCheck({ recordsDir: dir, asOf: '2026-07-01', since: '2026-06-01' });
    expect(r.summary.rows.read).toBe(2);
    expect(r.warnings.filter((w) => w.code === 'hidden-sheet')).toEqual([
      { code: 'hidden-sheet', file: 'm.xlsx', sheet: '旧数据' },
    ]);
  });

  it('a workbook that says it unzips to gigabytes is refused before anything is unzipped, with its size', async () => {
    const zipped = Buffer.from(
      zipSync({ 'xl/worksheets/sheet1.xml': strToU8('<x/>'), '[Content_Types].xml': strToU8('<x/>') }),
    );
    // Claim 3 GB for the sheet in its local header (offset 22) and the central directory (offset 24).
    for (
      let at = zipped.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      at !== -1;
      at = zipped.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)
    )
      zipped.writeUInt32LE(3_000_000_000, at + 24);
    for (
      let at = zipped.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      at !== -1;
      at = zipped.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), at + 4)
    )
      zipped.writeUInt32LE(3_000_000_000, at + 22);
    const dir = mkdtempSync(join(tmpdir(), 'bomb-'));
    writeFileSync(join(dir, 'bomb.xlsx'), zipped);
    writeFileSync(join(dir, 'm.csv'), `${HEADER.join(',')}\nM1,部门会议,销售部,2026-06-02 10:00,2026-06-03 10:00\n`);
    const r = await runCheck({ recordsDir: dir, asOf: '2026-07-01', since: '2026-06-01' });
    const warning = r.warnings.find((w) => w.code === 'unreadable-file');
    expect(warning).toMatchObject({ file: 'bomb.xlsx', values: { reason: expect.stringMatching(/^too-large:\d+/) } });
    const { format } = await import('../report/index.ts');
    const { loadOrganization } = await import('../../src/model/load.ts');
    expect(format(r, loadOrganization(), 'text', { color: false })).toContain('超过工作簿上限 512 MB');
  });
});

describe('plan periods Excel stored as dates', () => {
  it('read as the period holding the day (a cell shown as 2026年3月), not a rejected row', async () => {
    const { checkRule, planObligation } = await import('../rules/fixture.ts');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('计划');
    ws.addRow(['计划编号', '部门', '计划类型', '计划期间', '提交时间']);
    ws.addRow(['P1', '财务部', '月度', new Date(Date.UTC(2026, 2, 1)), new Date(Date.UTC(2026, 1, 20, 10))]);
    ws.getCell('D2').numFmt = 'yyyy"年"m"月"';
    const { report } = await checkRule({
      obligations: [
        planObligation('monthly', 'monthly', 'month', { deadline: 'day-before', who: { department: 'finance' } }),
      ],
      deadlines: { 'day-before': { label: '前一日', from: 'period-start', months: 0, days: -1 } },
      files: { 'plans.xlsx': new Uint8Array(await wb.xlsx.writeBuffer()) },
      asOf: '2026-03-10',
      since: '2026-01-15',
    });
    expect(report.summary.rows.rejected).toBe(0);
    // March's plan is there and on time; February's is missing.
    expect(report.findings.filter((f) => f.obligation === 'monthly').map((f) => `${f.subject} ${f.status}`)).toEqual([
      '2026-02 missing',
    ]);
  });
});
