// Terminal report: findings grouped by department, rejected rows grouped by file, column and
// reason, colour only when asked (the CLI asks on a TTY). Every value from an export is shown
// with its control characters escaped, so a cell cannot move the cursor or recolour a terminal.
import pc from 'picocolors';
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import {
  byDepartment,
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

/** C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A value with its control characters written as escapes (`\n`, `\x1b`, `\u202e`). */
export function printable(value: unknown): string {
  return String(value ?? '').replace(CONTROL, (ch) => {
    const named = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

export function* textChunks(report: Report, org: Organization, options: { color: boolean }): Generator<string> {
  const c = pc.createColors(options.color);
  const p = printable;
  yield `${c.bold(headline(report, org))}\n\n`;
  for (const [dept, findings] of byDepartment(org, report.findings)) {
    let out = `${c.bold(departmentLabel(org, dept))}\n`;
    for (const f of findings) {
      const status = f.status === 'missing' ? c.red(statusZh(f.status)) : c.yellow(statusZh(f.status));
      const where = f.source ? c.dim(` ${p(sourceText(f.source))}`) : '';
      out += `  ${status} ${f.policy} ${versionText(f.version)} ${f.title} · ${p(f.subject)} · 截止 ${f.due} · ${whenText(f, report.timeZone)}${where}\n`;
      if (out.length > 1 << 13) {
        yield out;
        out = '';
      }
    }
    yield `${out}\n`;
  }
  if (report.upcoming.length) {
    let out = `${c.bold(`${report.upcomingDays} 日内到期`)}\n`;
    for (const u of report.upcoming)
      out += `  ${c.cyan('即将到期')} ${departmentLabel(org, u.department)} ${u.title} · ${p(u.subject)} · 截止 ${u.due}（还有 ${u.daysLeft} 天）\n`;
    yield `${out}\n`;
  }
  if (report.rejected.count) {
    let out = `${c.bold(`被拒绝的行（${report.rejected.count}）`)}\n`;
    for (const g of report.rejected.groups) out += `  ${c.red('拒绝')} ${p(rejectionGroupText(g, org))}\n`;
    yield `${out}\n`;
  }
  if (report.trends) {
    const { months, onTime, open } = trendRows(org, report.trends);
    let out = `${c.bold('趋势：按时完成率')}（${months.join(' / ')}）\n`;
    for (const row of onTime) out += `  ${row.department} ${row.rates.join(' / ')}\n`;
    out += `  未结：${open.map((o) => `${o.day} ${o.count} 项`).join('，')}\n\n`;
    yield out;
  }
  if (report.warnings.length) {
    let out = `${c.bold(`警告（${report.warnings.length}）`)}\n`;
    for (const w of report.warnings) out += `  ${c.yellow('警告')} ${p(warningText(w))}\n`;
    yield `${out}\n`;
  }
  let out = `${c.bold('文件')}\n`;
  for (const f of report.summary.files)
    out += `  ${p(sourceText(f))}（${f.type ?? '已跳过'}，${f.format}${f.encoding ? `，${f.encoding}` : ''}）：读取 ${f.read} = 接受 ${f.accepted} + 拒绝 ${f.rejected}\n`;
  yield out;
}
