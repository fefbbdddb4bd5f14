// Reporters by format name. Each is a pure function of the report that yields it in pieces, to
// be written one after another: no report is ever built as one string.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import type { Chart } from './charts.ts';
import { csvChunks } from './csv.ts';
import { htmlChunks } from './html.ts';
import { jsonChunks } from './json.ts';
import { junitChunks } from './junit.ts';
import { markdownChunks } from './markdown.ts';
import { textChunks } from './text.ts';

export const formats = ['text', 'json', 'md', 'html', 'junit', 'csv'] as const;
export type Format = (typeof formats)[number];

/** `charts`: for html, the charts of the report (charts.ts makes them, asynchronously, beforehand). */
export function formatChunks(
  report: Report,
  org: Organization,
  as: Format,
  options: { color?: boolean; charts?: Chart[] } = {},
): Iterable<string> {
  switch (as) {
    case 'text':
      return textChunks(report, org, { color: options.color ?? false });
    case 'json':
      return jsonChunks(report, org);
    case 'md':
      return markdownChunks(report, org);
    case 'html':
      return htmlChunks(report, org, options.charts);
    case 'junit':
      return junitChunks(report, org);
    case 'csv':
      return csvChunks(report, org);
  }
}

/** The whole report as one string: for tests and small reports (the command line writes the pieces). */
export function format(
  report: Report,
  org: Organization,
  as: Format,
  options: { color?: boolean; charts?: Chart[] } = {},
): string {
  let text = '';
  for (const chunk of formatChunks(report, org, as, options)) text += chunk;
  return text;
}
