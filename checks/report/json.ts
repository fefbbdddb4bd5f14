// The JSON contract other tools read: the report exactly as the checker returns it. Written
// indented at the top and one finding (or rejected row, warning…) per line below: readable in a
// terminal and a diff, and a fraction of the size and time of indenting every field of 100,000
// findings. Produced in pieces, so a large report is never one string in memory.
import type { Report } from '../engine/types.ts';

export function* jsonChunks(report: Report): Generator<string> {
  const entries = Object.entries(report);
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      let piece = '';
      for (let j = 0; j < value.length; j++) {
        const item = value[j] as { jsonText?: () => string };
        piece += `    ${item.jsonText ? item.jsonText() : JSON.stringify(item)}${j < value.length - 1 ? ',' : ''}\n`;
        // Small pieces: a string over 128 KB goes to V8's large-object space, freed only by a full GC.
        if (piece.length > 1 << 13) {
          yield piece;
          piece = '';
        }
      }
      yield `${piece}  ]${comma}\n`;
    } else yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replaceAll('\n', '\n  ')}${comma}\n`;
  }
  yield '}\n';
}

export function formatJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
