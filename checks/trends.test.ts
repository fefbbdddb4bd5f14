import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHistory, trendsOf } from './trends.ts';

const report = (asOf: string, departments: Record<string, unknown> = { sales: { evaluated: 4, met: 3 } }) => ({
  asOf,
  findings: [{ policy: 'OPS-08', obligation: 'meeting-minutes', department: 'sales' }],
  summary: { obligations: [{ obligation: 'meeting-minutes', departments }] },
});
const history = (files: Record<string, unknown>) => {
  const dir = mkdtempSync(join(tmpdir(), 'history-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(data));
  return dir;
};

describe('history reports are checked before they are trusted', () => {
  it('sound reports give the trend, oldest first', () => {
    const points = readHistory(
      history({ 'b.json': report('2026-11-05'), 'a.json': report('2026-10-05') }),
      '2026-12-01',
    );
    expect(points.map((p) => p.asOf)).toEqual(['2026-10-05', '2026-11-05']);
    expect(trendsOf(points, report('2026-12-01') as never).onTime.map((t) => `${t.month} ${t.rate}`)).toEqual([
      '2026-10 0.75',
      '2026-11 0.75',
      '2026-12 0.75',
    ]);
  });

  it.each([
    ['a null finding', { ...report('2026-11-05'), findings: [null] }, /findings\[0\] is null/],
    ['counts written as text', report('2026-11-05', { sales: { evaluated: '4', met: '3' } }), /evaluated is "4"/],
    ['more met than evaluated', report('2026-11-05', { sales: { evaluated: 2, met: 3 } }), /met is 3/],
    ['a report dated after this check', report('2027-01-05'), /after this check's --as-of 2026-12-01/],
    ['markup in its date', report('<img src=x onerror=alert(1)>'), /asOf is "<img/],
    ['no such day', report('2026-02-30'), /asOf 2026-02-30 is no such day/],
  ])('%s stops the check naming the file and the field', (_name, data, message) => {
    expect(() => readHistory(history({ 'bad.json': data }), '2026-12-01')).toThrow(message);
    expect(() => readHistory(history({ 'bad.json': data }), '2026-12-01')).toThrow(
      /--history: bad\.json is not a sound/,
    );
  });
});
