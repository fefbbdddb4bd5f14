// The JSON contract other tools read: the report exactly as the checker returns it.
import type { Report } from '../engine/types.ts';

export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
