// Workbooks read as a stream: each sheet's XML is inflated piece by piece and parsed as it comes,
// so memory holds the shared strings and one row, not the workbook. The zip is read through its
// central directory (JSZip), in any entry order; the XML by saxes. What is written here is only
// the meaning of SpreadsheetML's cells, which no maintained streaming reader gets right:
// exceljs's WorkbookReader reads the archive front to back and, about one read in a hundred,
// loses its last entry (checks/read/xlsx.test.ts); its whole-workbook load took 837 MB for
// 200,000 rows (npm run bench:checker -- --workbook). Values are those exceljs gives: shared and
// inline strings (rich text joined), numbers, booleans, errors as text, formulas by their cached
// result, and numbers in a date format as Dates (1900 or 1904 date system).
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** A cell of a formula saved without the value it last computed: the row cannot be read. */
export const FORMULA_WITHOUT_VALUE: unique symbol = Symbol('formula-without-value');

export interface SheetHandler {
  begin(name: string, hidden: boolean): void;
  /** A row's cells (a gap is null), with its row number. */
  row(cells: unknown[], line: number): void;
}

/** Thrown for an archive that holds no readable workbook. */
export class NotAWorkbook extends Error {}

/**
 * Excel's built-in number formats by id, as exceljs keeps them, with the zh-CN ones where the
 * format depends on the locale (27–36, 50–58 are dates in a Chinese Excel: 2026年6月3日).
 */
let builtinFormats: Record<number, string> | undefined;
function builtinFormat(id: number): string | undefined {
  if (!builtinFormats) {
    const table = createRequire(import.meta.url)('exceljs/lib/xlsx/defaultnumformats.js') as Record<
      number,
      { f?: string; 'zh-cn'?: string }
    >;
    builtinFormats = {};
    for (const [k, v] of Object.entries(table)) {
      const f = v.f ?? v['zh-cn'];
      if (f) builtinFormats[Number(k)] = f;
    }
  }
  return builtinFormats[id];
}

/** Whether a number format shows a date or time: y, m, d, h or s outside quotes and brackets (as exceljs decides). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Excel's serial day number → the Date exceljs gives (UTC fields carry the wall-clock time). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** The column index of a cell reference (A1 → 0, AB7 → 27). */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** What a part's parse is told: elements opened and closed, and text. */
interface XmlEvents {
  open?: (tag: SaxesTagPlain) => void;
  close?: (name: string) => void;
  text?: (t: string) => void;
}

function parserFor(on: XmlEvents): SaxesParser {
  const parser = new SaxesParser();
  if (on.open) parser.on('opentag', on.open);
  if (on.close) parser.on('closetag', (tag) => on.close!(tag.name));
  if (on.text) parser.on('text', on.text);
  return parser;
}

/** Parses a whole (small) XML part: the workbook, its relationships, the styles. */
function parseXml(text: string, on: XmlEvents) {
  parserFor(on).write(text).close();
}

/** Local name of a possibly prefixed element or attribute (x:row → row). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

async function partText(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async('string');
}

/** Reads every sheet of the workbook in `bytes`, in the workbook's order, into `h`. */
export async function readWorkbook(bytes: Uint8Array, h: SheetHandler): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new NotAWorkbook('not-a-workbook');
  }
  // Where the workbook part is: the package relationships say, xl/workbook.xml by convention.
  const rootRels = await partText(zip, '_rels/.rels');
  let workbookPath = 'xl/workbook.xml';
  if (rootRels)
    parseXml(rootRels, {
      open: (t) => {
        if (local(t.name) === 'Relationship' && String(t.attributes.Type).endsWith('/officeDocument'))
          workbookPath = String(t.attributes.Target).replace(/^\//, '');
      },
    });
  const workbook = await partText(zip, workbookPath);
  if (workbook === undefined) throw new NotAWorkbook('not-a-workbook');
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const resolve = (target: string) => (target.startsWith('/') ? target.slice(1) : base + target);

  const sheets: { name: string; hidden: boolean; id: string }[] = [];
  let date1904 = false;
  parseXml(workbook, {
    open: (t) => {
      const name = local(t.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(String(t.attributes.date1904 ?? ''));
      if (name === 'sheet') {
        const id = Object.entries(t.attributes).find(([k]) => local(k) === 'id')?.[1];
        const state = String(t.attributes.state ?? 'visible');
        sheets.push({ name: String(t.attributes.name), hidden: state !== 'visible', id: String(id) });
      }
    },
  });
  const targets = new Map<string, string>();
  const relsPath = `${base}_rels/${workbookPath.slice(base.length)}.rels`;
  let stylesPath: string | undefined;
  let stringsPath: string | undefined;
  const rels = await partText(zip, relsPath);
  if (rels)
    parseXml(rels, {
      open: (t) => {
        if (local(t.name) !== 'Relationship') return;
        const target = resolve(String(t.attributes.Target));
        const type = String(t.attributes.Type);
        targets.set(String(t.attributes.Id), target);
        if (type.endsWith('/styles')) stylesPath = target;
        if (type.endsWith('/sharedStrings')) stringsPath = target;
      },
    });

  // Per cell style (the s attribute), whether it shows a date.
  const dateStyles: boolean[] = [];
  const styles = stylesPath && (await partText(zip, stylesPath));
  if (styles) {
    const custom = new Map<number, string>();
    let inCellXfs = false;
    parseXml(styles, {
      open: (t) => {
        const name = local(t.name);
        if (name === 'numFmt') custom.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(t.attributes.numFmtId ?? 0);
          dateStyles.push(isDateFormat(custom.get(id) ?? builtinFormat(id)));
        }
      },
      close: (name) => {
        if (local(name) === 'cellXfs') inCellXfs = false;
      },
    });
  }

  // Shared strings: each <si>'s text, rich text runs joined (phonetic runs, <rPh>, left out).
  const strings: string[] = [];
  const stringsFile = stringsPath ? zip.file(stringsPath) : null;
  if (stringsFile) {
    let current = '';
    let inText = false;
    let inPhonetic = 0;
    await streamXml(stringsFile, {
      open: (t) => {
        const name = local(t.name);
        if (name === 'si') current = '';
        else if (name === 'rPh') inPhonetic++;
        else if (name === 't' && !inPhonetic) inText = true;
      },
      close: (name) => {
        const n = local(name);
        if (n === 'si') strings.push(current);
        else if (n === 'rPh') inPhonetic--;
        else if (n === 't') inText = false;
      },
      text: (t) => {
        if (inText) current += t;
      },
    });
  }

  if (sheets.length === 0) throw new NotAWorkbook('no-sheets');
  for (const sheet of sheets) {
    const path = targets.get(sheet.id);
    const file = path ? zip.file(path) : null;
    h.begin(sheet.name, sheet.hidden);
    if (file) await readSheet(file, strings, dateStyles, date1904, h);
  }
}

