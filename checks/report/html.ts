// A standalone HTML page: no scripts, every value escaped. Rejected rows are grouped by file,
// column and reason (the JSON and CSV reports list every row).
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import { type Chart, chartHtml } from './charts.ts';
import {
  timeZoneName,
  localTime,
  departmentLabel,
  headline,
  rejectionGroupText,
  sourceText,
  statusZh,
  warningText,
  whenText,
  versionText,
} from './labels.ts';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

export function* htmlChunks(report: Report, org: Organization, charts: Chart[] = []): Generator<string> {
  const e = escapeHtml;
  yield `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>合规检查报告 ${e(report.asOf)}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2rem;line-height:1.6;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}tr.missing td:nth-child(2){color:#b00020;font-weight:600}tr.late td:nth-child(2){color:#8a5a00;font-weight:600}
.report-chart{margin:1.5rem 0}.report-chart figcaption{font-weight:600;margin-bottom:.5rem}.report-chart__drawing{overflow-x:auto}.scroll-hint{display:none}
@media (prefers-color-scheme:dark){body{background:#17181c;color:#e6e6e6}th{background:#2a2c33}th,td{border-color:#444}a{color:#8ab4f8}}
</style>
</head>
<body>
<h1>合规检查报告</h1>
<p>${e(headline(report, org))}</p>
<p>生成于 ${e(`${localTime(report.madeAt, report.timeZone)}（${timeZoneName(report.timeZone)}）`)}；导出文件：${report.summary.files.map((f) => e(`${sourceText(f)}（${f.read} 行）`)).join('、')}</p>
${charts.map((c) => chartHtml(c, e)).join('\n')}
<h2>违规（${report.findings.length}）</h2>
<table><thead><tr><th>部门</th><th>状态</th><th>制度</th><th>要求</th><th>对象</th><th>截止</th><th>情况</th><th>来源</th></tr></thead>
<tbody>
`;
  let out = '';
  for (const f of report.findings) {
    out += `<tr class="${e(f.status)}"><td>${e(departmentLabel(org, f.department))}</td><td>${e(statusZh(f.status))}</td><td><a href="${e(f.link)}">${e(f.policy)}</a> ${e(versionText(f.version))}</td><td>${e(f.title)}</td><td>${e(f.subject)}</td><td><time datetime="${e(f.due)}">${e(f.due)}</time></td><td>${e(whenText(f, report.timeZone))} <a href="${e(f.help)}" title="规则说明">（规则）</a></td><td>${f.source ? e(sourceText(f.source)) : ''}</td></tr>\n`;
    if (out.length > 1 << 13) {
      yield out;
      out = '';
    }
  }
  yield `${out}</tbody></table>\n`;
  if (report.upcoming.length) {
    yield `<h2>${report.upcomingDays} 日内到期</h2>\n<ul>\n${report.upcoming.map((u) => `<li>${e(departmentLabel(org, u.department))}：${e(u.title)}（${e(u.subject)}），截止 ${e(u.due)}</li>`).join('\n')}\n</ul>\n`;
  }
  if (report.rejected.count) {
    yield `<h2>被拒绝的行（${report.rejected.count}）</h2>\n<ul>\n${report.rejected.groups.map((g) => `<li>${e(rejectionGroupText(g, org))}</li>`).join('\n')}\n</ul>\n`;
  }
  if (report.warnings.length)
    yield `<h2>警告</h2>\n<ul>\n${report.warnings.map((w) => `<li>${e(warningText(w))}</li>`).join('\n')}\n</ul>\n`;
  yield '</body>\n</html>\n';
}
