import { defineConfig } from 'vitest/config';

/**
 * Browser tests: Playwright (playwright-core) driving Debian's /usr/bin/chromium against the built client; and the
 * `npm start` process test (server/start.e2e.test.ts), which needs the same build.
 */
export default defineConfig({
  test: {
    root: '.',
    include: ['client/e2e/**/*.e2e.test.ts', 'server/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['server/testing/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
