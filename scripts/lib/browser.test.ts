import { describe, expect, it } from 'vitest';
import { findChromium, KNOWN_BROWSERS } from './browser.ts';

describe('findChromium', () => {
  const only =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path);

  it('takes CHROMIUM_PATH first, then the first known path that exists (Chrome on a GitHub runner)', () => {
    expect(findChromium({ CHROMIUM_PATH: '/x/chrome' }, only('/x/chrome', '/usr/bin/chromium'))).toBe('/x/chrome');
    expect(findChromium({}, only('/usr/bin/google-chrome', '/opt/google/chrome/chrome'))).toBe(
      '/usr/bin/google-chrome',
    );
    expect(findChromium({}, only(KNOWN_BROWSERS[0]!))).toBe('/usr/bin/chromium');
  });

  it('says what to do when there is none, or CHROMIUM_PATH names nothing', () => {
    expect(() => findChromium({}, only())).toThrow(/No Chrome or Chromium was found .*apt-get install -y chromium/s);
    expect(() => findChromium({ CHROMIUM_PATH: '/nowhere' }, only('/usr/bin/chromium'))).toThrow(
      /CHROMIUM_PATH is \/nowhere, where there is no browser/,
    );
  });
});
