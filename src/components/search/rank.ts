// Search ranking rules, pure so that the browser, the benchmark and the tests share them.
// Pagefind splits an unquoted multi-word query (风险管理 → 风险|管理) and ranks pages with the
// pieces anywhere; a quoted query matches the words together. Readers should not need quotes:
// pages with the phrase come first, then the rest (nothing is lost), and a policy id finds its
// policy before anything else.

/** `OPS-03`, `ops03`, `ops-3`, `OPS 3` → `OPS-03`; anything else → undefined. */
export function policyIdOf(query: string): string | undefined {
  const m = /^\s*([a-z]{2,5})\s*[-_ ]?\s*(\d{1,3})\s*$/i.exec(query);
  return m ? `${m[1]!.toUpperCase()}-${m[2]!.padStart(2, '0')}` : undefined;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * The exact-phrase form of a query, when it has one: two or more CJK characters, or several
 * words. Already-quoted queries are left to Pagefind as they are.
 */
export function phraseOf(query: string): string | undefined {
  const q = query.trim().replace(/\s+/g, ' ');
  if (!q || q.includes('"')) return undefined;
  const cjk = [...q].filter((ch) => CJK.test(ch)).length;
  if (cjk >= 2 || (q.includes(' ') && q.split(' ').length > 1)) return `"${q}"`;
  return undefined;
}

/** Merges ranked id lists: policy-id matches, then phrase matches, then the rest; no duplicates. */
export function mergeRanked(...lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists)
    for (const id of list)
      if (!seen.has(id)) {
        seen.add(id);
        out.push(id);
      }
  return out;
}

/** What a page is, for ranking: the policy text, a generated page, or another (manuals, the home page). */
export type PageKind = 'policy' | 'generated' | 'other';

/** Pages generated from the policies and the records: they repeat the policy's words by design. */
const GENERATED = /^\/(reference|changes|compliance|departments|calendar)\//;

export function pageKind(url: string, isPolicy: boolean): PageKind {
  if (isPolicy) return 'policy';
  return GENERATED.test(new URL(url, 'http://x').pathname) ? 'generated' : 'other';
}

/**
 * A result's tier among the leading results (lower first): the kind of page decides before where
 * the words matched, so the policy text leads for its own words, and a generated page never
 * outranks the page it was generated from.
 */
export function pageTier(kind: PageKind, match: 'title' | 'heading' | 'text'): number {
  const where = match === 'title' ? 0 : match === 'heading' ? 1 : 2;
  return (kind === 'policy' ? 1 : kind === 'other' ? 4 : 7) + where;
}

/** Keeps the first `keep` generated pages in place and moves the others after, in order. */
export function spreadGenerated<T extends { generated: boolean }>(
  items: T[],
  keep: number,
): { shown: T[]; later: T[] } {
  const shown: T[] = [];
  const later: T[] = [];
  let seen = 0;
  for (const x of items) (x.generated && ++seen > keep ? later : shown).push(x);
  return { shown, later };
}

/**
 * Pagefind joins the blocks of a page (a heading, a list item) with ". " in its excerpts, which in
 * Chinese text reads as a stray English full stop: "会议纪要. 会议结束后". Between Chinese words it
 * becomes 。 (or nothing after Chinese punctuation that already ends the block); elsewhere it stays.
 * The excerpt is Pagefind's HTML (its <mark> tags): only the text between tags is touched.
 */
export function cjkExcerpt(html: string): string {
  const cjk = '\\u3400-\\u9fff\\uf900-\\ufaff';
  const punct = '，。；：、！？）」』”》';
  return html
    .replace(new RegExp(`([${punct}])(</mark>)?\\. (?=(<mark>)?[${cjk}])`, 'g'), '$1$2')
    .replace(new RegExp(`([${cjk}])(</mark>)?\\. (?=(<mark>)?[${cjk}])`, 'g'), '$1$2。');
}
