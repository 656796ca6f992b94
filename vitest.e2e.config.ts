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
    // the spec files run one after another in ONE process: the app modules, the read-only test import with its geo
    // and scoring caches (server/testing/testApp.ts) and chromium (client/e2e/harness.ts) are loaded once, not per file
    isolate: false,
    // generous: the machine is shared; speed is measured by `npm run bench`, not by test timeouts
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
