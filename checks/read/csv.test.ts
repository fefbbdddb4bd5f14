import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from './csv.ts';

function parse(chunks: string[]) {
  const t = new CsvTokenizer();
  const out: { fields: string[]; line: number; problem?: string }[] = [];
  const emit = (fields: string[], line: number, problem?: string) => out.push(problem ? { fields, line, problem } : { fields, line });
  for (const c of chunks) t.write(c, emit);
  t.end(emit);
  return out;
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

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'a,"b\n""c"""\n"",x\n1,2';
    const whole = parse([text]);
    for (let i = 0; i <= text.length; i++) expect(parse([text.slice(0, i), text.slice(i)])).toEqual(whole);
  });

  it('reports an unterminated quote instead of guessing', () => {
    const out = parse(['a,b\n1,"open\n2,3\n']);
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ line: 2, problem: expect.stringContaining('引号未闭合') });
  });

  it('flags text after a closing quote', () => {
    expect(parse(['"a"b,c\n'])[0]?.problem).toContain('结束引号之后还有文字');
  });

  it('agrees with papaparse on well-formed random CSV', () => {
    const field = fc.oneof(fc.string({ unit: fc.constantFrom('a', '会', ',', '"', '\n', ' ', '1') }), fc.constant(''));
    const record = fc.array(field, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 7 }), (records, chunkSize) => {
        const text = Papa.unparse(records, { quotes: false, newline: '\n' });
        const chunks: string[] = [];
        for (let i = 0; i < text.length; i += chunkSize) chunks.push(text.slice(i, i + chunkSize));
        // A blank line is no record to the checker (it skips them), and the two parsers differ on a
        // trailing one, so compare non-blank records.
        const nonBlank = (r: string[]) => !(r.length === 1 && r[0] === '');
        const ours = parse(chunks).map((r) => r.fields).filter(nonBlank);
        const theirs = Papa.parse<string[]>(text, { newline: '\n' }).data.filter(nonBlank);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });
});
