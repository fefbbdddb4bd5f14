// Shared wording for reporters: Chinese labels for statuses and departments, one place.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';

export const statusZh = { missing: '缺失', late: '逾期' } as const;

export function departmentLabel(org: Organization, id: string): string {
  const d = org.departments.find((x) => x.id === id);
  return d ? `${d.name}（${d.nameEn}）` : id;
}

/** Groups items by department in the organisation's order. */
export function byDepartment<T extends { department: string }>(org: Organization, items: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.department, [...(groups.get(item.department) ?? []), item]);
  const order = org.departments.map((d) => d.id);
  return [...groups.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
}

export function headline(report: Report): string {
  const s = report.summary;
  return (
    `截至 ${report.asOf}（${report.timeZone}，自 ${report.since} 起）：` +
    `缺失 ${s.findings.missing} 项，逾期 ${s.findings.late} 项，7 日内到期 ${s.upcoming} 项；` +
    `读取 ${s.rows.read} 行 = 接受 ${s.rows.accepted} + 拒绝 ${s.rows.rejected}；警告 ${s.warnings} 条。`
  );
}

/** An instant as the organisation's clocks show it: 2026-12-01 00:30. */
export function localTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function whenText(f: { status: string; actual: string | null; daysLate: number }, timeZone: string): string {
  return f.status === 'late' && f.actual ? `${localTime(f.actual, timeZone)} 提交，逾期 ${f.daysLate} 天` : `未见记录，已逾期 ${f.daysLate} 天`;
}
