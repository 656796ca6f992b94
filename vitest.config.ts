import { defineConfig } from 'vitest/config';

/**
 * Tests that read the shared test import (server/testing/testApp.ts over the full DATA_DIR import): only these wait
 * for server/testing/globalSetup.ts. createTestDeps refuses to run outside the `db` project, so a file that needs
 * the import and is missing here fails with a message naming this list.
 */
export const DB_TESTS = [
  'server/routes/**/*.test.ts',
  'server/robustness/**/*.test.ts',
  'server/scoring/scoringService.test.ts',
  'server/scoring/warmUp.test.ts',
  'server/scoring/modelValidation.test.ts',
  'server/coverage/**/*.test.ts',
  'server/cli/score.test.ts',
  'server/ingest/importAll.real.test.ts',
  'client/sites/planFromSite.test.ts',
];

const ALL_TESTS = ['core/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'testing/**/*.test.ts'];
const NEVER = ['**/node_modules/**', 'client/e2e/**', '**/*.e2e.test.ts'];

/**
 * Unit + API tests (node), as two projects:
 * - `unit`: pure logic (core/, client logic) and server tests over their own tiny or in-memory databases — no import;
 *   `npx vitest run core/…` starts at once.
 * - `db`: API and service tests over the shared read-only import of DATA_DIR, built (or found current) by globalSetup.
 * Browser tests live in vitest.e2e.config.ts.
 */
export default defineConfig({
  test: {
    root: '.',
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // two cores: two workers (the default leaves one core idle: availableParallelism - 1)
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ALL_TESTS, exclude: [...NEVER, ...DB_TESTS] } },
      { extends: true, test: { name: 'db', include: DB_TESTS, exclude: NEVER, globalSetup: ['server/testing/globalSetup.ts'] } },
    ],
  },
});
