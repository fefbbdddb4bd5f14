// A streaming RFC 4180 CSV tokenizer over UTF-8 bytes that reports the physical line each record
// starts on, and hands each record over as field offsets into its buffer, not as strings.
//
// Written by hand on purpose: the fast parsers (uDSV, papaparse) do not report the line a record
// starts on, uDSV silently drops short rows and swallows an unterminated quote, and every one of
// them makes a string per field, which for a million-row export costs more than the check itself.
// The checker must name file, line and value for every rejected row and lose nothing, and it only
// needs a few columns as numbers: so fields stay bytes until a converter asks for one (a date is
// read straight from its digits, a department matched by its bytes).
//
// Working on bytes is safe for the encodings exports come in: the input is UTF-8 (other encodings
// are transcoded to it first, as a stream), where the bytes of `,` `"` `\r` `\n` never occur inside
// a multi-byte character; a record is only ever cut at those bytes, and an incomplete record at the
// end of a chunk waits for the next one, so a character split across chunks is never decoded
// in halves. Its output is checked against papaparse on random input in csv.test.ts.
//
// The separator is a comma, or what the first lines use instead: a semicolon (Excel where the
// decimal mark is a comma) or a tab (Excel's "Unicode text", UTF-16 and tab-separated).
import type { Cells } from './cells.ts';
import { isBlank, type ProblemCode } from './values.ts';

const COMMA = 44,
  SEMICOLON = 59,
  TAB = 9,
  QUOTE = 34,
  LF = 10,
  CR = 13;

/**
 * The field separator of CSV text from its first lines (up to 20, in the first 64 KB): the one of
 * comma, semicolon and tab that occurs most outside quotes, a comma when none does. Title rows
 * above the header have none, so they do not decide it.
 */
export function detectSeparator(buf: Uint8Array, end = buf.length): number {
  const counts = new Map([
    [COMMA, 0],
    [SEMICOLON, 0],
    [TAB, 0],
  ]);
  let quoted = false;
  let lines = 0;
  for (let i = 0, n = Math.min(end, 1 << 16); i < n && lines < 20; i++) {
    const c = buf[i]!;
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF) lines++;
    else if (c === COMMA || c === SEMICOLON || c === TAB) counts.set(c, counts.get(c)! + 1);
  }
  let best = COMMA;
  for (const [sep, count] of counts) if (count > counts.get(best)!) best = sep;
  return best;
}

/**
 * The longest record read (16 MiB). A record still open past it (a file of one endless line, or an
 * opening quote never closed) is rejected and skipped to the next line break: without a bound, each
 * new chunk re-read the open record from its start, and a 200 MB line took minutes.
 */
export const MAX_RECORD_BYTES = 16 << 20;

export const problems = {
  /** An opening quote with no closing quote before the end of the file. */
  unterminated: 'unterminated-quote',
  /** Text after a closing quote, before the next comma or line end. */
  afterQuote: 'text-after-quote',
  /** A record longer than MAX_RECORD_BYTES: rejected, and skipped to the next line break. */
  tooLong: 'record-too-long',
} as const satisfies Record<string, ProblemCode>;

/** A record as offsets into the tokenizer's buffer. Valid only during the call that receives it. */
/** Buffer#utf8Slice: what Buffer#toString('utf8', s, e) calls after checking its arguments. */
type Utf8Slicing = Buffer & { utf8Slice(start: number, end: number): string };

export class CsvRow implements Cells {
  buf: Buffer = Buffer.alloc(0);
  length = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 0: plain bytes; 1: quoted with doubled quotes to undo; 2: malformed, text in `texts`. */
  flags = new Uint8Array(64);
  texts: (string | undefined)[] = [];

  grow() {
    const n = this.starts.length * 2;
    const s = new Int32Array(n),
      e = new Int32Array(n),
      f = new Uint8Array(n);
    s.set(this.starts);
    e.set(this.ends);
    f.set(this.flags);
    [this.starts, this.ends, this.flags] = [s, e, f];
  }

  get(i: number): string | undefined {
    if (i >= this.length) return undefined;
    const flag = this.flags[i]!;
    if (flag === 2) return this.texts[i]!;
    const s = this.starts[i]!,
      e = this.ends[i]!;
    if (s === e) return '';
    const text = (this.buf as Utf8Slicing).utf8Slice(s, e);
    return flag === 1 ? text.replaceAll('""', '"') : text;
  }

