import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRow } from './csv.ts';

function parse(chunks: (string | Uint8Array)[]) {
  const t = new CsvTokenizer();
  const out: { fields: string[]; line: number; problem?: string }[] = [];
  const emit = (row: CsvRow, line: number, problem?: string) => {
    const fields = row.toArray();
    out.push(problem ? { fields, line, problem } : { fields, line });
  };
  for (const c of chunks) t.write(typeof c === 'string' ? Buffer.from(c) : c, emit);
  t.end(emit);
  return out;
}

/** The UTF-8 bytes of `text` cut every `size` bytes, through characters too. */
function byteChunks(text: string, size: number) {
  const bytes = Buffer.from(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

describe('CSV tokenizer', () => {
  it('splits plain records and numbers lines from 1', () => {
    expect(parse(['a,b\n1,2\n3,4'])).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
    ]);
  });

  it('reads quoted commas, escaped quotes, CRLF and newlines inside quotes; a record spanning lines counts from its first', () => {
    expect(parse(['id,title\r\n1,"会议，""季度""\r\n复盘"\r\n2,x\r\n'])).toEqual([
      { fields: ['id', 'title'], line: 1 },
      { fields: ['1', '会议，"季度"\r\n复盘'], line: 2 },
      { fields: ['2', 'x'], line: 4 },
    ]);
  });

  it('gives the same records whatever the chunk boundaries, even inside a character', () => {
    const bytes = Buffer.from('a,"b\n""c"""\n"",x\r\n会议,"纪要，""确认"""\n1,2');
    const whole = parse([bytes]);
    expect(whole.map((r) => r.fields)).toEqual([
      ['a', 'b\n"c"'],
      ['', 'x'],
      ['会议', '纪要，"确认"'],
      ['1', '2'],
    ]);
    for (let i = 0; i <= bytes.length; i++) expect(parse([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(whole);
  });

  it('keeps a record of any length whole', () => {
    const big = '长'.repeat(300_000);
    const out = parse(byteChunks(`id,text\n1,"${big}"\n2,${big}\n`, 65_536));
    expect(out.map((r) => [r.line, r.fields[1]?.length])).toEqual([
      [1, 4],
      [2, big.length],
      [3, big.length],
    ]);
  });

  it('reads trailing empty fields and a last line without a newline', () => {
    expect(parse(['a,b,\n1,,']).map((r) => r.fields)).toEqual([
      ['a', 'b', ''],
      ['1', '', ''],
    ]);
  });

  it('reports an unterminated quote instead of guessing', () => {
    const out = parse(['a,b\n1,"open\n2,3\n']);
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ line: 2, problem: 'unterminated-quote' });
  });

  it('flags text after a closing quote and keeps both parts', () => {
    expect(parse(['"a""b"c,d\n'])[0]).toMatchObject({ fields: ['a"bc', 'd'], problem: 'text-after-quote' });
  });

  it('agrees with papaparse on well-formed random CSV cut anywhere', () => {
    const field = fc.oneof(fc.string({ unit: fc.constantFrom('a', '会', ',', '"', '\n', ' ', '1') }), fc.constant(''));
    const record = fc.array(field, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        (records, chunkSize) => {
          const text = Papa.unparse(records, { quotes: false, newline: '\n' });
          // A blank line is no record to the checker (it skips them), and the two parsers differ on a
          // trailing one, so compare non-blank records.
          const nonBlank = (r: string[]) => !(r.length === 1 && r[0] === '');
          const ours = parse(byteChunks(text, chunkSize))
            .map((r) => r.fields)
            .filter(nonBlank);
          const theirs = Papa.parse<string[]>(text, { newline: '\n' }).data.filter(nonBlank);
          expect(ours).toEqual(theirs);
        },
      ),
      { numRuns: 300 },
    );
  });
});
