// Markdown for a CI job summary: a headline, a findings table, rejected rows grouped, warnings.
// Every value is escaped for the place it goes: table cells cannot break the table, and no value
// can become a link, an image, emphasis or HTML.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import {
  departmentLabel,
  headline,
  rejectionGroupText,
  sourceText,
  statusZh,
  trendRows,
  warningText,
  whenText,
  versionText,
} from './labels.ts';

/**
 * Text as Markdown shows it literally: the punctuation Markdown or GFM gives a meaning (links,
 * images, emphasis, code, tables, headings) is backslash-escaped, list markers at the start and
 * autolink schemes too, `<` and `>` become entities, and line breaks become spaces.
 */
export function markdownText(value: unknown): string {
  // Characters that mark something up anywhere; - + . only at the start (a list item), : and . only
  // where GitHub would make a link of them (http:, www.), so dates and times read as written:
  // 2026-11-02 09:30, not 2026\-11\-02 09\:30.
  return (
    String(value ?? '')
      .replace(/[\\`*_{}[\]()#!|~]/g, (ch) => `\\${ch}`)
      .replace(/^([-+])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
      .replace(/(https?|ftp|mailto):/gi, '$1\\:')
      .replace(/www\./gi, 'www\\.')
      .replace(/[<>&]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[ch]!)
      // A value never mentions anyone: "@org/team" in a title would ping the team from a comment.
      .replace(/@/g, '@\u200b')
      .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
  );
}

/** A URL as a link destination: in angle brackets, with what could end it escaped. */
const destination = (url: string) => `<${url.replace(/[<>\s]/g, encodeURIComponent)}>`;

export function* markdownChunks(report: Report, org: Organization): Generator<string> {
  const m = markdownText;
  yield `## 合规检查报告\n\n${m(headline(report, org))}\n\n`;
  if (report.findings.length) {
    let out =
      '| 部门 | 状态 | 制度 | 要求 | 对象 | 截止 | 情况 | 来源 |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n';
    for (const f of report.findings) {
      out += `| ${m(departmentLabel(org, f.department))} | ${statusZh(f.status)} | [${m(f.policy)}](${destination(f.link)}) ${m(versionText(f.version))} | ${m(f.title)} | ${m(f.subject)} | ${m(f.due)} | ${m(whenText(f, report.timeZone))} | ${f.source ? m(sourceText(f.source)) : ''} |\n`;
      if (out.length > 1 << 13) {
        yield out;
        out = '';
      }
    }
    yield `${out}\n`;
  } else yield '没有发现违规。\n\n';
  if (report.upcoming.length) {
    let out = `### ${report.upcomingDays} 日内到期\n\n`;
    for (const u of report.upcoming)
      out += `- ${m(departmentLabel(org, u.department))}：${m(u.title)}（${m(u.subject)}），截止 ${m(u.due)}\n`;
    yield `${out}\n`;
  }
  // A department's report (--department) does not list the exports' rejected rows and warnings: they
  // are not one department's (a row that cannot be read has no department to trust), and the
  // company's report lists them for whoever runs the exports. It says how many there are, since a
  // rejected row of its own is a record nobody judged.
  if (report.department && (report.rejected.count || report.warnings.length)) {
    yield `### 导出数据的问题\n\n导出文件中有 ${report.rejected.count} 行被拒绝、${report.warnings.length} 条警告（不分部门，详见全公司报告）。被拒绝的行没有核查：如有本部门的记录，上面的检查结果不含它们。\n\n`;
  }
  if (report.rejected.count && !report.department) {
    let out = `### 被拒绝的行（${report.rejected.count}）\n\n`;
    for (const g of report.rejected.groups) out += `- ${m(rejectionGroupText(g, org))}\n`;
    yield `${out}\n`;
  }
  if (report.trends) {
    const { months, onTime, open } = trendRows(org, report.trends);
    let out = '### 趋势\n\n';
    // A table needs a column per month: with no month to show (a department nothing was due for),
    // a sentence says so instead of a table GitHub cannot draw.
    if (months.length && onTime.length) {
      out += `按时完成率（每月最后一次检查）：\n\n| 部门 | ${months.map(m).join(' | ')} |\n| --- |${months.map(() => ' --- |').join('')}\n`;
      for (const row of onTime) out += `| ${m(row.department)} | ${row.rates.join(' | ')} |\n`;
    } else out += '按时完成率：历次检查中没有到期的要求，无从计算。\n';
    out += `\n未结的检查结果：${open.map((o) => `${m(o.day)} ${o.count} 项`).join('，')}\n\n`;
    yield out;
  }
  if (report.warnings.length && !report.department) {
    let out = `### 警告（${report.warnings.length}）\n\n`;
    for (const w of report.warnings) out += `- ${m(warningText(w))}\n`;
    yield `${out}\n`;
  }
}
