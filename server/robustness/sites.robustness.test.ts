/**
 * Bad input for site scoring and the map endpoints (issue 2 item 5): `POST /api/sites/score`,
 * `POST /api/sites/sensitivity`, `GET /api/institutions`, `GET /api/outlets`, `GET /api/layers/*`.
 * Contract: latitude out of range, empty or oversized list, unknown institution, wrong types → 400 naming the
 * field, never a 500. Tests marked `it.fails` document a real bug seen on this tree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import { expect400, get, nestedArrays, post, type TestApp } from './http';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const TIMES_SQ = { id: 'ts', lng: -73.9855, lat: 40.758 };
const score = (body: unknown) => post(t, '/api/sites/score', body);
const one = (extra: object = {}) => ({ sites: [TIMES_SQ], ...extra });

describe('POST /api/sites/score: coordinates', () => {
  it('latitude 91 / -91 → 400 naming sites.0.lat', async () => {
    expect400(await score({ sites: [{ id: 'a', lng: -73.98, lat: 91 }] }), 'sites.0.lat');
    expect400(await score({ sites: [{ id: 'a', lng: -73.98, lat: -91 }] }), 'sites.0.lat');
  });
  it('longitude 181 → 400 naming sites.0.lng', async () => expect400(await score({ sites: [{ id: 'a', lng: 181, lat: 40 }] }), 'sites.0.lng'));
  it('a bad site deep in the list is named by its index', async () => {
    const sites = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, lng: -73.9, lat: 40.7 }));
    sites[37] = { id: 's37', lng: -73.9, lat: 95 };
    expect400(await score({ sites }), 'sites.37.lat');
  });
  it('numbers as strings → 400 naming the field', async () => {
    expect400(await score({ sites: [{ id: 'a', lng: '-73.98', lat: 40.75 }] }), 'sites.0.lng');
    expect400(await score({ sites: [{ id: 'a', lng: -73.98, lat: null }] }), 'sites.0.lat');
  });
  it('1e999 (Infinity) → 400 naming sites.0.lng', async () => {
    expect400(await post(t, '/api/sites/score', undefined, { raw: '{"sites":[{"id":"a","lng":1e999,"lat":40}]}' }), 'sites.0.lng');
  });
  it('NaN literal → 400 malformed JSON (not 500)', async () => {
    const r = await post(t, '/api/sites/score', undefined, { raw: '{"sites":[{"id":"a","lng":NaN,"lat":40}]}' });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/JSON/);
  });
  it('id that is a float / empty / an object → 400 naming sites.0.id', async () => {
    for (const id of [1.5, '', { x: 1 }]) expect400(await score({ sites: [{ id, lng: -73.98, lat: 40.75 }] }), 'sites.0.id');
  });
  it('duplicate ids (also 1 vs "1") → 400 naming the second', async () => {
    expect400(await score({ sites: [TIMES_SQ, { ...TIMES_SQ }] }), 'sites.1.id');
    expect400(await score({ sites: [{ id: 1, lng: -73.98, lat: 40.75 }, { id: '1', lng: -73.98, lat: 40.75 }] }), 'sites.1.id');
  });
  it('sites at the poles, the antimeridian and 0,0 score with finite numbers (no NaN, no 500)', async () => {
    const r = await score({ sites: [{ id: 'np', lng: 180, lat: 90 }, { id: 'sp', lng: -180, lat: -90 }, { id: 'null-island', lng: 0, lat: 0 }] });
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/NaN|Infinity/);
    for (const s of r.body.sites) {
      expect(Number.isFinite(s.score)).toBe(true);
      expect(s.factors.demand.populationWithin2000m).toBe(0);
      expect(s.factors.transit.nearestStopM).toBeNull();
    }
  });
});

describe('POST /api/sites/score: list size and shape', () => {
  it('empty list → 400 naming sites', async () => expect400(await score({ sites: [] }), 'sites'));
  it('10,001 sites → 400 naming sites (and pointing at the grid or the CLI)', async () => {
    const sites = Array.from({ length: 10_001 }, (_, i) => ({ id: `x${i}`, lng: -73.9, lat: 40.7 }));
    const r = await score({ sites });
    expect400(r, 'sites');
    expect(r.body.error.message).toMatch(/10000|10,000/);
  });
  it('neither sites nor grid / both → 400 naming the missing one', async () => {
    expect400(await score({}), 'sites');
    expect400(await score({ ...one(), grid: { resolution: 9, area: 'nyc' } }), 'grid');
  });
  it('grid with resolution 7 / area "nj" → 400 naming grid.resolution / grid.area', async () => {
    expect400(await score({ grid: { resolution: 7, area: 'nyc' } }), 'grid.resolution');
    expect400(await score({ grid: { resolution: 9, area: 'nj' } }), 'grid.area');
  });
  it('body null / array / string → 400 naming the root', async () => {
    for (const b of [null, [1, 2], 'str']) expect400(await score(b), '(root)');
  });
  it('unknown top-level field → 400 naming it (strict)', async () => {
    const r = await score(one({ radius: 500 }));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/radius/);
  });
  it('malformed / empty body → 400, not 500', async () => {
    for (const raw of ['{"sites": [', '', '{']) expect((await post(t, '/api/sites/score', undefined, { raw })).status).toBe(400);
  });
  it('sites nested 100,000 arrays deep (200 kB) → 400 naming sites.0', async () => {
    expect400(await post(t, '/api/sites/score', undefined, { raw: `{"sites":${nestedArrays(100_000)}}` }), 'sites.0');
  });
  // was bug 11 (FIX2 list; fixed) (misleading error): a valid body sent as text/plain is silently read as {} and the 400 says
  // 'sites: give exactly one of "sites" and "grid"'. Expected a 400/415 that names the Content-Type.
  it('valid body with Content-Type text/plain → 400/415 naming the Content-Type', async () => {
    const r = await post(t, '/api/sites/score', undefined, { raw: JSON.stringify(one()), contentType: 'text/plain' });
    expect([400, 415]).toContain(r.status);
    expect(r.body.error.message).toMatch(/content-type|application\/json/i);
  });
});

describe('POST /api/sites/score: network, weights, params', () => {
  it('ownNetwork "foo" / "hc:abc" / "cert:0" → 400 naming ownNetwork', async () => {
    for (const ownNetwork of ['foo', 'hc:abc', 'cert:0', 'cert:', 'CERT:628']) expect400(await score(one({ ownNetwork })), 'ownNetwork');
  });
  it('unknown institution cert:99999999 / hc:99999999 → 400 naming ownNetwork', async () => {
    const r = await score(one({ ownNetwork: 'cert:99999999' }));
    expect400(r, 'ownNetwork');
    expect(r.body.error.message).toMatch(/99999999/);
    expect400(await score(one({ ownNetwork: 'hc:99999999' })), 'ownNetwork');
  });
  it('weights not summing to 1, negative, strings, missing → 400 naming weights…', async () => {
    expect400(await score(one({ weights: { transit: 0.5, demand: 0.5, competition: 0.5 } })), 'weights');
    expect400(await score(one({ weights: { transit: -0.2, demand: 0.6, competition: 0.6 } })), 'weights.transit');
    expect400(await score(one({ weights: { transit: '0.3', demand: 0.4, competition: 0.3 } })), 'weights.transit');
    expect400(await score(one({ weights: { transit: 0.5, demand: 0.5 } })), 'weights.competition');
  });
  it('radius 1e9 / -1 / 0 → 400 naming params.busRadiusM', async () => {
    for (const busRadiusM of [1e9, -1, 0]) expect400(await score(one({ params: { busRadiusM } })), 'params.busRadiusM');
  });
  it('unknown normalisation / param → 400 naming it', async () => {
    expect400(await score(one({ normalization: { method: 'log' } })), 'normalization.method');
    const r = await score(one({ params: { walkSpeed: 5 } }));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/walkSpeed/);
  });
  it('one site normalised against itself (zscore / minmax) gives finite scores', async () => {
    for (const method of ['zscore', 'minmax']) {
      const r = await score(one({ normalization: { method, reference: 'request' } }));
      expect(r.status).toBe(200);
      expect(Number.isFinite(r.body.sites[0].score)).toBe(true);
    }
  });
});

describe('POST /api/sites/sensitivity', () => {
  it('draws 0 / 1e9, topK 0 → 400 naming the field', async () => {
    expect400(await post(t, '/api/sites/sensitivity', one({ sensitivity: { draws: 0 } })), 'sensitivity.draws');
    expect400(await post(t, '/api/sites/sensitivity', one({ sensitivity: { draws: 1e9 } })), 'sensitivity.draws');
    expect400(await post(t, '/api/sites/sensitivity', one({ sensitivity: { topK: 0 } })), 'sensitivity.topK');
  });
  it('topK larger than the site count → every site has P(top k) = 1', async () => {
    const r = await post(t, '/api/sites/sensitivity', one({ sensitivity: { draws: 10, topK: 1000 } }));
    expect(r.status).toBe(200);
    expect(r.body.sites[0].pTopK).toBe(1);
  });
});

describe('GET /api/institutions, /api/outlets, /api/layers/*', () => {
  it('institutions: limit abc / 0 / 20001 → 400 naming limit', async () => {
    for (const limit of ['abc', '0', '20001', '-5']) expect400(await get(t, `/api/institutions?limit=${limit}`), 'limit');
  });
  it('institutions: q with SQL/LIKE metacharacters is a plain search (no 500)', async () => {
    for (const q of ["'", '%', "'; DROP TABLE branches; --", '\\']) {
      const r = await get(t, `/api/institutions?q=${encodeURIComponent(q)}&limit=5`);
      expect(r.status).toBe(200);
      expect(Array.isArray(r.body)).toBe(true);
    }
  });
  it('outlets: bbox missing / 3 numbers / NaN / out of range / west ≥ east → 400 naming bbox', async () => {
    for (const q of ['', '?bbox=1,2,3', '?bbox=NaN,40,-73,41', '?bbox=-181,40,-73,41', '?bbox=-73,40,-74,41', '?bbox=-74,91,-73,92', '?bbox=a,b,c,d']) {
      expect400(await get(t, `/api/outlets${q}`), 'bbox');
    }
  });
  it('outlets: network foo → 400; unknown cert → 400 naming network; limit -1 → 400 naming limit', async () => {
    expect400(await get(t, '/api/outlets?bbox=-74,40.7,-73.9,40.8&network=foo'), 'network');
    expect400(await get(t, '/api/outlets?bbox=-74,40.7,-73.9,40.8&network=cert:99999999'), 'network');
    expect400(await get(t, '/api/outlets?bbox=-74,40.7,-73.9,40.8&limit=-1'), 'limit');
  });
  it('layers: bad bbox → 400 naming bbox', async () => {
    expect400(await get(t, '/api/layers/demand?bbox=a,b,c,d'), 'bbox');
    expect400(await get(t, '/api/layers/stops?bbox=-74,40,-74,41'), 'bbox');
    expect400(await get(t, '/api/layers/stops'), 'bbox');
  });
});
