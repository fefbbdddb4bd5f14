import { describe, expect, it } from 'vitest';
import { ByteCache } from './byte-cache.ts';

describe('ByteCache', () => {
  it('keeps its own copy of a key: the buffer it was read from is reused for the next rows', () => {
    const cache = new ByteCache<string>();
    const buf = Buffer.from('研发部,客服部');
    cache.set(buf, 0, 9, 'rnd');
    buf.write('客服部,研发部'); // the reader's buffer, refilled
    expect(cache.get(buf, 0, 9)).toBeUndefined();
    expect(cache.get(Buffer.from('研发部'), 0, 9)).toBe('rnd');
  });

  it('tells apart keys that share their length and sampled bytes', () => {
    const cache = new ByteCache<number>();
    const keys = Array.from({ length: 300 }, (_, i) => `D${String(i).padStart(3, '0')}X`);
    for (const [i, k] of keys.entries()) cache.set(Buffer.from(k), 0, k.length, i);
    for (const [i, k] of keys.entries()) expect(cache.get(Buffer.from(`,${k},`), 1, k.length + 1)).toBe(i);
  });
});
