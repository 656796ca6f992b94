/**
 * A child process for the all-or-nothing test (server/datasets/transaction.test.ts): imports a CSV of `rows` outlets into
 * the database at `dbPath`, prints `batch <inserted>/<total>` after each stored batch and then, after the first batch,
 * waits — so the parent can SIGKILL it in the middle of the import's transaction.
 * Usage: tsx server/testing/importChild.ts <dbPath> <rows>
 */
import path from 'node:path';
import { openDatabase } from '../db/database';
import { DEFAULT_ARCHIVE_LIMITS } from '../datasets/archive';
import { importDataset } from '../datasets/importer';
import { DatasetStore } from '../datasets/store';

const [dbPath, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
const lines = ['id,lat,lng'];
for (let k = 0; k < rows; k++) lines.push(`c${k},${(40.6 + (k % 1000) * 1e-4).toFixed(4)},${(-73.9 - Math.floor(k / 1000) * 1e-3).toFixed(4)}`);
const db = await openDatabase(dbPath);
const store = new DatasetStore(db, path.dirname(dbPath)); // its staged records file goes with the test's folder
await importDataset(store, { file: { name: 'big.csv', bytes: new TextEncoder().encode(lines.join('\n')) }, kind: 'outlets', name: 'Big' }, {
  serviceDate: '2026-10-07', limits: DEFAULT_ARCHIVE_LIMITS,
  onBatch: async (inserted, total) => {
    process.stdout.write(`batch ${inserted}/${total}\n`);
    if (inserted < total) await new Promise(() => undefined); // stop here until killed
  },
});
process.stdout.write('committed\n');
db.close();
