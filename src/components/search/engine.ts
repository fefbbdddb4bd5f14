// The handbook's search, in the browser: Pagefind's index queried with the ranking rules of
// rank.ts, Traditional characters converted to Simplified with OpenCC (loaded on first need),
// and filters for department, chapter and status.
import { hasCjk, mergeRanked, pageKind, pageTier, phraseOf, policyIdOf, spreadGenerated } from './rank.ts';
import { numeral, sectionLabel, understand } from './query.ts';

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
  /** The query after Traditional → Simplified. */
  simplified?: string;
  /** The words actually searched (a question's words, a clause's chapter). */
  searched: string;
  results: PagefindResult[];
  /** The section a clause number names (（三）): its heading is where a result opens. */
  section?: string;
  /** What the question asks for, when it says (a time, or who): the result shows the answer's section. */
  asks?: 'when' | 'who';
}

/**
 * The pages of a chapter a clause names (8.3 → chapter 八), the policy text first. With a section,
 * its numeral is searched within the chapter, so that the results carry the section's heading
 * (Pagefind gives sections only for a searched word); without one, the chapter's pages.
 */
async function clauseSearch(
  pf: Pagefind,
  raw: string,
  clause: { chapter: number; section?: number },
  filters: Filters,
): Promise<Ranked> {
  const labels = Object.keys((await pf.filters()).章节 ?? {});
  const label = labels.find((l) => l.startsWith(`${numeral(clause.chapter)}、`));
  if (!label) return { query: raw, searched: raw, results: [] };
  const within = { filters: { ...filters, 章节: [label] } };
  const bySection = clause.section ? await pf.search(numeral(clause.section), within) : undefined;
  const found = bySection?.results.length ? bySection : await pf.search(null, within);
  const data = await Promise.all(found.results.map((r) => r.data()));
  const order = found.results.map((r, i) => ({ r, policy: Boolean(data[i]!.meta.policy) }));
  return {
    query: raw,
    searched: label,
    results: [...order.filter((o) => o.policy), ...order.filter((o) => !o.policy)].map((o) => o.r),
  };
}

/**
 * Pages matching some of the words when none matches them all, best first: by how much of the
 * question each page answers (the characters of the words it holds), then by Pagefind's own order.
 */
async function partialSearch(pf: Pagefind, words: string[], filters: Filters): Promise<PagefindResult[]> {
  const found = await Promise.all(words.map((w) => pf.search(w, { filters })));
  const score = new Map<string, { r: PagefindResult; score: number; first: number }>();
  for (const [w, f] of found.entries())
    for (const [i, r] of f.results.entries()) {
      const kept = score.get(r.id) ?? { r, score: 0, first: Number.POSITIVE_INFINITY };
      kept.score += [...words[w]!].length;
      kept.first = Math.min(kept.first, i);
      score.set(r.id, kept);
    }
  return [...score.values()].sort((a, b) => b.score - a.score || a.first - b.first).map((x) => x.r);
}

