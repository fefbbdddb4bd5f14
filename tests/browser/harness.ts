// One Chromium and one static server over the production build per test file.
import { afterAll, beforeAll } from 'vitest';
import { builtSite } from '../../scripts/test/site.ts';
import type { Browser } from 'playwright-core';
import { launchChromium, serveStatic } from '../../scripts/lib/browser.ts';

export function useBuiltSite() {
  const ctx = {} as { browser: Browser; url: string };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const site = await serveStatic(builtSite());
    close = site.close;
    ctx.url = site.url;
    ctx.browser = await launchChromium();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await close?.();
  });
  return ctx;
}
