/**
 * Golden file: the tiny hand-made data dir (data/samples/tiny: 5 block groups, 17 stops, 4 SOD branches, see
 * data/samples/README.md) imported into an in-memory database, then a fixed set of Midtown / Queens / Jersey City
 * sites scored through `POST /api/sites/score` (normalised within the request: the tiny data has no NYC grid) —
 * every factor's raw and normalised value, its details, the score and the rank, with and without an own network and
 * under each normalisation — compared exactly with `__golden__/tiny-scores.json`. Regenerate with `UPDATE=1` only
 * when a change of the model is intended, and say which in the commit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden } from '../../testing/golden';
import { createApp } from '../app';
import { REPO_ROOT, loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';
import { ensureImported } from '../ingest/importAll';

const TINY = path.join(REPO_ROOT, 'data', 'samples', 'tiny');

/** Hand-placed sites around the tiny data's stops, block groups and branches. */
const SITES = [
  { id: 'bryant-park', lng: -73.983, lat: 40.754 }, // beside the M&T Bryant Park branch and the 200-resident block group
  { id: 'a-st', lng: -73.99, lat: 40.75 }, // on subway station A St
  { id: 'b-st', lng: -73.98, lat: 40.76 }, // on subway station B St
  { id: 'east-73rd', lng: -73.958, lat: 40.769 }, // beside the Ridgewood 73rd Street branch
  { id: 'queens', lng: -73.93, lat: 40.76 }, // on the 300-resident Queens block group
  { id: 'jersey-city', lng: -74.077, lat: 40.728 }, // on the 400-resident NJ block group
  { id: 'brooklyn', lng: -73.99, lat: 40.69 }, // on the empty (0 residents) Brooklyn block group
  { id: 'bronx-far', lng: -73.9, lat: 40.85 }, // far from everything
];

let tmp: string;
let db: Database;
let userDb: Database;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'op-tiny-scores-'));
  const config = loadConfig({ ...process.env, DATA_DIR: TINY, CACHE_DIR: path.join(tmp, 'cache') });
  db = await openDatabase(':memory:');
  userDb = await openDatabase(':memory:');
  await ensureImported(db, config);
  app = createApp({ config, db, userDb });
});
afterAll(() => {
  db?.close();
  userDb?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function score(body: Record<string, unknown>) {
  const res = await app.request('/api/sites/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sites: SITES, ...body }) });
  const json = await res.json() as { vintage: { id: string }[] };
  expect(res.status, JSON.stringify(json)).toBe(200);
  // dataset vintages: only which datasets (their import time changes every run; their descriptions are not scores)
  return { ...json, vintage: json.vintage.map((v) => v.id) };
}

describe('tiny data → scores (golden file)', () => {
  it('default model; percentile, min–max and z-score within the request; own network cert:588 (M&T); equal weights', async () => {
    const request = { normalization: { reference: 'request' } };
    expectGolden(import.meta.url, 'tiny-scores', {
      sites: SITES,
      percentile: await score({ normalization: { method: 'percentile', reference: 'request' } }),
      minmax: await score({ normalization: { method: 'minmax', reference: 'request' } }),
      zscore: await score({ normalization: { method: 'zscore', reference: 'request' } }),
      ownNetworkMT: await score({ ...request, ownNetwork: 'cert:588' }),
      equalWeightsDepositsAttractiveness: await score({
        ...request, weights: { transit: 0.25, demand: 0.5, competition: 0.25 }, params: { attractiveness: 'deposits' },
      }),
    });
  });
});
