// The JSON contract other tools read: the report as the checker returns it, with the words for
// each rejection (`reason`) and warning (`message`) added. Written indented at the top and one
// finding (or rejected row, warning…) per line below: readable in a terminal and a diff, and a
// fraction of the size and time of indenting every field of 100,000 findings. Produced in
// pieces, so a large report (every rejected row included) is never one string in memory.
import type { Organization } from '../../src/schema/index.ts';
import type { Rejection, Report, Warning } from '../engine/types.ts';
import { problemText, warningText } from './labels.ts';

export function* jsonChunks(report: Report, org: Organization): Generator<string> {
  const reason = (r: Rejection) => ({ ...r, reason: problemText(r, org), problems: r.problems.map((p) => ({ ...p, reason: problemText(p, org) })) });
  const message = (w: Warning) => ({ ...w, message: warningText(w) });
  const lists: Record<string, [Iterable<unknown>, number, (item: never) => unknown]> = {
    findings: [report.findings, report.findings.length, (f) => f],
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
        piece += `    ${JSON.stringify(map(item as never))}${++j < count ? ',' : ''}\n`;
        // Small pieces: a string over 128 KB goes to V8's large-object space, freed only by a full GC.
        if (piece.length > 1 << 13) {
          yield piece;
          piece = '';
        }
      }
      yield `${piece}  ]${comma}\n`;
    } else yield `  ${JSON.stringify(key)}: ${list ? '[]' : JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}${comma}\n`;
  }
  yield '}\n';
}
