import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/testApp';
import noncompliant from '../../layouts/plans/community-150-noncompliant.plan.json';
import community from '../../layouts/plans/community-150.plan.json';
import { planToGeoJson } from '../../core/floorplan/export/geojson';
import { loadPlan } from '../../core/floorplan/load';
import { convertPlanUnits } from '../../core/floorplan/units';
import type { CheckResponse, SizingResponse } from '../../core/api/standards';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

const post = async (path: string, body: unknown): Promise<Response> => t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('POST /api/standards/check', () => {
  it('returns the non-compliant sample\'s breaks with measured vs required, clause and status', async () => {
    const res = await post('/api/standards/check', { plan: noncompliant, profile: 'us-ada-ibc' });
    expect(res.status).toBe(200);
    const body = await res.json() as CheckResponse;
    expect(body.summary.errors).toBe(5);
    const aisle = body.findings.find((f) => f.ruleId === 'ADA-01')!;
    expect(aisle.measured).toBeCloseTo(0.8, 3);
    expect(aisle.required).toBe(0.915);
    expect(aisle.unit).toBe('m');
    expect(aisle.source).toEqual({ document: '2010 ADA Standards', clause: '§403.5.1' });
    expect(aisle.status).toBe('verified');
    expect(body.sizing).toBeNull();
    expect(body.summary.rulesSkipped.map((s) => s.ruleId)).toContain('BR-07');
  });
  it('the same plan in mm gives the same findings in metres', async () => {
    const mm = convertPlanUnits(loadPlan(noncompliant), 'mm');
    const [a, b] = await Promise.all([
      post('/api/standards/check', { plan: noncompliant, profile: 'cn-gb-ga' }).then((r) => r.json() as Promise<CheckResponse>),
      post('/api/standards/check', { plan: mm, profile: 'cn-gb-ga' }).then((r) => r.json() as Promise<CheckResponse>),
    ]);
    expect(b.units).toBe('mm');
    expect(b.findings.map((f) => [f.ruleId, f.measured])).toEqual(a.findings.map((f) => [f.ruleId, f.measured]));
  });
  it('accepts a planar GeoJSON FeatureCollection (cm) with kinds and names', async () => {
    const fc = planToGeoJson(convertPlanUnits(loadPlan(noncompliant), 'cm') as never);
    (fc as { units: string }).units = 'cm';
    const res = await post('/api/standards/check', { plan: fc, profile: 'us-ada-ibc' });
    expect(res.status).toBe(200);
    const body = await res.json() as CheckResponse;
    expect(body.findings.find((f) => f.ruleId === 'BR-09')?.measured).toBeCloseTo(0.9375, 6);
    expect(body.findings.find((f) => f.ruleId === 'PLAN-02')?.measured).toBeCloseTo(3, 6);
  });
  it('400 saying why when the plan cannot be measured', async () => {
    const noUnits = { ...community } as Record<string, unknown>;
    delete noUnits.units;
    const r1 = await post('/api/standards/check', { plan: noUnits, profile: 'us-ada-ibc' });
    expect(r1.status).toBe(400);
    expect((await r1.json() as { error: { field: string; message: string } }).error).toMatchObject({ field: 'plan.units', message: expect.stringMatching(/units is required/) });
    const r2 = await post('/api/standards/check', { plan: { type: 'FeatureCollection', features: [] }, profile: 'us-ada-ibc' });
    expect(r2.status).toBe(400);
    expect((await r2.json() as { error: { field: string } }).error.field).toBe('plan.units');
    const r3 = await post('/api/standards/check', { plan: [1, 2], profile: 'us-ada-ibc' });
    expect(r3.status).toBe(400);
    expect((await r3.json() as { error: { message: string } }).error.message).toMatch(/not a plan/);
    const r4 = await post('/api/standards/check', { plan: community, profile: 'xx' });
    expect(r4.status).toBe(400);
    expect((await r4.json() as { error: { field: string } }).error.field).toBe('profile');
  });
  it('a degenerate zone is an error finding naming it; the other zones are still checked', async () => {
    const p = JSON.parse(JSON.stringify(noncompliant));
    p.zones.push({ id: 'z-bad', kind: 'waiting', name: 'Sliver', polygon: [[1, 1], [2, 2], [3, 3]] });
    const body = await (await post('/api/standards/check', { plan: p, profile: 'us-ada-ibc' })).json() as CheckResponse;
    const bad = body.findings.filter((f) => f.ruleId === 'PLAN-01');
    expect(bad).toHaveLength(1);
    expect(bad[0].zoneIds).toEqual(['z-bad']);
    expect(bad[0].message).toMatch(/collinear/);
    expect(body.findings.find((f) => f.ruleId === 'BR-09')?.measured).toBeCloseTo(0.9375, 6);
  });
  it('with demand from a saved site, counters/ATMs/seats are checked against Erlang C', async () => {
    const saved = await post('/api/sites', { name: 'Test', lng: -73.98, lat: 40.75, expectedCustomers: 40000 });
    expect(saved.status).toBe(201);
    const { id } = await saved.json() as { id: string };
    const body = await (await post('/api/standards/check', { plan: community, profile: 'us-ada-ibc', sizing: { siteId: id } })).json() as CheckResponse;
    expect(body.sizing?.demandSource).toBe('site');
    expect(body.sizing?.sizing.visitsPerDay).toBe(800); // 40,000 × 6 / 300
    const br07 = body.findings.find((f) => f.ruleId === 'BR-07');
    // 800 visits/day → λ = 54/h at counters → needs more than the 3 positions drawn
    expect(br07?.measured).toBe(3);
    expect(br07?.required).toBe(body.sizing!.sizing.counters.servers);
    expect(br07?.severity).toBe('warning');
  });
});

describe('GET /api/standards/profiles', () => {
  it('lists both rule sets with sources and verification status', async () => {
    const res = await t.app.request('/api/standards/profiles');
    expect(res.status).toBe(200);
    const body = await res.json() as { id: string; rules: { id: string; status: string; source: { clause: string } }[] }[];
    expect(body.map((r) => r.id)).toEqual(['us-ada-ibc', 'cn-gb-ga']);
    expect(body[0].rules.find((r) => r.id === 'ADA-01')).toMatchObject({ status: 'verified', source: { clause: '§403.5.1' } });
    expect(body[1].rules.some((r) => r.status === 'unverified')).toBe(true);
  });
});

describe('POST /api/standards/sizing', () => {
  it('typed visits: the reference example (λ = 60/h) gives 8 counters and 8 seats, assumptions labelled', async () => {
    const res = await post('/api/standards/sizing', { visitsPerDay: 60 / (0.45 * 0.15) });
    expect(res.status).toBe(200);
    const body = await res.json() as SizingResponse;
    expect(body.sizing.counters.servers).toBe(8);
    expect(body.sizing.waitingSeats).toBe(8);
    expect(body.assumptions.find((a) => a.key === 'counters.meanServiceMin')).toMatchObject({ value: 6, unit: 'min' });
  });
  it('400 without any demand; 404 for an unknown site', async () => {
    const r1 = await post('/api/standards/sizing', {});
    expect(r1.status).toBe(400);
    expect((await r1.json() as { error: { field: string } }).error.field).toBe('visitsPerDay');
    expect((await post('/api/standards/sizing', { siteId: 'site-0000000000000000' })).status).toBe(404);
  });
});
