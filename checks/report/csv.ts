// CSV for Excel: UTF-8 with a BOM (so Excel in China opens it as UTF-8), CRLF, and any cell that
// starts with = + - @ (or a tab/CR) prefixed with ' so Excel shows it as text instead of running it.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import { statusZh } from './labels.ts';

export function neutralise(value: unknown): string {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsv(report: Report, org: Organization): string {
  const name = (id: string) => org.departments.find((d) => d.id === id)?.name ?? id;
  const header = ['部门', '部门编号', '状态', '制度', '要求编号', '要求', '对象', '截止日期', '实际时间', '逾期天数', '来源文件', '来源行', '链接'];
  const rows = report.findings.map((f) => [
    name(f.department), f.department, statusZh[f.status], f.policy, f.obligation, f.title, f.subject, f.due, f.actual ?? '', f.daysLate, f.source?.file ?? '', f.source?.line ?? '', f.link,
  ]);
  return '\uFEFF' + [header, ...rows].map((r) => r.map(neutralise).join(',')).join('\r\n') + '\r\n';
}
