// Screenshots of the search results page at desktop (1280) and phone (390) widths, and of the
// home page, into test-results/screenshots/. Run: npm run screenshots
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/model/load.ts';
import { builtSite, launchChromium, serveStatic } from './lib/browser.ts';

const out = join(repoRoot, 'test-results/screenshots');
mkdirSync(out, { recursive: true });
const site = await serveStatic(await builtSite());
const browser = await launchChromium();
try {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: width > 500 ? 900 : 844 }, deviceScaleFactor: width > 500 ? 1 : 2 });
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('会议纪要')}`);
    await page.locator('.hs--page .hs__status', { hasText: '找到' }).waitFor();
    await page.screenshot({ path: join(out, `search-results-${width}.png`), fullPage: true });
    await page.goto(`${site.url}/`);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('風險管理');
    await page.locator('.hs--dialog .hs__status', { hasText: '找到' }).waitFor();
    await page.screenshot({ path: join(out, `search-dialog-${width}.png`) });
    await page.close();
  }
  console.log(`wrote screenshots to ${out}`);
} finally {
  await browser.close();
  await site.close();
}
