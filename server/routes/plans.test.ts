import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import v2 from '../../core/floorplan/fixtures/plan.v2.json';
import { createTestApp } from '../testing/testApp';
import { readSamplePlans } from '../plans/planStore';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const post = (path: string, body: unknown) => t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (path: string) => t.app.request(path);

describe('plans API: append-only versions', () => {
  it('creates a plan (cm converted to metres), lists it, opens it', async () => {
    const res = await post('/api/plans', { plan: v2 });
    expect(res.status).toBe(201);
    const { id, version } = await res.json();
    expect(id).toMatch(/^plan-[0-9a-f]{8}$/);
    expect(version).toBe(1);
    const list = (await (await get('/api/plans')).json()).plans;
    expect(list.find((p: { id: string }) => p.id === id)).toMatchObject({ name: 'Tiny v2 fixture', branchType: 'community', version: 1, sample: false });
    const got = await (await get(`/api/plans/${id}`)).json();
    expect(got).toMatchObject({ id, version: 1, latestVersion: 1 });
    expect(got.plan.units).toBe('m');
    expect(got.plan.outline.polygon[2]).toEqual([10, 6]);
  });

  it('saves versions, lists them, opens v1, restores v1 as the newest, and refuses a stale base with 409', async () => {
    const { id } = await (await post('/api/plans', { plan: v2 })).json();
    const v1plan = (await (await get(`/api/plans/${id}`)).json()).plan;
    const edited = { ...v1plan, name: 'Edited once', fixtures: v1plan.fixtures.slice(0, 1) };
    const s2 = await post(`/api/plans/${id}/versions`, { baseVersion: 1, plan: edited, message: 'drop a seat' });
    expect(s2.status).toBe(201);
    expect(await s2.json()).toEqual({ id, version: 2 });

    const stale = await post(`/api/plans/${id}/versions`, { baseVersion: 1, plan: { ...v1plan, name: 'Lost?' } });
    expect(stale.status).toBe(409);
    const problem = await stale.json();
    expect(problem.error.code).toBe('version_conflict');
    expect(problem.error.message).toMatch(/version 2.*version 1/);

    const versions = (await (await get(`/api/plans/${id}/versions`)).json()).versions;
    expect(versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([[1, 'Tiny v2 fixture'], [2, 'Edited once']]);

    const old = await (await get(`/api/plans/${id}/versions/1`)).json();
    expect(old).toMatchObject({ version: 1, latestVersion: 2 });
    expect(old.plan.fixtures).toHaveLength(2);

    // a restore must name its base (the newest version the caller has seen)
    const noBase = await post(`/api/plans/${id}/versions/1/restore`, {});
    expect(noBase.status).toBe(400);
    expect((await noBase.json()).error.field).toBe('baseVersion');
    const restored = await post(`/api/plans/${id}/versions/1/restore`, { baseVersion: 2 });
    expect(restored.status).toBe(201);
    expect(await restored.json()).toEqual({ id, version: 3, restoredFrom: 1 });
    const newest = await (await get(`/api/plans/${id}`)).json();
    expect(newest).toMatchObject({ version: 3, restoredFrom: 1, name: 'Tiny v2 fixture' });
    expect(newest.plan).toEqual(old.plan);
    // nothing was overwritten
    const all = (await (await get(`/api/plans/${id}/versions`)).json()).versions;
    expect(all.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect((await (await get(`/api/plans/${id}/versions/2`)).json()).plan.name).toBe('Edited once');
    // a restore with a stale base is refused too
    expect((await post(`/api/plans/${id}/versions/2/restore`, { baseVersion: 2 })).status).toBe(409);
  });

  it('two concurrent saves on the same base: one wins (201), the other gets 409, both versions survive the check', async () => {
    const { id } = await (await post('/api/plans', { plan: v2 })).json();
    const base = (await (await get(`/api/plans/${id}`)).json()).plan;
    const [a, b] = await Promise.all([
      post(`/api/plans/${id}/versions`, { baseVersion: 1, plan: { ...base, name: 'Alice' } }),
      post(`/api/plans/${id}/versions`, { baseVersion: 1, plan: { ...base, name: 'Bob' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const versions = (await (await get(`/api/plans/${id}/versions`)).json()).versions;
    expect(versions).toHaveLength(2);
    expect(['Alice', 'Bob']).toContain(versions[1].name);
  });

  it('rejects bad input with 400 naming the field, never 500', async () => {
    const { units: _u, ...noUnits } = v2;
    const r1 = await post('/api/plans', { plan: noUnits });
    expect(r1.status).toBe(400);
    expect((await r1.json()).error).toMatchObject({ field: 'plan.units', message: expect.stringMatching(/units/) });
    const bad = structuredClone(v2) as any;
    bad.zones[0].polygon = [[0, 0]];
    const r2 = await post('/api/plans', { plan: bad });
    expect((await r2.json()).error.field).toBe('plan.zones.0.polygon');
    expect((await post('/api/plans', {})).status).toBe(400);
    const { id } = await (await post('/api/plans', { plan: v2 })).json();
    const r3 = await post(`/api/plans/${id}/versions`, { plan: v2 });
    expect(r3.status).toBe(400);
    expect((await r3.json()).error.field).toBe('baseVersion');
    expect((await get('/api/plans/plan-nothere')).status).toBe(404);
    expect((await get(`/api/plans/${id}/versions/9`)).status).toBe(404);
    expect((await get(`/api/plans/${id}/versions/0`)).status).toBe(400);
    expect((await post('/api/plans/plan-nothere/versions', { baseVersion: 1, plan: v2 })).status).toBe(404);
  });

  it('accepts a GeoJSON FeatureCollection of zones (mm) as a new plan, and rejects one without units', async () => {
    const fc = { type: 'FeatureCollection', units: 'mm', name: 'Drawn in CAD', branchType: 'community', features: [
      { type: 'Feature', properties: { kind: 'waiting', name: 'Wait' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [4000, 0], [4000, 3000], [0, 3000], [0, 0]]] } },
      { type: 'Feature', properties: { kind: 'reception', name: 'Desk' }, geometry: { type: 'Polygon', coordinates: [[[4000, 0], [7000, 0], [7000, 3000], [4000, 3000], [4000, 0]]] } },
    ] };
    const res = await post('/api/plans', { plan: fc });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const got = (await (await get(`/api/plans/${id}`)).json()).plan;
    expect(got).toMatchObject({ name: 'Drawn in CAD', branchType: 'community', units: 'm' });
    expect(got.zones[1].polygon).toEqual([[4, 0], [7, 0], [7, 3], [4, 3]]);
    const { units: _u, ...noUnits } = fc;
    const bad = await post('/api/plans', { plan: noUnits });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.field).toBe('plan.units');
  });

  it('loads every sample in layouts/plans as version 1', async () => {
    const samples = readSamplePlans();
    const list = (await (await get('/api/plans')).json()).plans as { id: string; version: number; sample: boolean }[];
    for (const s of samples) {
      expect(list.find((p) => p.id === s.id)).toMatchObject({ version: 1, sample: true });
      const body = await (await get(`/api/plans/${s.id}/versions/1`)).json();
      expect(body.plan).toEqual(JSON.parse(JSON.stringify(s.plan)));
    }
  });

  it('exports a stored version as SVG, DXF, GeoJSON and JSON downloads', async () => {
    const svg = await get('/api/plans/community-150/export/svg?scale=50&locale=zh');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(svg.headers.get('content-disposition')).toContain('community-150-v1.svg');
    const text = await svg.text();
    expect(text.match(/class="zone"/g)).toHaveLength(12);
    expect(text).toContain('width="340mm"');
    expect(text).toContain('现金业务区');
    const dxf = await (await get('/api/plans/community-150/export/dxf')).text();
    expect(dxf).toContain('ZONE-CASH-AREA');
    const gj = await (await get('/api/plans/flagship-400/export/geojson?version=1')).json();
    expect(gj.units).toBe('m');
    expect(gj.features.filter((f: { properties: { areaM2?: number; kind: string } }) => f.properties.kind !== 'outline' && f.properties.areaM2 !== undefined)).toHaveLength(17);
    const json = await (await get('/api/plans/pod-24h/export/json')).json();
    expect(json).toMatchObject({ type: 'outlet-planner/floorplan', units: 'm', branchType: 'self-service-pod' });
    expect((await get('/api/plans/pod-24h/export/pdf')).status).toBe(400);
    expect((await get('/api/plans/pod-24h/export/svg?version=7')).status).toBe(404);
  });

  it('lists zone kinds with labels, colours and customer access', async () => {
    const { kinds } = await (await get('/api/zone-kinds')).json();
    const ids = kinds.map((k: { id: string }) => k.id);
    for (const k of ['reception', 'teller-counter', 'self-service', 'atm-lobby', 'waiting', 'consultation', 'cash-area', 'vault',
      'back-office', 'security-room', 'entrance-vestibule', 'circulation', 'staff-room', 'wc-accessible']) expect(ids).toContain(k);
    expect(kinds.find((k: { id: string }) => k.id === 'cash-area')).toMatchObject({ customerAccess: false, secure: true, label: { zh: '现金业务区' } });
  });
});

describe('saved sites', () => {
  it('stores a scored-site snapshot and reads it back', async () => {
    const body = { name: 'Fulton St candidate', lng: -73.9857, lat: 40.7484, ownNetwork: { id: 'cert:628', name: 'JPMorgan Chase Bank', branches: 4700 },
      parameters: { huffBeta: 2 }, expectedCustomers: 5400, score: { score: 71.2 } };
    const res = await post('/api/sites', body);
    expect(res.status).toBe(201);
    const { id } = await res.json();
    expect(id).toMatch(/^site-[0-9a-f]{16}$/);
    const got = await (await get(`/api/sites/${id}`)).json();
    expect(got).toMatchObject({ ...body, id });
    expect((await get('/api/sites/site-00000000')).status).toBe(404);
  });

  it('saves a site straight from a scoring response (site + params), taking expectedCustomers from the Huff factor', async () => {
    const site = { id: 'c7', lng: -73.95, lat: 40.71, score: 64.5, rank: 3, factors: { transit: { score: 70 }, demand: { score: 55 },
      competition: { score: 61, huffShare: 0.21, expectedCustomers: 3120.5, netNewDemand: 2900 } } };
    const params = { huffBeta: 2, weights: { transit: 0.4, demand: 0.3, competition: 0.3 }, ownNetwork: { id: 'cert:628', name: 'Chase', branches: 4700 } };
    const res = await post('/api/sites', { site, params });
    expect(res.status).toBe(201);
    const got = await (await get(`/api/sites/${(await res.json()).id}`)).json();
    expect(got).toMatchObject({ name: 'Site c7', lng: -73.95, lat: 40.71, expectedCustomers: 3120.5, ownNetwork: { id: 'cert:628' }, parameters: { huffBeta: 2 }, score: { rank: 3 } });
    const noHuff = await post('/api/sites', { site: { ...site, factors: {} }, params });
    expect(noHuff.status).toBe(400);
    expect((await noHuff.json()).error.field).toBe('expectedCustomers');
  });

  it('rejects a site without expectedCustomers or with lat out of range, naming the field', async () => {
    const r1 = await post('/api/sites', { lng: -73.9, lat: 40.7 });
    expect(r1.status).toBe(400);
    expect((await r1.json()).error.field).toBe('expectedCustomers');
    const r2 = await post('/api/sites', { lng: -73.9, lat: 91, expectedCustomers: 10 });
    expect((await r2.json()).error.field).toBe('lat');
  });
});
