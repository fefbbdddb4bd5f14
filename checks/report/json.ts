// The JSON contract other tools read: the report as the checker returns it, with the words for
// each rejection (`reason`) and warning (`message`) added. Written indented at the top and one
// finding (or rejected row, warning…) per line below: readable in a terminal and a diff, and a
// fraction of the size and time of indenting every field of 100,000 findings. Produced in
// pieces, so a large report (every rejected row included) is never one string in memory.
import type { Organization } from '../../src/schema/index.ts';
import type { Finding, Rejection, Report, Warning } from '../engine/types.ts';
import { problemText, warningText } from './labels.ts';

/**
 * JSON.stringify(finding), with the fields a finding shares with the others of its obligation
 * (rule, title, policy, link, help) serialised once per obligation: a large export's report has
 * a hundred thousand findings of a few obligations, and writing them was a tenth of a check.
 * Anything not in the shape the engine makes goes through JSON.stringify as it is.
 */
function findingWriter(): (f: Finding) => string {
  const prefixes = new Map<string, { f: Finding; text: string }>();
  const quoted = new Map<string, string>();
  const q = (s: string) => {
    let t = quoted.get(s);
    if (t === undefined) {
      t = JSON.stringify(s);
      if (quoted.size < 10_000) quoted.set(s, t);
    }
    return t;
  };
  const shape =
    'rule,obligation,title,policy,link,help,department,version,subject,due,source,status,actual,daysLate,detail';
  let checked: Finding | undefined;
  return (f) => {
    if (checked === undefined) {
      if (Object.keys(f).join() !== shape) return JSON.stringify(f);
      checked = f;
    }
    // Keyed by the link (one string shared by an obligation's findings, its hash computed once).
    let prefix = prefixes.get(f.link);
    if (
      !prefix ||
      prefix.f.rule !== f.rule ||
      prefix.f.title !== f.title ||
      prefix.f.policy !== f.policy ||
      prefix.f.obligation !== f.obligation ||
      prefix.f.help !== f.help
    ) {
      const { rule, obligation, title, policy, link, help } = f;
      prefixes.set(
        f.link,
        (prefix = { f, text: JSON.stringify({ rule, obligation, title, policy, link, help }).slice(0, -1) }),
      );
    }
    const s = f.source;
    const source =
      s === null
        ? 'null'
        : s.sheet === undefined
          ? `{"file":${q(s.file)},"line":${s.line}}`
          : `{"file":${q(s.file)},"sheet":${q(s.sheet)},"line":${s.line}}`;
    return `${prefix.text},"department":${q(f.department)},"version":${q(f.version)},"subject":${JSON.stringify(f.subject)},"due":${q(f.due)},"source":${source},"status":"${f.status}","actual":${f.actual === null ? 'null' : q(f.actual)},"daysLate":${f.daysLate},"detail":${f.detail === null ? 'null' : JSON.stringify(f.detail)}}`;
  };
}

export function* jsonChunks(report: Report, org: Organization): Generator<string> {
  const reason = (r: Rejection) => ({
    ...r,
    reason: problemText(r, org),
    problems: r.problems.map((p) => ({ ...p, reason: problemText(p, org) })),
  });
  const message = (w: Warning) => ({ ...w, message: warningText(w) });
  const lists: Record<string, [Iterable<unknown>, number, (item: never) => unknown]> = {
    findings: [report.findings, report.findings.length, findingWriter()],
    upcoming: [report.upcoming, report.upcoming.length, (u) => u],
    rejected: [report.rejected, report.rejected.count, reason],
    warnings: [report.warnings, report.warnings.length, message],
  };
  const entries = Object.entries(report);
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const comma = i < entries.length - 1 ? ',' : '';
    const list = lists[key];
    if (list && list[1] > 0) {
      const [items, count, map] = list;
      yield `  ${JSON.stringify(key)}: [\n`;
      let piece = '';
      let j = 0;
      for (const item of items) {
        const mapped = map(item as never);
        piece += `    ${typeof mapped === 'string' ? mapped : JSON.stringify(mapped)}${++j < count ? ',' : ''}\n`;
        // Small pieces: writing a string means encoding it, and a long string built by appending
        // encodes far slower (npm run bench:checker, 4M rows: 0.75 s at 64 KB pieces, 0.14 s at 8 KB).
        if (piece.length > 1 << 13) {
          yield piece;
          piece = '';
        }
      }
      yield `${piece}  ]${comma}\n`;
    } else
      yield `  ${JSON.stringify(key)}: ${list ? '[]' : JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}${comma}\n`;
  }
  yield '}\n';
}
