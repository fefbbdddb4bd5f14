// Debian's Chromium driven by playwright-core, and a static server for a built site on
// 127.0.0.1: shared by the browser tests and the screenshot scripts. No browser is downloaded.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repoRoot } from '../../src/model/root.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}.\n` +
        "  Likely cause: Debian's chromium package is not installed on this machine.\n" +
        '  What to do: run `apt-get update && apt-get install -y chromium` (as root), or set CHROMIUM_PATH. ' +
        'The tests never download a browser.',
    );
  }
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
