import { expect, inject } from 'vitest';
import { loadConfig } from '../config';
import { createApp, type AppDeps } from '../app';
import { createDataServices, createServices, type SharedDataServices } from '../services';
import type { Config } from '../config';
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

let sharedData: SharedDataServices | undefined;

/**
 * The read-only data services over the shared import (geo data, grids, basemap, walk graph, site scoring's caches over
 * the shipped data), built once per test process and handed to every app over it through `deps.sharedData`: each test
 * file's app still has its own user database, stores, compute pool and forecast caches (and its scoring caches for
 * requests naming users' datasets), but the geo data (≈ 2 s) and the NYC grid's scoring reference (≈ 2 s) are not
 * built again per file.
 */
function sharedDataServices(config: Config, db: Database): SharedDataServices {
  if (!sharedData || sharedData.db !== db) {
    const services = createDataServices(config, db);
    sharedData = { db, dataDir: config.dataDir, serviceDate: config.serviceDate, services };
  }
  return sharedData;
}

/**
 * Deps for API tests: the import cache built once by globalSetup (read-only and shared, see {@link openSharedImport})
 * and a fresh in-memory database for user state (plans, scenarios, saved sites), with the process's shared read-only
 * data services (see {@link sharedDataServices}).
 * @throws Error when the file runs outside the `db` project (no globalSetup ran, so the import may be missing or stale).
 */
export async function createTestDeps(): Promise<AppDeps> {
  if (inject('testImportDbPath') !== TEST_DB_PATH) {
    throw new Error('this test uses the shared test import but runs without its global setup: take the file out of SERVER_TESTS_WITHOUT_IMPORT in vitest.config.ts');
  }
  const config = loadConfig({ ...process.env, DB_PATH: TEST_DB_PATH });
  const db = await openSharedImport();
  const userDb = await openDatabase(':memory:');
  return { config, db, userDb, sharedData: sharedDataServices(config, db) };
}

/** A ready app over {@link createTestDeps}; call `close()` in afterAll. */
export async function createTestApp() {
  const deps = await createTestDeps();
  const services = createServices(deps);
  const app = createApp(deps, services);
  return { app, deps, services, close: () => { void services.compute.close(); deps.db.close(); deps.userDb.close(); } };
}

/**
 * Close a request while its task runs in the app's compute pool: start it with `send(signal)`, wait until the pool
 * runs one task (at most `waitMs`), abort, and check the answer is the cancelled task's 503 `cancelled`.
 * The caller then checks that nothing of the request's work stayed.
 */
export async function closeWhileComputing(
  t: { services: { compute: { stats(): { running: number } } } },
  send: (signal: AbortSignal) => Response | Promise<Response>,
  waitMs = 60_000,
): Promise<void> {
  const ctl = new AbortController();
  const pending = Promise.resolve(send(ctl.signal));
  const t0 = Date.now();
  while (t.services.compute.stats().running === 0 && Date.now() - t0 < waitMs) await new Promise((r) => setTimeout(r, 5));
  expect(t.services.compute.stats().running).toBe(1);
  ctl.abort();
  const res = await pending;
  expect(res.status).toBe(503);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cancelled');
}
