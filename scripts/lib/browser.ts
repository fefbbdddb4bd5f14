// Debian's Chromium driven by playwright-core, and a static server for a built site on
// 127.0.0.1: shared by the browser tests and the screenshot scripts. No browser is downloaded.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../../src/model/root.ts';

/**
 * Where a Chrome or Chromium may be: Debian's and Ubuntu's packages, Google Chrome as GitHub's
 * Ubuntu runners and most desktops install it, and macOS's applications.
 */
export const KNOWN_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The browser to drive: CHROMIUM_PATH when set (it must exist), else the first known path that does. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string {
  if (env.CHROMIUM_PATH) {
    if (exists(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(
      `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, where there is no browser: set it to a Chrome or Chromium executable, or unset it to look in the usual places (${KNOWN_BROWSERS.join(', ')})`,
    );
  }
  const found = KNOWN_BROWSERS.find((path) => exists(path));
  if (found) return found;
  throw new Error(
    `No Chrome or Chromium was found (looked in ${KNOWN_BROWSERS.join(', ')}).\n` +
      '  What to do: on Debian run `apt-get update && apt-get install -y chromium` (as root); elsewhere install Chrome, or set CHROMIUM_PATH to its executable. ' +
      'The tests never download a browser.',
  );
}

export async function launchChromium(): Promise<Browser> {
  const CHROMIUM = findChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.ics': 'text/calendar; charset=utf-8',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Serves `root` on a free port of 127.0.0.1, as a static host would (directories → index.html). */
export async function serveStatic(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(await readFile(join(root, '404.html')).catch(() => 'not found'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A production build to look at: HANDBOOK_DIST if given, else a fresh one in a temp folder. */
export async function builtSite(): Promise<string> {
  if (process.env.HANDBOOK_DIST) return process.env.HANDBOOK_DIST;
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = join(mkdtempSync(join(tmpdir(), 'handbook-shots-')), 'dist');
  execFileSync('node', ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HANDBOOK_OUT_DIR: out },
  });
  return out;
}

/** For the screenshot scripts: a production build served on 127.0.0.1, Chromium, and the folder the PNGs go to. */
export async function screenshotSession(): Promise<{
  out: string;
  url: string;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const { mkdirSync } = await import('node:fs');
  const out = join(repoRoot, 'test-results/screenshots');
  mkdirSync(out, { recursive: true });
  const site = await serveStatic(await builtSite());
  const browser = await launchChromium();
  return {
    out,
    url: site.url,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}
