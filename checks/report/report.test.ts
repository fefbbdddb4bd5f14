import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { loadOrganization } from '../../src/model/load.ts';
import { RejectionLog } from '../engine/rejections.ts';
import type { Report } from '../engine/types.ts';
import { format, formats } from './index.ts';
import { markdownText } from './markdown.ts';
import { neutralise } from './csv.ts';
import { printable } from './text.ts';
import { byDepartment } from './labels.ts';
import { forDepartment } from '../trends.ts';
import { statuses } from '../rules/index.ts';

const org = loadOrganization();
const finding = {
  rule: 'deadline',
  obligation: 'meeting-minutes',
  title: '整理并提交会议纪要',
  policy: 'OPS-08',
  version: '1.1.0',
  department: 'sales',
  subject: 'M-1',
  due: '2026-11-05',
  link: 'https://handbook.example.com/policies/08-meetings/#三会议记录与纪要',
  source: { file: 'meetings.csv', line: 2 },
  help: 'https://handbook.example.com/reference/checker/#deadline',
  detail: null,
};
const rejected = new RejectionLog();
rejected.add({
  file: 'plans.csv',
  line: 7,
  column: '部门',
  value: '采购部',
  code: 'unknown-department',
  problems: [{ column: '部门', value: '采购部', code: 'unknown-department' }],
});
const report: Report = {
  asOf: '2026-12-05',
  madeAt: '2026-12-05T01:00:00.000Z',
  since: '2026-11-01',
  timeZone: 'Asia/Shanghai',
  upcomingDays: 7,
  findings: [
    { ...finding, status: 'late', actual: '2026-11-05T16:01:00.000Z', daysLate: 1 },
    {
      ...finding,
      subject: '<script>alert(1)</script>',
      department: 'finance',
      status: 'missing',
      actual: null,
      daysLate: 29,
    },
    { ...finding, subject: '=cmd|"/c calc"!A1', status: 'missing', actual: null, daysLate: 3 },
    {
      ...finding,
      subject: '![p](http://x/p.png) *强调* <b>粗</b> [链接](http://x)',
      status: 'missing',
      actual: null,
      daysLate: 3,
      source: { file: '会议记录.xlsx', sheet: '会议', line: 15 },
    },
    {
      ...finding,
      rule: 'policy-review',
      obligation: 'policy-review',
      title: '按评审周期评审制度',
      policy: 'OPS-05',
      subject: 'OPS-05',
      status: 'missing',
      actual: null,
      daysLate: 10,
      source: { file: 'content/docs/policies/05-risk.mdx', line: 14 },
    },
    { ...finding, subject: 'M-\x1b[31mred\x1b[0m\r\n第二行\u202e', status: 'missing', actual: null, daysLate: 4 },
  ],
  upcoming: [(({ detail: _, ...u }) => ({ ...u, subject: 'M-4', daysLeft: 2 }))(finding)],
  rejected,
  warnings: [
    {
      code: 'duplicate-record',
      file: 'meetings.csv',
      line: 9,
      values: { type: 'meetings', key: 'M-1', count: 2, differs: true, lines: [{ file: 'meetings.csv', line: 12 }] },
    },
  ],
  summary: {
    files: [
      { file: 'meetings.csv', type: 'meetings', format: 'csv', encoding: 'utf-8', read: 9, accepted: 8, rejected: 1 },
    ],
    rows: { read: 9, accepted: 8, rejected: 1 },
    findings: { ...Object.fromEntries([...statuses.keys()].map((s) => [s, 0])), missing: 5, late: 1 },
    upcoming: 1,
    warnings: 1,
    obligations: [
      {
        policy: 'OPS-08',
        obligation: 'meeting-minutes',
        rule: 'deadline',
        records: ['meetings'],
        checked: true,
        evaluated: 9,
        met: 4,
        missing: 4,
        late: 1,
        other: 0,
        departments: { sales: { evaluated: 5, met: 2 }, finance: { evaluated: 4, met: 2 } },
      },
      {
        policy: '*',
        obligation: 'policy-review',
        rule: 'policy-review',
        records: [],
        checked: true,
        evaluated: 1,
        met: 0,
        missing: 1,
        late: 0,
        other: 0,
        departments: { operations: { evaluated: 1, met: 0 } },
      },
    ],
  },
};

