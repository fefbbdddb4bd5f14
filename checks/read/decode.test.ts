import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { readUtf8, type DecodeStats } from './decode.ts';

const dir = mkdtempSync(join(tmpdir(), 'decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a file through readUtf8 into one buffer. */
function read(bytes: Uint8Array, range?: { start: number; end: number }) {
  const path = join(dir, `f${Math.random()}.csv`);
  writeFileSync(path, bytes);
  let out = Buffer.alloc(1 << 20);
  let len = 0;
  const stats: Partial<DecodeStats> = {};
  readUtf8(
    path,
    {
      reserve(min) {
        if (out.length - len < min) out = Buffer.concat([out.subarray(0, len), Buffer.alloc(min)]);
        return { buffer: out, offset: len, length: out.length - len };
      },
      commit(n) {
        len += n;
      },
    },
    stats,
    undefined,
    range && { ...range, pastEnd: () => false },
  );
  return { text: out.subarray(0, len).toString('utf8'), stats };
}

describe('readUtf8', () => {
  it('counts invalid bytes exactly, also where a read of 1 MB ends inside a character', () => {
    // '会' (3 bytes) across the 1 MB boundary, two stray 0xFF bytes, and a real U+FFFD.
    const head = Buffer.from('a'.repeat((1 << 20) - 1));
    const bytes = Buffer.concat([
      head,
      Buffer.from('会\n'),
      Buffer.from([0xff]),
      Buffer.from('x\uFFFD'),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    const { text, stats } = read(bytes);
    expect(stats).toMatchObject({ encoding: 'utf-8', replacements: 2 });
    expect(text.slice(-7)).toBe('会\n\uFFFDx\uFFFD\uFFFD\n');
  });

  it('drops a BOM and transcodes GB18030 to UTF-8', () => {
    expect(read(Buffer.from('\uFEFF编号,部门\n'))).toMatchObject({
      text: '编号,部门\n',
      stats: { encoding: 'utf-8-bom' },
    });
    expect(read(iconv.encode('编号,部门\n销售部,季度', 'gb18030'))).toMatchObject({
      text: '编号,部门\n销售部,季度',
      stats: { encoding: 'gb18030', replacements: 0 },
    });
  });

  it('reads only the bytes of a part', () => {
    expect(read(Buffer.from('h\n1\n2\n3\n'), { start: 4, end: 6 }).text).toBe('2\n');
  });
});
