// Screenshots of the pages a reader meets, at phone (390) and desktop (1280) widths, in the light
// and the dark theme, into test-results/screenshots/: the home page, a policy, a flowchart, the
// compliance page, a department's compliance page, a department page, the checker reference, and
// the search results and dialog. Each line printed names a shot and says whether the page itself
// scrolls sideways (it should not: a table or chart scrolls inside its own box).
// Run: npm run screenshots [-- <path> …] (paths instead of the default list; a path with #id shoots
// only that element, e.g. /compliance/#chart-by-obligation)
import { join } from 'node:path';
import { screenshotSession } from './lib/browser.ts';

const pages = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      '/',
      '/policies/08-meetings/',
      '/processes/annual-planning/',
      '/compliance/',
      '/compliance/sales/',
      '/departments/sales/',
      '/reference/checker/',
    ];
const name = (path: string) =>
  path
    .replace(/#/, '/')
    .replace(/^\/|\/$/g, '')
    .replace(/\//g, '_') || 'home';

const { out, url, browser, close } = await screenshotSession();
try {
  for (const width of [1280, 390])
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width, height: width > 500 ? 900 : 844 },
        deviceScaleFactor: width > 500 ? 1 : 2,
        colorScheme,
      });
      for (const path of pages) {
        const response = await page.goto(`${url}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        const file = `${name(path)}-${width}-${colorScheme}.png`;
        const id = new URL(path, url).hash.slice(1);
        if (id) await page.locator(`[id="${decodeURIComponent(id)}"]`).screenshot({ path: join(out, file) });
        else await page.screenshot({ path: join(out, file), fullPage: true });
        console.log(`${file}: ${response?.status()}${overflow > 0 ? `, page scrolls sideways by ${overflow} px` : ''}`);
      }
      await page.goto(`${url}/search/?q=${encodeURIComponent('会议纪要')}`);
      await page.locator('.hs--page .hs__status', { hasText: '找到' }).waitFor();
      await page.screenshot({ path: join(out, `search-results-${width}-${colorScheme}.png`), fullPage: true });
      await page.goto(`${url}/`);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('風險管理');
      await page.locator('.hs--dialog .hs__status', { hasText: '找到' }).waitFor();
      await page.screenshot({ path: join(out, `search-dialog-${width}-${colorScheme}.png`) });
      await page.close();
    }
  console.log(`wrote screenshots to ${out}`);
} finally {
  await close();
}
