// JUnit XML for CI dashboards: one test case per evaluated obligation instance that failed,
// grouped in one suite per obligation, plus one failing case per rejected row.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import { departmentLabel, statusZh, whenText } from './labels.ts';

const xml = (value: unknown) =>
  String(value ?? '')
    // Characters XML 1.0 cannot carry at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

export function formatJunit(report: Report, org: Organization): string {
  const suites = report.summary.obligations.map((o) => {
    const failures = report.findings.filter((f) => f.policy === o.policy && f.obligation === o.obligation);
    const cases = failures.map(
      (f) =>
        `    <testcase classname="${xml(`${f.policy}.${f.obligation}`)}" name="${xml(`${departmentLabel(org, f.department)} ${f.subject}`)}">\n` +
        `      <failure type="${f.status}" message="${xml(`${statusZh[f.status]}：${f.title}，截止 ${f.due}`)}">${xml(`${whenText(f, report.timeZone)}\n制度：${f.link}\n规则：${f.help}`)}</failure>\n    </testcase>`,
    );
    const passed = o.met > 0 ? [`    <testcase classname="${xml(`${o.policy}.${o.obligation}`)}" name="${xml(`${o.met} 项按时完成`)}"/>`] : [];
    return `  <testsuite name="${xml(`${o.policy} ${o.obligation}`)}" tests="${failures.length + passed.length}" failures="${failures.length}">\n${[...passed, ...cases].join('\n')}\n  </testsuite>`;
  });
  if (report.rejected.length) {
    const cases = report.rejected.map(
      (r) => `    <testcase classname="records" name="${xml(`${r.file}:${r.line}`)}">\n      <failure type="rejected" message="${xml(r.reason)}">${xml(`列 ${r.column}，值 ${r.value}`)}</failure>\n    </testcase>`,
    );
    suites.push(`  <testsuite name="records" tests="${cases.length}" failures="${cases.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const failures = report.findings.length + report.rejected.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="合规检查 ${xml(report.asOf)}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
