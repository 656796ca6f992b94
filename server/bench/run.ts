/**
 * `npm run bench` — runs every registered benchmark file and prints one table. Not a test: speed targets are
 * reported as ratios against a naive peer measured in the same process, on the same data, in the same run.
 *
 * To register a benchmark, add ONE line to BENCHES: a label and a lazy import of a module whose default export is
 * `(env: BenchEnv) => Promise<BenchResult[]>`.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { TEST_DB_PATH } from '../testing/testPaths';
import type { Config } from '../config';

/** One measured line of the report. */
export interface BenchResult {
  name: string;
  /** Median wall time of the measured operation, milliseconds. */
  ms: number;
  /** Number of timed repetitions behind the median. */
  runs: number;
  /** Target from the issue, milliseconds (printed with pass/miss). */
  targetMs?: number;
  /** The naive peer in the same run: its (extrapolated) time for the same work, and what it is. */
  baseline?: { name: string; ms: number };
  note?: string;
}

/** What every benchmark gets: the config and the imported database (opened read-only). */
export interface BenchEnv {
  config: Config;
  db: Database;
  log: (line: string) => void;
}

type BenchModule = { default: (env: BenchEnv) => Promise<BenchResult[]> };

const BENCHES: [string, () => Promise<BenchModule>][] = [
  ['scoring', () => import('./scoring.bench')],
  ['coverage', () => import('./coverage.bench')],
  ['standards', () => import('./standards.bench')],
  ['forecast', () => import('./forecast.bench')],
  ['reliability', () => import('./reliability.bench')],
  ['areas', () => import('./areas.bench')],
];

/** Median of a list of numbers. */
export function medianMs(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

async function main() {
  const only = process.argv.slice(2);
  const base = loadConfig();
  const dbPath = fs.existsSync(base.dbPath) ? base.dbPath : TEST_DB_PATH;
  if (!fs.existsSync(dbPath)) {
    console.error(`No imported database at ${base.dbPath} or ${TEST_DB_PATH}: run "npm run data:import" (or the tests) first.`);
    process.exit(1);
  }
  const config = { ...base, dbPath };
  const db = await openDatabase(dbPath, { readOnly: true });
  console.log(`Outlet Planner benchmarks — database ${dbPath}, node ${process.version}`);
  const rows: (BenchResult & { group: string })[] = [];
  for (const [group, load] of BENCHES) {
    if (only.length && !only.includes(group)) continue;
    const mod = await load();
    for (const r of await mod.default({ config, db, log: (l) => console.log(`  [${group}] ${l}`) })) rows.push({ group, ...r });
  }
  db.close();
  console.log('\n' + ['benchmark', 'median', 'runs', 'target', 'naive peer (same run)', 'speed-up'].join(' | '));
  console.log('---|---|---|---|---|---');
  for (const r of rows) {
    const target = r.targetMs === undefined ? '' : `≤ ${fmt(r.targetMs)} ${r.ms <= r.targetMs ? 'met' : 'MISSED'}`;
    const peer = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.ms)}` : '';
    const ratio = r.baseline ? `${(r.baseline.ms / r.ms).toFixed(1)}×` : '';
    console.log([`${r.group}: ${r.name}`, fmt(r.ms), r.runs, target, peer, ratio].join(' | '));
    if (r.note) console.log(`    ${r.note}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
