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
