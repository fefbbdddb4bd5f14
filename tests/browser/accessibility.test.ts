// axe-core on the pages readers use most: no serious or critical violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from './harness.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ctx = useBuiltSite();

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

describe('accessibility (axe-core)', () => {
  it.each([
    ['home page', '/'],
    ['policy page', '/policies/08-meetings/'],
    ['department page', '/departments/finance/'],
    ['search results', `/search/?q=${encodeURIComponent('会议纪要')}`],
    ['operating manual', '/processes/annual-planning/'],
  ])('%s has no serious or critical violations', async (_, path) => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}${path}`);
    if (path.startsWith('/search/')) await page.locator('.hs--page .hs__status', { hasText: '找到' }).waitFor();
    await page.addScriptTag({ content: axeSource });
    const violations = (await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }
      ).axe.run(document, {
        resultTypes: ['violations'],
      });
      return result.violations;
    })) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join('; ')}`,
      ),
    ).toEqual([]);
    await page.close();
  });
});
