import { nextTurn } from '../eventLoop';
import { randomBytes, webcrypto } from 'node:crypto';
import os from 'node:os';
import type { Database } from '../db/database';
import type { DatasetKind, DatasetRecord, ImportReport } from '../../core/datasets/types';
import { isStaged, removeStaged, stageRecords, STAGED_COLUMNS, type StagedRecords } from './stagedRecords';
import { blobValue } from '@duckdb/node-api';

/**
 * User datasets in `userDb` (the same database as the imported data in production; never dropped by a re-import):
 * `user_datasets` (one row per version: name, kind, file facts, mapping, CRS and the validation report) and
 * `user_dataset_records` (the records, one row each). A version is written in ONE transaction on its own
 * connection: every record the report calls imported lands together with the catalog row, or nothing does.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS user_datasets (
  id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, version INTEGER NOT NULL, kind VARCHAR NOT NULL, format VARCHAR NOT NULL,
  file VARCHAR NOT NULL, bytes BIGINT NOT NULL, sha256 VARCHAR NOT NULL, crs VARCHAR, mapping JSON, report JSON NOT NULL,
  record_count INTEGER NOT NULL, west DOUBLE, south DOUBLE, east DOUBLE, north DOUBLE, imported_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS user_dataset_records (
  dataset_id VARCHAR NOT NULL, row INTEGER NOT NULL, rec_id VARCHAR NOT NULL, lng DOUBLE NOT NULL, lat DOUBLE NOT NULL,
  value DOUBLE, name VARCHAR, mode VARCHAR, route_ids VARCHAR[], geometry VARCHAR, props JSON);
`;

/**
 * A validation report as the UTF-8 bytes of its JSON text, written by the compute worker that parsed the upload
 * (server/datasets/importer.ts parseAndStageUpload): stored and answered as these bytes (server/http/pacedJson.ts JsonBytes), so the main
 * thread never receives, parses or stringifies it as objects (a report naming 100,000 bad rows is 17 MB: copied
 * out of the worker as objects it held the event loop ≈ 350 ms).
 */
export interface EncodedReport {
  json: Uint8Array;
  /** What a refusal's message names (an upload with no usable record): the rows read and skipped, and the first error's message. */
  summary?: { read: number; skipped: number; firstError: string | null };
}

/** True for an {@link EncodedReport}. */
export function isEncodedReport(r: ImportReport | EncodedReport): r is EncodedReport {
  return (r as EncodedReport).json instanceof Uint8Array;
}

/** One version of a user dataset, as listed by the API. */
export interface StoredDataset {
  id: string;
  name: string;
  version: number;
  /** True for the newest version of its name. */
  latest: boolean;
  kind: DatasetKind;
  format: string;
  file: string;
  bytes: number;
  sha256: string;
  crs: string | null;
  mapping: Record<string, string> | null;
  recordCount: number;
  /** [west, south, east, north] of the records, degrees; null when empty. */
  bbox: [number, number, number, number] | null;
  importedAt: string;
}

/** What a new version needs. */
export interface NewVersion {
  name: string;
  kind: DatasetKind;
  format: string;
  file: string;
  bytes: Uint8Array;
  crs: string | null;
  mapping: Record<string, string> | null;
  /** The validation report: objects, or already written as JSON by the compute worker that parsed the upload. */
  report: ImportReport | EncodedReport;
  /** The records: an array, or already written to a staged file (by the compute worker that parsed them). */
  records: DatasetRecord[] | StagedRecords;
}

/**
 * Rows per INSERT statement, and between two calls of the progress hook. The statements run on DuckDB's threads
 * (the event loop is free meanwhile); smaller batches only add statements.
 */
export const INSERT_BATCH = 10_000;

/** Longest staged record line DuckDB reads (bytes): a polygon of a Shapefile or GeoJSON upload may be long. */
const STAGED_MAX_LINE_BYTES = 256 * 1024 * 1024;

/** Characters of a stored report read per query by {@link DatasetStore.reportJson} (≈ 1 MB: a few ms to copy out). */
export const REPORT_PIECE_CHARS = 1 << 20;

