import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflows } from './lint-workflows.ts';

describe('GitHub Actions workflows', () => {
  it('pass actionlint', async () => {
    expect(await lintWorkflows()).toEqual([]);
  });

  it('actionlint reports mistakes, with file and line (the check can fail)', async () => {
    const problems = await lintWorkflows(join(import.meta.dirname, 'fixtures/bad-workflows'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.line)).toContain(5);
    // A current actionlint: it knows which actions' runtimes GitHub no longer runs, and untrusted input.
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 15, kind: 'action', message: expect.stringContaining('too old to run') }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 16, message: expect.stringContaining('potentially untrusted') }),
    );
    // Node 20 actions, which the runners force onto Node 24 with a deprecation warning.
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 11, kind: 'runtime', message: expect.stringContaining('actions/checkout@v5') }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 18,
        kind: 'runtime',
        message: expect.stringContaining('actions/upload-artifact@v6'),
      }),
    );
    // The current majors pass.
    expect(problems.filter((p) => p.line === 20)).toEqual([]);
  });
});
