// A streaming RFC 4180 CSV tokenizer that reports the physical line each record starts on.
//
// Written by hand on purpose: the fast parsers (uDSV, papaparse) do not report the line a record
// starts on, and uDSV silently drops short rows and swallows an unterminated quote, while the
// checker must name file, line and value for every rejected row and lose nothing. The fast path
// splits quote-free lines with String#split; only lines containing a quote go through the state
// machine, whose state survives chunk boundaries (no rescanning, so a huge field stays linear).
// Its output is checked against papaparse on random input in csv.test.ts.

export type EmitRecord = (fields: string[], line: number, problem?: string) => void;

export class CsvTokenizer {
  #rest = '';
  /** Physical line (1-based) on which the next record starts. */
  #line = 1;
  // State of a record being read by the slow path.
  #inRecord = false;
  #fields: string[] = [];
  #field = '';
  #inQuotes = false;
  /** Just read a quote inside a quoted field: either an escaped quote or the closing one. */
  #quotePending = false;
  /** The current field had a closing quote; more text after it is malformed. */
  #closedQuote = false;
  #newlines = 0;
  #problem: string | undefined;

  write(chunk: string, emit: EmitRecord): void {
    const text = this.#rest.length ? this.#rest + chunk : chunk;
    this.#rest = '';
    let pos = 0;
    if (this.#inRecord) {
      pos = this.#slow(text, 0, emit);
      if (pos < 0) return;
    }
    // The next quote in the text, searched once and again only after it is passed: searching
    // per line would rescan the rest of the chunk for every quote-free line.
    let quote = text.indexOf('"', pos);
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1) {
        this.#rest = text.slice(pos);
        return;
      }
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (quote === -1 || quote > nl) {
        const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        emit(text.slice(pos, end).split(','), this.#line);
        this.#line++;
        pos = nl + 1;
        continue;
      }
      this.#inRecord = true;
      pos = this.#slow(text, pos, emit);
      if (pos < 0) return;
    }
  }

  /** Flushes the last record. A quote still open at the end is reported, not guessed at. */
  end(emit: EmitRecord): void {
    if (this.#inRecord && (this.#inQuotes && !this.#quotePending)) {
      const line = this.#line;
      this.#pushField();
      emit(this.#fields, line, '引号未闭合：这一行开始的带引号字段直到文件末尾都没有结束引号，其后的内容无法分行；请补上或删去这个引号');
      this.#reset();
      return;
    }
    if (this.#inRecord || this.#rest.length) this.write('\n', emit);
  }

  #reset() {
    this.#inRecord = false;
    this.#fields = [];
    this.#field = '';
    this.#inQuotes = false;
    this.#quotePending = false;
    this.#newlines = 0;
    this.#problem = undefined;
    this.#closedQuote = false;
  }

  #pushField() {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#closedQuote = false;
  }

  /** Reads from `i`; returns the position after the record, or -1 when the text ran out. */
  #slow(text: string, i: number, emit: EmitRecord): number {
    const n = text.length;
    while (i < n) {
      if (this.#quotePending) {
        this.#quotePending = false;
        if (text.charCodeAt(i) === 34) {
          this.#field += '"';
          i++;
          continue;
        }
        this.#inQuotes = false;
        this.#closedQuote = true;
      }
      if (this.#inQuotes) {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        const part = text.slice(i, end);
        this.#field += part;
        for (let k = part.indexOf('\n'); k !== -1; k = part.indexOf('\n', k + 1)) this.#newlines++;
        if (q === -1) return -1;
        this.#quotePending = true;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        this.#pushField();
        i++;
      } else if (c === 10) {
        if (!this.#closedQuote && this.#field.endsWith('\r')) this.#field = this.#field.slice(0, -1);
        this.#pushField();
        emit(this.#fields, this.#line, this.#problem);
        this.#line += this.#newlines + 1;
        this.#reset();
        return i + 1;
      } else if (c === 13 && this.#closedQuote && (i + 1 === n || text.charCodeAt(i + 1) === 10)) {
        i++; // CRLF after a closing quote
      } else if (c === 34 && this.#field === '' && !this.#closedQuote) {
        this.#inQuotes = true;
        i++;
      } else {
        // An unquoted run: up to the next comma, newline or (for a field start) quote.
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === 44 || d === 10) break;
          j++;
        }
        if (this.#closedQuote && !this.#problem) this.#problem = '结束引号之后还有文字：请用引号把整个单元格括起来';
        this.#field += text.slice(i, j);
        i = j;
      }
    }
    return -1;
  }
}
