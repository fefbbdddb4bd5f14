// The order of the search filter chips: departments and statuses as the organisation lists them
// (the page carries those short lists), chapters by their number (read from the label, so that the
// page carries nothing that grows with the handbook), anything else by Chinese collation.
import { numeralValue } from '../../model/chapters.ts';

const collator = new Intl.Collator('zh-CN');

export function orderFilterValues(values: string[], known: string[] = []): string[] {
  const rank = new Map(known.map((v, i) => [v, i]));
  const key = (v: string) => rank.get(v) ?? numeralValue(v) ?? Number.POSITIVE_INFINITY;
  return [...values].sort((a, b) => key(a) - key(b) || collator.compare(a, b));
}
