/**
 * Bad input for the standards checker (issue 5): `POST /api/standards/check`, `POST /api/standards/sizing`.
 * Contract: a plan that cannot be measured → 400 saying why (naming the field); a degenerate zone → an error
 * finding naming it while the other zones are still checked; never a 500, never a hang.
 * Tests marked `it.fails` document a real bug seen on this tree (see the comment above each).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import v2 from '../../core/floorplan/fixtures/plan.v2.json';
import { createTestApp } from '../testing/testApp';
import { expect400, nestedArrays, post, type TestApp } from './http';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t?.close());

const check = (plan: unknown, profile = 'us-ada-ibc', extra: object = {}) => post(t, '/api/standards/check', { plan, profile, ...extra });
const fc = (features: unknown[], extra: object = {}) => ({ type: 'FeatureCollection', units: 'm', features, ...extra });
const square = (x: number, y: number, w: number) => [[x, y], [x + w, y], [x + w, y + w], [x, y + w]];
const zone = (kind: string, coordinates: unknown) => ({ type: 'Feature', properties: { kind, name: kind }, geometry: { type: 'Polygon', coordinates } });
const hall = zone('waiting', [square(0, 0, 5)]);

describe('standards check: request envelope', () => {
  it('unknown profile → 400 naming profile', async () => expect400(await check(v2, 'xx'), 'profile'));
  it('missing plan → 400 naming plan', async () => expect400(await post(t, '/api/standards/check', { profile: 'us-ada-ibc' }), 'plan'));
  it('plan that is not an object → 400 naming plan', async () => {
    for (const plan of [null, 42, 'plan', [1, 2]]) expect400(await check(plan), 'plan');
  });
  it('plan JSON without units → 400 naming plan.units (cannot be measured)', async () => {
    const { units: _u, ...noUnits } = v2;
    const r = await check(noUnits);
    expect400(r, 'plan.units');
    expect(r.body.error.message).toMatch(/units/);
  });
  it('plan with units "ft" → 400 naming plan.units', async () => expect400(await check({ ...v2, units: 'ft' }), 'plan.units'));
  it('plan version 1.5 / 99 → 400 naming plan.version', async () => {
    expect400(await check({ ...v2, version: 1.5 }), 'plan.version');
    expect400(await check({ ...v2, version: 99 }), 'plan.version');
  });
  it('GeoJSON without top-level units → 400 naming plan.units', async () => expect400(await check(fc([hall], { units: undefined })), 'plan.units'));
  it('GeoJSON with features not an array → 400 naming plan', async () => expect400(await check(fc([], { features: 'x' })), 'plan'));
  it('GeoJSON features that are null/number/string/{} → 400 naming each feature kind', async () => {
    const r = await check(fc([null, 5, 'x', {}]));
    expect400(r, 'plan.features.0.properties.kind');
    expect(r.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['0', '1', '2', '3'].map((k) => `plan.features.${k}.properties.kind`));
  });
  it('GeoJSON unknown kind → 400 naming the feature', async () => expect400(await check(fc([hall, zone('teller', [square(0, 0, 1)])])), 'plan.features.1.properties.kind'));
  // names the user's feature, not the internal model's plan.doors.0.connects (see bug 1)
  it('GeoJSON door connects garbage → 400 naming the door field', async () => {
    const door = { type: 'Feature', properties: { kind: 'door', connects: 'x' }, geometry: { type: 'LineString', coordinates: [[0, 5], [1, 5]] } };
    expect400(await check(fc([hall, door])), 'plan.features.1.properties.connects');
  });
  it('GeoJSON zone attributes not an object → 400 naming plan.features.0.properties.attributes', async () => {
    const z = zone('waiting', [square(0, 0, 5)]);
    (z.properties as Record<string, unknown>).attributes = 'bad';
    expect400(await check(fc([z])), 'plan.features.0.properties.attributes');
  });
  it('GeoJSON fixture polygon that is not a rectangle → 400 naming the feature geometry', async () => {
    const atm = { type: 'Feature', properties: { kind: 'atm' }, geometry: { type: 'Polygon', coordinates: 5 } };
    expect400(await check(fc([hall, atm])), 'plan.features.1.geometry');
  });
  it('sizing {} → 400 naming sizing.visitsPerDay', async () => expect400(await check(v2, 'us-ada-ibc', { sizing: {} }), 'sizing.visitsPerDay'));
});

describe('standards check: NaN / Infinity coordinates', () => {
  it('plan JSON vertex 1e999 (Infinity) → 400 naming plan.zones.0.polygon.0.0', async () => {
    const raw = JSON.stringify({ profile: 'us-ada-ibc', plan: v2 }).replace('"name":"Hall","polygon":[[0,0]', '"name":"Hall","polygon":[[1e999,0]');
    expect400(await post(t, '/api/standards/check', undefined, { raw }), 'plan.zones.0.polygon.0.0');
  });
  it('GeoJSON vertex "NaN" → 400 (no 500, nothing measured)', async () => {
    const r = await check(fc([zone('waiting', [[['NaN', 0], [5, 0], [5, 5]]])]));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/NaN/);
  });
  // was bug 1 (errors named the internal plan.zones.1.polygon.0.0)
  it('GeoJSON bad vertex in features[2] → 400 naming plan.features.2…', async () => {
    const outline = { type: 'Feature', properties: { kind: 'outline' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10)] } };
    const r = await check(fc([outline, zone('waiting', [square(0, 0, 5)]), zone('waiting', [[['NaN', 0], [9, 0], [9, 9]]])]));
    expect400(r, /^plan\.features\.2/);
  });
});

describe('standards check: garbage GeoJSON geometry must be a 400, not a 500', () => {
  // was bug 2
  it('Polygon coordinates "abc" → 400 naming plan.features.0.geometry', async () => {
    expect400(await check(fc([zone('waiting', 'abc')])), /^plan\.features\.0\.geometry/);
  });
  // was bug 3
  it('Polygon coordinates null → 400 naming plan.features.0.geometry', async () => {
    expect400(await check(fc([zone('waiting', null)])), /^plan\.features\.0\.geometry/);
  });
  // was bug 4
  it('Polygon coordinates [{a:1}] → 400 naming plan.features.0.geometry', async () => {
    expect400(await check(fc([zone('waiting', [{ a: 1 }])])), /^plan\.features\.0\.geometry/);
  });
  // was bug 5
  it('a null vertex in a ring → 400 naming plan.features.0.geometry', async () => {
    expect400(await check(fc([zone('waiting', [[null, [1, 2], [3, 4]]])])), /^plan\.features\.0\.geometry/);
  });
  // was bug 6
  it('Polygon coordinates [] (and no outline) → 400, not 500 "pointsBounds: no points"', async () => {
    const r = await check(fc([zone('waiting', [])]));
    expect400(r, /^plan\.(features\.0\.geometry|zones\.0\.polygon)/);
  });
  // was bug 7
  it('fixture Point with coordinates null → 400 naming plan.features.1.geometry', async () => {
    const atm = { type: 'Feature', properties: { kind: 'atm' }, geometry: { type: 'Point', coordinates: null } };
    expect400(await check(fc([hall, atm])), /^plan\.features\.1\.geometry/);
  });
  // was bug 8
  it('door LineString with coordinates null → 400 naming plan.features.1.geometry', async () => {
    const door = { type: 'Feature', properties: { kind: 'door' }, geometry: { type: 'LineString', coordinates: null } };
    expect400(await check(fc([hall, door])), /^plan\.features\.1\.geometry/);
  });
  // was bug 9
  it('door LineString [null, null] → 400 naming plan.features.1.geometry', async () => {
    const door = { type: 'Feature', properties: { kind: 'door' }, geometry: { type: 'LineString', coordinates: [null, null] } };
    expect400(await check(fc([hall, door])), /^plan\.features\.1\.geometry/);
  });
  // was bug 10
  it('coordinates [[true,false],[[5],"0"],[5,5]] → 400 naming plan.features.0.geometry, not measured', async () => {
    expect400(await check(fc([zone('waiting', [[[true, false], [[5], '0'], [5, 5]]])])), /^plan\.features\.0\.geometry/);
  });
  // was bug 11
  it('coordinates nested 5,000 deep → 400, not a stack overflow', async () => {
    const raw = `{"profile":"us-ada-ibc","plan":{"type":"FeatureCollection","units":"m","features":[{"type":"Feature","properties":{"kind":"waiting"},"geometry":{"type":"Polygon","coordinates":${nestedArrays(5000)}}}]}}`;
    const r = await post(t, '/api/standards/check', undefined, { raw });
    expect(r.status, r.text.slice(0, 200)).toBe(400);
  });
  it('coordinates nested 1,000 deep → 400 (no 500)', async () => {
    const raw = `{"profile":"us-ada-ibc","plan":{"type":"FeatureCollection","units":"m","features":[{"type":"Feature","properties":{"kind":"waiting"},"geometry":{"type":"Polygon","coordinates":${nestedArrays(1000)}}}]}}`;
    const r = await post(t, '/api/standards/check', undefined, { raw });
    expect(r.status).toBe(400);
  });
});

describe('standards check: degenerate zones become error findings naming them; the rest is still checked', () => {
  const withBad = (polygon: number[][]) => ({ ...v2, zones: [...v2.zones, { id: 'z-bad', kind: 'waiting', name: 'Bad', polygon }] });
  const cases: [string, number[][], RegExp][] = [
    ['zero area (one repeated point)', [[100, 100], [100, 100], [100, 100]], /too-few-vertices|zero-area/],
    ['collinear', [[0, 100], [100, 100], [200, 100]], /collinear/],
    ['self-intersecting bow tie', [[0, 0], [500, 500], [500, 0], [0, 500]], /self-intersecting/],
    ['spike', [[0, 0], [600, 0], [600, 600], [300, 600], [300, -500], [300, 600], [0, 600]], /spike/],
  ];
  for (const [label, polygon, why] of cases) {
    it(`${label} → 200 with an error finding on z-bad, and the other zones still checked`, async () => {
      const r = await check(withBad(polygon));
      expect(r.status).toBe(200);
      const bad = r.body.findings.filter((f: { zoneIds: string[] }) => f.zoneIds.includes('z-bad'));
      expect(bad.length).toBeGreaterThanOrEqual(1);
      expect(bad[0].severity).toBe('error');
      expect(bad[0].message).toMatch(why);
      // the fixture's known break is still found on the valid zones: the cash area open to the hall (BR-11)
      expect(r.body.findings.some((f: { ruleId: string; zoneIds: string[] }) => f.ruleId === 'BR-11' && f.zoneIds.includes('z-cash'))).toBe(true);
    });
  }
});

describe('standards check: absurd sizes must be refused or measured, never 500 / NaN / a hang', () => {
  // was bug 13 (createGrid "Invalid typed array length: Infinity" → 500): plausibility limits (core/floorplan/limits.ts)
  it('hall polygon 1e306 cm wide → 400 naming the zone (or the outline), not 500', async () => {
    const r = await check({ ...v2, zones: [{ ...v2.zones[0], polygon: square(0, 0, 1e306) }, ...v2.zones.slice(1)] });
    expect400(r, 'plan.zones.0.polygon');
    expect(r.body.error.message).toMatch(/check units/);
  });
  // was bug 14
  it('hall polygon 1e6 m wide → 400, not 500', async () => {
    const r = await check({ ...v2, units: 'm', zones: [{ ...v2.zones[0], polygon: square(0, 0, 1e6) }, ...v2.zones.slice(1)] });
    expect400(r, /^plan\.(zones\.0|outline)/);
  });
  // was bug 15: a cm plan sent as "m" (outline 1,000 m × 600 m) is refused at once, naming plan.units
  it('plan in cm sent as units "m" (1 km wide) costs no more than 10× the same plan in cm', async () => {
    await check(v2, 'cn-gb-ga'); // warm
    const correct = await check(v2, 'cn-gb-ga');
    expect(correct.status).toBe(200);
    const mistake = await check({ ...v2, units: 'm' }, 'cn-gb-ga');
    expect400(mistake, 'plan.units');
    expect(mistake.body.error.message).toMatch(/1,000 m × 600 m .*check units/);
    expect(mistake.ms).toBeLessThan(Math.max(10 * correct.ms, 300));
  }, 120_000);
  // was bug 16: at most 2,000 vertices per polygon (PLAN_LIMITS.maxRingVertices)
  // refused by the vertex cap before any rule runs (the message says so); how fast the server answers while it runs is
  // measured by the reliability benchmark (npm run bench -- reliability), not here: a wall-clock bound in this suite
  // failed at 1,070 ms on a loaded CI machine
  it('a hall with 20,000 vertices is refused with 400 naming the zone and the vertex cap, before any rule runs', async () => {
    const n = 20_000;
    const polygon = Array.from({ length: n }, (_, i) => [Math.round((Math.cos((i / n) * 2 * Math.PI) * 290 + 300) * 100) / 100,
      Math.round((Math.sin((i / n) * 2 * Math.PI) * 290 + 300) * 100) / 100]);
    const r = await check({ ...v2, zones: [{ ...v2.zones[0], polygon }, ...v2.zones.slice(1)] });
    expect400(r, 'plan.zones.0.polygon');
    expect(r.body.error.message).toMatch(/20000 vertices; at most 2000/);
  }, 300_000);
  it('a hall with 2,000 vertices (the limit) is checked: 200', async () => {
    const n = 2_000;
    const polygon = Array.from({ length: n }, (_, i) => [Math.round((Math.cos((i / n) * 2 * Math.PI) * 290 + 300) * 100) / 100,
      Math.round((Math.sin((i / n) * 2 * Math.PI) * 290 + 300) * 100) / 100]);
    const r = await check({ ...v2, zones: [{ ...v2.zones[0], polygon }, ...v2.zones.slice(1)] });
    expect(r.status).toBe(200);
  }, 60_000);
  it('GeoJSON: limits name the user\'s feature (20,000-vertex zone; a cm drawing sent as "m"; an ATM 1 km away)', async () => {
    const n = 20_000;
    const ring = Array.from({ length: n }, (_, i) => [3 + 2.9 * Math.cos((i / n) * 2 * Math.PI), 3 + 2.9 * Math.sin((i / n) * 2 * Math.PI)]);
    const outline = { type: 'Feature', properties: { kind: 'outline' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10)] } };
    expect400(await check(fc([outline, zone('waiting', [ring])])), 'plan.features.1.geometry.coordinates.0');
    const cmAsM = fc([{ ...outline, geometry: { type: 'Polygon', coordinates: [square(0, 0, 1000)] } }, zone('waiting', [square(0, 0, 150)])]);
    expect400(await check(cmAsM), 'plan.units');
    const atm = { type: 'Feature', properties: { kind: 'atm' }, geometry: { type: 'Point', coordinates: [1000, 5] } };
    expect400(await check(fc([outline, hall, atm])), 'plan.features.2.geometry.coordinates');
  });
  // was bug 17: angles are reduced modulo 360 before radians (core/floorplan/geometry.ts degToRad)
  it('fixture rotationDeg 1e308 → no NaN/null coordinates in findings (or 400 naming rotationDeg)', async () => {
    const r = await check({ ...v2, fixtures: [{ id: 'f', kind: 'atm', at: [100, 100], widthM: 80, depthM: 80, heightM: 100, rotationDeg: 1e308 }] });
    if (r.status === 400) { expect400(r, 'plan.fixtures.0.rotationDeg'); return; }
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/\[null,null\]/);
  });
  it('fixture rotationDeg 1e20 → finite geometry', async () => {
    const r = await check({ ...v2, fixtures: [{ id: 'f', kind: 'atm', at: [100, 100], widthM: 80, depthM: 80, heightM: 100, rotationDeg: 1e20 }] });
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/null,null/);
  });
});

describe('v1 plans (migrated on load) with garbage zones', () => {
  // was bug 12 (fixed in core/floorplan/migrate.ts by FIX2)
  it('v1 plan with zones [null] → 400 naming plan.zones.0', async () => {
    expect400(await check({ ...v2, version: 1, zones: [null] }), /^plan\.zones\.0/);
  });
  it('v1 plan with zones as a string → 400 (no 500)', async () => {
    const r = await check({ ...v2, version: 1, zones: 'abc' });
    expect(r.status).toBe(400);
  });
});

describe('queue sizing', () => {
  it('no demand given → 400 naming visitsPerDay', async () => expect400(await post(t, '/api/standards/sizing', {}), 'visitsPerDay'));
  it('negative / string visits → 400 naming the field', async () => {
    expect400(await post(t, '/api/standards/sizing', { visitsPerDay: -1 }), 'visitsPerDay');
    expect400(await post(t, '/api/standards/sizing', { expectedCustomers: 'many' }), 'expectedCustomers');
    expect400(await post(t, '/api/standards/sizing', { visitsPerDay: 10, peakHourShare: 0 }), 'peakHourShare');
  });
  it('unknown saved site → 404 naming the id', async () => {
    const r = await post(t, '/api/standards/sizing', { siteId: 'site-0000000000000000' });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/site-0000000000000000/);
  });
  it('zero visits → 200 with 0 counters', async () => {
    const r = await post(t, '/api/standards/sizing', { visitsPerDay: 0 });
    expect(r.status).toBe(200);
    expect(r.body.sizing.counters.servers).toBe(0);
  });
  // was bug 18 (RangeError → 500): now a 400 naming the demand that no branch can serve
  it('unreachable service level (1e6 visits/day, 240-min service, 99.9999% within 0 min) → not a 500', async () => {
    const r = await post(t, '/api/standards/sizing', { visitsPerDay: 1e6, counters: { meanServiceMin: 240, target: { serviceLevelShare: 0.999999, targetWaitMin: 0 } } });
    expect400(r, 'visitsPerDay');
    expect(r.body.error.message).toMatch(/more than 500 servers/);
  });
  it('a stable demand with an unreachable target → 400 naming counters.target; a reachable one → 200', async () => {
    const target = { meanServiceMin: 240, target: { serviceLevelShare: 0.999999, targetWaitMin: 0 } };
    // 100 visits/day × 0.45 × 0.15 = 6.75 arrivals/h × 4 h = 27 erlangs: 56 counters meet it
    const ok = await post(t, '/api/standards/sizing', { visitsPerDay: 100, counters: target });
    expect(ok.status).toBe(200);
    expect(ok.body.sizing.counters.servers).toBe(56);
    // 1,666 visits/day → 449.8 erlangs: stable below 500 counters, but 99.9999 % served at once is not
    const r = await post(t, '/api/standards/sizing', { visitsPerDay: 1666, counters: target });
    expect400(r, 'counters.target');
    expect(r.body.error.message).toMatch(/449\.8 erlangs/);
  });
  // was bug 19
  it('visitsPerDay 100,000 with default assumptions → 400 naming visitsPerDay', async () => {
    const r = await post(t, '/api/standards/sizing', { visitsPerDay: 100_000 });
    // 100,000 × 0.45 × 0.15 = 6,750 counter arrivals/h × 6 min = 675 erlangs > 500 counters
    expect400(r, 'visitsPerDay');
    expect(r.body.error.message).toMatch(/675 erlangs/);
    expect((await post(t, '/api/standards/sizing', { visitsPerDay: 50_000 })).status).toBe(200);
  });
  // was bug 20
  it('sizing by a saved site with expectedCustomers 1e7 (accepted by POST /api/sites) → 400 naming siteId', async () => {
    const site = await post(t, '/api/sites', { lng: -73.98, lat: 40.75, expectedCustomers: 1e7 });
    expect(site.status).toBe(201);
    const r = await post(t, '/api/standards/sizing', { siteId: site.body.id });
    expect400(r, 'siteId');
    expect(r.body.error.message).toMatch(/200,000 visits\/day/);
  });
  it('a plan linked to that site is still checked: 200, geometric findings, demand rules skipped with the reason', async () => {
    const site = await post(t, '/api/sites', { lng: -73.98, lat: 40.75, expectedCustomers: 1e7 });
    const r = await check({ ...v2, siteId: site.body.id });
    expect(r.status).toBe(200);
    expect(r.body.sizing).toBe(null);
    expect(r.body.findings.some((f: { ruleId: string; zoneIds: string[] }) => f.ruleId === 'BR-11' && f.zoneIds.includes('z-cash'))).toBe(true);
    const skipped = r.body.summary.rulesSkipped.filter((s: { reason: string }) => /linked site .*beyond one branch/.test(s.reason));
    expect(skipped.map((s: { ruleId: string }) => s.ruleId)).toContain('BR-07');
  });
  // was bug 21
  it('check with sizing {visitsPerDay: 1e6} → 400 naming sizing.visitsPerDay', async () => {
    expect400(await check(v2, 'us-ada-ibc', { sizing: { visitsPerDay: 1e6 } }), 'sizing.visitsPerDay');
  });
});
