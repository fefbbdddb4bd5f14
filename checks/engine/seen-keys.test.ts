import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenKeys } from './seen-keys.ts';

/** Adds ids alternately as bytes and as text, the way CSV cells and workbook cells arrive. */
function firstSightings(ids: string[], seen = new SeenKeys()) {
  return ids.map((id, i) => {
    if (i % 2 === 1) return seen.addString(id);
    const bytes = Buffer.from(`,${id},`);
    return seen.addBytes(bytes, 1, bytes.length - 1);
  });
}

describe('SeenKeys', () => {
  it('tells a repeated id whether it came as bytes or as text, for every shape of id', () => {
    const ids = [
      'M00000001',
      'HY-2026-0042',
      '会议-0007',
      'alpha',
      '1234567890123456789',
      'M001',
      'M01',
      'M1',
      '0',
      '',
    ];
    expect(firstSightings([...ids, ...ids.toReversed()])).toEqual([...ids.map(() => true), ...ids.map(() => false)]);
  });

  it('keeps ids that differ only in leading zeros apart', () => {
    expect(firstSightings(['M001', 'M01', 'M1', 'M001'])).toEqual([true, true, true, false]);
  });

  it('stays exact when a family turns out sparse and moves to fingerprints', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `X${String(i * 1_000_003).padStart(12, '0')}`);
    expect(firstSightings([...ids, ...ids])).toEqual([...ids.map(() => true), ...ids.map(() => false)]);
  });

  it('handles numbers that arrive newest first', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `M${String(100_000 - i).padStart(8, '0')}`);
    expect(firstSightings([...ids, ids[17]!]).filter((x) => !x)).toHaveLength(1);
  });

  it('agrees with a Set on random ids', () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 400 }).map((n) => `M${String(n).padStart(4, '0')}`),
      fc.integer({ min: 0, max: 2 ** 40 }).map((n) => `R${n}`),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const set = new Set<string>();
        const expected = ids.map((x) => !set.has(x) && !!set.add(x));
        expect(firstSightings(ids)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('reports overlap between tables from two threads, and absorbs a disjoint one', () => {
    const a = new SeenKeys();
    const b = new SeenKeys();
    firstSightings(['M0001', 'M0002', 'plain', `Z${'9'.repeat(20)}`], a);
    firstSightings(['M0003', 'other'], b);
    expect(a.overlaps(b.snapshot())).toBe(false);
    a.absorb(b.snapshot());
    expect(firstSightings(['M0003', 'other', 'M0004'], a)).toEqual([false, false, true]);
    const c = new SeenKeys();
    firstSightings(['M0002'], c);
    expect(a.overlaps(c.snapshot())).toBe(true);
    const d = new SeenKeys();
    firstSightings(['plain'], d);
    expect(a.overlaps(d.snapshot())).toBe(true);
  });
});