/** A string as a SQL literal ('…' with quotes doubled). */
function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** SHA-256 of bytes as hex, hashed off the event loop (Web Crypto runs on libuv's thread pool). */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/** A readable id: the name's slug and the version (`my-branches-v2`), made unique with a short suffix if taken. */
function slug(name: string): string {
  const s = name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_]+/g, '-').replace(/-+/g, '-').slice(0, 40);
  return s || 'dataset';
}

interface CatalogRow {
  id: string; name: string; version: number; kind: DatasetKind; format: string; file: string; bytes: bigint; sha256: string;
  crs: string | null; mapping: string | null; record_count: number; west: number | null; south: number | null; east: number | null;
  north: number | null; imported_at: string; latest: boolean;
}

const CATALOG_SQL = `SELECT id, name, version, kind, format, file, bytes, sha256, crs, CAST(mapping AS VARCHAR) AS mapping, record_count,
  west, south, east, north, strftime(imported_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS imported_at,
  version = max(version) OVER (PARTITION BY name) AS latest FROM user_datasets`;

function toStored(r: CatalogRow): StoredDataset {
  return {
    id: r.id, name: r.name, version: r.version, latest: r.latest, kind: r.kind, format: r.format, file: r.file, bytes: Number(r.bytes),
    sha256: r.sha256, crs: r.crs, mapping: r.mapping ? JSON.parse(r.mapping) : null, recordCount: r.record_count,
    bbox: r.west === null ? null : [r.west, r.south!, r.east!, r.north!], importedAt: r.imported_at,
  };
}

/** The user-dataset tables of one database. Create with {@link openDatasetStore}. */
export class DatasetStore {
  /** Bumped on every write: caches keyed by it (scoring contexts) never serve a deleted or replaced dataset. */
  revision = 0;
  private queue: Promise<unknown> = Promise.resolve();

  private ready: Promise<void> | null = null;

  /**
   * @param stagingDir where records given as an array are written for DuckDB to read (see server/datasets/stagedRecords.ts;
   *   the server passes its cache folder, whose leftover temp files are removed at start). Default: the OS temp folder.
   */
  constructor(readonly db: Database, readonly stagingDir: string = os.tmpdir()) {}

  /** Create the tables on first use. */
  private init(): Promise<void> {
    if (!this.ready) {
      this.ready = this.db.run(SCHEMA);
      this.ready.catch(() => { this.ready = null; });
    }
    return this.ready;
  }

