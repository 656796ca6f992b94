import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWhileComputing, createTestApp } from '../testing/testApp';
import { loadGeoData } from '../geo/geoData';
import { loadForecastInputs } from '../forecast/trainingData';
import type { ParameterSet, ValidationReportDto } from '../../core/api/forecast';
import type { ScoreResponse } from '../../core/api/sites';
import { DEFAULT_EXCLUSION_RULE, DEPDOM_SHARE_EXCLUSION_RULE, exclusionReason } from '../../core/forecast/protocol';

let t: Awaited<ReturnType<typeof createTestApp>>;
let sets: ParameterSet[];
beforeAll(async () => {
  t = await createTestApp();
  // Waits for the calibration (or reads it from data/cache/forecast/).
  const r = await t.app.request('/api/parameter-sets?wait=true');
  expect(r.status).toBe(200);
  sets = await r.json() as ParameterSet[];
}, 300_000);
afterAll(() => t?.close());

const post = (path: string, body: unknown) => t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the exclusion rule on real SOD 2023 rows (fdic-sod-branches/sod_2023.csv.xz)', () => {
  it('names why each of a handful of NYC rows is in or out', async () => {
    const inputs = await loadForecastInputs(t.deps.db, await loadGeoData(t.deps.db), t.deps.config.dataDir);
    const row = (id: number) => inputs.rows.find((r) => r.year === 2023 && r.branchId === id)!;
    const cases: [number, string, string | null, string | null][] = [
      // UNINUMBR, institution, default rule, DEPDOM-share rule
      [35365, 'Delta National Bank and Trust Company', 'mainOffice', 'mainOffice'],
      [653150, 'Western Alliance Bank', 'serviceType', 'serviceType'], // BRSERTYP 23 (drive-through / limited)
      [13345, 'HSBC Bank Usa, National Association', 'overMaxDeposits', 'overMaxDeposits'], // $93.0 bn booked at one office
      [39160, 'Oceanfirst Bank, National Association', 'noDeposits', 'noDeposits'], // full service, 0 deposits
      [423227, 'Keb Hana Bank Usa, National Association', null, 'overInstitutionShare'], // $56.8 M of $259.5 M = 21.9 %
      [572621, 'Newbank', null, 'overInstitutionShare'], // $58.8 M of $528.9 M = 11.1 %
      [182665, 'Jpmorgan Chase Bank, National Association', null, null], // $315 M in Brooklyn
    ];
    for (const [id, name, byDefault, byShare] of cases) {
      const r = row(id);
      expect(r.institutionName).toBe(name);
      expect(exclusionReason(r, DEFAULT_EXCLUSION_RULE)).toBe(byDefault);
      expect(exclusionReason(r, DEPDOM_SHARE_EXCLUSION_RULE)).toBe(byShare);
    }
  });
});

describe('GET /api/parameter-sets and the validation report', () => {
  it('lists the set fitted on FDIC SOD with its hold-out fit under the stated protocol', () => {
    const sod = sets.find((s) => s.name === 'nyc-sod-deposits')!;
    expect(sod).toMatchObject({ kind: 'sod-deposits', target: 'deposits (USD)' });
    // 1,638 (2018) + 1,449 (2021) + 1,406 (2022) + 1,392 (2023) rows pass the exclusion rule
    expect(sod.fit).toMatchObject({ n: 5885, folds: 5 });
    expect(sod.fit.protocol).toMatch(/2 km spatial blocks .* 5 seeds × 5 folds/);
    expect(sod.fit.spearmanHoldout!).toBeGreaterThan(0.6);
    expect(sod.fit.spearmanHoldout!).toBeGreaterThan(sod.fit.spearmanBaseline! + 0.4);
    expect(sod.fit.withinBankSpearman!).toBeGreaterThan(0.3);
    expect(sod.fit.temporalSpearman!).toBeGreaterThan(0.3);
    expect(sod.dataVintage.map((d) => d.id)).toEqual(expect.arrayContaining(['fdic-sod-2018', 'fdic-sod-2021', 'fdic-sod-2022', 'fdic-sod-2023']));
    expect(sod.params.features).toContain('bankEffect');
    // the network profile of each institution in 2023: JPMorgan Chase's averages over its 298 kept NYC branches
    expect(sod.params.features).toContain('network:logAgeYears');
    expect(sod.params.bank.networkProfiles!.byCert.find((p) => p.cert === 628)!.branches).toBe(298);
    expect(sod.params.coef).toHaveLength(sod.params.features.length);
    expect(sod.params.residualQuantilesLog.low).toBeLessThan(0);
    expect(sod.params.residualQuantilesLog.high).toBeGreaterThan(0);
  });

  it('the report: 1,392 NYC branches kept in 2023 (86 dropped: 22 service type, 49 main office, 4 no deposits, 11 over $5 bn)', async () => {
    const r = await t.app.request('/api/parameter-sets/nyc-sod-deposits/validation');
    expect(r.status).toBe(200);
    const rep = await r.json() as ValidationReportDto;
    const y2023 = rep.exclusion.find((e) => e.year === 2023)!;
    expect(y2023).toMatchObject({ studyRows: 1478, kept: 1392 });
    expect(y2023.dropped).toMatchObject({ serviceType: 22, mainOffice: 49, noDeposits: 4, overMaxDeposits: 11, invalidCoordinates: 0 });
    expect(rep.exclusion.find((e) => e.year === 2018)).toMatchObject({ studyRows: 1758, kept: 1638 });
    expect(rep.n).toMatchObject({ rows: 5885, testYearRows: 1392 });
    expect(rep.holdout).toHaveLength(1392);
    // the sensitivity row drops the branches over 10 % of their institution's DEPDOM (34 of them in 2023)
    expect(rep.sensitivity!.dropped).toBeGreaterThan(100);
    expect(rep.variants.map((v) => v.id)).toEqual(['full', 'noProfile', 'location', 'locationMaturity', 'baselineResidents', 'baselineHuff', 'baselineComposite', 'baselineBank']);
    expect(rep.variants[0].temporalSpearman.n).toBe(93);
    expect(rep.variants[0].withinBankSpearman.banks).toHaveLength(17);
    expect(rep.variants[0].withinBankSpearman.banks[0]).toMatchObject({ cert: 628, name: 'JPMorgan Chase Bank, National Association', branches: 298 });
    for (const v of rep.variants) {
      const m = v.spearmanHoldout;
      expect(m.ci95[0]!).toBeLessThanOrEqual(m.value!);
      expect(m.ci95[1]!).toBeGreaterThanOrEqual(m.value!);
    }
    expect(rep.coefficients.find((c) => c.feature === 'bankEffect')!.coef).toBeGreaterThan(0);
    expect((await t.app.request('/api/parameter-sets/nope/validation')).status).toBe(404);
    const bad = await t.app.request('/api/parameter-sets/..%2Fx/validation');
    expect(bad.status).toBe(400);
  });
});

