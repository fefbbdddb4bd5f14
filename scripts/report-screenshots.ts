// Screenshots of the compliance page and a department page, desktop (1280) and phone (390), in
// the light and the dark theme, into test-results/screenshots/. Run: npm run screenshots:reports
import { join } from 'node:path';
import { screenshotSession } from './lib/browser.ts';

const { out, url, browser, close } = await screenshotSession();
try {
  for (const width of [1280, 390]) {
    for (const theme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width, height: width > 500 ? 900 : 844 },
        deviceScaleFactor: width > 500 ? 1 : 2,
        colorScheme: theme,
      });
      // Starlight keeps the reader's theme in localStorage; set it before the page loads.
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      for (const [name, path] of [
        ['compliance', '/compliance/'],
        ['department-sales', '/departments/sales/'],
      ] as const) {
        await page.goto(`${url}${path}`);
        await page.screenshot({ path: join(out, `${name}-${width}-${theme}.png`), fullPage: true });
      }
      await page.close();
    }
  }
  console.log(`wrote screenshots to ${out}`);
} finally {
  await close();
}
