// The scheduled report as the workflow runs it: the same script, on the sample exports, twice.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrganization, repoRoot } from '../src/model/load.ts';

const run = (cwd: string, asOf: string) =>
  spawnSync(
    'node',
    [join(repoRoot, 'scripts/compliance-report.ts'), '--as-of', asOf, '--history', 'history', '--out', 'out'],
    { cwd, encoding: 'utf8' },
  );

describe('scheduled compliance report', () => {
  it('run twice with different as-of days: history keeps both, the trend shows both points, every department gets its report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduled-'));
    const first = run(dir, '2026-10-15');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1); // the samples have findings: the report, not a failure
    const second = run(dir, '2026-11-24');
    expect(second.status).toBe(1);
    expect(readdirSync(join(dir, 'history')).sort()).toEqual(['report-2026-10-15.json', 'report-2026-11-24.json']);
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(report.trends.reports).toEqual(['2026-10-15', '2026-11-24']);
    expect(new Set(report.trends.onTime.map((t: { month: string }) => t.month))).toEqual(
      new Set(['2026-10', '2026-11']),
    );
    expect(new Set(report.trends.open.map((t: { asOf: string }) => t.asOf))).toEqual(
      new Set(['2026-10-15', '2026-11-24']),
    );
    for (const f of ['report.md', 'report.html', 'report.csv']) expect(existsSync(join(dir, 'out', f)), f).toBe(true);

    // A dispatch with an earlier as-of backfills: it runs, joins the history, and the trends run in as-of order.
    const backfill = run(dir, '2026-11-02');
    expect(backfill.stderr).toBe('');
    expect(backfill.status).toBe(1);
    expect(readdirSync(join(dir, 'history')).sort()).toEqual([
      'report-2026-10-15.json',
      'report-2026-11-02.json',
      'report-2026-11-24.json',
    ]);
    const backfilled = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(backfilled.asOf).toBe('2026-11-02');
    expect(backfilled.trends.reports).toEqual(['2026-10-15', '2026-11-02', '2026-11-24']);
    for (const d of loadOrganization().departments) {
      const md = readFileSync(join(dir, 'out/departments', `${d.id}.md`), 'utf8');
      expect(md, d.id).toContain(`仅${d.name}`);
      // Only that department's findings.
      const others = loadOrganization().departments.filter((x) => x.id !== d.id && x.kind === 'department');
      for (const o of others) expect(md, `${d.id} mentions ${o.id}`).not.toContain(`| ${o.name}（`);
    }
  });

  it('never writes the reports among the exports or into the history, nor the history among the exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scheduled-'));
    const records = join(dir, 'exports');
    cpSync(join(repoRoot, 'checks/samples'), records, { recursive: true });
    const before = readdirSync(records).sort();
    const run = (...args: string[]) =>
      spawnSync('node', [join(repoRoot, 'scripts/compliance-report.ts'), '--records', records, ...args], {
        cwd: dir,
        encoding: 'utf8',
      });
    for (const [args, message] of [
      [['--out', records, '--history', 'history'], '--out "'],
      [['--out', 'out', '--history', join(records, 'history')], '--history "'],
      [['--out', join(dir, 'history'), '--history', 'history'], 'which this run reads'],
    ] as const) {
      const r = run(...args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(readdirSync(records).sort()).toEqual(before);
  });
});
