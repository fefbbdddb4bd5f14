// The scheduled compliance report, as the workflow runs it (.github/workflows/compliance-report.yml
// calls this script, and so does its test): check the exports, keep this run's JSON in the history
// folder, and write the reports people read — Markdown (also to the job summary on GitHub), HTML,
// JSON and CSV, and one Markdown report per department for its head — with the trends over the
// history. Exit code as the checker's: 0 clean, 1 findings or rejected rows, 2 could not run.
// An as-of earlier than the newest report backfills: the history keeps every report, ordered by
// as-of. The workflow, not this script, copies report.md into the job summary.
//
// npm run report:scheduled -- [--records <folder>] [--as-of YYYY-MM-DD] [--history <folder>] [--out <folder>]
import { mkdirSync, openSync, closeSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadValidatedConfig } from '../checks/config-cache.ts';
import { CheckError, exitCode, runCheck } from '../checks/run.ts';
import { formatChunks, type Format } from '../checks/report/index.ts';
import { refuseInput } from '../checks/report/write.ts';
import { forDepartment, readHistory, trendsOf } from '../checks/trends.ts';
import { chartsOf } from '../checks/report/charts.ts';
import { isoDate, today } from '../src/model/dates.ts';
import { repoRoot } from '../src/model/root.ts';
import { SchemaError } from '../src/schema/schema-error.ts';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string' },
    'as-of': { type: 'string' },
    history: { type: 'string', default: 'compliance-history' },
    out: { type: 'string', default: 'compliance-report' },
  },
});

function write(path: string, chunks: Iterable<string>) {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of chunks) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

try {
  const { org, policies, timeline } = await loadValidatedConfig();
  const history = args.history;
  const out = args.out;
  const recordsDir = args.records ?? join(repoRoot, 'checks/samples');
  // The reports never land among the exports or in the history (nor the history among the exports).
  refuseInput(out, { recordsDir, others: [history] });
  refuseInput(history, { recordsDir, others: [] }, '--history');
  mkdirSync(history, { recursive: true });
  mkdirSync(join(out, 'departments'), { recursive: true });
  const checked = await runCheck({
    recordsDir,
    asOf: args['as-of'],
    org,
    policies,
    timeline,
  });
  const earlier = readHistory(history, isoDate(today(org.timeZone)));
  // This run joins the history as it is, without trends (they are recomputed from the history each time).
  write(join(history, `report-${checked.asOf}.json`), formatChunks(checked, org, 'json'));
  const report = { ...checked, trends: trendsOf(earlier, checked) };
  const formats: [Format, string][] = [
    ['md', 'report.md'],
    ['html', 'report.html'],
    ['json', 'report.json'],
    ['csv', 'report.csv'],
  ];
  const charts = await chartsOf(report, org);
  for (const [format, name] of formats) write(join(out, name), formatChunks(report, org, format, { charts }));
  for (const d of org.departments)
    write(join(out, 'departments', `${d.id}.md`), formatChunks(forDepartment(report, d.id), org, 'md'));
  process.stdout.write(
    `${out}/report.md, report.html, report.json, report.csv and departments/*.md written; history: ${report.trends.reports.length} report(s) in ${history}\n`,
  );
  process.exitCode = exitCode(report);
} catch (error) {
  if (!(error instanceof CheckError || error instanceof SchemaError)) throw error;
  process.stderr.write(`compliance-report: ${error.message}\n`);
  process.exitCode = 2;
}
