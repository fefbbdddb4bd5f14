// The handbook's search, in the browser: Pagefind's index queried with the ranking rules of
// rank.ts, Traditional characters converted to Simplified with OpenCC (loaded on first need),
// and filters for department, chapter and status.
import { hasCjk, mergeRanked, pageKind, pageTier, phraseOf, policyIdOf, spreadGenerated } from './rank.ts';

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
  // Among the leading results: the policy text first, then manuals and other pages, then pages
  // generated from the policies (the checker reference, 修订动态, compliance and department pages),
  // which repeat its words; within each, a page whose title or a section heading holds the words
  // before one that merely mentions them (pageTier, rank.ts).
  const head = results.slice(0, RERANK);
  const tiers = await Promise.all(
    head.map(async (r, i) => {
      if (i < (byId?.results.length ?? 0)) return { tier: 0, generated: false };
      const d = await r.data();
      const q = query.toLowerCase();
      const match = (d.meta.title ?? '').toLowerCase().includes(q)
        ? 'title'
        : (d.sub_results ?? []).some((s) => s.title.toLowerCase().includes(q))
          ? 'heading'
          : 'text';
      const kind = pageKind(d.url, Boolean(d.meta.policy));
      return { tier: pageTier(kind, match), generated: kind === 'generated' };
    }),
  );
  const sorted = head.map((r, i) => ({ r, i, ...tiers[i]! })).sort((a, b) => a.tier - b.tier || a.i - b.i);
  // Generated pages do not crowd the list: two of them among the leading results, the rest after.
  const { shown, later } = spreadGenerated(sorted, 2);
  return {
    query: raw,
    searched: query,
    results: [...shown.map((x) => x.r), ...results.slice(RERANK), ...later.map((x) => x.r)],
  };
}

/** How many leading results are re-ranked by where the words occur (each costs a fragment fetch). */
const RERANK = 12;

/** The section of the page that matched best, so a click lands on its heading. */
export function bestUrl(data: ResultData): string {
  const subs = (data.sub_results ?? []).filter((s) => s.url.includes('#'));
  if (!subs.length) return data.url;
  return [...subs].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))[0]!.url;
}