/** Ranked results: the policy with that id, then pages with the phrase, then every other match. */
export async function rankedSearch(raw: string, filters: Filters = {}): Promise<Ranked> {
  const pf = await loadPagefind();
  const simplified = (await simplify(raw.trim())).replace(/\s+/g, ' ');
  if (!simplified) return { query: raw, searched: simplified, results: [] };
  const id = policyIdOf(simplified);
  // A question is searched for its words (月度计划什么时候交 → 月度 计划 提交); a clause number for its chapter.
  const understood = id ? { words: [] } : understand(simplified);
  if (understood.clause) {
    const found = await clauseSearch(pf, raw, understood.clause, filters);
    return understood.clause.section ? { ...found, section: sectionLabel(understood.clause.section) } : found;
  }
  const query = understood.words.length ? understood.words.join(' ') : simplified;
  // The phrase as the reader wrote it, when nothing was set aside; else the words run together.
  const phrase = phraseOf(hasCjk(query) ? understood.words.join('') : query);
  const options = { filters };
  // English words the reader typed stay searchable as they are (the pages' English summaries).
  const english = /[a-z]/i.test(simplified) && !id ? simplified.toLowerCase() : undefined;
  const [byId, byPhrase, loose, asTyped] = await Promise.all([
    id ? pf.search(null, { filters: { ...filters, 制度编号: [id] } }) : undefined,
    phrase ? pf.search(phrase, options) : undefined,
    pf.search(query, options),
    english && english !== query ? pf.search(english, options) : undefined,
  ]);
  // Every word cannot match: the pages that match most of them, never nothing.
  const partial =
    !loose.results.length && !asTyped?.results.length && understood.words.length > 1
      ? await partialSearch(pf, understood.words, filters)
      : [];
  const all = new Map<string, PagefindResult>();
  for (const r of [
    ...(byId?.results ?? []),
    ...(byPhrase?.results ?? []),
    ...loose.results,
    ...(asTyped?.results ?? []),
    ...partial,
  ])
    all.set(r.id, r);
  const order = mergeRanked(
    byId?.results.map((r) => r.id) ?? [],
    byPhrase?.results.map((r) => r.id) ?? [],
    loose.results.map((r) => r.id),
    asTyped?.results.map((r) => r.id) ?? [],
    partial.map((r) => r.id),
  );
  const results = order.map((o) => all.get(o)!);
  // Among the leading results: the policy text first, then manuals and other pages, then pages
  // generated from the policies (the checker reference, 修订动态, compliance and department pages),
  // which repeat its words; within each, a page whose title or a section heading holds the words
  // before one that merely mentions them (pageTier, rank.ts).
  const head = results.slice(0, RERANK);
  const tiers = await Promise.all(
    head.map(async (r, i) => {
      if (i < (byId?.results.length ?? 0)) return { tier: 0, generated: false, hits: 0 };
      const d = await r.data();
      // The words the reader asked about, each in the title, or all in one section heading.
      const words = (understood.words.length ? understood.words : [simplified]).map((w) => w.toLowerCase());
      const title = (d.meta.title ?? '').toLowerCase();
      const headings = (d.sub_results ?? []).map((s) => s.title.toLowerCase());
      const inTitle = words.filter((w) => title.includes(w)).length;
      const inHeading = Math.max(
        0,
        ...headings.map((h) => words.filter((w) => h.includes(w) || title.includes(w)).length),
      );
      const match = inTitle === words.length ? 'title' : inHeading === words.length ? 'heading' : 'text';
      const kind = pageKind(d.url, Boolean(d.meta.policy));
      return { tier: pageTier(kind, match), generated: kind === 'generated', hits: Math.max(inTitle, inHeading) };
    }),
  );
  const sorted = head
    .map((r, i) => ({ r, i, ...tiers[i]! }))
    .sort((a, b) => a.tier - b.tier || b.hits - a.hits || a.i - b.i);
  // Generated pages do not crowd the list: two of them among the leading results, the rest after.
  const { shown, later } = spreadGenerated(sorted, 2);
  return {
    query: raw,
    searched: query,
    results: [...shown.map((x) => x.r), ...results.slice(RERANK), ...later.map((x) => x.r)],
    simplified,
    ...(understood.asks ? { asks: understood.asks } : {}),
  };
}

/** How many leading results are re-ranked by where the words occur (each costs a fragment fetch). */
const RERANK = 12;

/**
 * The section a result opens (its link, its name and its excerpt), so a click lands on its
 * heading: the one a clause names (its heading begins （三）), else the one with the most matches
 * (an article's before the requirements table, unless the question asks when or who); undefined
 * when the page has no sections.
 */
export function bestSection(
  data: ResultData,
  section?: string,
  asks?: Ranked['asks'],
): NonNullable<ResultData['sub_results']>[number] | undefined {
  const subs = (data.sub_results ?? []).filter((s) => s.url.includes('#'));
  const named = section && subs.find((s) => s.title.startsWith(section));
  if (named) return named;
  // The requirements table restates the articles: it answers when and who, and the articles the rest.
  const articles = asks ? subs : subs.filter((s) => !GENERATED_SECTION.test(s.title));
  return [...(articles.length ? articles : subs)].sort(
    (a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0),
  )[0];
}

/** A requirement of a policy page as its result carries it: title, deadline (when), carrier (who). */
export interface Answer {
  t: string;
  w: string;
  c: string;
}

/**
 * The requirement a when or who question is about, from a result's requirements: the one whose
 * title holds the most of the question's words (then the most of its characters); none when no
 * title holds any.
 */
export function answerOf(data: ResultData, words: string[]): Answer | undefined {
  let answers: Answer[];
  try {
    answers = JSON.parse(data.meta.answers ?? '[]') as Answer[];
  } catch {
    return undefined;
  }
  const score = (a: Answer) => {
    const held = words.filter((w) => a.t.includes(w));
    return [held.length, held.join('').length] as const;
  };
  const best = answers
    .map((a) => ({ a, s: score(a) }))
    .filter(({ s }) => s[0] > 0)
    .sort((x, y) => y.s[0] - x.s[0] || y.s[1] - x.s[1])[0];
  return best?.a;
}

/** The policy page's requirements table and version history: sections generated from the frontmatter. */
const GENERATED_SECTION = /^(本制度的要求|修订记录)$/;
