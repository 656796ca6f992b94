import { defineConfig } from 'vitest/config';

/**
 * Server tests that need NO shared test import (they use no database, an in-memory one, or their own import of the
 * tiny data): they run in the `unit` project. Every other server test runs in `db`.
 */
export const SERVER_TESTS_WITHOUT_IMPORT = [
  'server/areas/boundaries.test.ts',
  'server/cli/dataCli.test.ts',
  'server/config.test.ts',
  'server/cli/schemas.test.ts',
  'server/datasets/importer.test.ts',
  'server/datasets/transaction.test.ts',
  'server/geo/geoData.test.ts',
  'server/geo/nycGrid.test.ts',
  'server/http/listen.test.ts',
  'server/http/loopProbe.test.ts',
  'server/ingest/importAll.fixtures.test.ts',
  'server/ingest/verify.test.ts',
  'server/ingest/xz.test.ts',
  'server/plans/exportInterop.test.ts',
  'server/plans/planStore.test.ts',
  'server/routes/basemap.test.ts',
  'server/routes/layers.test.ts',
  'server/scoring/tinyScores.golden.test.ts',
  'server/staticClient.test.ts',
  'server/testing/globalSetup.test.ts',
  'server/validate.test.ts',
  'server/walk/osmGraph.test.ts',
  'server/work/sharedResource.test.ts',
];

/** Tests over the shared read-only import of DATA_DIR (server/testing/testApp.ts): only these wait for globalSetup. */
export const DB_TESTS = ['server/**/*.test.ts', 'client/sites/planFromSite.test.ts'];

const NEVER = ['**/node_modules/**', 'client/e2e/**', '**/*.e2e.test.ts'];

/**
 * Unit + API tests (node), as two projects:
 * - `unit`: pure logic (core/, client logic, testing/) and the server tests listed above — no data import, so
 *   `npx vitest run core/…` starts at once.
 * - `db`: API and service tests over the shared read-only import of DATA_DIR, built (or found current) once by
 *   server/testing/globalSetup.ts. createTestDeps refuses to run outside this project, so a test listed above by
 *   mistake fails with a message saying so.
 * Browser tests and the `npm start` process test live in vitest.e2e.config.ts.
 */
export default defineConfig({
  test: {
    root: '.',
    environment: 'node',
    // generous: the machine is shared; speed is measured by `npm run bench`, not by test timeouts
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // two cores: two workers (the default, availableParallelism - 1, leaves one idle)
    maxWorkers: 2,
    // files share their worker's module cache: modules load once per worker, and the db project's read-only test
    // import and its geo and scoring caches are built once per worker (server/testing/testApp.ts), not once per file
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['core/**/*.test.ts', 'client/**/*.test.ts', 'testing/**/*.test.ts', ...SERVER_TESTS_WITHOUT_IMPORT],
          exclude: [...NEVER, 'client/sites/planFromSite.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: DB_TESTS,
          exclude: [...NEVER, ...SERVER_TESTS_WITHOUT_IMPORT],
          globalSetup: ['server/testing/globalSetup.ts'],
        },
      },
    ],
  },
});
