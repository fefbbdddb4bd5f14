// Benchmark (not a test): layout + SVG time for the shipped processes and for 200 generated
// processes of 20 steps, and the build time the charts add to the site.
// Run: npm run bench:flowcharts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrganization, loadPolicies } from '../src/model/load.ts';
import { loadProcesses } from '../src/process/load.ts';
import { layoutProcess } from '../src/process/layout.ts';
import { renderProcessSvg } from '../src/process/render-svg.ts';
import type { Process } from '../src/schema/index.ts';
import { obligationRules } from '../checks/rules/index.ts';

const org = loadOrganization();
const shipped = loadProcesses(org, loadPolicies(org, obligationRules));

/** A 20-step process over four lanes with a review loop every fifth step. */
function generated(n: number): Process {
  const lanes = ['operations', 'departments', 'finance', 'executive-team'];
  const steps: Process['steps'] = [
    { id: 'start', type: 'start', lane: lanes[0]!, label: `流程${n}开始`, next: 's1', inputs: [], outputs: [] },
  ];
  for (let i = 1; i <= 18; i++) {
    const next = i === 18 ? 'end' : `s${i + 1}`;
    if (i % 5 === 0)
      steps.push({
        id: `s${i}`,
        type: 'decision',
        lane: lanes[i % 4]!,
        label: `第${i}步审核通过？`,
        branches: [
          { label: '通过', to: next },
          { label: '退回', to: `s${i - 2}` },
        ],
        inputs: [],
        outputs: [],
      });
    else
      steps.push({
        id: `s${i}`,
        type: 'task',
        lane: lanes[(i * 7) % 4]!,
        label: `办理事项第${i}项，形成记录`,
        next,
        inputs: [],
        outputs: [],
      });
  }
  steps.push({ id: 'end', type: 'end', lane: lanes[0]!, label: '结束', inputs: [], outputs: [] });
  return { id: `gen-${n}`, title: `生成流程 ${n}`, description: '基准测试用。', policy: 'OPS-04', lanes, steps };
}

async function time(processes: Process[]) {
  const started = performance.now();
  let bytes = 0;
  for (const p of processes) bytes += renderProcessSvg(p, await layoutProcess(p, org)).length;
  return { ms: performance.now() - started, bytes };
}

await time(shipped.slice(0, 1)); // warm up ELK
const a = await time(shipped);
console.log(
  `shipped: ${shipped.length} processes laid out and rendered in ${a.ms.toFixed(0)} ms (${(a.bytes / 1024).toFixed(0)} KB of SVG)`,
);
const many = Array.from({ length: 200 }, (_, i) => generated(i));
const b = await time(many);
console.log(
  `generated: 200 processes of 20 steps in ${b.ms.toFixed(0)} ms (${(b.ms / 200).toFixed(1)} ms each, ${(b.bytes / 1024).toFixed(0)} KB of SVG)`,
);

const base = mkdtempSync(join(tmpdir(), 'bench-flow-'));
try {
  const started = performance.now();
  execFileSync('node', ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HANDBOOK_OUT_DIR: join(base, 'dist') },
  });
  console.log(
    `site build with the shipped charts: ${((performance.now() - started) / 1000).toFixed(2)} s (the charts' share is the layout time above: ${(a.ms / 1000).toFixed(2)} s)`,
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