  /** Run writes one at a time (DuckDB allows one writer per table without conflicts). */
  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = async () => { await this.init(); return fn(); };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Store a new version of `v.name` (version = newest + 1) with its records, in one transaction on a connection of
   * its own (so concurrent requests on the shared connection never join it). `onBatch` runs after each
   * {@link INSERT_BATCH} records (awaited: progress reporting, and the tests' hook to stop an import midway).
   * @returns the new version's id.
   */
  add(v: NewVersion, onBatch?: (inserted: number, total: number) => void | Promise<void>): Promise<string> {
    return this.serialised(async () => {
      const staged = isStaged(v.records) ? v.records : await stageRecords(v.records, this.stagingDir);
      try {
        return await this.insertVersion(v, staged, onBatch);
      } finally {
        await removeStaged(staged);
      }
    });
  }

  /** {@link add}'s transaction, with the records staged. */
  private async insertVersion(v: NewVersion, records: StagedRecords, onBatch?: (inserted: number, total: number) => void | Promise<void>): Promise<string> {
    const conn = await this.db.connect();
    try {
      return await conn.transaction(async () => {
        const prev = await conn.all<{ v: number | null }>('SELECT max(version) AS v FROM user_datasets WHERE name = $1', [v.name]);
        const version = (prev[0]?.v ?? 0) + 1;
        let id = `${slug(v.name)}-v${version}`;
        if ((await conn.all('SELECT 1 FROM user_datasets WHERE id = $1', [id])).length) id += `-${randomBytes(3).toString('hex')}`;
        const [w, s, e, n] = records.bbox ?? [null, null, null, null];
        // the report is bound as the bytes of its JSON text (a 17 MB string bound as text held the event loop ≈ 80 ms;
        // DuckDB keeps the text as written, so GET /api/datasets/:id sends these same bytes)
        const report = isEncodedReport(v.report) ? v.report.json : new TextEncoder().encode(JSON.stringify(v.report));
        await conn.run(`INSERT INTO user_datasets VALUES ($id, $name, $version, $kind, $format, $file, $bytes, $sha, $crs,
            CAST($mapping AS JSON), CAST(decode($report) AS JSON), $count, $w, $s, $e, $n, now()::TIMESTAMP)`, {
          id, name: v.name, version, kind: v.kind, format: v.format, file: v.file, bytes: v.bytes.byteLength,
          sha: await sha256Hex(v.bytes), crs: v.crs, mapping: v.mapping ? JSON.stringify(v.mapping) : null,
          report: blobValue(report), count: records.length, w, s, e, n,
        });
        // DuckDB reads the staged file and inserts on its own threads (each statement is async here): the event
        // loop only waits; a temp table of this connection holds the records until the batches are inserted
        // (a failure rolls the temp table back with the rest; the connection's close drops it in any case)
        if (records.length) {
          const table = `staged_records_${randomBytes(4).toString('hex')}`;
          await conn.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM read_json(${sqlText(records.file)}, format = 'newline_delimited',
            maximum_object_size = ${STAGED_MAX_LINE_BYTES}, columns = ${STAGED_COLUMNS})`);
          for (let from = 0; from < records.length; from += INSERT_BATCH) {
            const to = Math.min(records.length, from + INSERT_BATCH);
            await conn.run(`INSERT INTO user_dataset_records SELECT $id, row, rec_id, lng, lat, value, name, mode, route_ids, geometry, props
              FROM ${table} WHERE k >= $from AND k < $to ORDER BY k`, { id, from, to });
            await onBatch?.(to, records.length);
          }
          await conn.run(`DROP TABLE ${table}`);
        }
        this.revision++;
        return id;
      });
    } finally {
      conn.conn.closeSync();
    }
  }

  /** Every version of every user dataset, newest import first. */
  async list(): Promise<StoredDataset[]> {
    await this.init();
    const rows = await this.db.all<CatalogRow>(`${CATALOG_SQL} ORDER BY imported_at DESC, name, version DESC`);
    return rows.map(toStored);
  }

  /** One version (without its validation report: {@link reportJson}), or undefined. */
  async get(id: string): Promise<StoredDataset | undefined> {
    await this.init();
    const rows = await this.db.all<CatalogRow>(`SELECT * FROM (${CATALOG_SQL}) WHERE id = $1`, [id]);
    return rows.length ? toStored(rows[0]) : undefined;
  }

  /**
   * One version's validation report as the UTF-8 bytes of its JSON text, as stored (JSON.stringify's text of the
   * report), in pieces of at most {@link REPORT_PIECE_CHARS} characters, one query each (the event loop is free
   * between them); undefined for an unknown id. Read as bytes and never parsed here: a report naming 100,000 bad rows
   * is 17 MB, which decoded and parsed held the event loop ≈ 200 ms, and read as one blob still ≈ 50–100 ms
   * (core/datasets/types.ts ImportReport is its shape).
   */
  async reportJson(id: string): Promise<Uint8Array[] | undefined> {
    await this.init();
    const len = await this.db.all<{ n: bigint }>('SELECT length(CAST(report AS VARCHAR)) AS n FROM user_datasets WHERE id = $1', [id]);
    if (!len.length) return undefined;
    const pieces: Uint8Array[] = [];
    for (let from = 0, n = Number(len[0].n); from < n; from += REPORT_PIECE_CHARS) {
      const rows = await this.db.all<{ b: Uint8Array }>('SELECT encode(substr(CAST(report AS VARCHAR), $1, $2)) AS b FROM user_datasets WHERE id = $3',
        [from + 1, REPORT_PIECE_CHARS, id]);
      pieces.push(rows[0].b);
    }
    return pieces;
  }

  /** Delete one version and its records (one transaction). @returns false when there was none. */
  delete(id: string): Promise<boolean> {
    return this.serialised(async () => {
      const conn = await this.db.connect();
      try {
        return await conn.transaction(async () => {
          const had = await conn.all('SELECT 1 FROM user_datasets WHERE id = $1', [id]);
          if (!had.length) return false;
          await conn.run('DELETE FROM user_dataset_records WHERE dataset_id = $1', [id]);
          await conn.run('DELETE FROM user_datasets WHERE id = $1', [id]);
          this.revision++;
          return true;
        });
      } finally {
        conn.conn.closeSync();
      }
    });
  }

  /** The records of one version, in source order. */
  async records(id: string): Promise<DatasetRecord[]> {
    await this.init();
    return readDatasetRecords(this.db, id);
  }

  /**
   * The records of one version as columns, in source order (the first `limit` when given), without their other
   * columns (`props`) and route ids: what the map layer and site scoring read. No object per record is built (read by
   * Database.columns, paced): 300,000 records as objects, their `props` parsed, held the event loop ≈ 100–250 ms.
   */
  async points(id: string, limit?: number): Promise<RecordColumns> {
    await this.init();
    return this.db.columns<RecordColumns>(`SELECT row, rec_id AS id, lng, lat, value, name, mode, geometry
      FROM user_dataset_records WHERE dataset_id = $1 ORDER BY row, rec_id${limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : ''}`, [id]);
  }
}

/**
 * A user dataset version's records as columns ({@link DatasetStore.points}): the fields of core/datasets/types.ts
 * DatasetRecord but `props` and `routeIds`, index k of each column being the k-th record in source order; `geometry`
 * as its JSON text.
 */
export interface RecordColumns {
  [column: string]: unknown[];
  row: number[];
  id: string[];
  lng: number[];
  lat: number[];
  value: (number | null)[];
  name: (string | null)[];
  mode: (DatasetRecord['mode'] | null)[];
  geometry: (string | null)[];
}


/** Records of a user dataset turned into objects between two turns of the event loop by {@link readDatasetRecords}. */
const RECORDS_PER_TURN = 20_000;

/**
 * The records of one user dataset version straight from `db`, in source order; read
 * column by column and turned into objects {@link RECORDS_PER_TURN} at a time with a turn of the event loop between:
 * 300,000 records as row objects at once held the event loop ≈ 1.4 s.
 */
export async function readDatasetRecords(db: Database, id: string): Promise<DatasetRecord[]> {
  const c = await db.columns<{ row: number[]; rec_id: string[]; lng: number[]; lat: number[]; value: (number | null)[]; name: (string | null)[];
    mode: (DatasetRecord['mode'] | null)[]; route_ids: (string[] | null)[]; geometry: (string | null)[]; props: (string | null)[] }>(
    `SELECT row, rec_id, lng, lat, value, name, mode, route_ids, geometry, CAST(props AS VARCHAR) AS props
     FROM user_dataset_records WHERE dataset_id = $1 ORDER BY row, rec_id`, [id]);
  const n = c.row?.length ?? 0;
  const out: DatasetRecord[] = new Array(n);
  for (let k = 0; k < n; k++) {
    if (k > 0 && k % RECORDS_PER_TURN === 0) await nextTurn();
    const routeIds = c.route_ids[k], geometry = c.geometry[k], props = c.props[k];
    out[k] = { row: c.row[k], id: c.rec_id[k], lng: c.lng[k], lat: c.lat[k], value: c.value[k], name: c.name[k], mode: c.mode[k] ?? null,
      routeIds: routeIds ? [...routeIds] : undefined, geometry: geometry ? JSON.parse(geometry) : null, props: props ? JSON.parse(props) : {} };
  }
  return out;
}

/** One user dataset's kind, name and version, read straight from `db`; undefined when absent (or no table yet). */
export async function readDatasetKind(db: Database, id: string): Promise<{ kind: DatasetKind; name: string; version: number } | undefined> {
  try {
    const r = await db.all<{ kind: DatasetKind; name: string; version: number }>('SELECT kind, name, version FROM user_datasets WHERE id = $1', [id]);
    return r[0];
  } catch {
    return undefined;
  }
}
