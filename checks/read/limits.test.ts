// Bounded cost: a record longer than any real one is rejected and skipped, never read for minutes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../run.ts';
import { MAX_RECORD_BYTES } from './csv.ts';

describe('a record over the length limit', () => {
  it('is one rejected row at its line, and reading goes on at the next line break', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'long-'));
    const long = `M0,部门会议,销售部,${'x'.repeat(2 * MAX_RECORD_BYTES)}`;
    writeFileSync(
      join(dir, 'm.csv'),
      `会议编号,会议类型,组织部门,结束时间,纪要提交时间\n${long}\nM1,部门会议,销售部,2026-06-02 10:00,\n`,
    );
    const r = await runCheck({ recordsDir: dir, asOf: '2026-07-01', since: '2026-06-01' });
    expect(r.summary.rows).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect([...r.rejected].map((x) => `${x.line} ${x.code}`)).toEqual(['2 record-too-long']);
    expect(
      r.findings.filter((f) => f.obligation === 'meeting-minutes').map((f) => `${f.subject}:${f.source?.line}`),
    ).toEqual(['M1:3']);
  });
});

describe('an NDJSON line over the length limit', () => {
  it('is one rejected row at its line; the lines after it are read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'long-'));
    const ok = (id: string) =>
      JSON.stringify({ meeting_id: id, type: 'project', organizer: 'rnd', end_at: '2026-06-02 10:00' });
    writeFileSync(
      join(dir, 'm.ndjson'),
      `${ok('N1')}\r\n{"meeting_id":"${'x'.repeat(2 * MAX_RECORD_BYTES)}"}\r\n${ok('N3')}\n`,
    );
    const r = await runCheck({ recordsDir: dir, asOf: '2026-07-01', since: '2026-06-01' });
    expect(r.summary.rows).toEqual({ read: 3, accepted: 2, rejected: 1 });
    expect([...r.rejected].map((x) => `${x.line} ${x.code}`)).toEqual(['2 record-too-long']);
    expect(
      r.findings.filter((f) => f.obligation === 'meeting-minutes').map((f) => `${f.subject}:${f.source?.line}`),
    ).toEqual(['N1:1', 'N3:3']);
  });
});
