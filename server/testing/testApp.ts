import { inject } from 'vitest';
import { loadConfig } from '../config';
import { createApp, type AppDeps } from '../app';
import { openDatabase } from '../db/database';
import { TEST_DB_PATH } from './testPaths';

/**
 * Deps for API tests: the import cache built once by globalSetup (opened READ-ONLY, so many test
 * workers share it) and a fresh in-memory database for user state (plans, scenarios, saved sites).
 * @throws Error when the file runs outside the `db` project (no globalSetup ran, so the import may be missing or stale).
 */
export async function createTestDeps(): Promise<AppDeps> {
  if (inject('testImportDbPath') !== TEST_DB_PATH) {
    throw new Error('this test uses the shared test import but runs without its global setup: add the file to DB_TESTS in vitest.config.ts');
  }
  const config = loadConfig({ ...process.env, DB_PATH: TEST_DB_PATH });
  const db = await openDatabase(TEST_DB_PATH, { readOnly: true });
  const userDb = await openDatabase(':memory:');
  return { config, db, userDb };
}

/** A ready app over {@link createTestDeps}; call `close()` in afterAll. */
export async function createTestApp() {
  const deps = await createTestDeps();
  const app = createApp(deps);
  return { app, deps, close: () => { deps.db.close(); deps.userDb.close(); } };
}
