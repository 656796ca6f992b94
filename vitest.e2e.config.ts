import { defineConfig } from 'vitest/config';

/** Browser tests: Playwright (playwright-core) driving Debian's /usr/bin/chromium against the built client. */
export default defineConfig({
  test: {
    root: '.',
    include: ['client/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['server/testing/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
