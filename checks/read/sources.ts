// Export files → header and rows of cells, one reader per format: CSV (any of the encodings
// Chinese offices produce), XLSX (every sheet), JSON arrays and NDJSON. Readers only split;
// records.ts decides what the cells mean.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ArrayCells, type Cells } from './cells.ts';
import { CsvTokenizer, type CsvRow } from './csv.ts';
import { readUtf8, type DecodeStats } from './decode.ts';

export type Format = 'csv' | 'xlsx' | 'json' | 'ndjson';

export function formatOf(path: string): Format | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : ext === '.json' ? 'json' : ext === '.ndjson' || ext === '.jsonl' ? 'ndjson' : undefined;
}

export interface SourceHandler {
  /** A new table starts (a file, or a sheet of a workbook). */
  begin(section: string | undefined): void;
  header(cells: unknown[], line: number): void;
  /** A row: valid only during the call (a CSV row's bytes are reused for the next one). */
  row(cells: Cells, line: number, problem?: string): void;
  /** Bytes read so far, for progress on a terminal. */
  bytes?(bytes: number): void;
}

/**
 * A byte range of a CSV file read on its own (checks/engine/parallel.ts): the records from
 * `start`, which must be a line start, to `end`.
 */
export interface Part {
  start: number;
  end: number;
  /** Line number at `start`: 1 + the newlines before it. */
  firstLine: number;
  /** The file's header cells, for a part after the first (its rows have no header of their own). */
  header?: string[];
  /** At `end` inside a record: read on to the end of the file (true), or stop there (false). */
  continuePastEnd: boolean;
}

export interface SourceInfo {
  format: Format;
  encoding?: string;
  /** Invalid byte sequences replaced while decoding. */
  replacements: number;
  /** Blank lines passed over (no record). */
  blank: number;
  /** Reading a part: its end fell inside a record (a quoted field with a newline across it). */
  openAtEnd?: boolean;
}

/** A row with nothing in it. Checks the first character of each cell before trimming anything. */
function isBlankRow(cells: unknown[]): boolean {
  for (const c of cells) {
    if (c === null || c === undefined) continue;
    if (typeof c !== 'string') return false;
    if (c.length > 0 && c.charCodeAt(0) > 32) return false;
    if (c.trim() !== '') return false;
  }
  return true;
}

function readCsv(path: string, h: SourceHandler, info: SourceInfo, part?: Part) {
  const stats: Partial<DecodeStats> = {};
  const tokenizer = new CsvTokenizer(part?.firstLine);
  let seenHeader = false;
  const emit = (row: CsvRow, line: number, problem?: string) => {
    if (!problem && row.empty()) {
      info.blank++;
      return;
    }
    if (!seenHeader) {
      seenHeader = true;
      h.header(row.toArray(), line);
    } else h.row(row, line, problem);
  };
  h.begin(undefined);
  if (part?.header) {
    seenHeader = true;
    h.header(part.header, 1);
  }
  const range = part && {
    start: part.start,
    end: part.end,
    pastEnd: () => (info.openAtEnd = tokenizer.pending) && part.continuePastEnd,
  };
  readUtf8(path, { reserve: (min) => tokenizer.reserve(min), commit: (n) => tokenizer.commit(n, emit) }, stats, h.bytes, range);
  // A part that stopped inside a record leaves it for the reader of the whole file.
  if (!(info.openAtEnd && !part?.continuePastEnd)) tokenizer.end(emit);
  info.encoding = stats.encoding;
  info.replacements = stats.replacements ?? 0;
  if (!seenHeader) h.header([], 1);
}

/** exceljs cell values → plain values: rich text, formulas and hyperlinks give their text or result. */
function plainCell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('result' in o) return plainCell(o.result);
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
  if ('text' in o) return plainCell(o.text);
  if ('error' in o) return String(o.error);
  return String(v);
}

async function readXlsx(path: string, h: SourceHandler) {
  // Loaded on demand: exceljs is large and most runs read no workbook.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    let seenHeader = false;
    h.begin(name);
    for await (const row of sheet) {
      // row.values is 1-based: index 0 is empty.
      const cells = (row.values as unknown[]).slice(1).map(plainCell);
      if (isBlankRow(cells)) continue;
      if (!seenHeader) {
        seenHeader = true;
        h.header(cells, row.number);
      } else h.row(new ArrayCells(cells), row.number);
    }
    if (!seenHeader) h.header([], 1);
  }
}

