// Measures a production build of the handbook: wall time and the pages it produced.
// Run: npm run bench:build
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function htmlPages(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith('.html')).length;
}

const runs = Number(process.env.RUNS ?? 2);
const times: number[] = [];
let pages = 0;
for (let i = 0; i < runs; i++) {
  const base = mkdtempSync(join(tmpdir(), 'handbook-bench-'));
  const out = join(base, 'dist');
  const started = performance.now();
  execFileSync('node', ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HANDBOOK_OUT_DIR: out, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  times.push((performance.now() - started) / 1000);
  pages = htmlPages(out);
  rmSync(base, { recursive: true, force: true });
}
const best = Math.min(...times);
console.log(`production build: ${pages} HTML pages; wall time ${times.map((t) => t.toFixed(2) + ' s').join(', ')} (best ${best.toFixed(2)} s, cold cache each run)`);
