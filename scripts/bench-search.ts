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
const queries = parse(readFileSync(join(repoRoot, 'scripts/search-queries.yaml'), 'utf8')) as Query[];
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

const rows: Record<Engine, { recall: number; first: number; p3: number; ms: number[] }> = {
  stock: { recall: 0, first: 0, p3: 0, ms: [] },
  handbook: { recall: 0, first: 0, p3: 0, ms: [] },
};
const misses: string[] = [];
for (const engine of ['stock', 'handbook'] as Engine[]) {
  await run(engine, '预热'); // load the index once
  for (const query of queries) {
    const { urls, ms } = await run(engine, query.q);
    const relevant = new Set([...query.first, ...(query.also ?? [])]);
    const r = rows[engine];
    r.ms.push(ms);
    if (query.first.some((u) => urls.includes(u))) r.recall++;
    if (query.first.includes(urls[0] ?? '')) r.first++;
    else if (engine === 'handbook') misses.push(`${query.q} → ${urls[0] ?? '(none)'}`);
    r.p3 += urls.slice(0, 3).filter((u) => relevant.has(u)).length / Math.min(3, relevant.size);
  }
}
await browser.close();
await site.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const n = queries.length;
const pct = (x: number) => `${((x / n) * 100).toFixed(0)}%`.padStart(5);
console.log(`${n} queries (compound Chinese, Traditional, policy ids, English)`);
console.log('                 recall  first-correct  precision@3  median time to first result');
for (const engine of ['stock', 'handbook'] as Engine[]) {
  const r = rows[engine];
  console.log(
    `${engine === 'stock' ? 'stock Starlight' : 'handbook       '}   ${pct(r.recall)}          ${pct(r.first)}        ${pct(r.p3)}   ${median(r.ms).toFixed(1)} ms`,
  );
}
if (misses.length) console.log(`handbook search, first result not as expected:\n  ${misses.join('\n  ')}`);
