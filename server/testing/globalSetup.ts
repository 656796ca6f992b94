import fs from 'node:fs';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { importAll, importFingerprint, listInputFiles, storedFingerprint } from '../ingest/importAll';
import { TEST_CACHE_DIR, TEST_DB_PATH } from './testPaths';

const LOCK_PATH = `${TEST_DB_PATH}.lock`;
/** A lock older than this is taken to be left by a crashed run. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Vitest global setup (both vitest configs): make sure the shared test import cache at TEST_DB_PATH holds
 * the current import of DATA_DIR, then leave it CLOSED so every test file can open it read-only at once.
 *
 * - Current = its stored fingerprint (schema version + service date + every input file's sha256) matches
 *   the data: then nothing is done (≈ 0.3 s to checksum the inputs).
 * - Otherwise it is rebuilt into a temp file that is renamed into place, so a reader never sees a half
 *   import, and a lock file (created with O_EXCL) makes two vitest processes starting together build it
 *   once: the second waits, then finds it current.
 */
export default async function setup(): Promise<void> {
  const config = loadConfig({ ...process.env, DB_PATH: TEST_DB_PATH });
  fs.mkdirSync(TEST_CACHE_DIR, { recursive: true });
  const fingerprint = importFingerprint(await listInputFiles(config.dataDir), config.serviceDate);
  if (await isCurrent(fingerprint)) return;

  await withLock(async () => {
    if (await isCurrent(fingerprint)) return; // another process built it while we waited
    const tmp = `${TEST_DB_PATH}.${process.pid}.building`;
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}.wal`, { force: true });
    const t0 = performance.now();
    const db = await openDatabase(tmp);
    try {
      await importAll(db, { ...config, dbPath: tmp }, {});
    } catch (err) {
      db.close();
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    db.close();
    fs.rmSync(`${TEST_DB_PATH}.wal`, { force: true });
    fs.renameSync(tmp, TEST_DB_PATH);
    console.log(`[globalSetup] built the test import cache ${TEST_DB_PATH} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
}

async function isCurrent(fingerprint: string): Promise<boolean> {
  if (!fs.existsSync(TEST_DB_PATH)) return false;
  try {
    const db = await openDatabase(TEST_DB_PATH, { readOnly: true });
    try {
      return (await storedFingerprint(db)) === fingerprint;
    } finally {
      db.close();
    }
  } catch {
    return false; // unreadable or torn: rebuild
  }
}

async function withLock(fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(LOCK_PATH, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (fs.statSync(LOCK_PATH, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS || !pidAlive(Number(fs.readFileSync(LOCK_PATH, 'utf8').trim() || 0))) {
        fs.rmSync(LOCK_PATH, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK_PATH} (another test run building the import cache)`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(LOCK_PATH, { force: true });
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