describe('POST /api/sites/score with mode "forecast"', () => {
  const sites = [
    { id: 'midtown', lng: -73.9787, lat: 40.757 },
    { id: 'jackson-heights', lng: -73.8914, lat: 40.7498 },
    { id: 'tottenville', lng: -74.2409, lat: 40.5121 },
  ];
  it('gives each site deposits with an 80 % interval at 10 years, ranks by them, and says which bank effect it assumed', async () => {
    const r = await post('/api/sites/score', { mode: 'forecast', ownNetwork: 'cert:628', sites });
    expect(r.status).toBe(200);
    const res = await r.json() as ScoreResponse;
    expect(res.params.mode).toBe('forecast');
    expect(res.params.forecast).toMatchObject({ parameterSet: 'nyc-sod-deposits', matureAgeYears: 10, level: 0.8,
      bankEffect: { cert: 628, name: 'JPMorgan Chase Bank, National Association', source: 'area' } }); // the SOD's "Jpmorgan", displayed
    for (const s of res.sites) {
      const f = s.forecast!;
      expect(f.ageYears).toBe(10);
      expect(f.lowUsd).toBeLessThan(f.depositsUsd);
      expect(f.highUsd).toBeGreaterThan(f.depositsUsd);
      expect(f.depositsUsd).toBeGreaterThan(1e7);
      expect(f.depositsUsd).toBeLessThan(5e9);
      expect(s.rank).toBe(f.rank);
      expect(f.contributions.length).toBeGreaterThan(5);
      expect(s.factors.transit.raw).toBeGreaterThanOrEqual(0); // the weighted-criteria breakdown is still there
    }
    const byId = Object.fromEntries(res.sites.map((s) => [s.id, s.forecast!]));
    // Chase's network profile enters (the same for every site of the network)
    const profileTerm = (f: typeof byId.midtown) => f.contributions.filter((c) => c.feature.startsWith('network:')).reduce((a, c) => a + c.contributionLog, 0);
    expect(Math.abs(profileTerm(byId.midtown))).toBeGreaterThan(0);
    expect(profileTerm(byId.midtown)).toBeCloseTo(profileTerm(byId.tottenville), 5);
    expect(byId.midtown.rank).toBe(1);
    expect(byId.midtown.depositsUsd).toBeGreaterThan(byId.tottenville.depositsUsd);
    // the interval is the same ratio for every site (hold-out residual quantiles on the log scale)
    expect(byId.midtown.highUsd / byId.midtown.depositsUsd).toBeCloseTo(byId.tottenville.highUsd / byId.tottenville.depositsUsd, 6);
  });

  it('without a network assumes the average NYC institution; a bank new to NYC its median elsewhere', async () => {
    const none = await (await post('/api/sites/score', { mode: 'forecast', sites })).json() as ScoreResponse;
    expect(none.params.forecast!.bankEffect).toMatchObject({ cert: null, source: 'overall' });
    expect(none.params.forecast!.bankEffect.note).toMatch(/no own network/);
    // …and an average network profile: no profile column contributes
    expect(none.sites.every((x) => x.forecast!.contributions.every((c) => !c.feature.startsWith('network:')))).toBe(true);
    // Bank of Hawaii (CERT 19300) has no NYC branch
    const hawaii = await (await post('/api/sites/score', { mode: 'forecast', ownNetwork: 'cert:19300', sites })).json() as ScoreResponse;
    expect(hawaii.params.forecast!.bankEffect).toMatchObject({ cert: 19300, source: 'elsewhere' });
  });

  it('refuses an unknown parameter set (404) and a site outside the fitted area (400 naming it)', async () => {
    expect((await post('/api/sites/score', { mode: 'forecast', parameterSet: 'nope', sites })).status).toBe(404);
    const far = await post('/api/sites/score', { mode: 'forecast', sites: [...sites, { id: 'boston', lng: -71.06, lat: 42.36 }] });
    expect(far.status).toBe(400);
    expect((await far.json() as { error: { field: string } }).error.field).toBe('sites.3');
    const badMode = await post('/api/sites/score', { mode: 'guess', sites });
    expect(badMode.status).toBe(400);
  });
});

