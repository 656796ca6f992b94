import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps } from '../testing/testApp';
import { createServices } from '../services';
import { createApp } from '../app';
import type { ParameterSetListing } from '../../core/api/forecast';

// An app whose cache has no forecast calibration yet (a first start): the SOD set is really calibrated, in the app's
// compute pool, while the listing is asked for.
let t: { app: ReturnType<typeof createApp>; close: () => void };
let cacheDir: string;
beforeAll(async () => {
  const deps = await createTestDeps();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forecast-cache-'));
  deps.config = { ...deps.config, cacheDir };
  const services = createServices(deps);
  t = { app: createApp(deps, services), close: () => { void services.compute.close(); deps.userDb.close(); } };
});
afterAll(() => { t?.close(); fs.rmSync(cacheDir, { recursive: true, force: true }); });

const list = async (query = '') => {
  const r = await t.app.request(`/api/parameter-sets${query}`);
  expect(r.status).toBe(200);
  return r.json() as Promise<ParameterSetListing[]>;
};

describe('GET /api/parameter-sets while the forecast is calibrated (first start)', () => {
  it('answers at once with the SOD set "calibrating" and no figures; ?wait=true waits for the fit; then it is listed ready', async () => {
    const before = Date.now();
    const early = await list();
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({ status: 'calibrating', name: 'nyc-sod-deposits', kind: 'sod-deposits', target: 'deposits (USD)',
      params: null, fit: null, dataVintage: [], createdAt: null, calibrationSeconds: null });
    const since = early[0].status === 'calibrating' ? Date.parse(early[0].calibratingSince) : NaN;
    expect(since).toBeGreaterThanOrEqual(before - 1);
    // nothing cached yet: the calibration is still running
    expect(fs.existsSync(path.join(cacheDir, 'forecast'))).toBe(false);
    // asked again meanwhile: still calibrating, since the same moment
    const again = await list('?wait=false');
    expect(again[0]).toMatchObject({ status: 'calibrating', calibratingSince: early[0].status === 'calibrating' ? early[0].calibratingSince : '' });

    // a client that waits gets what it always got: the fitted set, 5,885 SOD branch-years
    const waited = await list('?wait=true');
    expect(waited[0].status).toBe('ready');
    const fitted = waited[0].status === 'ready' ? waited[0] : null;
    expect(fitted!.fit).toMatchObject({ n: 5885, folds: 5 });
    expect(fitted!.calibrationSeconds!).toBeGreaterThan(0);
    expect(Date.parse(fitted!.createdAt)).toBeGreaterThan(since);
    expect(fs.readdirSync(path.join(cacheDir, 'forecast')).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    // from now on the plain listing carries the same figures
    expect(await list()).toEqual(waited);
  }, 300_000);

  it('refuses a wait that is neither true nor false, naming the field', async () => {
    const r = await t.app.request('/api/parameter-sets?wait=yes');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { field: string } }).error.field).toBe('wait');
  });
});
