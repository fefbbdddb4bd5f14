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
    /** Why the build failed (the content problem Astro reported), or '' when it succeeded. */
    buildError: string;
  }
}

/** Pages the test build adds to the handbook's own (content.config.ts): a draft and a confidential page. */
export const FIXTURE_PAGES = 'tests/fixtures/pages';

export default function setup(project: TestProject) {
  const reuse = process.env.HANDBOOK_DIST;
  if (reuse) {
    project.provide('distDir', reuse);
    project.provide('buildSeconds', 0);
    project.provide('buildError', '');
    return;
  }
  const base = mkdtempSync(join(tmpdir(), 'handbook-test-'));
  const distDir = join(base, 'dist');
  const started = performance.now();
  // A content mistake fails the build: say what Astro said, once, and let every test that does not
  // need the site run (the site's tests fail with the same message: scripts/test/site.ts).
  let buildError = '';
  try {
    execFileSync('node', ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      // With the fixture pages (a draft, a confidential page) that the shipped handbook has none of.
      env: {
        ...process.env,
        HANDBOOK_OUT_DIR: distDir,
        HANDBOOK_FIXTURE_PAGES: FIXTURE_PAGES,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    // Astro's message without its stack trace and the place in our code that threw it.
    const lines = stderr.split('\n').filter((l) => l.trim() && !/^\s+at /.test(l));
    buildError =
      lines
        .filter((l, i) => !/^\s*Location:/.test(l) && !/^\s*Location:/.test(lines[i - 1] ?? ''))
        .slice(0, 20)
        .join('\n') || (error as Error).message;
    process.stderr.write(`\nThe site did not build, so its tests will fail; the other tests run.\n${buildError}\n\n`);
  }
  project.provide('buildError', buildError);
  project.provide('distDir', distDir);
  project.provide('buildSeconds', (performance.now() - started) / 1000);
  return () => rmSync(base, { recursive: true, force: true });
}
