import { loadConfig } from '../config';
import { createApp, type AppDeps } from '../app';
import { openDatabase } from '../db/database';
import { TEST_DB_PATH } from './testPaths';

/**
 * Deps for API tests: the import cache built once by globalSetup (opened READ-ONLY, so many test
 * workers share it) and a fresh in-memory database for user state (plans, scenarios, saved sites).
 */
export async function createTestDeps(): Promise<AppDeps> {
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
