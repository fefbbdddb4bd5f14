// Terminal report: findings grouped by department, colour only when asked (the CLI asks on a TTY).
import pc from 'picocolors';
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import { byDepartment, departmentLabel, headline, statusZh, whenText } from './labels.ts';

export function formatText(report: Report, org: Organization, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const out: string[] = [c.bold(headline(report)), ''];
  for (const [dept, findings] of byDepartment(org, report.findings)) {
    out.push(c.bold(departmentLabel(org, dept)));
    for (const f of findings) {
      const status = f.status === 'missing' ? c.red(statusZh.missing) : c.yellow(statusZh.late);
      const where = f.source ? c.dim(` ${f.source.file}:${f.source.line}`) : '';
      out.push(`  ${status} ${f.policy} ${f.title} · ${f.subject} · 截止 ${f.due} · ${whenText(f, report.timeZone)}${where}`);
    }
    out.push('');
  }
  if (report.upcoming.length) {
    out.push(c.bold('7 日内到期'));
    for (const u of report.upcoming) out.push(`  ${c.cyan('即将到期')} ${departmentLabel(org, u.department)} ${u.title} · ${u.subject} · 截止 ${u.due}（还有 ${u.daysLeft} 天）`);
    out.push('');
  }
  if (report.rejected.length) {
    out.push(c.bold(`被拒绝的行（${report.rejected.length}）`));
    for (const r of report.rejected) out.push(`  ${c.red('拒绝')} ${r.file}:${r.line} ${r.column ? `列「${r.column}」` : ''}${r.value ? ` 值「${r.value}」` : ''}：${r.reason}`);
    out.push('');
  }
  if (report.warnings.length) {
    out.push(c.bold(`警告（${report.warnings.length}）`));
    for (const w of report.warnings) out.push(`  ${c.yellow('警告')} ${w.message}`);
    out.push('');
  }
  out.push(c.bold('文件'));
  for (const f of report.summary.files)
    out.push(`  ${f.file}${f.sheet ? ` [${f.sheet}]` : ''}（${f.type}，${f.format}${f.encoding ? `，${f.encoding}` : ''}）：读取 ${f.read} = 接受 ${f.accepted} + 拒绝 ${f.rejected}`);
  return out.join('\n') + '\n';
}
