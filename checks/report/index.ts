// Reporters by format name. Each is a pure function of the report.
import type { Organization } from '../../src/schema/index.ts';
import type { Report } from '../engine/types.ts';
import { formatCsv } from './csv.ts';
import { formatHtml } from './html.ts';
import { formatJson, jsonChunks } from './json.ts';
import { formatJunit } from './junit.ts';
import { formatMarkdown } from './markdown.ts';
import { formatText } from './text.ts';

export const formats = ['text', 'json', 'md', 'html', 'junit', 'csv'] as const;
export type Format = (typeof formats)[number];

export function format(report: Report, org: Organization, as: Format, options: { color?: boolean } = {}): string {
  switch (as) {
    case 'text': return formatText(report, org, { color: options.color ?? false });
    case 'json': return formatJson(report);
    case 'md': return formatMarkdown(report, org);
    case 'html': return formatHtml(report, org);
    case 'junit': return formatJunit(report, org);
    case 'csv': return formatCsv(report, org);
  }
}

/** The report in pieces to write one after another: JSON streams, the others come whole. */
export function formatChunks(report: Report, org: Organization, as: Format, options: { color?: boolean } = {}): Iterable<string> {
  return as === 'json' ? jsonChunks(report) : [format(report, org, as, options)];
}
