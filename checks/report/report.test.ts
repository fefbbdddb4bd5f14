import { describe, expect, it } from 'vitest';
import { loadOrganization } from '../../src/model/load.ts';
import type { Report } from '../engine/types.ts';
import { format, formats } from './index.ts';
import { neutralise } from './csv.ts';

const org = loadOrganization();
const finding = {
  rule: 'event-obligation', obligation: 'meeting-minutes', title: '整理并提交会议纪要', policy: 'OPS-08', department: 'sales',
  subject: 'M-1', due: '2026-11-05', link: 'https://handbook.example.com/policies/08-meetings/#三会议记录与纪要',
  source: { file: 'meetings.csv', line: 2 },
  help: 'https://handbook.example.com/reference/checker/#event-obligation',
};
const report: Report = {
  asOf: '2026-12-05', since: '2026-11-01', timeZone: 'Asia/Shanghai',
  findings: [
    { ...finding, status: 'late', actual: '2026-11-05T16:01:00.000Z', daysLate: 1 },
    { ...finding, subject: '<script>alert(1)</script>', department: 'finance', status: 'missing', actual: null, daysLate: 29 },
    { ...finding, subject: '=cmd|"/c calc"!A1', status: 'missing', actual: null, daysLate: 3 },
  ],
  upcoming: [{ ...finding, subject: 'M-4', daysLeft: 2 }],
  rejected: [{ file: 'plans.csv', line: 7, column: '部门', value: '采购部', reason: 'unknown department', problems: [{ column: '部门', value: '采购部', reason: 'unknown department' }] }],
  warnings: [{ code: 'duplicate-record', file: 'meetings.csv', line: 9, message: 'meetings "M-1" appears twice' }],
  summary: {
    files: [{ file: 'meetings.csv', type: 'meetings', format: 'csv', encoding: 'utf-8', read: 9, accepted: 8, rejected: 1 }],
    rows: { read: 9, accepted: 8, rejected: 1 },
    findings: { missing: 2, late: 1 }, upcoming: 1, warnings: 1,
    obligations: [{ policy: 'OPS-08', obligation: 'meeting-minutes', rule: 'event-obligation', evaluated: 5, met: 2, missing: 2, late: 1 }],
  },
};

describe('reporters', () => {
  it('json is the report itself', () => {
    expect(JSON.parse(format(report, org, 'json'))).toEqual(report);
  });

  it('text groups by department in the organisation order and shows local times; colour only when asked', () => {
    const text = format(report, org, 'text', { color: false });
    expect(text.indexOf('销售部（Sales）')).toBeLessThan(text.indexOf('财务部（Finance）'));
    expect(text).toContain('2026-11-06 00:01 提交，逾期 1 天');
    expect(text).toContain('读取 9 行 = 接受 8 + 拒绝 1');
    expect(text).not.toContain('\x1b[');
    expect(format(report, org, 'text', { color: true })).toContain('\x1b[');
  });

  it('html escapes every value', () => {
    const html = format(report, org, 'html');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('markdown escapes table cells', () => {
    const md = format(report, org, 'md');
    expect(md).toContain('=cmd\\|"/c calc"!A1');
    expect(md).not.toContain('<script>');
  });

  it('junit is well-formed enough for dashboards: one failure per finding and per rejected row', () => {
    const xml = format(report, org, 'junit');
    expect(xml.match(/<failure /g)).toHaveLength(4);
    expect(xml).toContain('failures="4"');
    expect(xml).not.toContain('<script>');
  });

  it('csv starts with a BOM, uses CRLF and neutralises formula cells', () => {
    const csv = format(report, org, 'csv');
    expect(csv.startsWith('\uFEFF部门,')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)']) expect(neutralise(bad).startsWith(`'`)).toBe(true);
    expect(neutralise('正常')).toBe('正常');
  });

  it('every format renders', () => {
    for (const f of formats) expect(format(report, org, f).length).toBeGreaterThan(50);
  });
});

describe('json from a real check', () => {
  it('writes each finding exactly as JSON.stringify would, quotes and backslashes in ids included', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCheck } = await import('../run.ts');
    const dir = mkdtempSync(join(tmpdir(), 'json-'));
    try {
      writeFileSync(
        join(dir, 'meetings.csv'),
        '会议编号,会议类型,组织部门,结束时间,纪要提交时间\n"M-""1""\\x",部门会议,销售部,2026-11-02 10:00,\nM-2 会,部门会议,财务部,2026-11-02 10:00,2026-11-20 09:00\n',
      );
      const checked = await runCheck({ recordsDir: dir, asOf: '2026-12-05', since: '2026-11-01' });
      expect(checked.findings.map((f) => f.subject)).toContain('M-"1"\\x');
      // The same text as from plain finding objects, field order included.
      const plain = { ...checked, findings: checked.findings.map((f) => JSON.parse(JSON.stringify(f))) };
      expect(format(checked, org, 'json')).toBe(format(plain, org, 'json'));
      expect(JSON.parse(format(checked, org, 'json')).findings[0]).toEqual(JSON.parse(JSON.stringify(checked.findings[0])));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
