import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config';
import { openDatabase } from '../db/database';
import { importAll, importFingerprint, listInputFiles, storedFingerprint } from '../ingest/importAll';
import type { TestProject } from 'vitest/node';
import { TEST_DB_PATH } from './testPaths';

/** A lock older than this is taken to be left by a crashed run. */
const STALE_LOCK_MS = 10 * 60_000;

declare module 'vitest' {
  interface ProvidedContext {
    /** Path of the test import cache, provided by this global setup (the `db` project and the browser tests only). */
    testImportDbPath: string;
  }
}

/**
 * Vitest global setup (the `db` project of vitest.config.ts and vitest.e2e.config.ts): make sure the shared test
 * import cache at TEST_DB_PATH holds the current import of DATA_DIR, then leave it CLOSED so every test file can
 * open it read-only at once. Provides `testImportDbPath`, which createTestDeps requires.
 */
export default async function setup(project: TestProject): Promise<void> {
  const config = loadConfig({ ...process.env, DB_PATH: TEST_DB_PATH });
  const result = await buildImportCache(TEST_DB_PATH, config);
  if (result.built) console.log(`[globalSetup] built the test import cache ${TEST_DB_PATH} in ${(result.ms / 1000).toFixed(1)} s`);
  project.provide('testImportDbPath', TEST_DB_PATH);
}

/**
 * Make `dbPath` hold the current import of `config.dataDir` / `config.serviceDate`, and leave it closed.
 * - Current = its stored fingerprint (schema version + service date + every input file's sha256) matches
 *   the data: then nothing is done (≈ 0.1–0.3 s to checksum the inputs).
 * - Otherwise it is built into a temp file that is renamed into place, so a reader never sees a half
 *   import, under a lock file (`<dbPath>.lock`, created with O_EXCL) so that two vitest processes starting
 *   together build it once: the second waits, then finds it current. A lock left by a dead process (or
 *   older than 10 minutes) is taken over.
 * @returns whether this call built it, and how long the call took (ms).
 */
export async function buildImportCache(dbPath: string, config: Config): Promise<{ built: boolean; ms: number }> {
  const t0 = performance.now();
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const fingerprint = importFingerprint(await listInputFiles(config.dataDir), config.serviceDate);
  if (await isCurrent(dbPath, fingerprint)) return { built: false, ms: performance.now() - t0 };
  let built = false;
  await withLock(`${dbPath}.lock`, async () => {
    if (await isCurrent(dbPath, fingerprint)) return; // another process built it while we waited
    const tmp = `${dbPath}.${process.pid}.${Math.random().toString(36).slice(2)}.building`;
    const db = await openDatabase(tmp);
    try {
      await importAll(db, { ...config, dbPath: tmp }, {});
    } catch (err) {
      db.close();
      fs.rmSync(tmp, { force: true });
      fs.rmSync(`${tmp}.wal`, { force: true });
      throw err;
    }
    db.close();
    fs.rmSync(`${dbPath}.wal`, { force: true });
    fs.renameSync(tmp, dbPath);
    built = true;
  });
  return { built, ms: performance.now() - t0 };
}

async function isCurrent(dbPath: string, fingerprint: string): Promise<boolean> {
  if (!fs.existsSync(dbPath)) return false;
  try {
    const db = await openDatabase(dbPath, { readOnly: true });
    try {
      return (await storedFingerprint(db)) === fingerprint;
    } finally {
      db.close();
    }
  } catch {
    return false; // unreadable or torn: rebuild
  }
}

async function withLock(lockPath: string, fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      let holder = 0;
      try {
        holder = Number(fs.readFileSync(lockPath, 'utf8').trim() || 0);
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_LOCK_MS || (holder && !pidAlive(holder))) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockPath} (another test run building the import cache)`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}

function pidAlive(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
