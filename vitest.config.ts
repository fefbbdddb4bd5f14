// One test command for everything: unit tests beside their modules, site tests against one
// production build made by the global setup, browser tests in Debian's Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'checks/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['scripts/test/build-site.ts'],
    reporters: ['default', './scripts/test/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