function objectCells(o: unknown, header: string[]): unknown[] {
  const r = o as Record<string, unknown>;
  return header.map((k) => {
    const v = r[k];
    return v === null || v === undefined || typeof v !== 'object' ? v : JSON.stringify(v);
  });
}

async function readJson(path: string, h: SourceHandler, info: SourceInfo) {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  h.bytes?.(Buffer.byteLength(text));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message}); a JSON export must be an array of objects, one per record`);
  }
  if (!Array.isArray(data)) throw new Error('a JSON export must be an array of objects, one per record');
  h.begin(undefined);
  const first = data.find((o) => o && typeof o === 'object' && !Array.isArray(o));
  const header = first ? Object.keys(first) : [];
  h.header(header, 1);
  // JSON has no lines worth naming: "line" is the record's position in the array, from 1.
  data.forEach((o, i) => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) h.row(new ArrayCells([]), i + 1, '不是对象：数组中的每一项应是一条记录');
    else h.row(new ArrayCells(objectCells(o, header)), i + 1);
  });
  info.encoding = 'utf-8';
}

/** Splits the UTF-8 bytes readUtf8 delivers into lines, each decoded whole. */
function lineSink(onLine: (text: string) => void) {
  let buf = Buffer.allocUnsafe(1 << 16);
  let len = 0;
  const flush = (final: boolean) => {
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1 && nl < len; nl = buf.indexOf(10, start)) {
      onLine(buf.toString('utf8', start, nl));
      start = nl + 1;
    }
    if (final && start < len) {
      onLine(buf.toString('utf8', start, len));
      start = len;
    }
    buf.copy(buf, 0, start, len);
    len -= start;
  };
  return {
    reserve(min: number) {
      if (buf.length - len < min) {
        const next = Buffer.allocUnsafe(Math.max(buf.length * 2, len + min));
        buf.copy(next, 0, 0, len);
        buf = next;
      }
      return { buffer: buf, offset: len, length: buf.length - len };
    },
    commit(n: number) {
      len += n;
      flush(false);
    },
    end: () => flush(true),
  };
}

async function readNdjson(path: string, h: SourceHandler, info: SourceInfo) {
  const stats: Partial<DecodeStats> = {};
  let header: string[] | undefined;
  let line = 0;
  h.begin(undefined);
  const handle = (text: string) => {
    line++;
    if (text.trim() === '') {
      info.blank++;
      return;
    }
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch {
      if (!header) h.header([], line);
      header ??= [];
      h.row(new ArrayCells([]), line, '不是有效的 JSON：每行应是一个 JSON 对象');
      return;
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) {
      if (!header) h.header([], line);
      header ??= [];
      h.row(new ArrayCells([]), line, '不是 JSON 对象：每行应是一条记录');
      return;
    }
    if (!header) {
      header = Object.keys(o);
      h.header(header, line);
    }
    h.row(new ArrayCells(objectCells(o, header)), line);
  };
  const lines = lineSink(handle);
  readUtf8(path, lines, stats, h.bytes);
  lines.end();
  if (!header) h.header([], 1);
  info.encoding = stats.encoding;
  info.replacements = stats.replacements ?? 0;
}

/** Reads one export file. Throws only when the file as a whole cannot be read. */
export async function readSource(path: string, handler: SourceHandler, part?: Part): Promise<SourceInfo> {
  const format = formatOf(path);
  if (!format) throw new Error('not an export format the checker reads (.csv, .xlsx, .json, .ndjson)');
  const info: SourceInfo = { format, replacements: 0, blank: 0 };
  if (part && format !== 'csv') throw new Error('only CSV files are read in parts');
  if (format === 'csv') readCsv(path, handler, info, part);
  else if (format === 'xlsx') await readXlsx(path, handler);
  else if (format === 'json') await readJson(path, handler, info);
  else await readNdjson(path, handler, info);
  return info;
}