describe('reporters', () => {
  it('json is the report, with the words for each rejection and warning added', () => {
    const json = JSON.parse(format(report, org, 'json'));
    expect({ ...json, rejected: undefined, warnings: undefined }).toEqual(
      JSON.parse(JSON.stringify({ ...report, rejected: undefined, warnings: undefined })),
    );
    expect(json.rejected).toEqual([
      {
        ...[...rejected][0],
        reason: expect.stringContaining('未知部门'),
        problems: [
          expect.objectContaining({ code: 'unknown-department', reason: expect.stringContaining('未知部门') }),
        ],
      },
    ]);
    expect(json.warnings[0].message).toContain('“M-1”共出现 2 次，内容不同');
  });

  it('text groups by department in the organisation order and shows local times; colour only when asked', () => {
    const text = format(report, org, 'text', { color: false });
    expect(text.indexOf('销售部（Sales）')).toBeLessThan(text.indexOf('财务部（Finance）'));
    expect(text).toContain('2026-11-06 00:01 提交，逾期 1 天');
    expect(text).toContain('读取 9 行 = 接受 8 + 拒绝 1');
    expect(text).toContain('7 日内到期');
    expect(text).toContain('会议记录.xlsx:会议:15');
    expect(text).not.toContain('\x1b[');
    expect(format(report, org, 'text', { color: true })).toContain('\x1b[');
  });

  it('text shows control characters in values escaped, never raw', () => {
    const text = format(report, org, 'text', { color: false });
    expect(text).toContain('M-\\x1b[31mred\\x1b[0m\\r\\n第二行\\u202e');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(printable('a\tb\u0007')).toBe('a\\tb\\x07');
  });

  it('the upcoming window comes from the report, not a fixed seven days', () => {
    const three = { ...report, upcomingDays: 3 };
    for (const f of ['text', 'md', 'html'] as const) {
      expect(format(three, org, f)).toContain('3 日内到期');
      expect(format(three, org, f)).not.toContain('7 日内到期');
    }
  });

  it('times read as Chinese readers read them: 北京时间, local wall-clock time, never a zone id or UTC', () => {
    const text = format(report, org, 'text', { color: false });
    expect(text).toContain('截至 2026-12-05（北京时间，');
    expect(text).not.toContain('Asia/Shanghai');
    const html = format(report, org, 'html');
    expect(html).toContain('生成于 2026-12-05 09:00（北京时间）');
    expect(html).not.toContain('2026-12-05T01:00:00.000Z');
  });

  it('html escapes every value', () => {
    const html = format(report, org, 'html');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('markdown escapes table cells, line breaks, links, images, emphasis and HTML in values', () => {
    const md = format(report, org, 'md');
    expect(md).toContain('\\=cmd\\|"/c calc"\\!A1'.replace('\\=', '='));
    // Dates and times read as written: nothing in them marks anything up mid-line.
    expect(md).toContain('| 2026-11-05 |');
    expect(md).not.toContain('2026\\-11');
    expect(markdownText('- 1. 列表')).toBe('\\- 1. 列表');
    expect(markdownText('1. 列表')).toBe('1\\. 列表');
    // A title that names a team pings nobody from a pull-request comment or a merge-request note.
    expect(markdownText('请 @example-co/operations 审阅')).toBe('请 @\u200bexample-co/operations 审阅');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('![p](');
    expect(md).not.toContain('<b>');
    expect(md).toContain('\\!\\[p\\]\\(http\\:');
    // One table row per finding: a CR or LF in a value does not start a new line.
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| 部门') && !l.startsWith('| ---'));
    expect(rows).toHaveLength(report.findings.length);
  });

  it('junit validates against the Jenkins/Ant JUnit schema and has one failure per finding (policy reviews included) and per rejected row', async () => {
    const xml = format(report, org, 'junit');
    const result = await validateXML({
      xml: [{ fileName: 'report.xml', contents: xml }],
      schema: [
        {
          fileName: 'junit-10.xsd',
          contents: readFileSync(join(import.meta.dirname, 'fixtures/junit-10.xsd'), 'utf8'),
        },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml.match(/<failure /g)).toHaveLength(report.findings.length + 1);
    expect(xml).toContain(`failures="${report.findings.length + 1}"`);
    expect(xml).toMatch(/<testsuite [^>]*name="\* policy-review" tests="1" failures="1" errors="0"/);
    expect(xml).not.toContain('<script>');
  });

  it('junit: a schema-invalid document is caught by the validator (the test can fail)', async () => {
    const broken = format(report, org, 'junit').replace(/ errors="0"/g, '');
    const result = await validateXML({
      xml: [{ fileName: 'report.xml', contents: broken }],
      schema: [
        {
          fileName: 'junit-10.xsd',
          contents: readFileSync(join(import.meta.dirname, 'fixtures/junit-10.xsd'), 'utf8'),
        },
      ],
    });
    expect(result.valid).toBe(false);
  });

  it('csv starts with a BOM, uses CRLF, neutralises formula cells and lists the rejected rows so that it reconciles', () => {
    const csv = format(report, org, 'csv');
    expect(csv.startsWith('\uFEFF部门,')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)']) expect(neutralise(bad).startsWith(`'`)).toBe(true);
    expect(neutralise('正常')).toBe('正常');
    const rejectedRows = csv.split('\r\n').filter((l) => l.split(',')[2] === '拒绝');
    expect(rejectedRows).toHaveLength(report.summary.rows.rejected);
    expect(rejectedRows[0]).toContain('plans.csv,,7,部门,采购部,部门：未知部门');
  });

  it('groups findings by department in one pass, keeping their order', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ department: ['finance', 'sales'][i % 2]!, i }));
    expect(byDepartment(org, items).map(([d, list]) => `${d}:${list.map((x) => x.i).join('')}`)).toEqual([
      'sales:13579',
      'finance:02468',
    ]);
  });

  it('every format renders', () => {
    for (const f of formats) expect(format(report, org, f).length).toBeGreaterThan(50);
  });
});

describe('every status a rule declares', () => {
  // One finding per status in the registry, so a rule that brings a new status is covered here.
  const all = [...statuses.keys()];
  const each: Report = {
    ...report,
    findings: all.map((status, i) => ({
      ...finding,
      subject: `S${i}Q`,
      status,
      actual: status === 'missing' ? null : '2026-11-05T16:01:00.000Z',
      daysLate: 1,
    })),
    summary: { ...report.summary, findings: Object.fromEntries(all.map((s) => [s, 1])) },
  };
  const words = new Map(all.map((s) => [s, statuses.get(s)!.zh]));

  it('every status has its own word', () => {
    expect(new Set(words.values()).size).toBe(all.length);
  });

  it.each(['text', 'md', 'html', 'csv', 'junit'] as const)('%s labels each finding with its own status word', (f) => {
    const out = format(each, org, f, { color: false });
    // A finding's part of the output: its line, or in JUnit its <testcase> element.
    const parts = f === 'junit' ? out.split('<testcase') : out.split(/\r?\n/);
    all.forEach((status, i) => {
      const part = parts.find((l) => l.includes(`S${i}Q`));
      expect(part, `${f}: no finding for ${status}`).toBeDefined();
      expect(part, `${f}: ${status}`).toContain(words.get(status)!);
      // No other status's word stands in for it (逾期 for everything not missing, say).
      const before = f === 'junit' ? part!.match(/message="([^"：]*)/)![1]! : part!.split(`S${i}Q`)[0]!;
      for (const [other, word] of words)
        if (other !== status && !words.get(status)!.includes(word))
          expect(before, `${f}: ${status} labelled ${other}`).not.toContain(word);
    });
  });

  it('the summary counts every status', () => {
    const text = format(each, org, 'text', { color: false });
    for (const word of words.values()) expect(text).toContain(`${word} 1 项`);
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
      expect(JSON.parse(format(checked, org, 'json')).findings[0]).toEqual(
        JSON.parse(JSON.stringify(checked.findings[0])),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('charts', () => {
  it('draws the on-time rate (with trends), findings by obligation and by age as SVG in currentColor, each with its data table', async () => {
    const { chartsOf, chartHtml } = await import('./charts.ts');
    const { escapeHtml } = await import('./html.ts');
    const withTrends: Report = {
      ...report,
      trends: {
        reports: ['2026-10-05', '2026-11-05'],
        onTime: [
          { month: '2026-10', department: 'sales', evaluated: 10, met: 8, rate: 0.8 },
          { month: '2026-11', department: 'sales', evaluated: 10, met: 9, rate: 0.9 },
        ],
        open: [{ asOf: '2026-10-05', policy: 'OPS-08', obligation: 'meeting-minutes', department: 'sales', count: 3 }],
      },
    };
    const charts = await chartsOf(withTrends, org);
    expect(charts.map((c) => c.id)).toEqual(['chart-on-time', 'chart-by-obligation', 'chart-by-age']);
    for (const c of charts) {
      expect(c.svg).toMatch(/^<svg[^>]* viewBox="0 0 [\d.]+ [\d.]+" role="img">/);
      expect(c.svg).toContain('currentColor');
    }
    expect(charts[0]!.table).toEqual({
      columns: ['部门', '2026-10', '2026-11'],
      rows: [['销售部（Sales）', '80%', '90%']],
    });
    const html = chartHtml(charts[2]!, escapeHtml);
    expect(html).toContain('<details><summary>数据表</summary><table>');
    // Without a second report there is no trend to draw.
    expect((await chartsOf(report, org)).map((c) => c.id)).not.toContain('chart-on-time');
    // The standalone HTML report carries them.
    expect(format(withTrends, org, 'html', { charts })).toContain('id="chart-by-age"');
  });
});

describe('a department’s Markdown report', () => {
  const trends: Report['trends'] = {
    reports: ['2026-10-05', '2026-11-05'],
    onTime: [{ month: '2026-11', department: 'sales', evaluated: 10, met: 9, rate: 0.9 }],
    open: [{ asOf: '2026-10-05', policy: 'OPS-08', obligation: 'meeting-minutes', department: 'sales', count: 3 }],
  };

  it('counts the exports’ rejected rows and warnings instead of listing other departments’ rows', () => {
    const md = format(forDepartment(report, 'finance'), org, 'md');
    expect(md).not.toContain('采购部');
    expect(md).not.toContain('### 被拒绝的行');
    expect(md).toContain('导出文件中有 1 行被拒绝、1 条警告（不分部门，详见全公司报告）');
    // The company's report lists them.
    expect(format(report, org, 'md')).toContain('### 被拒绝的行（1）');
  });

  it('a department nothing was due for gets a sentence, not a table without columns', () => {
    const md = format(forDepartment({ ...report, trends }, 'hr'), org, 'md');
    expect(md).toContain('按时完成率：历次检查中没有到期的要求，无从计算。');
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(line).not.toMatch(/\|\s*\|$/);
    expect(format(forDepartment({ ...report, trends }, 'sales'), org, 'md')).toContain('| 销售部（Sales） | 90% |');
  });
});

describe('charts’ labels', () => {
  it('the drawing is wide enough for Chinese labels at a full em each (Vega alone estimates 0.8 em)', async () => {
    const { chartsOf } = await import('./charts.ts');
    const title = '会议纪要整理后经参会人员确认再发布且按期存档';
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...report.findings[0]!,
      obligation: `o${i}`,
      title: `${title}${i}`,
    }));
    const [chart] = await chartsOf({ ...report, findings: many }, org);
    const width = Number(/viewBox="0 0 ([\d.]+)/.exec(chart!.svg)![1]);
    // The bars are 320 wide; each label is "OPS-08 " and 23 characters at 12 px.
    expect(width).toBeGreaterThanOrEqual(320 + 23 * 12);
    expect(chart!.title).toBe('未结的检查结果（按要求，共 20 项要求，图中为最多的 15 项）');
  });
});
