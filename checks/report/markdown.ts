// Markdown for a CI job summary: a headline, a findings table, then rejected rows.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import { departmentLabel, headline, statusZh, whenText } from './labels.ts';

/** Table cells must not break the table or inject markup. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');

export function formatMarkdown(report: Report, org: Organization): string {
  const out = [`## 合规检查报告`, '', headline(report), ''];
  if (report.findings.length) {
    out.push('| 部门 | 状态 | 制度 | 要求 | 对象 | 截止 | 情况 | 来源 |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const f of report.findings)
      out.push(
        `| ${cell(departmentLabel(org, f.department))} | ${statusZh[f.status]} | [${f.policy}](${f.link}) | ${cell(f.title)} | ${cell(f.subject)} | ${f.due} | ${cell(whenText(f, report.timeZone))} | ${f.source ? cell(`${f.source.file}:${f.source.line}`) : ''} |`,
      );
    out.push('');
  } else out.push('没有发现违规。', '');
  if (report.upcoming.length) {
    out.push('### 7 日内到期', '');
    for (const u of report.upcoming) out.push(`- ${cell(departmentLabel(org, u.department))}：${cell(u.title)}（${cell(u.subject)}），截止 ${u.due}`);
    out.push('');
  }
  if (report.rejected.length) {
    out.push(`### 被拒绝的行（${report.rejected.length}）`, '', '| 文件 | 行 | 列 | 值 | 原因 |', '| --- | --- | --- | --- | --- |');
    for (const r of report.rejected) out.push(`| ${cell(r.file)} | ${r.line} | ${cell(r.column)} | ${cell(r.value)} | ${cell(r.reason)} |`);
    out.push('');
  }
  if (report.warnings.length) {
    out.push(`### 警告（${report.warnings.length}）`, '');
    for (const w of report.warnings) out.push(`- ${cell(w.message)}`);
    out.push('');
  }
  return out.join('\n');
}