  blank(i: number): boolean {
    if (i >= this.length) return true;
    const s = this.starts[i]!,
      e = this.ends[i]!;
    if (s === e) return true;
    // A cell is blank only if every character is a space or a dash: one that starts with a visible
    // ASCII character other than '-', or with a CJK character (lead byte E4–E9), is not.
    const a = this.buf[s]!;
    if ((a > 32 && a < 127 && a !== 45) || (a >= 0xe4 && a <= 0xe9)) return false;
    return isBlank(this.get(i));
  }

  /** Whether the record has nothing in it but whitespace (a blank line, or only commas). */
  empty(): boolean {
    for (let i = 0; i < this.length; i++) {
      const s = this.starts[i]!,
        e = this.ends[i]!;
      if (s === e) continue;
      const a = this.buf[s]!;
      if (a > 32 && a < 128) return false;
      if (this.get(i)!.trim() !== '') return false;
    }
    return true;
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i)!);
  }
}

/** Line breaks in buf[s, e): LF, CR LF and a CR alone each count once. */
function lineBreaks(buf: Buffer, s: number, e: number): number {
  let n = 0;
  for (let k = s; k < e; k++) {
    const c = buf[k];
    if (c === LF || (c === CR && buf[k + 1] !== LF)) n++;
  }
  return n;
}

export type EmitRecord = (row: CsvRow, line: number, problem?: ProblemCode) => void;

/** Tokenizes UTF-8 bytes written in chunks of any size; emits records as they complete. */
export class CsvTokenizer {
  #buf = Buffer.allocUnsafe(1 << 16);
  #len = 0;
  /** Physical line (1-based) on which the next record starts. */
  #line: number;
  readonly row = new CsvRow();
  /** The field separator's byte; undefined until the first bytes decide it. */
  #sep: number | undefined;
  /** Skipping the rest of a record over MAX_RECORD_BYTES, up to the next line break. */
  #skipping = false;

  /** `separator`: a byte (44 comma, 59 semicolon, 9 tab), or undefined to detect it from the first bytes. */
  constructor(firstLine = 1, separator?: number) {
    this.#line = firstLine;
    this.#sep = separator;
  }

  /** The separator in use (detected from the first bytes unless given). */
  get separator(): number | undefined {
    return this.#sep;
  }

  /** Bytes of an incomplete record are waiting for more. */
  get pending(): boolean {
    return this.#len > 0;
  }

