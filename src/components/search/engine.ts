// The handbook's search, in the browser: Pagefind's index queried with the ranking rules of
// rank.ts, Traditional characters converted to Simplified with OpenCC (loaded on first need),
// and filters for department, chapter and status.
import { hasCjk, mergeRanked, phraseOf, policyIdOf } from './rank.ts';

export interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
  sub_results?: { title: string; url: string; excerpt: string; locations?: number[] }[];
  filters?: Record<string, string[]>;
}

interface PagefindResult {
  id: string;
  data: () => Promise<ResultData>;
}

interface Pagefind {
  init(): Promise<void>;
  search(
    query: string | null,
    options?: { filters?: Record<string, string[]> },
  ): Promise<{ results: PagefindResult[] }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

export type Filters = Record<string, string[]>;

let pagefind: Promise<Pagefind> | undefined;
export function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const url = new URL('/pagefind/pagefind.js', location.origin).href;
    const module = (await import(/* @vite-ignore */ url)) as Pagefind;
    await module.init();
    return module;
  })();
  return pagefind;
}

let toSimplified: Promise<(text: string) => string> | undefined;
/** Traditional → Simplified (Hong Kong and Taiwan variants included), loaded on first use. */
export function simplify(text: string): Promise<string> {
  if (!hasCjk(text)) return Promise.resolve(text);
  toSimplified ??= import('opencc-js/t2cn').then((OpenCC) => OpenCC.Converter({ from: 'hk', to: 'cn' }));
  return toSimplified.then((convert) => convert(text));
}

export interface Ranked {
  query: string;
  /** The query actually searched (after Traditional → Simplified). */
  searched: string;
  results: PagefindResult[];
}

/** Ranked results: the policy with that id, then pages with the phrase, then every other match. */
export async function rankedSearch(raw: string, filters: Filters = {}): Promise<Ranked> {
  const pf = await loadPagefind();
  const query = (await simplify(raw.trim())).replace(/\s+/g, ' ');
  if (!query) return { query: raw, searched: query, results: [] };
  const id = policyIdOf(query);
  const phrase = phraseOf(query);
  const options = { filters };
  const [byId, byPhrase, loose] = await Promise.all([
    id ? pf.search(null, { filters: { ...filters, 制度编号: [id] } }) : undefined,
    phrase ? pf.search(phrase, options) : undefined,
    pf.search(query, options),
  ]);
  const all = new Map<string, PagefindResult>();
  for (const r of [...(byId?.results ?? []), ...(byPhrase?.results ?? []), ...loose.results]) all.set(r.id, r);
  const order = mergeRanked(
    byId?.results.map((r) => r.id) ?? [],
    byPhrase?.results.map((r) => r.id) ?? [],
    loose.results.map((r) => r.id),
  );
  const results = order.map((o) => all.get(o)!);
  // Among the leading results, a page whose title, or one of whose section headings, contains the
  // words comes before a page that merely mentions them; policy pages before other pages.
  const head = results.slice(0, RERANK);
  const tiers = await Promise.all(
    head.map(async (r, i) => {
      if (i < (byId?.results.length ?? 0)) return 0;
      const d = await r.data();
      const q = query.toLowerCase();
      // Policy text outranks manuals and department pages that repeat its words.
      const policy = d.meta.policy ? 0 : 2;
      if ((d.meta.title ?? '').toLowerCase().includes(q)) return 1 + policy;
      if ((d.sub_results ?? []).some((s) => s.title.toLowerCase().includes(q))) return 2 + policy;
      return 5;
    }),
  );
  const reranked = head
    .map((r, i) => ({ r, i, t: tiers[i]! }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.r);
  return { query: raw, searched: query, results: [...reranked, ...results.slice(RERANK)] };
}

/** How many leading results are re-ranked by where the words occur (each costs a fragment fetch). */
const RERANK = 12;

/** The section of the page that matched best, so a click lands on its heading. */
export function bestUrl(data: ResultData): string {
  const subs = (data.sub_results ?? []).filter((s) => s.url.includes('#'));
  if (!subs.length) return data.url;
  return [...subs].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))[0]!.url;
}
