// The shape of the code, held by tests: imports run one way (.dependency-cruiser.cjs says which),
// and the checker a user runs never loads the validation library when the config is cached.
import { build } from 'esbuild';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/model/root.ts';

describe('architecture', () => {
  it('has no import circle and no import against the layers', async () => {
    const { default: config } = await import('../.dependency-cruiser.cjs');
    const result = await cruise(['checks', 'src', 'scripts', 'tests', 'content.config.ts', 'astro.config.mjs'], {
      ...config.options,
      validate: true,
      ruleSet: { forbidden: config.forbidden },
    });
    const output = result.output as import('dependency-cruiser').ICruiseResult;
    // Parsed as TypeScript, not skipped: the tree has well over a hundred modules.
    expect(output.summary.totalCruised).toBeGreaterThan(150);
    const violations = output.summary.violations.map(
      (v) => `${v.rule.name}: ${[v.from, ...(v.cycle?.map((c) => c.name) ?? [v.to])].join(' → ')}`,
    );
    expect(violations).toEqual([]);
  });

  it('bundles the checker so that zod is reached only through the validation it does on a cache miss', async () => {
    const result = await build({
      absWorkingDir: repoRoot,
      entryPoints: { command: 'checks/command.ts', 'part-worker': 'checks/engine/part-worker.ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    // Every package a run loads before it could need to validate: what the entry chunks import
    // statically, and what those import statically in turn.
    const loaded = new Set<string>();
    const entries = ['checks/command.ts', 'checks/engine/part-worker.ts'];
    const queue = Object.keys(outputs).filter((o) => entries.includes(outputs[o]!.entryPoint ?? ''));
    expect(queue).toHaveLength(2);
    for (const seen = new Set(queue); queue.length; ) {
      for (const i of outputs[queue.pop()!]!.imports) {
        if (i.kind !== 'import-statement') continue;
        if (i.external) loaded.add(i.path);
        else if (!seen.has(i.path)) {
          seen.add(i.path);
          queue.push(i.path);
        }
      }
    }
    expect(loaded.size).toBeGreaterThan(0);
    expect([...loaded].filter((p) => p === 'zod' || p.startsWith('zod/'))).toEqual([]);
    // And the bundle does reach it, lazily: a test that could never find zod would prove nothing.
    const lazily = Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(lazily).toContain('zod');
  });
});