  /** Space to read the next bytes into (at least `min` bytes): fill it, then call commit. */
  reserve(min = 1 << 16): { buffer: Buffer; offset: number; length: number } {
    if (this.#buf.length - this.#len < min) {
      const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + min));
      this.#buf.copy(next, 0, 0, this.#len);
      this.#buf = next;
    }
    return { buffer: this.#buf, offset: this.#len, length: this.#buf.length - this.#len };
  }

  /** `n` bytes were written at the reserved offset: tokenize every complete record. */
  commit(n: number, emit: EmitRecord): void {
    this.#len += n;
    if (this.#skipping) {
      const lf = this.#buf.subarray(0, this.#len).indexOf(LF);
      if (lf === -1) {
        this.#len = 0;
        return;
      }
      this.#skipping = false;
      this.#line++;
      this.#buf.copy(this.#buf, 0, lf + 1, this.#len);
      this.#len -= lf + 1;
    }
    this.#sep ??= detectSeparator(this.#buf, this.#len);
    const used = this.#parse(false, emit);
    // Move the incomplete record to the front; it is parsed again, whole, once more bytes arrive.
    if (used > 0) {
      this.#buf.copy(this.#buf, 0, used, this.#len);
      this.#len -= used;
    }
    if (this.#len > MAX_RECORD_BYTES) {
      // Rejected where it starts; its line breaks (inside quotes) are not counted: it is one record.
      this.row.length = 0;
      emit(this.row, this.#line, problems.tooLong);
      this.#skipping = true;
      this.#len = 0;
    }
  }

  write(chunk: Uint8Array, emit: EmitRecord): void {
    const { buffer, offset } = this.reserve(chunk.length);
    buffer.set(chunk, offset);
    this.commit(chunk.length, emit);
  }

  /** Flushes the last record (a file need not end with a newline). */
  end(emit: EmitRecord): void {
    if (this.#skipping) {
      this.#len = 0;
      return;
    }
    this.#sep ??= detectSeparator(this.#buf, this.#len);
    this.#parse(true, emit);
    this.#len = 0;
  }

  /** Parses complete records from the start of the buffer; returns the bytes consumed. */
  #parse(final: boolean, emit: EmitRecord): number {
    const buf = this.#buf,
      end = this.#len,
      row = this.row,
      SEP = this.#sep ?? COMMA;
    row.buf = buf;
    let p = 0;
    while (p < end) {
      const start = p;
      let f = 0;
      let newlines = 0;
      let problem: ProblemCode | undefined;
      for (;;) {
        if (f === row.starts.length) row.grow();
        if (p < end && buf[p] === QUOTE) {
          // A quoted field: up to the closing quote; "" is a quote inside it.
          let q = p + 1;
          let escaped = false;
          for (;;) {
            q = buf.indexOf(QUOTE, q);
            if (q === -1 || q >= end) {
              q = -1;
              break;
            }
            if (q + 1 < end && buf[q + 1] === QUOTE) {
              escaped = true;
              q += 2;
              continue;
            }
            if (q + 1 >= end && !final) q = -1; // "" or " at the end of the data: wait for more
            break;
          }
          if (q === -1) {
            if (!final) return start;
            // An open quote at the end of the file is reported, not guessed at.
            newlines += lineBreaks(buf, p + 1, end);
            row.starts[f] = p + 1;
            row.ends[f] = end;
            row.flags[f] = escaped ? 1 : 0;
            row.length = f + 1;
            emit(row, this.#line, problems.unterminated);
            this.#line += newlines + 1;
            return end;
          }
          newlines += lineBreaks(buf, p + 1, q);
          row.starts[f] = p + 1;
          row.ends[f] = q;
          row.flags[f] = escaped ? 1 : 0;
          p = q + 1;
          let c = p < end ? buf[p]! : -1;
          if (c !== SEP && c !== LF && c !== CR && c !== -1) {
            // Text after the closing quote: kept (the cell reads as both parts) and reported.
            let k = p;
            while (k < end && buf[k] !== SEP && buf[k] !== LF && buf[k] !== CR) k++;
            if (k >= end && !final) return start;
            const quoted = buf.toString('utf8', row.starts[f]!, row.ends[f]!);
            row.texts[f] = (escaped ? quoted.replaceAll('""', '"') : quoted) + buf.toString('utf8', p, k);
            row.flags[f] = 2;
            problem ??= problems.afterQuote;
            p = k;
            c = p < end ? buf[p]! : -1;
          }
          if (c === CR) {
            // CR LF, or a CR alone (older Excel and Mac exports): either ends the line.
            if (p + 1 < end) {
              if (buf[p + 1] === LF) p++;
              c = LF;
            } else if (!final) return start;
            else c = -1;
          }
          f++;
          if (c === SEP) {
            p++;
            continue;
          }
          if (c === -1 && !final) return start;
          p++; // past the newline (or the end)
          break;
        }
        // An unquoted field: up to the next separator or line end (LF, CR LF, or CR alone). Comma,
        // tab, LF and CR are all below 45: one comparison passes over nearly every byte; a
        // semicolon is not, and takes a second.
        let q = p;
        let c = -1;
        if (SEP < 45)
          while (q < end) {
            c = buf[q]!;
            if (c < 45 && (c === SEP || c === LF || c === CR)) break;
            q++;
          }
        else
          while (q < end) {
            c = buf[q]!;
            if (c === SEP || (c < 14 && (c === LF || c === CR))) break;
            q++;
          }
        if (q >= end) {
          if (!final) return start;
          c = -1;
        }
        row.starts[f] = p;
        row.ends[f] = q;
        row.flags[f] = 0;
        f++;
        if (c === CR) {
          if (q + 1 < end) {
            if (buf[q + 1] === LF) q++;
          } else if (!final) return start; // a CR at the end of the data: an LF may follow
        }
        p = q + 1;
        if (c !== SEP) break;
        if (p >= end) {
          // A trailing separator at the very end: one more, empty field.
          if (!final) return start;
          if (f === row.starts.length) row.grow();
          row.starts[f] = row.ends[f] = end;
          row.flags[f++] = 0;
          break;
        }
      }
      row.length = f;
      emit(row, this.#line, problem);
      this.#line += newlines + 1;
    }
    return Math.min(p, end);
  }
}
