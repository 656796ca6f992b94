import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatasetRecord } from '../../core/datasets/types';
import { nextTurn } from '../eventLoop';

/**
 * An upload's records written to a newline-delimited JSON file, for DuckDB to read itself (`read_json`, on its own
 * threads) when the import is stored (server/datasets/store.ts). Appending 200,000 records through the appender
 * held the event loop: each call is synchronous, and a flush that fills a row group compressed it in 300–570 ms
 * on a loaded machine. The compute worker that parses an upload writes this file (server/work/tasks.ts
 * `parseUpload`); on the main thread (tests, the CLI, `COMPUTE_WORKERS=0`) it is written in chunks that yield.
 *
 * One line per record: `{"k", "row", "rec_id", "lng", "lat", "value", "name", "mode", "route_ids", "geometry", "props"}`,
 * `k` the record's index (0-based, source order), `geometry` and `props` as JSON text (stored as written),
 * numbers in JavaScript's shortest round-trip form.
 */
export interface StagedRecords {
  /** Marks a staged file (vs an array of records). */
  staged: true;
  /** Absolute path of the file (`<dir>/import-records.<pid>.<hex>.tmp`: removed at start if a run left it). */
  file: string;
  /** Records in the file. */
  length: number;
  /** [west, south, east, north] of the records, degrees; null when there are none. */
  bbox: [number, number, number, number] | null;
}

/** Records per chunk written between two turns of the event loop (≈ 2,000 JSON lines: a few ms). */
export const STAGE_CHUNK_ROWS = 2000;

/** The DuckDB `read_json` column types of a staged file, in the order of `user_dataset_records` after `dataset_id`. */
export const STAGED_COLUMNS = `{k: 'INTEGER', row: 'INTEGER', rec_id: 'VARCHAR', lng: 'DOUBLE', lat: 'DOUBLE', value: 'DOUBLE', name: 'VARCHAR',
  mode: 'VARCHAR', route_ids: 'VARCHAR[]', geometry: 'VARCHAR', props: 'VARCHAR'}`;

/** True for {@link StagedRecords}. */
export function isStaged(r: unknown): r is StagedRecords {
  return typeof r === 'object' && r !== null && (r as StagedRecords).staged === true;
}

/** One record as its staged JSON line (without the newline). */
function stagedLine(r: DatasetRecord, k: number): string {
  return JSON.stringify({
    k, row: r.row, rec_id: r.id, lng: r.lng, lat: r.lat, value: r.value ?? null, name: r.name ?? null, mode: r.mode || null,
    route_ids: r.routeIds ?? null, geometry: r.geometry ? JSON.stringify(r.geometry) : null, props: JSON.stringify(r.props ?? {}),
  });
}

/**
 * Write `records` to a new staged file in `dir` (created if missing), {@link STAGE_CHUNK_ROWS} at a time with a turn
 * of the event loop between chunks. The caller removes the file ({@link removeStaged}) once stored or refused.
 * @throws the file system's error (the partial file is removed first).
 */
export async function stageRecords(records: readonly DatasetRecord[], dir: string): Promise<StagedRecords> {
  await fs.promises.mkdir(dir, { recursive: true });
  const file = path.join(dir, `import-records.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.promises.open(file, 'wx');
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  try {
    for (let start = 0; start < records.length; start += STAGE_CHUNK_ROWS) {
      const lines: string[] = [];
      for (let k = start; k < Math.min(records.length, start + STAGE_CHUNK_ROWS); k++) {
        const r = records[k];
        lines.push(stagedLine(r, k));
        w = Math.min(w, r.lng); e = Math.max(e, r.lng); s = Math.min(s, r.lat); n = Math.max(n, r.lat);
      }
      lines.push('');
      await handle.write(lines.join('\n'));
      await nextTurn();
    }
  } catch (err) {
    await handle.close().catch(() => undefined);
    await removeStaged({ file });
    throw err;
  }
  await handle.close();
  return { staged: true, file, length: records.length, bbox: records.length ? [w, s, e, n] : null };
}

/** Remove a staged file (no error when it is gone). */
export async function removeStaged(staged: Pick<StagedRecords, 'file'>): Promise<void> {
  await fs.promises.rm(staged.file, { force: true });
}
