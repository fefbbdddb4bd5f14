// Search in a real browser (Debian's Chromium) against the production build on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useBuiltSite } from './harness.ts';
import { describeObligation } from '../../checks/rules/index.ts';
import { obligationRules } from '../../checks/rules/index.ts';
import { describeCarrier } from '../../src/model/carrier.ts';
import { loadOrganization, loadPolicies } from '../../src/model/load.ts';
import { understand } from '../../src/components/search/query.ts';

const ctx = useBuiltSite();

async function searchFromHeader(page: Page, query: string) {
  const input = page.locator('.hs--dialog .hs__input');
  if (!(await page.locator('dialog.hs-dialog').evaluate((d: HTMLDialogElement) => d.open)))
    await page.keyboard.press('Control+k');
  await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
  await input.fill('');
  await expect.poll(() => page.locator('.hs--dialog .hs__status').textContent()).toBe('');
  await input.fill(query);
  await page.locator('.hs--dialog .hs__status', { hasText: /找到|没有/ }).waitFor();
  return page.locator('.hs--dialog .hs__result');
}

const firstTitle = async (page: Page, query: string) => {
  const results = await searchFromHeader(page, query);
  return results.first().locator('.hs__title').textContent();
};

describe('search in the browser', () => {
  it('finds 会议纪要 on the meeting policy first; Enter lands on the matching heading', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    const results = await searchFromHeader(page, '会议纪要');
    await expect.poll(() => results.first().locator('.hs__title').textContent()).toBe('会议管理');
    await expect(results.first().locator('.hs__meta').textContent()).resolves.toContain('OPS-08');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/policies\/08-meetings\/#/);
    const hash = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const heading = page.locator(`[id="${hash}"]`);
    await expect(heading.isVisible()).resolves.toBe(true);
    await expect(heading.textContent()).resolves.toMatch(/会议/);
    await page.close();
  });

  it('reads Traditional characters, policy ids and English', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    await expect(firstTitle(page, '會議紀要')).resolves.toBe('会议管理');
    await expect(page.locator('.hs--dialog .hs__status').textContent()).resolves.toContain('已按简体“会议纪要”搜索');
    await expect(firstTitle(page, 'ops-5')).resolves.toBe('风险管理');
    await expect(firstTitle(page, 'risk management')).resolves.toBe('风险管理');
    // The English summary under a policy's English title is indexed with the page.
    await expect(firstTitle(page, 'performance feedback')).resolves.toBe('绩效管理');
    await page.close();
  });

  it('answers questions: question words set aside, said in the status, the same page first as for the words asked about', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    const plain = await firstTitle(page, '会议纪要');
    await expect(firstTitle(page, '会议纪要几天内提交')).resolves.toBe(plain);
    await expect(page.locator('.hs--dialog .hs__status').textContent()).resolves.toContain('已按“会议 纪要 提交”搜索');
    // English questions reach the Chinese page of the term they name.
    const annual = await firstTitle(page, '年度运营计划');
    await expect(firstTitle(page, 'who approves the annual plan')).resolves.toBe(annual);
    await page.close();
  });

  it('a question asking when or who shows the answer in the result: the deadline, the carrier', async () => {
    const org = loadOrganization();
    const published = loadPolicies(org, obligationRules).filter(
      ({ policy }) => policy.status === 'approved' && policy.classification !== 'confidential',
    );
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    for (const [asks, ask, said] of [
      ['when', (t: string) => `${t}什么时候`, (ob: never) => `期限：${describeObligation(ob, org)}`],
      ['who', (t: string) => `谁${t}`, (ob: never) => `责任方：${describeCarrier(ob, org)}`],
    ] as const) {
      // A requirement of a policy page, asked about in its own words.
      const { slug, policy } = published.find(({ policy }) => policy.obligations.length)!;
      const ob = policy.obligations[0]!;
      const q = ask(ob.title);
      const { words } = understand(q);
      expect(understand(q).asks).toBe(asks);
      const results = await searchFromHeader(page, q);
      const onPolicy = results.filter({ has: page.locator(`a[href^="/${slug}/"]`) }).first();
      const answer = (await onPolicy.locator('.hs__answer').textContent())!;
      // The answer of a requirement whose title holds the words searched (this one, or one as close).
      const candidates = policy.obligations.filter((o) => words.every((w) => o.title.includes(w)));
      expect(candidates.map((o) => said(o as never))).toContain(answer.replace(/（[^（]*）$/, ''));
    }
    await page.close();
  });

  it('a result whose match is the title shows what the page covers, not the English summary', async () => {
    const org = loadOrganization();
    const { slug, policy } = loadPolicies(org, obligationRules).find(
      ({ policy }) => policy.status === 'approved' && policy.summaryEn,
    )!;
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    const results = await searchFromHeader(page, policy.title);
    const excerpt = await results
      .filter({ has: page.locator(`a[href^="/${slug}/"]`) })
      .first()
      .locator('.hs__excerpt')
      .textContent();
    expect(excerpt).not.toContain(policy.summaryEn!.slice(0, 20));
    expect(excerpt).toMatch(/\p{Script=Han}/u);
    await page.close();
  });

  it('opens a clause number (8.3, 第八章第三节) at its section, named in the result', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    for (const q of ['8.3', '第八章第三节']) {
      const first = (await searchFromHeader(page, q)).first();
      await expect(first.locator('.hs__section').textContent()).resolves.toMatch(/^（三）/);
      const href = await first.locator('a').getAttribute('href');
      expect(decodeURIComponent(href ?? '')).toMatch(/#三/);
    }
    await page.close();
  });

  it('puts the page with the words together above pages with the pieces', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    await expect(firstTitle(page, '风险管理')).resolves.toBe('风险管理');
    await expect(firstTitle(page, '年度运营计划')).resolves.toBe('运营计划管理');
    await page.close();
  });

  it('filters by department', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/search/?q=${encodeURIComponent('绩效')}`);
    await page.locator('.hs--page .hs__status', { hasText: '找到' }).waitFor();
    await page.locator('.hs--page .hs__filter-box summary').click();
    const chip = page.locator('.hs--page .hs__chip[data-filter="部门"][data-value="人力资源部"]');
    await chip.click();
    await expect(chip.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect
      .poll(async () => (await page.locator('.hs--page .hs__result .hs__title').allTextContents()).sort())
      .toEqual(['人力资源部 Human Resources', '绩效管理'].sort());
    await page.close();
  });

  it('lines the filter chips up: chips on one line share their top, at 390 and 1280 px', async () => {
    for (const width of [390, 1280]) {
      const page = await ctx.browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${ctx.url}/search/?q=${encodeURIComponent('计划')}`);
      await page.locator('.hs--page .hs__filter-box summary').click();
      await page.locator('.hs--page .hs__chip').first().waitFor();
      const staggered = await page.locator('.hs--page .hs__filter-group').evaluateAll((groups) =>
        groups.flatMap((g) => {
          const boxes = [...g.querySelectorAll('.hs__chip')].map((c) => c.getBoundingClientRect());
          // Two chips side by side (the second to the right of the first) on one line, not level.
          return boxes
            .slice(1)
            .filter((b, i) => b.left > boxes[i]!.left && Math.abs(b.top - boxes[i]!.top) > 1)
            .map((b, i) => `${g.textContent?.slice(0, 4)}: ${boxes[i]!.top} → ${b.top}`);
        }),
      );
      expect(staggered, `${width} px`).toEqual([]);
      await page.close();
    }
  });

  it('Esc closes search and gives focus back to the search button', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/`);
    await page.keyboard.press('/');
    await expect.poll(() => page.locator('dialog.hs-dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('dialog.hs-dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('hs-trigger__button')))
      .toBe(true);
    await page.close();
  });

  it('works from the keyboard alone: / opens search, arrows choose, Enter goes', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/departments/sales/`);
    await page.keyboard.press('/');
    await page.keyboard.type('借阅');
    await page.locator('.hs--dialog .hs__status', { hasText: '找到' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = page.locator('.hs--dialog .hs__result a').nth(1);
    await expect(second.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const href = await second.getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL(
      (url) => url.pathname + url.hash === new URL(href!, ctx.url).pathname + new URL(href!, ctx.url).hash,
    );
    await page.close();
  });

  it('shows ten results, and the rest on 显示更多, continuing at the first new one', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/search/?q=${encodeURIComponent('部门')}`);
    const status = page.locator('.hs--page .hs__status', { hasText: '找到' });
    await status.waitFor();
    const total = Number(/找到 (\d+) 个结果/.exec((await status.textContent())!)![1]);
    expect(total).toBeGreaterThan(10);
    const results = page.locator('.hs--page .hs__result');
    await expect.poll(() => results.count()).toBe(10);
    await expect(status.textContent()).resolves.toContain('显示前 10 个');
    const more = page.locator('.hs--page .hs__more');
    await expect(more.textContent()).resolves.toBe(`显示更多结果（还有 ${total - 10} 个）`);
    await more.click();
    await expect.poll(() => results.count()).toBe(Math.min(total, 20));
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document.activeElement?.closest('.hs__result') === document.querySelectorAll('.hs--page .hs__result')[10],
        ),
      )
      .toBe(true);
    await page.close();
  });
});
