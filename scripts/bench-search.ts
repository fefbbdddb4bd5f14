// Search-quality benchmark (not a test): runs every query of scripts/search-queries.yaml in
// Chromium against the built site, once with stock Starlight ranking (plain pagefind.search)
// and once with the handbook's search, and prints recall, first-result accuracy, precision at 3
// and the time to first results side by side.  Run: npm run bench:search
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../src/model/load.ts';
import { builtSite, launchChromium, serveStatic } from './lib/browser.ts';

interface Query {
  q: string;
  first: string[];
  also?: string[];
}
// Two sets, reported side by side: words from the policy (compound Chinese, Traditional, policy ids,
// English titles), and questions as employees type them.
const sets = {
  words: parse(readFileSync(join(repoRoot, 'scripts/search-queries.yaml'), 'utf8')) as Query[],
  questions: parse(readFileSync(join(repoRoot, 'scripts/search-questions.yaml'), 'utf8')) as Query[],
};
const site = await serveStatic(await builtSite());
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${site.url}/search/`);
await page.waitForFunction(() => 'handbookSearch' in window);

type Engine = 'stock' | 'handbook';
async function run(engine: Engine, q: string): Promise<{ urls: string[]; ms: number }> {
  return page.evaluate(
    async ({ engine, q }) => {
      const w = window as unknown as {
        handbookSearch: (q: string) => Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
        __pf?: { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> };
      };
      if (!w.__pf) {
        const pf = await import(/* @vite-ignore */ new URL('/pagefind/pagefind.js', location.origin).href);
        await pf.init();
        w.__pf = pf;
      }
      const started = performance.now();
      const found = engine === 'stock' ? await w.__pf!.search(q) : await w.handbookSearch(q);
      const first = found.results[0] ? await found.results[0].data() : undefined;
      const ms = performance.now() - started;
      const rest = await Promise.all(found.results.slice(1).map((r) => r.data()));
      return { urls: [first, ...rest].filter(Boolean).map((d) => d!.url), ms };
    },
    { engine, q },
  );
}

type Row = { recall: number; first: number; p3: number; ms: number[] };
const rows = new Map<string, Row>();
const misses: string[] = [];
/** A result URL answers an expected one when it is that page, or that page's section (page#section). */
const answers = (url: string, expected: string) => url === expected || url.split('#')[0] === expected;
for (const [set, queries] of Object.entries(sets))
  for (const engine of ['stock', 'handbook'] as Engine[]) {
    await run(engine, '预热'); // load the index once
    const r: Row = { recall: 0, first: 0, p3: 0, ms: [] };
    rows.set(`${set}|${engine}`, r);
    for (const query of queries) {
      const { urls, ms } = await run(engine, String(query.q));
      const relevant = [...query.first, ...(query.also ?? [])];
      r.ms.push(ms);
      if (query.first.some((u) => urls.some((x) => answers(x, u)))) r.recall++;
      if (query.first.some((u) => answers(urls[0] ?? '', u))) r.first++;
      else if (engine === 'handbook') misses.push(`[${set}] ${query.q} → ${urls[0] ?? '(none)'}`);
      const top = [...new Set(urls.slice(0, 3).map((u) => u.split('#')[0]))];
      r.p3 += top.filter((u) => relevant.includes(u!)).length / Math.min(3, relevant.length);
    }
  }
await browser.close();
await site.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log('                          recall  first-correct  precision@3  median time to first result');
for (const [set, queries] of Object.entries(sets)) {
  const n = queries.length;
  const pct = (x: number) => `${((x / n) * 100).toFixed(0)}%`.padStart(5);
  console.log(`${set} (${n} queries)`);
  for (const engine of ['stock', 'handbook'] as Engine[]) {
    const r = rows.get(`${set}|${engine}`)!;
    console.log(
      `  ${engine === 'stock' ? 'stock Starlight' : 'handbook       '}         ${pct(r.recall)}          ${pct(r.first)}        ${pct(r.p3)}   ${median(r.ms).toFixed(1)} ms`,
    );
  }
}
if (misses.length) console.log(`handbook search, first result not as expected:\n  ${misses.join('\n  ')}`);
