import { defineConfig } from 'vitest/config';

/** Unit + API tests (node). Browser tests live in vitest.e2e.config.ts. */
export default defineConfig({
  test: {
    root: '.',
    include: ['core/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'client/e2e/**'],
    environment: 'node',
    globalSetup: ['server/testing/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
