// A process owner's frontmatter mistake reaches them as the content's own message wherever it
// stops the run (astro sync in typecheck, the build): file, field, expected values, and where to
// find every problem at once; never Astro's "Unable to load your Astro config" and a stack trace.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/model/load.ts';

describe('a content mistake stops astro with its own message', () => {
  it('an unknown owner department: the file, the field and the valid values, no stack trace', () => {
    const docs = join(mkdtempSync(join(tmpdir(), 'docs-')), 'docs');
    cpSync(join(repoRoot, 'content/docs'), docs, { recursive: true });
    const page = readdirSync(join(docs, 'policies')).find((f) => /\.mdx?$/.test(f))!;
    const path = join(docs, 'policies', page);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^owner: .*$/m, 'owner: 不存在的部门'));
    const sync = spawnSync('node', [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'sync'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, HANDBOOK_DOCS: docs, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    expect(sync.status).not.toBe(0);
    expect(sync.stderr).toContain(`${page}: owner: unknown department "不存在的部门", expected one of`);
    expect(sync.stderr).toContain('npm run lint:content');
    expect(sync.stderr).not.toMatch(/Stack trace|Unable to load|\n\s+at /);
  }, 60_000);
});
