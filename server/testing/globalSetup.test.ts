import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { buildImportCache } from './globalSetup';

const TINY = path.join(REPO_ROOT, 'data', 'samples', 'tiny');
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-cache-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('buildImportCache (the test import cache of globalSetup)', () => {
  it('two concurrent starts build it once; the file is then readable read-only and current', async () => {
    const dbPath = path.join(tmp, 'cache.duckdb');
    const config = loadConfig({ ...process.env, DATA_DIR: TINY, CACHE_DIR: path.join(tmp, 'c'), DB_PATH: dbPath });
    const [a, b] = await Promise.all([buildImportCache(dbPath, config), buildImportCache(dbPath, config)]);
    expect([a.built, b.built].sort()).toEqual([false, true]);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('cache.duckdb')).sort()).toEqual(['cache.duckdb']); // no lock, temp or wal left
    // Two read-only openers at once (as parallel test files do).
    const r1 = await openDatabase(dbPath, { readOnly: true });
    const r2 = await openDatabase(dbPath, { readOnly: true });
    expect(await r1.all(`SELECT count(*)::INTEGER AS n FROM block_groups`)).toEqual([{ n: 5 }]);
    expect(await r2.all(`SELECT count(*)::INTEGER AS n FROM transit_stops`)).toEqual([{ n: 17 }]);
    r1.close();
    r2.close();
    expect((await buildImportCache(dbPath, config)).built).toBe(false);
    // A different service date makes it stale → rebuilt.
    expect((await buildImportCache(dbPath, { ...config, serviceDate: '2026-10-06' })).built).toBe(true);
  });

  it('takes over a lock left by a dead process', async () => {
    const dbPath = path.join(tmp, 'stale.duckdb');
    fs.writeFileSync(`${dbPath}.lock`, '999999999');
    const config = loadConfig({ ...process.env, DATA_DIR: TINY, CACHE_DIR: path.join(tmp, 'c'), DB_PATH: dbPath });
    expect((await buildImportCache(dbPath, config)).built).toBe(true);
    expect(fs.existsSync(`${dbPath}.lock`)).toBe(false);
  });
});
