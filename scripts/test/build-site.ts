// Vitest global setup: builds the site once, in production mode, into a temporary folder,
// and hands the folder to tests as `inject('distDir')`. HANDBOOK_DIST reuses a build made
// earlier (handy when iterating on one test file).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
    buildSeconds: number;
  }
}

export default function setup(project: TestProject) {
  const reuse = process.env.HANDBOOK_DIST;
  if (reuse) {
    project.provide('distDir', reuse);
    project.provide('buildSeconds', 0);
    return;
  }
  const base = mkdtempSync(join(tmpdir(), 'handbook-test-'));
  const distDir = join(base, 'dist');
  const started = performance.now();
  execFileSync('node', ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HANDBOOK_OUT_DIR: distDir, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  project.provide('distDir', distDir);
  project.provide('buildSeconds', (performance.now() - started) / 1000);
  return () => rmSync(base, { recursive: true, force: true });
}
