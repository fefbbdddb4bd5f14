// Export files → header and rows of cells, one reader per format: CSV (any of the encodings
// Chinese offices produce), XLSX (every sheet), JSON arrays and NDJSON. Readers only split;
// records.ts decides what the cells mean.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ArrayCells } from './cells.ts';
import { CsvTokenizer, type CsvRow, MAX_RECORD_BYTES } from './csv.ts';
import { readUtf8, type DecodeStats } from './decode.ts';
import type { Source } from '../../src/schema/organization.ts';
import { exportColumns, exportReader } from './approvals/export.ts';
import { type ApprovalSink, approvalReader, type Located, readApprovals, type RowProblem } from './approvals/index.ts';

export type { RowProblem };
import type { PlatformReader } from './approvals/instance.ts';
import type { ProblemCode, WallClock } from './values.ts';

export type Format = 'csv' | 'xlsx' | 'json' | 'ndjson';

export function formatOf(path: string): Format | undefined {
  const ext = extname(path).toLowerCase();
  return ext === '.csv'
    ? 'csv'
    : ext === '.xlsx'
      ? 'xlsx'
      : ext === '.json'
        ? 'json'
        : ext === '.ndjson' || ext === '.jsonl'
          ? 'ndjson'
          : undefined;
}

/** What the readers need from the organisation config: the approval templates it maps, its clock. */
export interface ReadSourceOptions {
  sources?: readonly Source[];
  /** Reads the times of an exported approval list (wall time in the company's zone). */
  clock?: WallClock;
}

/**
 * A handler that takes, from a CSV file or a workbook, each table whose header is an approval list
 * exported by 飞书, 钉钉 or 企业微信 (checks/read/approvals/export.ts), and hands its instances over as
 * records; every other table passes through untouched.
 */
function approvalLists(h: SourceHandler, file: string, options: ReadSourceOptions): SourceHandler & { end(): void } {
  let begun: [string | undefined, boolean | undefined] | undefined;
  let list:
    | { header: string[]; columns: NonNullable<ReturnType<typeof exportColumns>>; rows: Located[]; table: string }
    | undefined;
  const flush = () => {
    if (!list || !options.clock) return;
    const reader = exportReader(list.header, list.columns, options.clock, list.table);
    readApprovals(list.rows, reader, options.sources ?? [], h);
    list = undefined;
  };
  const release = () => {
    if (begun) h.begin(...begun);
    begun = undefined;
  };
  return {
    ...h,
    begin(section, hidden, approvals) {
      flush();
      release();
      if (approvals) h.begin(section, hidden, approvals);
      else begun = [section, hidden];
    },
    header(cells, line, open) {
      const columns = options.clock && !open ? exportColumns(cells) : undefined;
      if (columns) {
        const table = begun?.[0] ?? basename(file).replace(/\.[^.]+$/, '');
        list = { header: cells.map((c) => String(c ?? '').trim()), columns, rows: [], table };
        begun = undefined;
        return;
      }
      release();
      h.header(cells, line, open);
    },
    row(cells, line, problem) {
      if (!list) {
        release();
        h.row(cells, line, problem);
        return;
      }
      if (problem) list.rows.push({ line, problem: problem === 'invalid-json' ? 'invalid-json' : 'record-too-long' });
      else list.rows.push({ line, object: { cells: Array.from({ length: cells.length }, (_, i) => cells.get(i)) } });
    },
    end() {
      flush();
      release();
    },
  };
}

