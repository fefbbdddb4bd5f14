// CSV for Excel: UTF-8 with a BOM (so Excel in China opens it as UTF-8), CRLF, and any cell that
// starts with = + - @ (or a tab/CR) prefixed with ' so Excel shows it as text instead of running
// it. Findings first, then every rejected row under the same columns (状态 拒绝), so that a
// spreadsheet reconciles: rows read = accepted + the rejected rows listed here.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import { problemText, statusZh } from './labels.ts';

export function neutralise(value: unknown): string {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function* csvChunks(report: Report, org: Organization): Generator<string> {
  const name = new Map(org.departments.map((d) => [d.id, d.name]));
  const header = [
    '部门',
    '部门编号',
    '状态',
    '制度',
    '版本',
    '要求编号',
    '要求',
    '对象',
    '截止日期',
    '实际时间',
    '逾期天数',
    '来源文件',
    '工作表',
    '来源行',
    '列',
    '值',
    '原因',
    '链接',
  ];
  let out = `\uFEFF${header.join(',')}\r\n`;
  const row = (cells: unknown[]) => `${cells.map(neutralise).join(',')}\r\n`;
  for (const f of report.findings) {
    out += row([
      name.get(f.department) ?? f.department,
      f.department,
      statusZh(f.status),
      f.policy,
      f.version,
      f.obligation,
      f.title,
      f.subject,
      f.due,
      f.actual ?? '',
      f.daysLate,
      f.source?.file ?? '',
      f.source?.sheet ?? '',
      f.source?.line ?? '',
      '',
      '',
      '',
      f.link,
    ]);
    if (out.length > 1 << 13) {
      yield out;
      out = '';
    }
  }
  for (const r of report.rejected) {
    out += row([
      '',
      '',
      '拒绝',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      r.file,
      r.sheet ?? '',
      r.line,
      r.column,
      r.value,
      r.problems.map((p) => (p.column ? `${p.column}：` : '') + problemText(p, org)).join('；'),
      '',
    ]);
    if (out.length > 1 << 13) {
      yield out;
      out = '';
    }
  }
  yield out;
}
