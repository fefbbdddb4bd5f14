// Whatever an export contains, the checker either reports (and the report reconciles) or stops
// with a CheckError saying what to fix: it never crashes with anything else and never hangs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CheckError, runCheck } from '../run.ts';

const PLANS = 'plan_id,department,level,period,submitted_at';
const MEETINGS = '会议编号,会议类型,组织部门,结束时间,纪要提交时间';

async function survive(name: string, content: Uint8Array | string) {
  const dir = mkdtempSync(join(tmpdir(), 'robust-'));
  try {
    writeFileSync(join(dir, name), content);
    const report = await runCheck({ recordsDir: dir, asOf: '2026-12-05', since: '2026-11-01' });
    for (const f of report.summary.files) expect(f.read).toBe(f.accepted + f.rejected);
    const { read, accepted, rejected } = report.summary.rows;
    expect(read).toBe(accepted + rejected);
    expect(report.rejected.count).toBe(rejected);
    expect([...report.rejected]).toHaveLength(rejected);
    return report;
  } catch (error) {
    if (!(error instanceof CheckError)) throw error;
    expect(error.message).toContain(name);
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cell = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '销售部',
    'finance',
    '年度',
    'quarterly',
    '2027',
    '2027-Q1',
    '2026-11-30 18:00',
    '2026年11月30日',
    '"',
    '""',
    ',',
    '\n',
    '\r\n',
    '—',
    '\uFFFD',
  ),
);
const csvText = (header: string) =>
  fc
    .tuple(fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 20 }), fc.constantFrom('\n', '\r\n'))
    .map(([rows, newline]) => [header, ...rows.map((r) => r.join(','))].join(newline));

describe('readers on random and malformed input', () => {
  it('CSV: random rows under a real header, in UTF-8 and GB18030', async () => {
    await fc.assert(
      fc.asyncProperty(csvText(PLANS), fc.boolean(), async (text, gb) => {
        await survive('plans.csv', gb ? iconv.encode(text, 'gb18030') : text);
      }),
      { numRuns: 60 },
    );
  });

  it('CSV/NDJSON/JSON/XLSX: binary junk', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('x.csv', 'x.ndjson', 'x.json', 'x.xlsx'),
        async (bytes, name) => {
          await survive(name, bytes);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('truncated UTF-8, the wrong encoding, a 1 MB field, 10,000 columns, a header only, an empty file', async () => {
    const utf8 = Buffer.from(`${MEETINGS}\nM1,部门会议,销售部,2026-11-02 17:00,2026-11-03\n`);
    await survive('truncated.csv', utf8.subarray(0, utf8.length - 5));
    // UTF-8 for the first 64 KB (so detected as UTF-8), then a row saved as GB18030: the bad
    // bytes are reported, the row is rejected (its department no longer matches), nothing is lost.
    const rows = Array.from({ length: 2000 }, (_, i) => `M${i},部门会议,销售部,2026-11-02 17:00,2026-11-03\n`).join('');
    const wrong = await survive(
      'wrong.csv',
      Buffer.concat([
        Buffer.from(`${MEETINGS}\n${rows}`),
        iconv.encode('X1,部门会议,销售部,2026-11-02 17:00,\n', 'gb18030'),
      ]),
    );
    expect(wrong?.warnings.some((w) => w.code === 'invalid-bytes')).toBe(true);
    expect(wrong?.summary.rows).toEqual({ read: 2001, accepted: 2000, rejected: 1 });
    // A whole file in GB18030 where UTF-8 was expected is detected, not mangled.
    expect((await survive('gb.csv', iconv.encode(utf8.toString(), 'gb18030')))?.summary.rows.accepted).toBe(1);
    const big = await survive(
      'big.csv',
      `${MEETINGS},备注\nM1,部门会议,销售部,2026-11-02 17:00,2026-11-03,"${'长'.repeat(1 << 20)}"\n`,
    );
    expect(big?.summary.rows.accepted).toBe(1);
    const wide = await survive(
      'wide.csv',
      `${MEETINGS},${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\nM1,部门会议,销售部,2026-11-02 17:00,2026-11-03\n`,
    );
    expect(wide?.summary.rows.read).toBe(1);
    expect((await survive('header.csv', `${MEETINGS}\n`))?.summary.rows.read).toBe(0);
    // An empty file alone: nothing could be read, which stops the check with the file named.
    expect(await survive('empty.csv', '')).toBeUndefined();
    await survive('empty.json', '');
    await survive('empty.ndjson', '');
  });
});
