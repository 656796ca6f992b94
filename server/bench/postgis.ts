/**
 * The PostGIS peer for the coverage benchmark: a throw-away PostgreSQL 15 + PostGIS 3 cluster on loopback, run as
 * the `postgres` user, loaded with the same block groups and branches, GiST indexes on `geography` points,
 * ANALYZE, a warm-up, then timed queries (psql `\timing`, median of runs), and the cluster stopped and deleted.
 * Installs nothing: when the Debian packages are missing it says how to install them and returns null.
 * Not used by the app; bench only (STACK.md "Peers for benchmarks").
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../db/database';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const POSTGIS_CONTROL = '/usr/share/postgresql/15/extension/postgis.control';

/** Why PostGIS cannot run here (with the install hint), or null when it can. */
export function postgisUnavailable(): string | null {
  const missing: string[] = [];
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) missing.push('postgresql');
  if (!fs.existsSync(POSTGIS_CONTROL)) missing.push('postgresql-15-postgis-3');
  if (missing.length) return `PostGIS peer skipped: missing ${missing.join(', ')}. Install with: apt-get install -y postgresql postgresql-15-postgis-3`;
  if (spawnSync('id', ['postgres']).status !== 0) return 'PostGIS peer skipped: no "postgres" system user (created by the postgresql package).';
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const port = (srv.address() as net.AddressInfo).port; srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

/** A running throw-away cluster. */
export interface PostgisPeer {
  /** Run SQL through psql; returns stdout. */
  sql(query: string): string;
  /** Median wall time (ms, psql `\timing`) of `runs` executions after one warm-up, and the last result's first cell. */
  time(query: string, runs: number): { ms: number; value: string; allMs: number[] };
  stop(): void;
}

/**
 * Start a cluster in a fresh temp dir (owned by postgres), on 127.0.0.1:<free port> with a private socket dir.
 * @throws with the failing command's stderr.
 */
export async function startPostgis(log: (l: string) => void): Promise<PostgisPeer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-postgis-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const sock = path.join(dir, 'sock');
  fs.mkdirSync(sock);
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const asPg = (cmd: string, args: string[], input?: string) => {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.slice(0, 3).join(' ')} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const port = await freePort();
  log(`PostGIS: initdb + start on 127.0.0.1:${port} (${dir})`);
  asPg(path.join(PG_BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  asPg(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'server.log'), '-o',
    `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=2`, 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try { asPg(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']); } catch (e) { log(String(e)); }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const psql = (script: string) => asPg('/usr/bin/psql', ['-h', sock, '-p', String(port), '-U', 'postgres', '-d', 'postgres',
    '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t'], script);
  const peer: PostgisPeer = {
    sql: psql,
    time(query, runs) {
      const script = ['\\timing on', query + ';', ...Array.from({ length: runs }, () => query + ';')].join('\n');
      const out = psql(script);
      const times = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
      const values = out.split('\n').filter((l) => l && !l.startsWith('Time:'));
      const timed = times.slice(1);
      const s = [...timed].sort((a, b) => a - b);
      return { ms: s[s.length >> 1], value: values[values.length - 1] ?? '', allMs: timed };
    },
    stop,
  };
  process.once('exit', stop);
  try {
    psql('CREATE EXTENSION postgis;');
  } catch (e) { stop(); throw e; }
  void dir;
  return peer;
}

/**
 * Load block groups (geoid, pop, geography point) and valid-coordinate branches (branch_id, cert, geography) from
 * DuckDB into the cluster via CSV, build GiST indexes on the geography columns and ANALYZE. Returns load timings.
 */
export async function loadCoverageData(peer: PostgisPeer, db: Database, log: (l: string) => void): Promise<{ loadMs: number; indexMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-postgis-csv-'));
  fs.chmodSync(dir, 0o755);
  const bgCsv = path.join(dir, 'bg.csv'), brCsv = path.join(dir, 'br.csv');
  try {
    await db.run(`COPY (SELECT geoid, population, lng, lat FROM block_groups) TO '${bgCsv}' (HEADER, DELIMITER ',')`);
    await db.run(`COPY (SELECT branch_id, cert, lng, lat FROM branches WHERE valid_coords) TO '${brCsv}' (HEADER, DELIMITER ',')`);
    fs.chmodSync(bgCsv, 0o644); fs.chmodSync(brCsv, 0o644);
    let t = performance.now();
    peer.sql(`
      CREATE TABLE bg_raw (geoid text, pop int, lng float8, lat float8);
      CREATE TABLE br_raw (branch_id bigint, cert int, lng float8, lat float8);
      \\copy bg_raw FROM '${bgCsv}' CSV HEADER
      \\copy br_raw FROM '${brCsv}' CSV HEADER
      CREATE TABLE bg AS SELECT geoid, pop, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography AS g FROM bg_raw;
      CREATE TABLE br AS SELECT branch_id, cert, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography AS g FROM br_raw;`);
    const loadMs = performance.now() - t;
    t = performance.now();
    peer.sql(`CREATE INDEX bg_g ON bg USING gist (g); CREATE INDEX br_g ON br USING gist (g); 
      ANALYZE bg; ANALYZE br;`);
    const indexMs = performance.now() - t;
    log(`PostGIS: loaded ${peer.sql('SELECT count(*) FROM bg').trim()} block groups, ${peer.sql('SELECT count(*) FROM br').trim()} branches in ${loadMs.toFixed(0)} ms; GiST + ANALYZE ${indexMs.toFixed(0)} ms`);
    return { loadMs, indexMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
