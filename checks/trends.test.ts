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

  it('a backfill: a check with an earlier as-of keeps the later reports, and its trends run in as-of order', () => {
    const points = readHistory(
      history({ 'report-2026-11-30.json': report('2026-11-30'), 'report-2026-11-02.json': report('2026-11-02') }),
      '2026-12-01',
    );
    const trends = trendsOf(points, report('2026-11-16') as never);
    expect(trends.reports).toEqual(['2026-11-02', '2026-11-16', '2026-11-30']);
    expect([...new Set(trends.open.map((o) => o.asOf))]).toEqual(['2026-11-02', '2026-11-16', '2026-11-30']);
  });

  it.each([
    ['a null finding', { ...report('2026-11-05'), findings: [null] }, /findings\[0\] is null/],
    ['counts written as text', report('2026-11-05', { sales: { evaluated: '4', met: '3' } }), /evaluated is "4"/],
    ['more met than evaluated', report('2026-11-05', { sales: { evaluated: 2, met: 3 } }), /met is 3/],
    ['a report dated after today', report('2027-01-05'), /after today \(2026-12-01\)/],
    ['markup in its date', report('<img src=x onerror=alert(1)>'), /asOf is "<img/],
    ['no such day', report('2026-02-30'), /asOf 2026-02-30 is no such day/],
  ])('%s stops the check naming the file and the field', (_name, data, message) => {
    expect(() => readHistory(history({ 'bad.json': data }), '2026-12-01')).toThrow(message);
    expect(() => readHistory(history({ 'bad.json': data }), '2026-12-01')).toThrow(
      /--history: bad\.json is not a sound/,
    );
  });
});
