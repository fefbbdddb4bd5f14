import { describe, expect, it } from 'vitest';
import { loadOrganization } from '../../src/model/load.ts';
import { DepartmentIndex, WallClock, isBlank, parseEnum, parsePeriod, parseTimestamp } from './values.ts';

const clock = new WallClock('Asia/Shanghai');
const iso = (v: unknown) => {
  const r = parseTimestamp(v, clock);
  return r.ok ? new Date(r.value).toISOString() : `bad: ${r.code}`;
};

describe('timestamps', () => {
  it.each([
    ['2026-11-30', '2026-11-29T16:00:00.000Z'],
    ['2026-11-30T18:00', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30 18:00:30', '2026-11-30T10:00:30.000Z'],
    ['2026-11-30T16:30:00Z', '2026-11-30T16:30:00.000Z'],
    ['2026-11-30T18:00:00+08:00', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30 18:00 +0100', '2026-11-30T17:00:00.000Z'],
    ['2026/11/30', '2026-11-29T16:00:00.000Z'],
    ['2026/11/30 18:00', '2026-11-30T10:00:00.000Z'],
    ['2026年11月30日', '2026-11-29T16:00:00.000Z'],
    ['2026年11月30日 18:00', '2026-11-30T10:00:00.000Z'],
    ['2028-02-29', '2028-02-28T16:00:00.000Z'],
    // Minutes of an offset run to 59: +08:60 is no offset, not +09:00.
    ['2026-11-30T18:00:00+08:60', 'bad: no-such-offset'],
    ['2026-11-30T18:00:00+15:00', 'bad: no-such-offset'],
  ])('%s → %s', (text, expected) => expect(iso(text)).toBe(expected));

  it('reads an Excel date cell as wall-clock time in the organisation zone', () => {
    expect(iso(new Date(Date.UTC(2026, 10, 30, 23, 30)))).toBe('2026-11-30T15:30:00.000Z');
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-11-30 24:00',
    '30/11/2026',
    '明天',
    '2026-11-30T18:00+15:00',
    '2026-11/30',
  ])('rejects %s', (text) => expect(iso(text)).toMatch(/^bad: /));

  it('follows daylight saving time in zones that have it', () => {
    const ny = new WallClock('America/New_York');
    const at = (t: string) => new Date((parseTimestamp(t, ny) as { value: number }).value).toISOString();
    expect(at('2026-07-01 12:00')).toBe('2026-07-01T16:00:00.000Z');
    expect(at('2026-12-01 12:00')).toBe('2026-12-01T17:00:00.000Z');
    // The day the clocks change (2026-03-08, 02:00 → 03:00): before and after the change.
    expect(at('2026-03-08 01:30')).toBe('2026-03-08T06:30:00.000Z');
    expect(at('2026-03-08 12:00')).toBe('2026-03-08T16:00:00.000Z');
  });

  it('treats empty cells and dashes as no value', () => {
    for (const v of ['', '  ', '-', '—', null, undefined]) expect(isBlank(v)).toBe(true);
    expect(isBlank('0')).toBe(false);
  });
});

describe('plan periods', () => {
  const p = (text: string, unit: 'year' | 'half' | 'quarter' | 'month') => {
    const r = parsePeriod(text, unit);
    return r.ok ? `${r.value.year}/${r.value.index}` : `bad: ${r.code}`;
  };
  it.each([
    ['2027', 'year', '2027/1'],
    ['2027年', 'year', '2027/1'],
    ['2027-H2', 'half', '2027/2'],
    ['2027年上半年', 'half', '2027/1'],
    ['2027下半年度', 'half', '2027/2'],
    ['2027-Q1', 'quarter', '2027/1'],
    ['2027Q3', 'quarter', '2027/3'],
    ['2027年第1季度', 'quarter', '2027/1'],
    ['2027年第四季度', 'quarter', '2027/4'],
    ['2027-01', 'month', '2027/1'],
    ['2027-1', 'month', '2027/1'],
    ['2027年12月', 'month', '2027/12'],
  ] as const)('%s as %s → %s', (text, unit, expected) => expect(p(text, unit)).toBe(expected));

  it('rejects a period that does not fit the level, and nonsense', () => {
    expect(p('2027-Q1', 'year')).toBe('bad: period-unit');
    expect(p('2027-13', 'month')).toBe('bad: no-such-month');
    expect(p('2027-Q5', 'quarter')).toBe('bad: unrecognised-period');
  });
});

describe('departments and enums', () => {
  const index = new DepartmentIndex(loadOrganization());
  it('matches id, Chinese name, English name in any case, and aliases', () => {
    for (const name of ['sales', '销售部', 'SALES', ' Sales ', '销售部门'])
      expect(index.resolve(name)).toEqual({ ok: true, value: 'sales' });
    expect(index.resolve('r&d')).toEqual({ ok: true, value: 'rnd' });
  });
  it('rejects an unknown department naming the expected ones', () => {
    const r = index.resolve('采购部');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('unknown-department');
  });
  it('reads enum spellings', () => {
    expect(parseEnum('季度', { annual: ['年度'], quarterly: ['季度'] })).toEqual({ ok: true, value: 'quarterly' });
    expect(parseEnum('Annual', { annual: ['年度'] })).toEqual({ ok: true, value: 'annual' });
    expect(parseEnum('半年', { annual: ['年度'] }).ok).toBe(false);
    // A list the policy leaves open (…等) takes another value as written, and still knows its own.
    const risks = { market: ['市场风险'], legal: ['法律风险'] };
    expect(parseEnum(' 运营风险 ', risks, true)).toEqual({ ok: true, value: '运营风险' });
    expect(parseEnum('法律风险', risks, true)).toEqual({ ok: true, value: 'legal' });
    expect(parseEnum('运营风险', risks).ok).toBe(false);
  });
});

describe('timestamps read from CSV bytes', () => {
  it('give the same instant as the text parser, or leave the cell to it', async () => {
    const { timestampFromBytes } = await import('./values.ts');
    const fc = (await import('fast-check')).default;
    const two = (n: number) => String(n).padStart(2, '0');
    const text = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 1900, max: 2100 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          fc.constantFrom('', ' ', 'T', ':'),
        )
        .map(
          ([y, mo, d, h, mi, sep]) =>
            `${y}-${two(mo)}-${two(d)}${sep ? `${sep}${two(h)}:${two(mi)}` : ''}${sep === ':' ? ':30' : ''}`,
        ),
      fc.string({ unit: fc.constantFrom('2', '0', '-', ':', ' ', 'T', '9', '1', '/'), maxLength: 19 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const bytes = Buffer.from(t);
        const fast = timestampFromBytes(bytes, 0, bytes.length, clock);
        if (Number.isNaN(fast)) return;
        const slow = parseTimestamp(t, clock);
        expect(slow).toEqual({ ok: true, value: fast });
      }),
      { numRuns: 2000 },
    );
    const at = (t: string) => timestampFromBytes(Buffer.from(t), 0, t.length, clock);
    expect(new Date(at('2028-02-29 23:30')).toISOString()).toBe('2028-02-29T15:30:00.000Z');
    expect(at('2026-02-29')).toBeNaN();
    expect(at('2026-11-30 24:00')).toBeNaN();
  });
});
