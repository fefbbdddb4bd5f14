// Reading workbooks: every sheet, every row, every time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readSource, UnreadableFile } from './sources.ts';

async function workbookFile(build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'book.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

/** What the reader hands on: per sheet, its header and rows as plain values with their row numbers. */
async function read(path: string) {
  const tables: { sheet: string | undefined; header: unknown[]; rows: [number, unknown[]][] }[] = [];
  await readSource(path, {
    begin: (sheet) => void tables.push({ sheet, header: [], rows: [] }),
    header: (cells) => void (tables.at(-1)!.header = cells),
    row: (cells, line) =>
      void tables.at(-1)!.rows.push([line, Array.from({ length: cells.length }, (_, i) => cells.get(i))]),
  });
  return tables;
}

describe('xlsx', () => {
  it('reads every sheet of a workbook whose xl/workbook.xml is the last entry of the archive, on every read', async () => {
    // exceljs writes the workbook part last, after the sheets and the shared strings, as some OA
    // systems do. The streaming reader used before lost that last entry about one read in a hundred
    // and then called the file no workbook.
    const path = await workbookFile((wb) => {
      wb.addWorksheet('说明').addRow(['本文件由 OA 系统导出']);
      const decisions = wb.addWorksheet('会议决议');
      decisions.addRow(['决议编号', '责任部门']);
      for (let i = 1; i <= 4; i++) decisions.addRow([`D-0${i}`, '运营部']);
      const risks = wb.addWorksheet('风险台账');
      risks.addRow(['风险编号', '风险等级']);
      for (let i = 1; i <= 4; i++) risks.addRow([`R-0${i}`, '高']);
    });
    const expected = JSON.stringify(await read(path));
    expect(JSON.parse(expected).map((t: { sheet: string; rows: unknown[] }) => `${t.sheet} ${t.rows.length}`)).toEqual([
      '说明 0',
      '会议决议 4',
      '风险台账 4',
    ]);
    for (let i = 0; i < 300; i++) expect(JSON.stringify(await read(path)), `read ${i + 1}`).toBe(expected);
  });

  it('gives cells as plain values in their columns: dates, numbers, formulas by their result, rich text by its text, gaps kept', async () => {
    const path = await workbookFile((wb) => {
      const ws = wb.addWorksheet('计划');
      ws.addRow(['编号', '提交时间', '份数', '合计', '备注', '部门']);
      ws.addRow([]); // a blank row: passed over
      const row = ws.addRow([
        'P-1',
        new Date(Date.UTC(2026, 10, 2, 9, 30)),
        3,
        { formula: 'C3*2', result: 6 },
        { richText: [{ text: '按' }, { text: '期', font: { bold: true } }] },
      ]);
      row.getCell(6).value = '运营部';
      ws.getRow(4).getCell(6).value = '市场部'; // a row with only its last cell filled
    });
    const [table] = await read(path);
    expect(table!.header).toEqual(['编号', '提交时间', '份数', '合计', '备注', '部门']);
    expect(table!.rows[0]).toEqual([3, ['P-1', new Date(Date.UTC(2026, 10, 2, 9, 30)), 3, 6, '按期', '运营部']]);
    expect(table!.rows[1]![0]).toBe(4);
    expect(table!.rows[1]![1][5]).toBe('市场部');
    expect(table!.rows[1]![1].slice(0, 5).every((v) => v === null || v === undefined)).toBe(true);
  });

  it('reads a workbook another writer made: prefixed XML, inline strings, cells without references, booleans, errors, formula text, the 1904 date system', async () => {
    // As some OA systems write it: every element prefixed, no shared strings, no styles part but
    // one for the date, the sheet under a path of its own, the workbook not at xl/workbook.xml.
    const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const files = {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      '_rels/.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${rel}/officeDocument" Target="book/wb.xml"/></Relationships>`,
      ),
      'book/wb.xml': strToU8(
        `<x:workbook ${ns} xmlns:r="${rel}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="台账" sheetId="1" r:id="s1"/><x:sheet name="旧表" sheetId="2" state="hidden" r:id="s2"/></x:sheets></x:workbook>`,
      ),
      'book/_rels/wb.xml.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${rel}/worksheet" Target="data/one.xml"/><Relationship Id="s2" Type="${rel}/worksheet" Target="/book/data/two.xml"/><Relationship Id="st" Type="${rel}/styles" Target="st.xml"/></Relationships>`,
      ),
      'book/st.xml': strToU8(
        `<x:styleSheet ${ns}><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>`,
      ),
      'book/data/one.xml': strToU8(
        `<x:worksheet ${ns}><x:sheetData>` +
          '<x:row><x:c t="inlineStr"><x:is><x:t>编号</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>结果</x:t></x:is></x:c></x:row>' +
          '<x:row><x:c t="inlineStr"><x:is><x:r><x:t>A</x:t></x:r><x:r><x:t xml:space="preserve">-1 </x:t></x:r></x:is></x:c><x:c s="1"><x:v>44000</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c></x:row>' +
          '<x:row r="5"><x:c r="C5" t="e"><x:v>#N/A</x:v></x:c><x:c r="D5" t="str"><x:f>A2&amp;"x"</x:f><x:v>A-1x</x:v></x:c></x:row>' +
          '</x:sheetData></x:worksheet>',
      ),
      'book/data/two.xml': strToU8(`<x:worksheet ${ns}><x:sheetData/></x:worksheet>`),
    };
    const path = join(mkdtempSync(join(tmpdir(), 'xlsx-')), 'oa.xlsx');
    writeFileSync(path, zipSync(files));
    const tables = await read(path);
    expect(tables.map((t) => t.sheet)).toEqual(['台账', '旧表']);
    expect(tables[0]!.header).toEqual(['编号', '日期', '结果']);
    // 44000 in the 1904 system is 2024-06-19 (counted from 1904-01-01; 2020-06-18 in the 1900 one).
    expect(tables[0]!.rows).toEqual([
      [2, ['A-1 ', new Date(Date.UTC(2024, 5, 19)), true]],
      [5, [null, null, '#N/A', 'A-1x']],
    ]);
  });

  it('says a zip that is no workbook is unreadable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
    writeFileSync(join(dir, 'x.xlsx'), Buffer.from('PK\u0003\u0004 truncated'));
    await expect(read(join(dir, 'x.xlsx'))).rejects.toBeInstanceOf(UnreadableFile);
  });
});
