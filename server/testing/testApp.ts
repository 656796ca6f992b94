import { inject } from 'vitest';
import { loadConfig } from '../config';
import { createApp, type AppDeps } from '../app';
import { createServices } from '../services';
import { openDatabase, type Database } from '../db/database';
import { TEST_DB_PATH } from './testPaths';

let sharedImport: Promise<Database> | undefined;

/**
 * The import cache, opened read-only ONCE per test process and handed to every file that runs in it. The test
 * configs run files with `isolate: false`, so the geo data and scoring caches keyed by this handle are built once
 * per worker instead of once per file. Its `close()` is a no-op (files close their deps in afterAll; the next file
 * still uses it); the process's exit releases it.
 */
function openSharedImport(): Promise<Database> {
  sharedImport ??= openDatabase(TEST_DB_PATH, { readOnly: true }).then((db) => Object.assign(db, { close: () => {} }));
  return sharedImport;
}

/**
 * Deps for API tests: the import cache built once by globalSetup (read-only and shared, see {@link openSharedImport})
 * and a fresh in-memory database for user state (plans, scenarios, saved sites).
 * @throws Error when the file runs outside the `db` project (no globalSetup ran, so the import may be missing or stale).
 */
export async function createTestDeps(): Promise<AppDeps> {
  if (inject('testImportDbPath') !== TEST_DB_PATH) {
    throw new Error('this test uses the shared test import but runs without its global setup: take the file out of SERVER_TESTS_WITHOUT_IMPORT in vitest.config.ts');
  }
  const config = loadConfig({ ...process.env, DB_PATH: TEST_DB_PATH });
  const db = await openSharedImport();
  const userDb = await openDatabase(':memory:');
  return { config, db, userDb };
}

/** A ready app over {@link createTestDeps}; call `close()` in afterAll. */
export async function createTestApp() {
  const deps = await createTestDeps();
  const services = createServices(deps);
  const app = createApp(deps, services);
  return { app, deps, services, close: () => { void services.compute.close(); deps.db.close(); deps.userDb.close(); } };
}
