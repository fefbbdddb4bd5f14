// Reading a large CSV file on two threads must give exactly the report one pass in order gives:
// the same findings, lines, rejections, duplicate warnings and counts, wherever the cut falls.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { testOrganization } from '../../src/model/test-organization.ts';
import { runCheck, type ReadEvent } from '../run.ts';
import { planParts } from './parallel.ts';
import { minutesObligation, planObligation, testPolicy } from '../rules/fixture.ts';

// A policy of the test's own (minutes due three days after the meeting, as 8(三)2 is read; a
// monthly plan the day before its month): the shipped pages and their versions play no part.
const org = testOrganization();
const policies = [
  testPolicy(org, [minutesObligation(), planObligation('monthly-plan', 'monthly', 'month')], '2026-12-01'),
];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string | Uint8Array>) {
  const dir = mkdtempSync(join(tmpdir(), 'parallel-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The report as plain data, read on one thread and on two. */
async function both(dir: string) {
  const reads: ReadEvent[] = [];
  const run = async (parallelMinBytes: number) =>
    JSON.parse(
      JSON.stringify(
        await runCheck({
          recordsDir: dir,
          asOf: '2026-12-05',
          since: '2026-06-01',
          now: Date.UTC(2026, 11, 5),
          org,
          policies,
          parallelMinBytes,
          onRead: (e) => parallelMinBytes === 1 && reads.push(e),
        }),
      ),
    );
  return { one: await run(Number.POSITIVE_INFINITY), two: await run(1), reads };
}

const MEETINGS = '会议编号,会议类型,会议主题,组织部门,结束时间,纪要提交时间\n';
const meeting = (i: number, filed: string, title = `例会${i}`) =>
  `M${String(i).padStart(5, '0')},部门会议,${title},${['销售部', '财务部', '运营部'][i % 3]},2026-11-${String(1 + (i % 28)).padStart(2, '0')} 11:00,${filed}\n`;

describe('reading a CSV file on two threads', () => {
  it('gives the one-thread report: findings, rejected rows with their lines, duplicates across the cut', async () => {
    let text = MEETINGS;
    for (let i = 0; i < 400; i++) {
      const filed =
        i % 10 === 0
          ? ''
          : i % 10 === 1
            ? `2026-11-${String(1 + (i % 28)).padStart(2, '0')} 12:00`
            : i % 17 === 0
              ? 'soon'
              : '2026-12-30';
      text += meeting(i, filed, i % 7 === 0 ? `"周会，第${i}期\n""复盘"""` : undefined);
    }
    // Both in the second part: an id twice, with other data the second time.
    text += meeting(9000, '') + meeting(9000, '2026-11-05 09:00', '重复');
    const dir = folder({ 'meetings.csv': text });
    expect(planParts(join(dir, 'meetings.csv'), 1)).toBeDefined();
    const { one, two, reads } = await both(dir);
    expect(two).toEqual(one);
    // Two threads really read it: a worker that failed and fell back to one thread fails this.
    expect(reads).toEqual([{ file: 'meetings.csv', threads: 2 }]);
    expect(one.rejected.length).toBeGreaterThan(0);
    expect(JSON.stringify(one.warnings)).toContain('M09000');
    expect(one.summary.rows.read).toBe(402);
  });

  it('gives the one-thread report when an id in the second part was seen in the first', async () => {
    let text = MEETINGS;
    for (let i = 0; i < 200; i++) text += meeting(i, i % 5 ? '2026-11-30' : '');
    text += meeting(3, '2026-11-05 09:00', '重复');
    const dir = folder({ 'meetings.csv': text });
    const { one, two } = await both(dir);
    expect(two).toEqual(one);
    expect(JSON.stringify(one.warnings)).toContain('M00003');
  });

  it('gives the one-thread report when the cut falls inside a quoted field that holds newlines', async () => {
    let text = MEETINGS;
    for (let i = 0; i < 40; i++) text += meeting(i, '');
    // One title of many lines across the middle of the file.
    text += meeting(40, '', `"${'很长的会议纪要\n'.repeat(400)}"`);
    for (let i = 41; i < 60; i++) text += meeting(i, '');
    const dir = folder({ 'meetings.csv': text });
    const bytes = Buffer.from(text);
    const cut = planParts(join(dir, 'meetings.csv'), 1)!.cut;
    expect(cut).toBeGreaterThan(bytes.indexOf('很长的会议纪要'));
    expect(cut).toBeLessThan(bytes.lastIndexOf('很长的会议纪要'));
    const { one, two } = await both(dir);
    expect(two).toEqual(one);
    // Header, 40 meetings, then one of 401 lines.
    expect(one.findings.find((f: { subject: string }) => f.subject === 'M00041').source.line).toBe(1 + 40 + 401 + 1);
  });

  it('reads GB18030 exports (as Excel in China saves them) on two threads as well, cut inside a quoted field too', async () => {
    let text = MEETINGS;
    for (let i = 0; i < 300; i++)
      text += meeting(
        i,
        i % 6 === 0 ? '' : i % 11 === 0 ? '不是日期' : '2026-11-30',
        i % 5 === 0 ? `"季度复盘，第${i}期\n纪要"` : undefined,
      );
    const plain = folder({ 'meetings.csv': iconv.encode(text, 'gb18030') });
    expect(planParts(join(plain, 'meetings.csv'), 1)).toBeDefined();
    const split = await both(plain);
    expect(split.two).toEqual(split.one);
    expect(split.one.summary.files[0].encoding).toBe('gb18030');
    // The same rows as UTF-8 give the same findings and rejected rows.
    const utf8 = await both(folder({ 'meetings.csv': text }));
    expect(utf8.one.findings).toEqual(split.one.findings);
    expect(utf8.one.rejected).toEqual(split.one.rejected);

    let long = MEETINGS;
    for (let i = 0; i < 30; i++) long += meeting(i, '');
    long += meeting(30, '', `"${'很长的会议纪要\n'.repeat(300)}"`);
    for (let i = 31; i < 40; i++) long += meeting(i, '');
    const across = await both(folder({ 'meetings.csv': iconv.encode(long, 'gb18030') }));
    expect(across.two).toEqual(across.one);
  });

  it("keeps the earliest plan submission when the earlier one is in the second part (by the rule's combine, which the engine applies)", async () => {
    let text = 'plan_id,department,level,period,submitted_at\n';
    for (let i = 0; i < 300; i++)
      text += `P${i},${['sales', 'finance'][i % 2]},monthly,2026-${String(1 + (i % 12)).padStart(2, '0')},2026-12-02 10:00\n`;
    text += 'P900,sales,monthly,2026-12,2026-11-20 10:00\n';
    const dir = folder({ 'plans.csv': text });
    const { one, two, reads } = await both(dir);
    expect(two).toEqual(one);
    expect(reads).toEqual([{ file: 'plans.csv', threads: 2 }]);
    // Finance's December plan came late in every copy; sales' earliest, in the second part, was on time.
    const december = one.findings
      .filter((f: { subject: string }) => f.subject === '2026-12')
      .map((f: { department: string }) => f.department);
    expect(december).toContain('finance');
    expect(december).not.toContain('sales');
  });

  it('keeps the order of rejected rows and warnings when other files are read while the worker runs', async () => {
    let meetings = MEETINGS;
    for (let i = 0; i < 300; i++) meetings += meeting(i, i % 9 === 0 ? '不是日期' : '2026-11-30');
    meetings += meeting(5, '2026-11-29', '重复');
    const plans =
      'plan_id,department,level,period,submitted_at\nP1,sales,monthly,2026-12,2026-11-20\nP2,nowhere,monthly,2026-12,2026-11-20\n';
    const later = MEETINGS + meeting(7, '2026-11-30', '另一个导出') + meeting(9999, '坏日期');
    const dir = folder({ 'a-meetings.csv': meetings, 'b-plans.csv': plans, 'c-meetings.csv': later });
    const { one, two } = await both(dir);
    expect(two).toEqual(one);
    expect(one.rejected.map((r: { file: string }) => r.file)).toEqual(
      [...one.rejected.map((r: { file: string }) => r.file)].sort(),
    );
  });

  it('gives the one-thread report on random meeting exports', async () => {
    const row = fc.record({
      id: fc.integer({ min: 0, max: 60 }),
      title: fc.constantFrom('例会', '"含,逗号"', '"两\n行"', '""', '"未闭合'),
      filed: fc.constantFrom('', '2026-11-03 10:00', '2026-12-20', '不是日期', '-'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 80 }), async (rows) => {
        const dir = folder({ 'meetings.csv': MEETINGS + rows.map((r) => meeting(r.id, r.filed, r.title)).join('') });
        const { one, two } = await both(dir);
        expect(two).toEqual(one);
      }),
      { numRuns: 15 },
    );
  });
});
