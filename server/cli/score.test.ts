import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { runScore } from './score';
import { createTestApp } from '../testing/testApp';
import { TEST_DB_PATH } from '../testing/testPaths';
import { REPO_ROOT } from '../config';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'score-cli-'));
const csvIn = path.join(tmp, 'sites.csv');
fs.writeFileSync(csvIn, 'id,lon,latitude\nts,-73.9855,40.758\njh,-73.8831,40.7557\nhy,-74.006,40.753\n');
const lines: string[] = [];
const print = (l: string) => { lines.push(l); };

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => { t?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

async function apiScores(body: unknown) {
  const r = await t.app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await r.json() as { sites: { id: string; score: number; rank: number; factors: { demand: { populationWithin1000m: number } } }[] }).sites;
}

describe('npm run score', () => {
  it('scores a CSV by opening the database itself; the CSV equals the API answer', async () => {
    const out = path.join(tmp, 'out.csv');
    expect(await runScore(['--in', csvIn, '--out', out, '--db', TEST_DB_PATH, '--network', 'cert:628'], print, false)).toBe(0);
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const api = await apiScores({ sites: [{ id: 'ts', lng: -73.9855, lat: 40.758 }, { id: 'jh', lng: -73.8831, lat: 40.7557 }, { id: 'hy', lng: -74.006, lat: 40.753 }], ownNetwork: 'cert:628' });
    expect(rows.map((r) => r.id)).toEqual(['ts', 'jh', 'hy']);
    rows.forEach((r, j) => {
      expect(Number(r.score)).toBe(api[j].score);
      expect(Number(r.rank)).toBe(api[j].rank);
      expect(Number(r.demand_populationWithin1000m)).toBe(api[j].factors.demand.populationWithin1000m);
    });
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['transit_nearestStopId', 'competition_huffShare', 'competition_cannibalizedFromOwn']));
  }, 180_000); // opens the database and loads the geo data and boundaries in this process

  it('scores the grid to GeoJSON', async () => {
    const out = path.join(tmp, 'grid.geojson');
    expect(await runScore(['--grid', '--out', out, '--db', TEST_DB_PATH], print, false)).toBe(0);
    const fc = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(7405);
    expect(fc.features[0].geometry.type).toBe('Point');
    expect(typeof fc.features[0].properties.score).toBe('number');
    expect(fc.params.grid.cells).toBe(7405);
    expect(fc.studyArea).toBe('New York City');
  }, 180_000);

  it('scores a county outside NYC (--counties 17031 --resolution 8): prints the transit warning, writes area and county columns', async () => {
    const out = path.join(tmp, 'cook.csv');
    lines.length = 0;
    expect(await runScore(['--grid', '--counties', '17031', '--resolution', '8', '--out', out, '--db', TEST_DB_PATH], print, false)).toBe(0);
    expect(lines).toContain(`Scored 3335 sites (Cook, Illinois) → ${out}`);
    expect(lines).toContain('Warning (no-transit-feed): 3335 of 3335 sites: no transit feed has a stop within 2 km of this site: transit factor not scored');
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(3335);
    expect(rows[0]).toMatchObject({ study_area: 'Cook, Illinois', county_fips: '17031', county: 'Cook, Illinois', borough: '', warnings: 'no-transit-feed',
      transit_scored: 'false', transit_weight: '0', demand_weight: '0.571429' });
    // a Brooklyn site file normalised against the Brooklyn grid names the borough and neighbourhood
    const bk = path.join(tmp, 'bk.csv');
    fs.writeFileSync(bk, 'id,lng,lat\nparkslope,-73.9787,40.6710\n');
    const bkOut = path.join(tmp, 'bk-out.csv');
    expect(await runScore(['--in', bk, '--counties', '36047', '--out', bkOut, '--db', TEST_DB_PATH], print, false)).toBe(0);
    const [row] = Papa.parse<Record<string, string>>(fs.readFileSync(bkOut, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(row).toMatchObject({ study_area: 'Brooklyn', county: 'Kings, New York', borough: 'Brooklyn', neighbourhood: 'Park Slope', warnings: '' });
  }, 300_000);

  it('works through a running server (--server)', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const out = path.join(tmp, 'via.geojson');
      expect(await runScore(['--in', csvIn, '--out', out, '--server', `http://127.0.0.1:${port}`], print, false)).toBe(0);
      const fc = JSON.parse(fs.readFileSync(out, 'utf8'));
      const api = await apiScores({ sites: [{ id: 'ts', lng: -73.9855, lat: 40.758 }, { id: 'jh', lng: -73.8831, lat: 40.7557 }, { id: 'hy', lng: -74.006, lat: 40.753 }] });
      expect(fc.features.map((f: { properties: { score: number } }) => f.properties.score)).toEqual(api.map((s) => s.score));
      lines.length = 0;
      expect(await runScore(['--in', csvIn, '--out', out, '--server', `http://127.0.0.1:${port}`, '--network', 'cert:999999999'], print, false)).toBe(1);
      expect(lines.join('\n')).toMatch(/400.*ownNetwork/);
    } finally {
      server.close();
    }
  });

  it('refuses a bad file, naming the row and field, and writes nothing', async () => {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, 'id,lng,lat\na,-73.9,40.7\nb,-73.9,north\n');
    const out = path.join(tmp, 'never.csv');
    lines.length = 0;
    expect(await runScore(['--in', bad, '--out', out, '--db', TEST_DB_PATH], print, false)).toBe(2);
    expect(lines[0]).toMatch(/bad\.csv row 2, lat: "north" is not a number/);
    expect(fs.existsSync(out)).toBe(false);
    expect(await runScore(['--in', bad], print, false)).toBe(2);
    expect(await runScore(['--grid', '--out', out, '--weights', '0.5,0.5,0.5', '--db', TEST_DB_PATH], print, false)).toBe(2);
  });

  it('says clearly when another process holds the database', async () => {
    const dbFile = path.join(tmp, 'held.duckdb');
    const script = `import { DuckDBInstance } from '@duckdb/node-api';
      const i = await DuckDBInstance.create(${JSON.stringify(dbFile)}); await i.connect(); console.log('held'); setTimeout(() => {}, 60000);`;
    const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d) => { if (String(d).includes('held')) resolve(); });
        child.once('exit', (c) => reject(new Error(`holder exited ${c}`)));
      });
      lines.length = 0;
      expect(await runScore(['--in', csvIn, '--out', path.join(tmp, 'x.csv'), '--db', dbFile], print, false)).toBe(1);
      expect(lines.join('\n')).toMatch(/held by another process.*--server/s);
    } finally {
      child.kill();
    }
  });
});
