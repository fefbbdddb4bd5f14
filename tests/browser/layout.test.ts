// Every built page at phone (390) and desktop (1280) widths, light and dark: the page itself never
// scrolls sideways (a table or chart may, inside its own labelled box), and axe finds no serious or
// critical violation on one page of every kind, in both themes and at both widths.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSite } from '../../scripts/test/site.ts';
import { useBuiltSite } from './harness.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ctx = useBuiltSite();

/** Every page of the build, by its address. */
function pages(dist: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name === 'index.html')
        out.push(`/${relative(dist, dir).split(sep).join('/')}/`.replace('//', '/'));
  };
  walk(dist);
  return out.sort();
}

const viewports = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];

describe('layout on a phone and a desktop', () => {
  it('no built page scrolls sideways at 390 or 1280 px', async () => {
    const all = pages(builtSite());
    expect(all.length).toBeGreaterThan(20);
    const wide: string[] = [];
    // The two widths side by side: two pages of one Chromium.
    await Promise.all(
      viewports.map(async (viewport) => {
        const page = await ctx.browser.newPage({ viewport });
        for (const path of all) {
          await page.goto(`${ctx.url}${path}`, { waitUntil: 'domcontentloaded' });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) wide.push(`${path} at ${viewport.width} px: ${overflow} px too wide`);
        }
        await page.close();
      }),
    );
    expect(wide).toEqual([]);
  }, 120_000);

  /** One page of every kind a reader meets. */
  const kinds = (all: string[]) =>
    [
      '/',
      '/policies/08-meetings/',
      '/processes/',
      '/processes/annual-planning/',
      '/departments/',
      '/departments/finance/',
      '/compliance/',
      all.find((p) => /^\/compliance\/[^/]+\/$/.test(p)),
      '/calendar/',
      all.find((p) => /^\/calendar\/\d{4}-\d{2}\/$/.test(p)),
      '/changes/',
      all.find((p) => /^\/changes\/[^/]+\/[^/]+\/$/.test(p)),
      '/reference/checker/',
      '/search/',
      '/forms/',
      all.find((p) => /^\/forms\/[^/]+\/$/.test(p)),
    ].filter((p): p is string => p !== undefined);

  it('axe finds no serious or critical violation, light and dark, phone and desktop', async () => {
    const found: string[] = [];
    const combos = viewports.flatMap((viewport) =>
      (['light', 'dark'] as const).map((colorScheme) => ({ viewport, colorScheme })),
    );
    // The four combinations side by side: four pages of one Chromium.
    await Promise.all(
      combos.map(async ({ viewport, colorScheme }) => {
        const page = await ctx.browser.newPage({ viewport, colorScheme });
        for (const path of kinds(pages(builtSite()))) {
          await page.goto(`${ctx.url}${path}`);
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => {
            const axe = (
              window as unknown as {
                axe: {
                  run: (
                    d: Document,
                    o: object,
                  ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
                };
              }
            ).axe;
            return (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              where: v.nodes.slice(0, 2).map((n) => n.target.join(' ')),
            }));
          });
          for (const v of violations)
            if (v.impact === 'serious' || v.impact === 'critical')
              found.push(`${path} ${viewport.width} ${colorScheme}: ${v.id} (${v.impact}) ${v.where.join('; ')}`);
        }
        await page.close();
      }),
    );
    found.sort();
    expect(found).toEqual([]);
  }, 180_000);

  it('a box that scrolls is a Tab stop that says so; one that fits is neither', async () => {
    const state = async (width: number, path: string, selector: string) => {
      const page = await ctx.browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${ctx.url}${path}`);
      const box = page.locator(selector).first();
      // The script runs after the page is parsed: wait until it has judged the box.
      await page.waitForFunction((s) => {
        const el = document.querySelector<HTMLElement>(s);
        return el !== null && (el.hasAttribute('data-scrolls') || !el.hasAttribute('tabindex'));
      }, selector);
      const result = {
        scrolls: await box.evaluate((el) => el.scrollWidth > el.clientWidth + 1),
        tabindex: await box.getAttribute('tabindex'),
        label: await box.getAttribute('aria-label'),
        // The hint of the figure holding the box.
        hint: await box.evaluate((el) => {
          const hint = el.closest('figure')?.querySelector<HTMLElement>('.scroll-hint');
          return hint ? hint.offsetParent !== null : false;
        }),
        // The size a chart's 12 px text is drawn at.
        fontPx: await box.evaluate((el) => {
          const svg = el.querySelector('svg');
          return svg ? (12 * svg.getBoundingClientRect().width) / Number(svg.viewBox.baseVal.width) : 12;
        }),
      };
      await page.close();
      return result;
    };
    // Every chart fits at 1280. On a phone a chart either fits at a legible size or scrolls and says so.
    for (const id of ['chart-by-obligation', 'chart-by-age']) {
      const chart = `#${id} .report-chart__drawing`;
      const wide = await state(1280, '/compliance/', chart);
      expect(wide, id).toMatchObject({ scrolls: false, tabindex: null, label: null, hint: false });
      const narrow = await state(390, '/compliance/', chart);
      expect(narrow, id).toMatchObject(
        narrow.scrolls ? { tabindex: '0', hint: true } : { tabindex: null, label: null, hint: false },
      );
      if (narrow.scrolls) expect(narrow.label).toMatch(/（可左右滚动）$/);
      else expect(narrow.fontPx, id).toBeGreaterThanOrEqual(9.5);
    }
  }, 60_000);

  it('a flowchart wider than the page opens whole at the page width; 放大查看 shows it full size, scrolling, with the hint', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${ctx.url}/processes/annual-planning/`);
    const frame = page.locator('.flowchart-frame').first();
    const zoom = page.locator('.flowchart-zoom').first();
    const hint = page.locator('.flowchart-figure .scroll-hint').first();
    const scrolls = () => frame.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    await zoom.waitFor();
    expect(await scrolls()).toBe(false);
    expect(await hint.isVisible()).toBe(false);
    expect(await zoom.getAttribute('aria-pressed')).toBe('false');
    await zoom.click();
    await page.waitForFunction(() => document.querySelector('.flowchart-frame')?.hasAttribute('data-scrolls'));
    expect(await scrolls()).toBe(true);
    expect(await hint.isVisible()).toBe(true);
    expect(await frame.getAttribute('tabindex')).toBe('0');
    expect(await zoom.getAttribute('aria-pressed')).toBe('true');
    // Back to the whole chart; a click on it zooms in where it was clicked (here: its right end).
    await zoom.click();
    expect(await scrolls()).toBe(false);
    const box = (await page.locator('.flowchart-canvas').first().boundingBox())!;
    await page.mouse.click(box.x + box.width - 5, box.y + box.height / 2);
    expect(await frame.evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 2)).toBe(true);
    await page.close();
  }, 60_000);

  it('gives every column of a requirements table room at 1280 px, and turns its rows into cards at 390', async () => {
    // Every policy page with requirements, whichever the handbook has.
    const withTable = pages(builtSite()).filter((p) =>
      readFileSync(join(builtSite(), p, 'index.html'), 'utf8').includes('id="obligations-heading"'),
    );
    expect(withTable.length).toBeGreaterThan(0);
    const wide = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const narrow = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    for (const path of withTable) {
      await wide.goto(`${ctx.url}${path}`);
      const shares = await wide.evaluate(() => {
        const table = document.querySelector('.obligations table')!;
        const width = table.getBoundingClientRect().width;
        return [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().width / width);
      });
      // No column squeezed to a character or two: each at least an eighth of the table.
      for (const share of shares) expect(share, path).toBeGreaterThan(1 / 8);
      // An article reference (第三章（一）第 1 条) breaks between its parts: no line ends in 第 or a
      // number cut from its 条, and a short one takes two lines at most.
      const refs = await wide.evaluate(() =>
        [...document.querySelectorAll('.obligations td[data-label="依据"] > a')].map((a) => {
          const lines = new Map<number, string>();
          const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode())
            for (let i = 0; i < (node.textContent ?? '').length; i++) {
              const range = document.createRange();
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const top = Math.round(range.getBoundingClientRect().top);
              lines.set(top, (lines.get(top) ?? '') + node.textContent![i]);
            }
          return [...lines.entries()].sort((x, y) => x[0] - y[0]).map(([, text]) => text.trim());
        }),
      );
      for (const lines of refs) {
        for (const line of lines.slice(0, -1)) expect(line, `${path} ${lines.join('/')}`).not.toMatch(/(第|\d)$/);
        if ([...lines.join('')].length <= 16) expect(lines.length, `${path} ${lines.join('/')}`).toBeLessThanOrEqual(2);
      }
      await narrow.goto(`${ctx.url}${path}`);
      await expect(
        narrow.evaluate(() => getComputedStyle(document.querySelector('.obligations tr')!).display),
        path,
      ).resolves.toBe('block');
    }
    await wide.close();
    await narrow.close();
  });

  it('prints every flowchart whole, scaled to the page, without the scroll hint', async () => {
    const withChart = pages(builtSite()).filter((p) =>
      readFileSync(join(builtSite(), p, 'index.html'), 'utf8').includes('class="flowchart-figure'),
    );
    expect(withChart.length).toBeGreaterThan(0);
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.emulateMedia({ media: 'print' });
    for (const path of withChart) {
      await page.goto(`${ctx.url}${path}`);
      const fits = await page.evaluate(() =>
        [...document.querySelectorAll('.flowchart-figure')].map((figure) => {
          const svg = figure.querySelector('svg.flowchart')!.getBoundingClientRect();
          const hint = figure.querySelector('.scroll-hint');
          return {
            inside: svg.right <= document.documentElement.clientWidth + 1,
            hint: hint ? getComputedStyle(hint).display : 'none',
          };
        }),
      );
      for (const f of fits) expect(f, path).toEqual({ inside: true, hint: 'none' });
    }
    await page.close();
  });
});