/** Parses a part as it inflates, a piece at a time. */
async function streamXml(file: JSZip.JSZipObject, on: XmlEvents): Promise<void> {
  const parser = parserFor(on);
  const decoder = new TextDecoder('utf-8');
  await new Promise<void>((resolve, reject) => {
    file
      .nodeStream('nodebuffer')
      .on('data', (chunk: Buffer) => {
        try {
          parser.write(decoder.decode(chunk, { stream: true }));
        } catch (error) {
          reject(error);
        }
      })
      .on('error', reject)
      .on('end', () => {
        try {
          parser.write(decoder.decode()).close();
          resolve();
        } catch (error) {
          reject(error);
        }
      });
  });
}

async function readSheet(
  file: JSZip.JSZipObject,
  strings: readonly string[],
  dateStyles: readonly boolean[],
  date1904: boolean,
  h: SheetHandler,
): Promise<void> {
  let cells: unknown[] = [];
  let rowNumber = 0;
  let column = -1;
  // The cell being read.
  let type = 'n';
  let style = 0;
  let value = '';
  let inline = '';
  let formula = false;
  let hasValue = false;
  let into: 'v' | 't' | undefined;
  let inPhonetic = 0;
  await streamXml(file, {
    open: (t) => {
      switch (local(t.name)) {
        case 'row': {
          const r = t.attributes.r;
          rowNumber = r === undefined ? rowNumber + 1 : Number(r);
          cells = [];
          column = -1;
          break;
        }
        case 'c': {
          const r = t.attributes.r;
          column = r === undefined ? column + 1 : columnOf(String(r));
          type = String(t.attributes.t ?? 'n');
          style = Number(t.attributes.s ?? 0);
          value = '';
          inline = '';
          formula = false;
          hasValue = false;
          break;
        }
        case 'v':
          into = 'v';
          hasValue = true;
          break;
        case 'f':
          formula = true;
          break;
        case 'rPh':
          inPhonetic++;
          break;
        case 't':
          if (!inPhonetic) {
            into = 't';
            hasValue = true;
          }
          break;
      }
    },
    text: (text) => {
      if (into === 'v') value += text;
      else if (into === 't') inline += text;
    },
    close: (name) => {
      switch (local(name)) {
        case 'v':
        case 't':
          into = undefined;
          break;
        case 'rPh':
          inPhonetic--;
          break;
        case 'c': {
          let cell: unknown;
          if (formula && !hasValue) cell = FORMULA_WITHOUT_VALUE;
          else if (!hasValue) cell = null;
          else if (type === 's') cell = strings[Number(value)] ?? null;
          else if (type === 'inlineStr') cell = inline;
          else if (type === 'str' || type === 'e') cell = value;
          else if (type === 'b') cell = value === '1' || value === 'true';
          else if (type === 'd') cell = new Date(value);
          else {
            const n = Number(value);
            cell = value === '' || Number.isNaN(n) ? value : dateStyles[style] ? excelDate(n, date1904) : n;
          }
          while (cells.length < column) cells.push(null);
          cells[column] = cell;
          break;
        }
        case 'row':
          h.row(cells, rowNumber);
          break;
      }
    },
  });
}
