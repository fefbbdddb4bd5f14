// Measures production builds of the handbook, as shipped and with N generated policy pages added
// (scripts/lib/synthetic-handbook.ts), with the handbook's navigation and with stock Starlight's
// (every policy in every page's sidebar), side by side.
//
//   npm run bench:build                          the shipped handbook, one cold build
//   npm run bench:build -- --pages 200,2000      200 and 2,000 extra pages, both navigations
//   npm run bench:build -- --pages 1000 --obligations all --nav handbook
//   npm run bench:build -- --pages 2000 --plain md   generated pages without a component as .md
//
// For each build: wall time, peak memory of the build's process tree (sampled from /proc every
// 50 ms), time and peak memory by phase, output size, Pagefind's own time (from Starlight's log,
// and again run alone on the output after the build), time per page, the largest
// HTML pages, and one policy page's weight: its HTML, the CSS and the JavaScript it loads before
// search is opened (scripts and their static imports; search's own code loads on opening), raw
// and gzip. Every build is cold: a fresh output and cache folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../src/model/root.ts';
import { writeSyntheticHandbook } from './lib/synthetic-handbook.ts';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '0' },
    nav: { type: 'string', default: 'both' },
    obligations: { type: 'string', default: 'fifth' },
    plain: { type: 'string', default: 'mdx' },
    runs: { type: 'string', default: '1' },
  },
});
const sizes = args.pages!.split(',').map(Number);
const navs = args.nav === 'both' ? ['handbook', 'stock'] : [args.nav!];
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs takes a whole number of builds, 1 or more; got "${args.runs}"`);
if (sizes.some((n) => !Number.isInteger(n) || n < 0))
  throw new Error(`--pages takes page counts such as 200,2000; got "${args.pages}"`);
if (!navs.every((n) => n === 'handbook' || n === 'stock'))
  throw new Error(`--nav is handbook, stock or both; got "${args.nav}"`);
if (args.plain !== 'mdx' && args.plain !== 'md')
  throw new Error(
    `--plain is mdx (every generated page MDX) or md (pages without a component as Markdown); got "${args.plain}"`,
  );
if (args.obligations !== 'fifth' && args.obligations !== 'all')
  throw new Error(`--obligations is fifth (every fifth generated page) or all; got "${args.obligations}"`);

/** Resident memory of a process and its descendants, in bytes, from /proc. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface Run {
  seconds: number;
  peakBytes: number;
  /** Time and peak memory in each phase, as the command's log marks them. */
  phases: { phase: string; seconds: number; peakBytes: number }[];
  log: string;
}

/** Runs a command to its end, sampling the memory of its process tree; `markers` name phases by log lines. */
function measure(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; firstPhase: string; markers?: [RegExp, string][] },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    let peak = 0;
    const phases = [{ phase: options.firstPhase, startedAt: started, seconds: 0, peakBytes: 0 }];
    const read = (d: Buffer) => {
      log += d;
      for (const [re, phase] of options.markers ?? [])
        if (re.test(String(d)) && !phases.some((p) => p.phase === phase))
          phases.push({ phase, startedAt: performance.now(), seconds: 0, peakBytes: 0 });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    const timer = setInterval(() => {
      const rss = treeRss(child.pid!);
      peak = Math.max(peak, rss);
      const current = phases.at(-1)!;
      current.peakBytes = Math.max(current.peakBytes, rss);
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const ended = performance.now();
      for (const [i, p] of phases.entries()) p.seconds = ((phases[i + 1]?.startedAt ?? ended) - p.startedAt) / 1000;
      if (code !== 0)
        return reject(new Error(`${[command, ...args].join(' ')} failed (exit ${code}):\n${log.slice(-4000)}`));
      resolve({ seconds: (ended - started) / 1000, peakBytes: peak, phases, log });
    });
  });
}

async function build(root: string, out: string, nav: string) {
  const run = await measure(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    env: {
      ...process.env,
      HANDBOOK_OUT_DIR: out,
      HANDBOOK_NAV: nav,
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    },
    firstPhase: 'start, config, content sync',
    markers: [
      [/Building static entrypoints/, 'bundling (Vite)'],
      [/generating static routes/, 'rendering pages'],
      [/Building search index/, 'Pagefind'],
      [/validating links/, 'links, sitemap'],
    ],
  });
  const m = /Finished building search index in ([\d.]+)(ms|s)/.exec(run.log);
  return { ...run, pagefindSeconds: m ? Number(m[1]) / (m[2] === 'ms' ? 1000 : 1) : undefined };
}

/**
 * Pagefind alone on a built site, in its own process after the build has ended: how much of the
 * build's time and memory the search index needs by itself, whatever runs it.
 */
function pagefindAlone(out: string) {
  return measure(
    join(repoRoot, 'node_modules/.bin/pagefind'),
    ['--site', out, '--output-path', `${out}-pagefind-alone`],
    { cwd: repoRoot, env: process.env, firstPhase: 'Pagefind' },
  );
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The CSS and the JavaScript a page loads before search is opened: its stylesheets, its module scripts and their static imports. */
function pageWeight(dist: string, htmlPath: string) {
  const html = readFileSync(htmlPath);
  const text = html.toString('utf8');
  const local = (href: string, from: string) =>
    href.startsWith('/') ? join(dist, href.split(/[?#]/)[0]!) : join(dirname(from), href.split(/[?#]/)[0]!);
  const css = [
    ...text.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g),
    ...text.matchAll(/<link[^>]+href="([^"]+\.css)"[^>]*rel="stylesheet"/g),
  ].map((m) => local(m[1]!, htmlPath));
  const js = new Set<string>();
  const queue = [
    ...text.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...text.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => local(m[1]!, htmlPath));
  // Inline module scripts import too.
  for (const m of text.matchAll(/<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g))
    for (const i of m[1]!.matchAll(/(?:import|from)\s*"([^"]+\.js)"/g)) queue.push(local(i[1]!, htmlPath));
  while (queue.length) {
    const path = queue.pop()!;
    if (js.has(path) || !existsSync(path)) continue;
    js.add(path);
    // Static imports only (import x from "./a.js", import "./a.js", export ... from "./a.js"); import("./b.js") loads later.
    for (const m of readFileSync(path, 'utf8').matchAll(
      /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?"([^"]+\.js)"/g,
    ))
      queue.push(local(m[1]!, path));
  }
  const sum = (paths: Iterable<string>) =>
    [...new Set(paths)].reduce(
      (acc, p) => {
        const b = readFileSync(p);
        return { raw: acc.raw + b.length, gzip: acc.gzip + gzipSync(b, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  const h = { raw: html.length, gzip: gzipSync(html, { level: 9 }).length };
  const c = sum(css);
  const j = sum(js);
  // Scripts written into the page run before search opens too (counted in the HTML's bytes as well).
  const inline = [
    ...text.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/g),
  ].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
  return {
    html: h,
    css: c,
    js: j,
    inlineJs: inline,
    total: { raw: h.raw + c.raw + j.raw, gzip: h.gzip + c.gzip + j.gzip },
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const rows: string[][] = [];
const header = [
  'extra pages',
  'nav',
  'build',
  'per page',
  'peak RSS',
  'dist',
  'Pagefind',
  'HTML pages',
  'largest page',
  'policy page HTML',
  'HTML+CSS+JS gzip',
  'JS before search opens',
];

for (const pages of sizes) {
  mkdirSync(join(repoRoot, '.cache'), { recursive: true });
  const base = mkdtempSync(join(repoRoot, '.cache', 'bench-build-'));
  try {
    let root = repoRoot;
    let sample = 'policies/08-meetings';
    if (pages > 0) {
      const made = writeSyntheticHandbook(join(base, 'repo'), pages, {
        obligations: args.obligations as 'fifth' | 'all',
        plain: args.plain as 'mdx' | 'md',
      });
      root = made.root;
      sample = made.sample;
    }
    for (const nav of navs) {
      for (let run = 0; run < runs; run++) {
        const out = join(base, `dist-${nav}-${run}`);
        const b = await build(root, out, nav);
        const all = files(out);
        const html = all.filter((f) => f.endsWith('.html'));
        const largest = html.map((f) => [f, statSync(f).size] as const).sort((a, b) => b[1] - a[1])[0]!;
        const weight = pageWeight(out, join(out, sample, 'index.html'));
        const shipped = pages > 0 ? pageWeight(out, join(out, 'policies/08-meetings/index.html')) : weight;
        const bytes = all.reduce((acc, f) => acc + statSync(f).size, 0);
        rows.push([
          String(pages),
          nav,
          `${b.seconds.toFixed(1)} s`,
          `${((b.seconds * 1000) / html.length).toFixed(1)} ms`,
          `${(b.peakBytes / 1024 ** 3).toFixed(2)} GB`,
          mb(bytes),
          b.pagefindSeconds === undefined ? '?' : `${b.pagefindSeconds.toFixed(1)} s`,
          String(html.length),
          `${relative(out, largest[0])} ${kb(largest[1])}`,
          `${kb(weight.html.raw)} (08-meetings ${kb(shipped.html.raw)})`,
          `${kb(weight.total.gzip)} (raw ${kb(weight.total.raw)})`,
          `${kb(weight.js.raw + weight.inlineJs)} raw (${kb(weight.inlineJs)} of it inline), files ${kb(weight.js.gzip)} gzip`,
        ]);
        const warnings = b.log.split('\n').filter((l) => /\bwarn\b|\[WARN\]|warning/i.test(l));
        console.error(
          `${pages} pages, ${nav} navigation: ${b.seconds.toFixed(1)} s; ${warnings.length} warning lines in the build log${warnings.length ? `, e.g.\n  ${[...new Set(warnings)].slice(0, 5).join('\n  ')}` : ''}`,
        );
        console.error(
          `  time and peak memory by phase: ${b.phases.map((p) => `${p.phase} ${p.seconds.toFixed(1)} s, ${(p.peakBytes / 1024 ** 3).toFixed(2)} GB`).join('; ')}`,
        );
        // Where the time went, as Astro and Starlight log it.
        console.error(
          b.log
            .split('\n')
            .filter((l) => /Generated|Completed in|built in|Finished building|Found \d+ HTML/.test(l))
            .map((l) => `  ${l.trim()}`)
            .join('\n'),
        );
        const alone = await pagefindAlone(out);
        console.error(
          `  Pagefind alone on this output, after the build: ${alone.seconds.toFixed(1)} s, ${(alone.peakBytes / 1024 ** 3).toFixed(2)} GB peak`,
        );
        rmSync(`${out}-pagefind-alone`, { recursive: true, force: true });
        const big = html.filter((f) => statSync(f).size > 200 * 1024);
        if (big.length)
          console.error(
            `  ${big.length} HTML pages over 200 KB: ${big
              .slice(0, 8)
              .map((f) => `${relative(out, f)} ${kb(statSync(f).size)}`)
              .join(', ')}`,
          );
        rmSync(out, { recursive: true, force: true });
        rmSync(`${out}-cache`, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

// A Markdown table, for the closing note of an issue.
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
