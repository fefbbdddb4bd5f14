// Two versions of a page, sentence by sentence, for reading side by side: unchanged sentences once,
// a changed sentence beside the one it replaces with the words that differ marked, long unchanged
// stretches folded to a count. The alignment is the `diff` library's (an LCS over sentences); what
// it cannot know is which removed sentence an added one rewrites, so that pairing is done here: by
// the share of words they keep (wordDiff), in order, a sentence that shares too little standing alone.
import { diffArrays } from 'diff';
import { type DiffPart, wordDiff } from './history.ts';
import type { Sentence } from './rendered-text.ts';

export type DiffRow =
  | { kind: 'same'; sentence: Sentence }
  | { kind: 'gap'; count: number }
  | {
      kind: 'changed';
      /** The old sentence, its removed words marked; absent for a sentence added. */
      before?: { sentence: Sentence; parts: DiffPart[] };
      /** The new sentence, its added words marked; absent for a sentence removed. */
      after?: { sentence: Sentence; parts: DiffPart[] };
    };

/** A rewritten sentence keeps at least this share of its words; below it, old and new stand apart. */
const PAIRING = 0.4;
/** Beyond this many removed × added sentences in one place, they are not paired (a rewrite). */
const PAIRING_LIMIT = 2_500;

const sameSentence = (a: Sentence, b: Sentence) => a.text === b.text && a.heading === b.heading;

function kept(parts: DiffPart[], before: string, after: string): number {
  const same = parts.filter((p) => p.kind === 'same').reduce((n, p) => n + p.text.length, 0);
  return same / Math.max(before.length, after.length, 1);
}

function changedRows(removed: Sentence[], added: Sentence[]): DiffRow[] {
  const rows: DiffRow[] = [];
  const alone = {
    before: (s: Sentence): DiffRow => ({
      kind: 'changed',
      before: { sentence: s, parts: [{ kind: 'removed', text: s.text }] },
    }),
    after: (s: Sentence): DiffRow => ({
      kind: 'changed',
      after: { sentence: s, parts: [{ kind: 'added', text: s.text }] },
    }),
  };
  if (removed.length * added.length > PAIRING_LIMIT) return [...removed.map(alone.before), ...added.map(alone.after)];
  let next = 0;
  for (const old of removed) {
    let best = -1;
    let bestParts: DiffPart[] = [];
    let bestShare = PAIRING;
    for (let k = next; k < added.length; k++) {
      if (Boolean(old.heading) !== Boolean(added[k]!.heading)) continue;
      const parts = wordDiff(old.text, added[k]!.text);
      const share = kept(parts, old.text, added[k]!.text);
      if (share >= bestShare) {
        best = k;
        bestParts = parts;
        bestShare = share;
      }
    }
    if (best < 0) {
      rows.push(alone.before(old));
      continue;
    }
    for (; next < best; next++) rows.push(alone.after(added[next]!));
    rows.push({
      kind: 'changed',
      before: { sentence: old, parts: bestParts.filter((p) => p.kind !== 'added') },
      after: { sentence: added[best]!, parts: bestParts.filter((p) => p.kind !== 'removed') },
    });
    next = best + 1;
  }
  for (; next < added.length; next++) rows.push(alone.after(added[next]!));
  return rows;
}

/**
 * The rows of a side-by-side diff. `context` unchanged sentences stay on each side of a change, and
 * so does the last heading before it (where in the page the change is); the rest of an unchanged
 * stretch is a gap with its count. No change at all gives no rows.
 */
export function sentenceDiff(before: Sentence[], after: Sentence[], context = 1): DiffRow[] {
  const changes = diffArrays(before, after, { comparator: sameSentence });
  if (changes.every((c) => !c.added && !c.removed)) return [];
  const rows: DiffRow[] = [];
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    if (c.removed) {
      const next = changes[i + 1];
      const added = next?.added ? next.value : [];
      if (next?.added) i++;
      rows.push(...changedRows(c.value, added));
    } else if (c.added) rows.push(...changedRows([], c.value));
    else {
      const run = c.value;
      const first = i > 0;
      const last = i < changes.length - 1;
      const show = new Set<number>();
      if (first) for (let k = 0; k < Math.min(context, run.length); k++) show.add(k);
      if (last) {
        for (let k = Math.max(0, run.length - context); k < run.length; k++) show.add(k);
        const heading = run.findLastIndex((s) => s.heading !== undefined);
        if (heading >= 0) show.add(heading);
      }
      let hidden = 0;
      for (const [k, sentence] of run.entries()) {
        if (show.has(k)) {
          if (hidden) rows.push({ kind: 'gap', count: hidden });
          hidden = 0;
          rows.push({ kind: 'same', sentence });
        } else hidden++;
      }
      if (hidden) rows.push({ kind: 'gap', count: hidden });
    }
  }
  return rows;
}
