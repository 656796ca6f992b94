import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { openDatabase } from '../db/database';
import { loadSourcesManifest } from '../ingest/verify';
import { fetchPlan, runFetch } from './fetch';
import { runImport } from './import';

const TINY = path.join(REPO_ROOT, 'data', 'samples', 'tiny');
let tmp: string;
let holder: ChildProcess | undefined;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-cli-'));
});
afterAll(() => {
  if (holder?.pid) process.kill(holder.pid);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run data:import', () => {
  it('imports, then is a no-op, then re-imports with --force', async () => {
    const db = path.join(tmp, 'a.duckdb');
    const env = { ...process.env };
    process.env.CACHE_DIR = path.join(tmp, 'cache');
    try {
      const lines: string[] = [];
      expect(await runImport(['--db', db, '--data', TINY], (l) => lines.push(l))).toBe(0);
      expect(lines.at(-1)).toMatch(/^Import done in [\d.]+ s: datasets 13, block_groups 5, branches 4, branch_years 4, transit_feeds 10, transit_stops 17, atms 7$/);
      const again: string[] = [];
      expect(await runImport(['--db', db, '--data', TINY], (l) => again.push(l))).toBe(0);
      expect(again.at(-1)).toMatch(/^Nothing to do/);
      const forced: string[] = [];
      expect(await runImport(['--db', db, '--data', TINY, '--force'], (l) => forced.push(l))).toBe(0);
      expect(forced.at(-1)).toMatch(/^Import done/);
    } finally {
      process.env.CACHE_DIR = env.CACHE_DIR;
      if (env.CACHE_DIR === undefined) delete process.env.CACHE_DIR;
    }
  });

  it('says clearly when another process holds the database, and changes nothing', async () => {
    const db = path.join(tmp, 'locked.duckdb');
    (await openDatabase(db)).close();
    const script = `import { DuckDBInstance } from '@duckdb/node-api';
      const i = await DuckDBInstance.create(${JSON.stringify(db)}); await i.connect(); console.log('ready'); setInterval(() => {}, 1000);`;
    holder = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder!.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
      holder!.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
    });
    const lines: string[] = [];
    expect(await runImport(['--db', db, '--data', TINY], (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toBe(`Cannot import: the database ${db} is held by another process (is the Outlet Planner server running?).`);
    const exited = new Promise((r) => holder!.once('exit', r));
    process.kill(holder.pid!);
    await exited;
    holder = undefined;
    const after = await openDatabase(db, { readOnly: true });
    try {
      expect(await after.all(`SELECT table_name FROM duckdb_tables()`)).toEqual([]);
    } finally {
      after.close();
    }
  });

  it('reports an ImportError as file, row and field', async () => {
    const dir = path.join(tmp, 'bad');
    fs.cpSync(TINY, dir, { recursive: true });
    const f = path.join(dir, 'census-cenpop2020/block_group2020.csv');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('36,061,007600,1,200,40.754000', '36,061,007600,1,200,91.5'));
    const lines: string[] = [];
    expect(await runImport(['--db', path.join(tmp, 'b.duckdb'), '--data', dir], (l) => lines.push(l))).toBe(1);
    expect(lines).toContain('Import failed: census-cenpop2020/block_group2020.csv, row 2, field "LATITUDE": expected a latitude in degrees (−90…90), got "91.5"');
    expect(lines.at(-1)).toBe('Nothing was changed: the import is all or nothing.');
  });
});

describe('npm run data:fetch', () => {
  it('lists an origin for every file: a direct URL, or a dataset origin describing how it was derived', () => {
    const manifest = loadSourcesManifest(path.join(REPO_ROOT, 'data', 'sources.json'));
    const plan = fetchPlan(manifest);
    expect(plan).toHaveLength(83);
    expect(plan.find((p) => p.file === 'fdic-sod-branches/sod_2018.csv.xz')!.url).toMatch(/\/sod\/sod_2018\.csv\.xz$/);
    expect(plan.find((p) => p.file === 'fdic-sod-branches/sod_2023.csv.xz')!.url).toBe(
      'https://raw.githubusercontent.com/kevinw26/fdic-summary-of-deposits/54ffb82f84070002e3dad013ee60b99dce82e917/sod/sod_2023.csv.xz');
    const derived = new Set(plan.filter((p) => !p.url).map((p) => p.dataset));
    expect([...derived].sort()).toEqual(['census-cenpop2020', 'nyc-mta-gtfs-json']);
    for (const d of manifest.datasets) {
      expect(d.origin.length).toBeGreaterThan(0);
      expect(d.license.length).toBeGreaterThan(10);
    }
  });

  it('without --out prints the list and downloads nothing', async () => {
    const lines: string[] = [];
    expect(await runFetch(['--only', 'nyc-ferry-gtfs'], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('https://github.com/tloizel/boats');
    expect(lines.at(-1)).toMatch(/Nothing downloaded/);
  });
});
