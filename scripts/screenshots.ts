// Screenshots of the search results page at desktop (1280) and phone (390) widths, and of the
// home page, into test-results/screenshots/. Run: npm run screenshots
import { join } from 'node:path';
import { screenshotSession } from './lib/browser.ts';

const { out, url, browser, close } = await screenshotSession();
try {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({
      viewport: { width, height: width > 500 ? 900 : 844 },
      deviceScaleFactor: width > 500 ? 1 : 2,
    });
    await page.goto(`${url}/search/?q=${encodeURIComponent('会议纪要')}`);
    await page.locator('.hs--page .hs__status', { hasText: '找到' }).waitFor();
    await page.screenshot({ path: join(out, `search-results-${width}.png`), fullPage: true });
    await page.goto(`${url}/`);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('風險管理');
    await page.locator('.hs--dialog .hs__status', { hasText: '找到' }).waitFor();
    await page.screenshot({ path: join(out, `search-dialog-${width}.png`) });
    await page.close();
  }
  console.log(`wrote screenshots to ${out}`);
} finally {
  await close();
}