/** What a reader hands over: tables, their headers and rows (the parts an approvals file makes too). */
export interface SourceHandler extends ApprovalSink {
  /**
   * A new table starts (a file, or a sheet of a workbook; `hidden`: a sheet Excel does not show;
   * `approvals`: approval instances made into records).
   */
  begin(section: string | undefined, hidden?: boolean, approvals?: boolean): void;
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
  // A part after the first (read on another thread) is of a comma-separated file (parallel.ts).
  const tokenizer = new CsvTokenizer(part?.firstLine, part?.header ? 44 : undefined);
  let seenHeader = false;
  const emit = (row: CsvRow, line: number, problem?: ProblemCode) => {
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
  readUtf8(
    path,
    { reserve: (min) => tokenizer.reserve(min), commit: (n) => tokenizer.commit(n, emit) },
    stats,
    h.bytes,
    range,
  );
  // A part that stopped inside a record leaves it for the reader of the whole file.
  if (!(info.openAtEnd && !part?.continuePastEnd)) tokenizer.end(emit);
  info.encoding = stats.encoding;
  info.replacements = stats.replacements ?? 0;
  if (!seenHeader) h.header([], 1);
}

/** Thrown when a file is not what its name says (an .xlsx that is no workbook): the run goes on without it. */
export class UnreadableFile extends Error {}

/** The most a workbook may unzip to (512 MiB: some 500,000 rows of a ledger). */
export const XLSX_UNZIPPED_LIMIT = 512 * 1048576;

async function readXlsx(path: string, h: SourceHandler) {
  // Read once: the magic number, the zip directory and the sheets all come from these bytes.
  const bytes = await readFile(path);
  // An .xlsx is a zip archive: anything else (a renamed .xls, an HTML page saved as .xlsx, an
  // encrypted workbook, which is an OLE file) is no workbook.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new UnreadableFile('not-a-workbook');
  // What the archive says it unzips to, from its directory, before anything is unzipped: a small
  // file that unzips to gigabytes (a zip bomb, or a workbook far beyond any ledger) is refused
  // with a message instead of taking minutes and gigabytes of memory before failing.
  const { unzipSync } = await import('fflate');
  let unzipped = 0;
  let zip64 = false;
  try {
    unzipSync(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), {
      filter: (entry) => {
        // 0xFFFFFFFF: the size is in a ZIP64 field fflate does not read; Excel writes those only past 4 GiB.
        if (entry.originalSize === 0xffffffff) zip64 = true;
        else unzipped += entry.originalSize;
        return false;
      },
    });
  } catch {
    throw new UnreadableFile('not-a-workbook');
  }
  if (zip64) throw new UnreadableFile('too-large:zip64');
  if (unzipped > XLSX_UNZIPPED_LIMIT) throw new UnreadableFile(`too-large:${Math.round(unzipped / 1048576)}`);
  // The sheets as a stream (checks/read/xlsx.ts): loaded on demand, most runs read no workbook.
  const { FORMULA_WITHOUT_VALUE, NotAWorkbook, readWorkbook } = await import('./xlsx.ts');
  let seenHeader = true;
  try {
    await readWorkbook(bytes, {
      begin(name, hidden) {
        if (!seenHeader) h.header([], 1);
        seenHeader = false;
        h.begin(name, hidden);
      },
      row(cells, line) {
        if (isBlankRow(cells)) return;
        if (!seenHeader) {
          seenHeader = true;
          h.header(cells, line);
          return;
        }
        // A formula without the value it last computed cannot be read: the row is rejected, saying so.
        const unread = cells.includes(FORMULA_WITHOUT_VALUE);
        if (unread) for (let i = 0; i < cells.length; i++) if (cells[i] === FORMULA_WITHOUT_VALUE) cells[i] = null;
        h.row(new ArrayCells(cells), line, unread ? 'formula-without-value' : undefined);
      },
    });
  } catch (error) {
    if (error instanceof NotAWorkbook) throw new UnreadableFile(error.message);
    throw error;
  }
  if (!seenHeader) h.header([], 1);
}

/** Keys of `o` not yet in `header`, appended to it in order; whether any were. */
function addKeys(header: string[], known: Set<string>, o: object): boolean {
  let added = false;
  for (const k of Object.keys(o)) {
    if (known.has(k)) continue;
    known.add(k);
    header.push(k);
    added = true;
  }
  return added;
}

function objectCells(o: unknown, header: string[]): unknown[] {
  const r = o as Record<string, unknown>;
  return header.map((k) => {
    const v = r[k];
    return v === null || v === undefined || typeof v !== 'object' ? v : JSON.stringify(v);
  });
}

async function readJson(path: string, h: SourceHandler, info: SourceInfo, options: ReadSourceOptions) {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  h.bytes?.(Buffer.byteLength(text));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `not valid JSON (${(error as Error).message}); a JSON export must be an array of objects, one per record`,
    );
  }
  info.encoding = 'utf-8';
  // Approval instances of 飞书, 钉钉 or 企业微信: one API response, or an array of them.
  const items = Array.isArray(data) ? data : [data];
  const reader = approvalReader(items.find((o) => o && typeof o === 'object' && !Array.isArray(o)));
  if (reader) {
    readApprovals(
      items.map((object, i) => ({ line: i + 1, object })),
      reader,
      options.sources ?? [],
      h,
    );
    return;
  }
  if (!Array.isArray(data)) throw new Error('a JSON export must be an array of objects, one per record');
  h.begin(undefined);
  // Every object is read by its own keys: the header is every key of every object (an object
  // may lack a key the first one has, or have one it lacks), an absent key an empty cell.
  const header: string[] = [];
  const known = new Set<string>();
  for (const o of data) if (o && typeof o === 'object' && !Array.isArray(o)) addKeys(header, known, o);
  h.header(header, 1, true);
  // JSON has no lines worth naming: "line" is the record's position in the array, from 1.
  data.forEach((o, i) => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) h.row(new ArrayCells([]), i + 1, 'not-an-object');
    else h.row(new ArrayCells(objectCells(o, header)), i + 1);
  });
}

