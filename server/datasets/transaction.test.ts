import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { openDatabase } from '../db/database';
import { DEFAULT_ARCHIVE_LIMITS } from './archive';
import { importDataset } from './importer';
import { DatasetStore, INSERT_BATCH } from './store';

describe('each import is one transaction (issue 10, item 5)', () => {
  it('a process killed (SIGKILL) in the middle of inserting leaves the database exactly as before', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-kill-'));
    const dbPath = path.join(dir, 'user.duckdb');
    try {
      // before: one dataset of 2 records
      const db = await openDatabase(dbPath);
      const store = new DatasetStore(db);
      await importDataset(store, { file: { name: 'a.csv', bytes: new TextEncoder().encode('id,lat,lng\nA,40.7,-73.9\nB,40.8,-73.8\n') }, kind: 'outlets', name: 'Before' },
        { serviceDate: '2026-10-07', limits: DEFAULT_ARCHIVE_LIMITS });
      const snapshot = async (d: typeof db) => ({
        datasets: await d.all('SELECT id, name, version, record_count FROM user_datasets ORDER BY id'),
        records: await d.all('SELECT dataset_id, rec_id, lng, lat FROM user_dataset_records ORDER BY dataset_id, rec_id'),
      });
      const before = await snapshot(db);
      expect(before.records).toHaveLength(2);
      db.close();

      const rows = 5 * INSERT_BATCH;
      // node --import tsx: one process (the tsx CLI would run the script in a grandchild that SIGKILL would not reach)
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'testing', 'importChild.ts'), dbPath, String(rows)],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '', err = '';
      child.stderr.on('data', (b) => { err += b; });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (b) => { out += b; if (out.includes('batch ')) resolve(); });
        child.on('exit', () => reject(new Error(`child exited before the first batch: ${out} ${err}`)));
      });
      child.kill('SIGKILL');
      expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(out.trim()).toBe(`batch ${INSERT_BATCH}/${rows}`); // killed after 2,000 of 10,000 records were appended

      const after = await openDatabase(dbPath);
      try {
        expect(await snapshot(after)).toEqual(before);
      } finally {
        after.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