describe('POST /api/parameter-sets: a refit on the user’s own outcomes', () => {
  it('fits the location model on 60 real Chase branches’ 2023 deposits, validates it, and lists it; a taken name is 409', async () => {
    const inputs = await loadForecastInputs(t.deps.db, await loadGeoData(t.deps.db), t.deps.config.dataDir);
    const chase = inputs.rows.filter((r) => r.year === 2023 && r.cert === 628 && r.countyFips === '36061' && exclusionReason(r, DEFAULT_EXCLUSION_RULE) === null).slice(0, 60);
    expect(chase).toHaveLength(60);
    const csv = 'id,lng,lat,outcome\n' + chase.map((r) => `${r.branchId},${r.lng},${r.lat},${r.depositsK * 1000}`).join('\n');
    const r = await post('/api/parameter-sets', { name: 'chase-manhattan', target: 'deposits (USD)', ownNetwork: 'cert:628', csv });
    expect(r.status).toBe(201);
    const set = await r.json() as ParameterSet;
    expect(set).toMatchObject({ name: 'chase-manhattan', kind: 'outcomes', target: 'deposits (USD)', fit: { n: 60, folds: 5, withinBankSpearman: null, temporalSpearman: null } });
    expect(set.params.features).not.toContain('bankEffect');
    expect(Number.isFinite(set.fit.spearmanHoldout)).toBe(true);
    const list = await (await t.app.request('/api/parameter-sets')).json() as ParameterSet[];
    expect(list.map((s) => s.name)).toEqual(['nyc-sod-deposits', 'chase-manhattan']);
    // its forecasts are in the outcome's own unit (targetScale 1)
    const f = await (await post('/api/sites/score', { mode: 'forecast', parameterSet: 'chase-manhattan', sites: [{ id: 'a', lng: -73.98, lat: 40.75 }] })).json() as ScoreResponse;
    expect(f.params.forecast).toMatchObject({ parameterSet: 'chase-manhattan', bankEffect: { source: 'none' } });
    expect(f.sites[0].forecast!.depositsUsd).toBeGreaterThan(1e7);
    expect((await post('/api/parameter-sets', { name: 'chase-manhattan', csv })).status).toBe(409);
  });

  it('fits in the compute pool and stops when the request is closed: 503 cancelled, nothing stored', async () => {
    const inputs = await loadForecastInputs(t.deps.db, await loadGeoData(t.deps.db), t.deps.config.dataDir);
    const rows = inputs.rows.filter((r) => r.year === 2023 && r.countyFips === '36047' && exclusionReason(r, DEFAULT_EXCLUSION_RULE) === null).slice(0, 200);
    expect(rows).toHaveLength(200);
    const outcomes = rows.map((r) => ({ id: String(r.branchId), lng: r.lng, lat: r.lat, outcome: r.depositsK * 1000 }));
    // close the request once its fit runs in a worker thread
    await closeWhileComputing(t, (signal) => t.app.request('/api/parameter-sets', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'brooklyn-closed', outcomes }), signal }), 120_000);
    expect(t.services.compute.stats()).toMatchObject({ running: 0, queued: 0 });
    const list = await (await t.app.request('/api/parameter-sets')).json() as ParameterSet[];
    expect(list.map((s) => s.name)).not.toContain('brooklyn-closed');
  });

  it('names the row and field of a bad outcome, and refuses too few rows', async () => {
    const rows = Array.from({ length: 25 }, (_, k) => `s${k},${-73.98 + k * 0.001},40.75,${k === 7 ? -3 : 100 + k}`);
    const r = await post('/api/parameter-sets', { name: 'bad', csv: 'id,lng,lat,outcome\n' + rows.join('\n') });
    expect(r.status).toBe(400);
    const body = await r.json() as { error: { message: string; row: number; field: string } };
    expect(body.error).toMatchObject({ row: 8, field: 'csv' });
    expect(body.error.message).toMatch(/row 8, outcome: -3 must be > 0/);
    const few = await post('/api/parameter-sets', { name: 'few', outcomes: [{ id: 'a', lng: -73.98, lat: 40.75, outcome: 1 }] });
    expect(few.status).toBe(400);
    expect(JSON.stringify(await few.json())).toMatch(/at least 20 outcomes/);
  });
});