/** Splits the UTF-8 bytes readUtf8 delivers into lines (ended by LF, CR LF or a CR alone), each decoded whole. */
/**
 * Lines of UTF-8 text written in chunks, each handed over whole; a line over MAX_RECORD_BYTES is
 * handed over as null (a rejected row) and skipped to the next line break. Each byte is scanned
 * once: the scan resumes where the last chunk's stopped, so a long line costs linear time.
 */
function lineSink(onLine: (text: string | null) => void) {
  let buf = Buffer.allocUnsafe(1 << 16);
  let len = 0;
  /** Where the scan for the next line break resumes (bytes before it hold none). */
  let scanned = 0;
  let skipping = false;
  const flush = (final: boolean) => {
    let start = 0;
    let i = scanned;
    for (; i < len; i++) {
      const c = buf[i];
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i + 1 === len && !final) break; // an LF may follow in the next read
      if (skipping) skipping = false;
      else onLine(buf.toString('utf8', start, i));
      if (c === 13 && buf[i + 1] === 10) i++;
      start = i + 1;
    }
    if (final && start < len) {
      if (!skipping) onLine(buf.toString('utf8', start, len));
      start = len;
    }
    if (!skipping && len - start > MAX_RECORD_BYTES) {
      onLine(null);
      skipping = true;
    }
    if (skipping) start = Math.max(start, i); // nothing of the long line is kept
    buf.copy(buf, 0, start, len);
    len -= start;
    scanned = Math.max(0, i - start);
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

async function readNdjson(path: string, h: SourceHandler, info: SourceInfo, options: ReadSourceOptions) {
  const stats: Partial<DecodeStats> = {};
  const header: string[] = [];
  const known = new Set<string>();
  let announced = false;
  let line = 0;
  /** Records, or the approval instances of a platform: decided by the first object of the file. */
  let mode: PlatformReader | 'records' | undefined;
  /** Lines before that first object (ones that do not parse), and every line of an approvals file. */
  const held: Located[] = [];
  const asRecord = ({ line, object, problem }: Located) => {
    if (problem) {
      if (!announced) h.header(header, line, (announced = true));
      h.row(new ArrayCells([]), line, problem);
      return;
    }
    if (!object || typeof object !== 'object' || Array.isArray(object)) {
      if (!announced) h.header(header, line, (announced = true));
      h.row(new ArrayCells([]), line, 'not-an-object');
      return;
    }
    // Every object is read by its own keys: one with a key no earlier object had extends the header.
    if (addKeys(header, known, object) || !announced) h.header([...header], line, (announced = true));
    h.row(new ArrayCells(objectCells(object, header)), line);
  };
  const decide = (to: PlatformReader | 'records') => {
    mode = to;
    if (to !== 'records') return;
    h.begin(undefined);
    for (const l of held.splice(0)) asRecord(l);
  };
  const handle = (text: string | null) => {
    line++;
    let located: Located;
    if (text === null) located = { line, problem: 'record-too-long' };
    else if (text.trim() === '') {
      info.blank++;
      return;
    } else
      try {
        located = { line, object: JSON.parse(text) };
      } catch {
        located = { line, problem: 'invalid-json' };
      }
    if (mode === undefined && located.object !== undefined) decide(approvalReader(located.object) ?? 'records');
    if (mode === 'records') asRecord(located);
    else held.push(located);
  };
  const lines = lineSink(handle);
  readUtf8(path, lines, stats, h.bytes);
  lines.end();
  if (mode === undefined) decide('records');
  if (mode !== undefined && mode !== 'records') readApprovals(held, mode, options.sources ?? [], h);
  else if (!announced) h.header([], 1);
  info.encoding = stats.encoding;
  info.replacements = stats.replacements ?? 0;
}

/** Reads one export file. Throws only when the file as a whole cannot be read. */
export async function readSource(
  path: string,
  handler: SourceHandler,
  part?: Part,
  options: ReadSourceOptions = {},
): Promise<SourceInfo> {
  const format = formatOf(path);
  if (!format) throw new Error('not an export format the checker reads (.csv, .xlsx, .json, .ndjson)');
  const info: SourceInfo = { format, replacements: 0, blank: 0 };
  if (part && format !== 'csv') throw new Error('only CSV files are read in parts');
  if (format === 'csv' || format === 'xlsx') {
    const lists = part ? undefined : approvalLists(handler, path, options);
    if (format === 'csv') readCsv(path, lists ?? handler, info, part);
    else await readXlsx(path, lists ?? handler);
    lists?.end();
  } else if (format === 'json') await readJson(path, handler, info, options);
  else await readNdjson(path, handler, info, options);
  return info;
}
