// A handbook with chapters of several pages (60 generated units' rules, every one with obligations;
// those with a flowchart MDX, the others Markdown), built once and read in Chromium: the chapter
// navigation by mouse, keyboard and phone, and the calendar and compliance overviews a large report gets.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveStatic } from '../../scripts/lib/browser.ts';
import { writeSyntheticHandbook, type SyntheticHandbook } from '../../scripts/lib/synthetic-handbook.ts';
import { repoRoot } from '../../src/model/root.ts';

const UNITS = 60;
let base = '';
let handbook: SyntheticHandbook;
let url = '';
let browser: Browser;
let close: () => Promise<void>;
let pending: { slug: string; version: string; effective: string };

/**
 * A process owner's changes as CONTRIBUTING says, each in a commit of its own: page `index` corrected
 * as 1.0.1 from its first day (2026-01-01, as 1.0.0), then raised to 1.0.2 effective thirty days
 * after today. Until then 1.0.1 applies: of two versions of one day, the later.
 */
function writePendingVersion(h: SyntheticHandbook, index: number) {
  const file = join(h.root, h.files[index]!);
  const effective = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const made = new Date().toISOString().slice(0, 10);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...args], {
      cwd: h.root,
      stdio: 'ignore',
    });
  const version = (from: string, to: string, day: string, summary: string, text: (t: string) => string) => {
    writeFileSync(
      file,
      text(readFileSync(file, 'utf8'))
        .replace(new RegExp(`^version: ${from.replaceAll('.', '\\.')}$`, 'm'), `version: ${to}`)
        .replace(/^effective: .*$/m, `effective: ${day}`)
        .replace(
          /^changes:\n/m,
          `changes:\n  - version: ${to}\n    date: ${made}\n    summary: ${JSON.stringify(summary)}\n    approvedBy: executive-team\n`,
        ),
    );
    git('commit', '-qam', `${to}, effective ${day}`);
  };
  version('1.0.0', '1.0.1', '2026-01-01', '更正错字。', (t) => t.replace(/\n## /, '\n本规定自发布之日起施行。\n\n## '));
  version('1.0.1', '1.0.2', effective, '措辞修改：<img src=x onerror=alert(1)> 见‹附件›', (t) =>
    t.replace(/\n## /, '\n本规定由归口部门负责解释。\n\n## '),
  );
  return { slug: h.slugs[index]!, version: '1.0.2', effective };
}

beforeAll(async () => {
  mkdirSync(join(repoRoot, '.cache'), { recursive: true });
  base = mkdtempSync(join(repoRoot, '.cache', 'test-large-'));
  handbook = writeSyntheticHandbook(join(base, 'repo'), UNITS, { obligations: 'all', plain: 'md' });
  pending = writePendingVersion(handbook, 3);
  const dist = join(base, 'dist');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
    cwd: handbook.root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HANDBOOK_OUT_DIR: dist, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  ({ url, close } = await serveStatic(dist));
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await close?.();
  if (base) rmSync(base, { recursive: true, force: true });
});

/** The sidebar's links: text, address and whether it is the current page. */
const sidebar = (page: Page) =>
  page.locator('#starlight__sidebar a').evaluateAll((links) =>
    links.map((a) => ({
      text: a.textContent!.trim(),
      href: a.getAttribute('href'),
      current: a.getAttribute('aria-current') === 'page',
    })),
  );

describe('a handbook with chapters of several pages', () => {
  it('has no serious or critical accessibility violations on a page with its chapter open, the chapter index, a calendar month and a page announcing a later version, light and dark', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ colorScheme });
      for (const path of [`/${handbook.slugs[10]}/`, '/chapters/3/', '/calendar/', `/${pending.slug}/`]) {
        await page.goto(`${url}${path}`);
        await page.addScriptTag({ content: axe });
        const violations = (await page.evaluate(
          async () =>
            (
              await (
                window as unknown as {
                  axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string }[] }> };
                }
              ).axe.run(document)
            ).violations,
        )) as { id: string; impact: string }[];
        expect(
          violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path} ${v.id}`),
        ).toEqual([]);
      }
      await page.close();
    }
  });

  it('opens the current chapter in the sidebar, marks the page, and keeps the same number of links on every page', async () => {
    const page = await browser.newPage();
    const units = handbook.slugs;
    const counts: number[] = [];
    for (const slug of [units[0]!, units[30]!, units.at(-1)!]) {
      await page.goto(`${url}/${slug}/`);
      const links = await sidebar(page);
      counts.push(links.length);
      expect(links.filter((l) => l.current).map((l) => l.href)).toEqual([`/${slug}/`]);
      expect(links.some((l) => /^本章全部 \d+ 篇$/.test(l.text))).toBe(true);
    }
    expect(new Set(counts).size).toBe(1);
    // A chapter the reader is not in is one link, to its index.
    await page.goto(`${url}/policies/01-general/`);
    const general = await sidebar(page);
    expect(general.filter((l) => l.href?.startsWith('/policies/units/'))).toEqual([]);
    expect(general.filter((l) => l.href?.startsWith('/chapters/')).length).toBeGreaterThan(0);
    await page.close();
  });

  it('reaches the chapter index from the keyboard, and it lists every page of the chapter', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/${handbook.slugs[5]}/`);
    const all = page.locator('#starlight__sidebar a', { hasText: /^本章全部 \d+ 篇$/ });
    const count = Number((await all.textContent())!.match(/\d+/)![0]);
    // Tab until the link has focus, as a keyboard user would.
    let focused = false;
    for (let i = 0; i < 80 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await all.evaluate((a) => a === document.activeElement);
    }
    expect(focused).toBe(true);
    await Promise.all([page.waitForURL(/\/chapters\/\d+\/$/), page.keyboard.press('Enter')]);
    expect(await page.locator('main table tbody tr').count()).toBe(count);
    await page.close();
  });

  it('on a phone, the menu shows the chapter and its pages, and previous/next turn the pages in order', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${url}/${handbook.slugs[0]}/`);
    await page.getByRole('button', { name: '菜单' }).click();
    const next = page.locator('#starlight__sidebar a', { hasText: /实施细则/ }).nth(1);
    await expect.poll(() => next.isVisible()).toBe(true);
    await page.getByRole('button', { name: '菜单' }).click();
    // The next-page link at the foot of the page goes on through the chapter.
    const nextHref = await page.locator('a[rel="next"]').getAttribute('href');
    expect(nextHref).toMatch(/^\/policies\/units\//);
    await Promise.all([page.waitForURL(`${url}${nextHref}`), page.locator('a[rel="next"]').click()]);
    expect(await page.locator('a[rel="prev"]').getAttribute('href')).toBe(`/${handbook.slugs[0]}/`);
    await page.close();
  });

  it('publishes a policy written as Markdown like one written as MDX: its sections, its obligations, its department', async () => {
    const page = await browser.newPage();
    const md = handbook.files.findIndex((f) => f.endsWith('.md'));
    const mdx = handbook.files.findIndex((f) => f.endsWith('.mdx'));
    expect(md).toBeGreaterThanOrEqual(0);
    expect(mdx).toBeGreaterThanOrEqual(0);
    for (const i of [md, mdx]) {
      const text = readFileSync(join(handbook.root, handbook.files[i]!), 'utf8');
      const title = /^title: (.+)$/m.exec(text)![1]!;
      const obligation = /^ {4}title: (.+)$/m.exec(text)![1]!;
      const owner = /^owner: (.+)$/m.exec(text)![1]!;
      await page.goto(`${url}/${handbook.slugs[i]}/`);
      expect(await page.locator('h1').textContent()).toContain(title);
      expect(await page.locator('main h2').allTextContents()).toContain('（三）工作要求');
      expect(await page.locator('main .obligations').textContent()).toContain(obligation);
      await page.goto(`${url}/departments/${owner}/`);
      expect(await page.locator('main').textContent()).toContain(title);
    }
    // The MDX page keeps its component.
    await page.goto(`${url}/${handbook.slugs[mdx]}/`);
    expect(await page.locator('main svg').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('lists the calendar by month and the compliance report by department once they are large', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/calendar/`);
    const months = page.locator('nav[aria-label="月份"] a');
    expect(await months.count()).toBe(12);
    await Promise.all([page.waitForURL(/\/calendar\/\d{4}-\d{2}\/$/), months.first().click()]);
    expect(await page.locator('main time[datetime]').count()).toBeGreaterThanOrEqual(UNITS);
    await page.goto(`${url}/compliance/`);
    const departments = page.locator('#by-department ~ table a');
    expect(await departments.count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/\/compliance\/[a-z-]+\/$/), departments.first().click()]);
    await expect.poll(() => page.locator('h2#findings').textContent()).toMatch(/未结的检查结果 \d+ 项/);
    await page.close();
  });

  it('announces a version not yet in force at the top of its page, with the version that applies until then, and gives every version its effective day', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/${pending.slug}/`);
    const [y, m, d] = pending.effective.split('-').map(Number);
    const notice = (await page.locator('.policy-later').textContent())!.replace(/\s+/g, '');
    expect(notice).toContain(`本版（${pending.version}）自${y}年${m}月${d}日起生效；此前适用1.0.1版`);
    const diff = await page.locator('.policy-later a').getAttribute('href');
    expect(diff).toMatch(/^\/changes\/.+\/1\.0\.2\/$/);
    // The version history gives each version its effective day, and so does the page of the change.
    const history = await page
      .locator('.version-history tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('[data-effective]')?.textContent?.replace(/\s+/g, '')));
    expect(history).toEqual([`${y}年${m}月${d}日起生效`, '2026年1月1日起生效', '2026年1月1日起生效']);
    await page.goto(`${url}${diff}`);
    expect((await page.locator('.diff-effective').textContent())!.replace(/\s+/g, '')).toBe(
      `1.0.1版自2026年1月1日起生效；1.0.2版自${y}年${m}月${d}日起生效。`,
    );
    // The change's summary is text in the feed, as written, never markup for a feed reader.
    const feed = await (await fetch(`${url}/changes.xml`)).text();
    expect(feed).toContain('措辞修改：&lt;img src=x onerror=alert(1)&gt; 见‹附件›');
    expect(feed).not.toContain('<img');
    // A page whose current version is in force carries no such notice.
    await page.goto(`${url}/${handbook.slugs[4]}/`);
    expect(await page.locator('.policy-later').count()).toBe(0);
    await page.close();
  });
});
