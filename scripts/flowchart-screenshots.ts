// Screenshots of every process's operating manual page (the flowchart in its frame, and the full
// chart scrolled into view) at desktop (1280) and phone (390) widths, into
// test-results/flowcharts/. Look at them after changing a process or the layout.
// Run: npm run screenshots:flowcharts
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrganization, loadPolicies, repoRoot } from '../src/model/load.ts';
import { loadProcesses } from '../src/process/load.ts';
import { builtSite, launchChromium, serveStatic } from './lib/browser.ts';
import { obligationRules } from '../checks/rules/index.ts';

const out = join(repoRoot, 'test-results/flowcharts');
mkdirSync(out, { recursive: true });
const org = loadOrganization();
const processes = loadProcesses(org, loadPolicies(org, obligationRules));
const site = await serveStatic(await builtSite());
const browser = await launchChromium();
try {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: width < 500 ? 2 : 1 });
    for (const p of processes) {
      await page.goto(`${site.url}/processes/${p.id}/`);
      await page
        .locator('.flowchart-figure')
        .first()
        .screenshot({ path: join(out, `${p.id}-${width}.png`) });
      // The whole chart, as if the frame were wide enough.
      await page
        .locator('svg.flowchart')
        .first()
        .evaluate((svg) => ((svg.parentElement as HTMLElement).style.overflow = 'visible'));
      await page
        .locator('svg.flowchart')
        .first()
        .screenshot({ path: join(out, `${p.id}-${width}-full.png`) });
    }
    await page.close();
  }
  console.log(`wrote ${processes.length * 4} screenshots to ${out}`);
} finally {
  await browser.close();
  await site.close();
}
