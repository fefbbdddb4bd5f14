// npm run bench:lint [-- 500 2000]: the content lint on a copy of the content whose meeting policy
// holds N obligations each naming an unknown department (N schema problems on one page): its time
// for each N, to show that it grows with the problems, not with their square.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../src/model/root.ts';
import { lintContent } from './lint-content.ts';

const sizes = process.argv.slice(2).map(Number);
for (const n of sizes.length ? sizes : [500, 2000]) {
  const root = mkdtempSync(join(tmpdir(), 'bench-lint-'));
  try {
    cpSync(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
    mkdirSync(join(root, '.github'));
    cpSync(join(repoRoot, '.github/CODEOWNERS'), join(root, '.github/CODEOWNERS'));
    const page = join(root, 'content/docs/policies/08-meetings.mdx');
    const bad = Array.from(
      { length: n },
      (_, i) =>
        `  - id: bad-${i}\n    title: 坏的要求\n    article: 第一条\n    who: { department: nowhere }\n    records: meetings\n` +
        '    rule: deadline\n    evidence: minutes_filed_at\n    due: { after: end_at, deadline: meeting-minutes }\n',
    ).join('');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/^obligations:\n/m, `obligations:\n${bad}`));
    const started = performance.now();
    const problems = lintContent({ root }).filter((p) => p.rule === 'schema').length;
    console.log(
      `${n} bad obligations: ${problems} schema problems in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
