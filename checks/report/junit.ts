// JUnit XML for CI dashboards, in the shape Jenkins and Ant read (junit-10.xsd): one suite per
// obligation with one failing case per finding and one passing case for the instances met, and a
// suite of rejected rows with a failing case per row. Every suite carries tests, failures and
// errors. Written in pieces: the counts are known before the cases, so nothing is held whole.
import type { Organization } from '../../src/schema/index.ts';
import type { Finding, Report } from '../engine/types.ts';
import { departmentLabel, problemText, sourceText, statusZh, whenText } from './labels.ts';

/** Text and attribute values: characters XML 1.0 cannot carry become U+FFFD, markup is escaped. */
export const xml = (value: unknown) =>
  String(value ?? '')
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    )
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

export function* junitChunks(report: Report, org: Organization): Generator<string> {
  // Findings by obligation in one pass; a policy rule's suite (policy "*") takes its findings from every policy.
  const byObligation = new Map<string, Finding[]>();
  const spanning = new Set(report.summary.obligations.filter((o) => o.policy === '*').map((o) => o.obligation));
  for (const f of report.findings) {
    const suite = spanning.has(f.obligation) ? `*\u0000${f.obligation}` : `${f.policy}\u0000${f.obligation}`;
    const list = byObligation.get(suite);
    if (list) list.push(f);
    else byObligation.set(suite, [f]);
  }
  const failures = report.findings.length + report.rejected.count;
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="合规检查 ${xml(report.asOf)}" tests="${failures + report.summary.obligations.filter((o) => o.met > 0).length}" failures="${failures}" errors="0">\n`;
  let id = 0;
  for (const o of report.summary.obligations) {
    const found = byObligation.get(`${o.policy}\u0000${o.obligation}`) ?? [];
    const passed = o.met > 0 ? 1 : 0;
    let out = `  <testsuite id="${id++}" name="${xml(`${o.policy} ${o.obligation}`)}" tests="${found.length + passed}" failures="${found.length}" errors="0" skipped="0">\n`;
    if (passed)
      out += `    <testcase classname="${xml(`${o.policy}.${o.obligation}`)}" name="${xml(`${o.met} 项按时完成`)}"/>\n`;
    for (const f of found) {
      out +=
        `    <testcase classname="${xml(`${f.policy}.${f.obligation}`)}" name="${xml(`${departmentLabel(org, f.department)} ${f.subject}`)}">\n` +
        `      <failure type="${f.status}" message="${xml(`${statusZh(f.status)}：${f.title}，截止 ${f.due}`)}">${xml(`${whenText(f, report.timeZone)}${f.source ? `\n来源：${sourceText(f.source)}` : ''}\n制度：${f.link}\n规则：${f.help}`)}</failure>\n    </testcase>\n`;
      if (out.length > 1 << 13) {
        yield out;
        out = '';
      }
    }
    yield `${out}  </testsuite>\n`;
  }
  if (report.rejected.count) {
    yield `  <testsuite id="${id}" name="records" tests="${report.rejected.count}" failures="${report.rejected.count}" errors="0" skipped="0">\n`;
    let out = '';
    for (const r of report.rejected) {
      out += `    <testcase classname="records" name="${xml(sourceText(r))}">\n      <failure type="rejected" message="${xml(problemText(r, org))}">${xml(`列 ${r.column}，值 ${r.value}`)}</failure>\n    </testcase>\n`;
      if (out.length > 1 << 13) {
        yield out;
        out = '';
      }
    }
    yield `${out}  </testsuite>\n`;
  }
  yield '</testsuites>\n';
}
