import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_PARAMS } from '../scoring/params';
import { equatorIndex, lngAt } from '../scoring/testFixtures';
import { PROFILE_SOURCES } from './design';
import { absorbedClosures, computeLocationFeatures, createForecastFeatureContext, LOCATION_FEATURES, yearOutlets, type ForecastLayers } from './features';
import { branchSetOfYear, branchSetOfYearSteps, closedOfficesBy, surveyDay, type SodBranchYear } from './trainingTable';
import { DEFAULT_EXCLUSION_RULE } from './protocol';
import { CLOSED_OFFICES_STEP } from './features';

/**
 * A hand-computed case on the equator (x = metres east of (0, 0)): a branch of institution 1 at x = 0 seen as a
 * training row (itself left out), its own institution's branch at +200 m, other banks at −400 m, +900 m (not a retail
 * branch) and +1,200 m; one demand point of 1,000 residents at 0; a subway stop at +400 m; ATMs at 100 m and 600 m.
 */
describe('location features of the deposit forecast (same code for training rows and candidates)', () => {
  const layers: ForecastLayers = {
    params: { ...DEFAULT_SCORING_PARAMS },
    demand: { population: [1000], index: equatorIndex([0]) },
    stops: { stopId: ['subway:S'], mode: ['subway'], departures: [100], imputed: [0], routeIds: [['A']], index: equatorIndex([400]) },
    atms: { index: equatorIndex([100, 600]) },
    districts: [{ name: 'Core', tier: 'core', lng: lngAt(3000), lat: 0 }, { name: 'Regional', tier: 'regional', lng: lngAt(-50), lat: 0 }],
    povertyFallback: 0.2,
  };
  const xs = [0, 200, -400, 900, 1200];
  const certs = [1, 1, 2, 3, 2];
  const deposits = [100, 200, 300, 50, 400];
  const outlets = yearOutlets(xs.map(lngAt), xs.map(() => 0), certs, deposits, (k) => k !== 3);
  const ctx = createForecastFeatureContext(layers, outlets);
  const f = (name: (typeof LOCATION_FEATURES)[number], values: Float64Array, s = 0) => values[s * LOCATION_FEATURES.length + LOCATION_FEATURES.indexOf(name)];

  it('counts, neighbours, Huff, transit, ATMs, districts and poverty match the hand computation', () => {
    const t = computeLocationFeatures(ctx, [{ lng: 0, lat: 0, selfOutlet: 0, isOwn: (k) => certs[k] === 1, isOwnCert: (c) => c === 1, povertyShare: null }]);
    const v = t.values;
    // The retail branches' median ln deposits: ln 100, 200, 300, 400 → (ln 200 + ln 300)/2.
    const fallback = (Math.log(200) + Math.log(300)) / 2;
    expect(outlets.neighbourLogDepositsFallback).toBeCloseTo(fallback, 12);
    expect(f('logCompetitors250m', v)).toBe(Math.log1p(0));
    expect(f('logCompetitors500m', v)).toBeCloseTo(Math.log1p(1), 12); // −400 m
    expect(f('logCompetitors1000m', v)).toBeCloseTo(Math.log1p(2), 12); // −400, +900 (the site itself not counted)
    expect(f('logOwnBranches250m', v)).toBeCloseTo(Math.log1p(1), 12); // +200 m
    expect(f('logOwnBranches1000m', v)).toBeCloseTo(Math.log1p(1), 12);
    // Other banks' retail branches, Gaussian h = 500 m: −400 m (w = e^−0.32) and +1,200 m (w = e^−2.88); +900 m is not retail.
    const w2 = Math.exp(-0.32), w4 = Math.exp(-2.88);
    expect(f('neighbourLogDeposits', v)).toBeCloseTo((w2 * Math.log(300) + w4 * Math.log(400) + fallback) / (w2 + w4 + 1), 9);
    expect(f('logNeighbourWeight', v)).toBeCloseTo(Math.log1p(w2 + w4), 9);
    const w1 = Math.exp(-0.08);
    expect(f('ownNeighbourLogDeposits', v)).toBeCloseTo((w1 * Math.log(200) + fallback) / (w1 + 1), 9);
    // The same at h = 5 km (the wide-area levels): weights e^(−d²/2h²) = e^−0.0032 (−400 m), e^−0.0288 (+1,200 m), own e^−0.0008
    const W2 = Math.exp(-0.0032), W4 = Math.exp(-0.0288), W1 = Math.exp(-0.0008);
    expect(f('neighbourLogDepositsWide', v)).toBeCloseTo((W2 * Math.log(300) + W4 * Math.log(400) + fallback) / (W2 + W4 + 1), 9);
    expect(f('ownNeighbourLogDepositsWide', v)).toBeCloseTo((W1 * Math.log(200) + fallback) / (W1 + 1), 9);
    expect(f('logOwnNeighbourWeightWide', v)).toBeCloseTo(Math.log1p(W1), 9);
    // Huff with the site's own outlet left out: u = 1/100², others 1/200² + 1/400² + 1/900² + 1/1200² → E = 1000·u/(u + Σ) = 750.869
    expect(Math.expm1(f('logHuffExpectedResidents', v))).toBeCloseTo(750.869, 3);
    expect(Math.expm1(f('logResidents500m', v))).toBeCloseTo(1000, 9);
    // Transit: 100 departures · (1 − 400/800) = 50
    expect(Math.expm1(f('logTransitAccess', v))).toBeCloseTo(50, 9);
    expect(Math.expm1(f('logAtms500m', v))).toBeCloseTo(1, 12);
    expect(f('povertyShare', v)).toBe(0.2); // outside every NTA: the median share
    expect(f('logDistanceCoreDistrictM', v)).toBeCloseTo(Math.log(3000), 6);
    expect(f('logDistanceRegionalDistrictM', v)).toBeCloseTo(Math.log(100), 12); // 50 m floored at 100 m
    expect(t.residents1000m[0]).toBe(1000);
  });

  it('a candidate at the same place without leaving anything out sees the branch as a competitor', () => {
    const t = computeLocationFeatures(ctx, [{ lng: 0, lat: 0, selfOutlet: -1, isOwn: () => false, isOwnCert: () => false, povertyShare: 0.31 }]);
    expect(f('logCompetitors250m', t.values)).toBeCloseTo(Math.log1p(2), 12); // itself (0 m) and +200 m
    expect(f('povertyShare', t.values)).toBe(0.31);
    // u/(u + Σ all five) = 1e-4/(1e-4 + 1e-4 + …): fewer residents than with itself left out
    expect(Math.expm1(f('logHuffExpectedResidents', t.values))).toBeLessThan(750);
  });

  it('no leakage: a branch\u2019s own deposits never enter its own features, only its neighbours\u2019', () => {
    const sites = [0, 1, 2].map((k) => ({ lng: lngAt(xs[k]), lat: 0, selfOutlet: k, isOwn: (o: number) => certs[o] === certs[k], isOwnCert: (c: number) => c === certs[k], povertyShare: null }));
    const before = computeLocationFeatures(ctx, sites).values;
    // Branch 0 books 1,000× its deposits (the fallback median changes with it, so compare against the same fallback).
    const bumped = yearOutlets(xs.map(lngAt), xs.map(() => 0), certs, deposits.map((d, k) => (k === 0 ? d * 1000 : d)), (k) => k !== 3);
    const after = computeLocationFeatures(createForecastFeatureContext(layers, { ...bumped, neighbourLogDepositsFallback: outlets.neighbourLogDepositsFallback }), sites).values;
    for (const name of LOCATION_FEATURES) expect(f(name, after, 0), name).toBe(f(name, before, 0));
    // …but its own-bank neighbour at +200 m and the other bank's branch at −400 m see it.
    expect(f('ownNeighbourLogDeposits', after, 1) - f('ownNeighbourLogDeposits', before, 1)).toBeGreaterThan(1);
    expect(f('neighbourLogDeposits', after, 2) - f('neighbourLogDeposits', before, 2)).toBeGreaterThan(1);
    // The network profile averages its columns over the institution's branches: none of them may move for branch 1
    // (institution 1, like branch 0), or branch 0's deposits would reach its own forecast through its bank's average.
    for (const name of LOCATION_FEATURES) {
      if ((PROFILE_SOURCES as readonly string[]).includes(name)) expect(f(name, after, 1), name).toBe(f(name, before, 1));
    }
    expect(PROFILE_SOURCES).not.toContain('ownNeighbourLogDeposits');
  });
});

/**
 * The branch set's history on the same equator layout (x = metres east of (0, 0)). Outlets: 0 (cert 1, x = 0, opened
 * 30 years before the survey), 1 (cert 1, +200 m, 2 years), 2 (cert 2, −400 m, 3 years), 3 (cert 3, +900 m, not
 * retail, opening date unknown), 4 (cert 2, +1,200 m, 1 year). Offices closed before the survey: j0 at +150 m and
 * j1 at −100 m (cert 1), j2 at −300 m (cert 2), j3 at +5,000 m (cert 1).
 * Nearest / second-nearest retail branch of the same cert: j0 → outlet 1 (50 m) / outlet 0 (150 m); j1 → outlet 0
 * (100 m) / outlet 1 (300 m); j2 → outlet 2 (100 m) / outlet 4 (1,500 m); j3 → outlet 1 (4,800 m) / outlet 0 (5,000 m).
 */
describe('absorbed closures and young own branches (the branch set\u2019s history)', () => {
  const layers: ForecastLayers = {
    params: { ...DEFAULT_SCORING_PARAMS },
    demand: { population: [1000], index: equatorIndex([0]) },
    stops: { stopId: ['subway:S'], mode: ['subway'], departures: [100], imputed: [0], routeIds: [['A']], index: equatorIndex([400]) },
    atms: { index: equatorIndex([100]) },
    districts: [{ name: 'Core', tier: 'core', lng: lngAt(3000), lat: 0 }, { name: 'Regional', tier: 'regional', lng: lngAt(-50), lat: 0 }],
    povertyFallback: 0.2,
  };
  const xs = [0, 200, -400, 900, 1200];
  const certs = [1, 1, 2, 3, 2];
  const asOf = surveyDay(2023);
  const opened = [asOf - 30 * 365.25, asOf - 2 * 365.25, asOf - 3 * 365.25, null, asOf - 365.25];
  const closedXs = [150, -100, -300, 5000];
  const closed = { lng: closedXs.map(lngAt), lat: closedXs.map(() => 0), cert: [1, 1, 2, 1] };
  const build = (deposits: number[]) => yearOutlets(xs.map(lngAt), xs.map(() => 0), certs, deposits, (k) => k !== 3,
    { openedDay: opened, asOfDay: asOf, closed });
  const outlets = build([100, 200, 300, 50, 400]);
  const ctx = createForecastFeatureContext(layers, outlets);
  const f = (name: (typeof LOCATION_FEATURES)[number], values: Float64Array, s = 0) => values[s * LOCATION_FEATURES.length + LOCATION_FEATURES.indexOf(name)];
  const trainingSites = [0, 1, 2, 4].map((k) => ({ lng: lngAt(xs[k]), lat: 0, selfOutlet: k, isOwn: (o: number) => certs[o] === certs[k],
    isOwnCert: (c: number) => c === certs[k], povertyShare: null }));

  it('each closed office\u2019s nearest two retail branches of its institution, by hand', () => {
    expect(Array.from(outlets.closed.nearestOutlet)).toEqual([1, 0, 2, 1]);
    [50, 100, 100, 4800].forEach((d, j) => expect(outlets.closed.nearestM[j]).toBeCloseTo(d, 6));
    [150, 300, 1500, 5000].forEach((d, j) => expect(outlets.closed.secondM[j]).toBeCloseTo(d, 6));
  });

  it('training rows: a branch counts the closed offices it is nearest to; young own branches within 1 km', () => {
    const v = computeLocationFeatures(ctx, trainingSites).values;
    expect(f('logAbsorbedClosures', v, 0)).toBeCloseTo(Math.log(2), 12); // j1
    expect(f('logAbsorbedClosures', v, 1)).toBeCloseTo(Math.log(3), 12); // j0 and j3 (4.8 km away: no distance cap)
    expect(f('logAbsorbedClosures', v, 2)).toBeCloseTo(Math.log(2), 12); // j2 (cert 2)
    expect(f('logAbsorbedClosures', v, 3)).toBe(0); // outlet 4: nearer to nothing
    expect(f('logOwnYoungBranches1000m', v, 0)).toBeCloseTo(Math.log(2), 12); // outlet 1, 200 m, 2 years old
    expect(f('logOwnYoungBranches1000m', v, 1)).toBe(0); // outlet 0 is 30 years old
    expect(f('logOwnYoungBranches1000m', v, 2)).toBe(0); // outlet 4 (1 year old) is 1,600 m away
  });

  it('candidates: the closures they would be the nearest own branch to (ties count), none for another bank', () => {
    const cand = (x: number, cert: number) => ({ lng: lngAt(x), lat: 0, selfOutlet: -1, isOwn: (o: number) => certs[o] === cert, isOwnCert: (c: number) => c === cert, povertyShare: null });
    // −50 m, cert 1: j1 at 50 m ≤ 100 m; j0 at 200 m > 50 m; j3 at 5,050 m > 4,800 m.
    expect(absorbedClosures(outlets.closed, cand(-50, 1))).toBe(1);
    // On outlet 0's spot: j1 at 100 m = 100 m (a tie counts).
    expect(absorbedClosures(outlets.closed, cand(0, 1))).toBe(1);
    // +5,000 m, cert 1: j3 at 0 m.
    expect(absorbedClosures(outlets.closed, cand(5000, 1))).toBe(1);
    expect(absorbedClosures(outlets.closed, cand(-100, 7))).toBe(0);
    const v = computeLocationFeatures(ctx, [cand(120, 1)]).values;
    // +120 m, cert 1: j0 at 30 m < 50 m → 1 (j1 at 220 m > 100 m); own young branches within 1 km: outlet 1 → 1.
    expect(f('logAbsorbedClosures', v)).toBeCloseTo(Math.log(2), 12);
    expect(f('logOwnYoungBranches1000m', v)).toBeCloseTo(Math.log(2), 12);
  });

  it('no leakage: neither feature reads any branch\u2019s deposits (a branch\u2019s own, or its neighbours\u2019)', () => {
    const before = computeLocationFeatures(ctx, trainingSites).values;
    for (let k = 0; k < xs.length; k++) {
      const bumped = build([100, 200, 300, 50, 400].map((d, i) => (i === k ? d * 1000 : d)));
      const after = computeLocationFeatures(createForecastFeatureContext(layers, bumped), trainingSites).values;
      for (let s = 0; s < trainingSites.length; s++) {
        for (const name of ['logAbsorbedClosures', 'logOwnYoungBranches1000m'] as const) expect(f(name, after, s), `${name} of site ${s}, outlet ${k} bumped`).toBe(f(name, before, s));
      }
    }
  });

  it('closedOfficesBy: offices of earlier surveys gone by the year, at their last place, a merged-away CERT mapped to its successor', () => {
    const row = (year: number, branchId: number, cert: number, x: number, validCoords = true): SodBranchYear => ({ year, branchId, cert,
      institutionName: '', countyFips: '36061', depositsK: 100, institutionDepositsDomK: null, serviceType: 11, isMainOffice: false,
      openedDay: null, acquiredDay: null, lng: lngAt(x), lat: 0, validCoords });
    const rows = [
      row(2018, 1, 10, 0), row(2018, 2, 10, 100), row(2018, 3, 20, 200), row(2018, 4, 20, 300), row(2018, 5, 20, 400), row(2018, 6, 30, 500, false),
      row(2021, 1, 10, 0), row(2021, 2, 10, 150), row(2021, 4, 10, 300), row(2021, 5, 10, 400),
      row(2022, 1, 10, 0), row(2022, 4, 10, 300), row(2022, 5, 10, 400),
    ];
    expect(closedOfficesBy(rows, 2018).cert).toEqual([]);
    // 2021: office 3 (cert 20, gone: its offices 4 and 5 are cert 10's now → 10); office 6 has no valid place.
    const c21 = closedOfficesBy(rows, 2021);
    expect(c21.branchId).toEqual([3]);
    expect(c21.cert).toEqual([10]);
    // 2022: office 2 at its 2021 place (+150 m), and office 3.
    const c22 = closedOfficesBy(rows, 2022);
    expect(c22.branchId).toEqual([2, 3]);
    expect(c22.cert).toEqual([10, 10]);
    expect(c22.lng[0]).toBeCloseTo(lngAt(150), 12);
  });

  it('branchSetOfYearSteps: the same branch set as branchSetOfYear, in pieces (one per 200 closed offices)', () => {
    // 450 offices of cert 10 in 2021, 3 left in 2022 (at 0, +1 km, +2 km): 447 closed offices, each matched to its two nearest
    const row = (year: number, branchId: number, x: number): SodBranchYear => ({ year, branchId, cert: 10, institutionName: '', countyFips: '36061',
      depositsK: 50_000, institutionDepositsDomK: null, serviceType: 11, isMainOffice: false, openedDay: null, acquiredDay: null,
      lng: lngAt(x), lat: 0, validCoords: true });
    const rows = [...Array.from({ length: 450 }, (_, k) => row(2021, k + 1, k * 10)), row(2022, 1, 0), row(2022, 101, 1000), row(2022, 201, 2000)];
    const atOnce = branchSetOfYear(rows, 2022, DEFAULT_EXCLUSION_RULE);
    const steps = branchSetOfYearSteps(rows, 2022, DEFAULT_EXCLUSION_RULE);
    let pieces = 1, s = steps.next();
    for (; !s.done; s = steps.next()) pieces++;
    const stepped = s.value;
    expect(stepped.valid.map((r) => r.branchId)).toEqual([1, 101, 201]);
    expect(stepped.outlets.closed.cert.length).toBe(447);
    // rows, closed offices, median, 447 offices in 3 pieces (2 pauses), then the index: at least 5 pauses
    expect(pieces).toBeGreaterThanOrEqual(2 + 1 + Math.ceil(447 / CLOSED_OFFICES_STEP) + 1);
    expect(Array.from(stepped.outlets.closed.nearestM)).toEqual(Array.from(atOnce.outlets.closed.nearestM));
    expect(Array.from(stepped.outlets.closed.nearestOutlet)).toEqual(Array.from(atOnce.outlets.closed.nearestOutlet));
    // office 2 (+10 m) is 10 m from office 1's branch at 0 and 990 m from the one at +1 km
    const j = [...stepped.outlets.closed.lng].findIndex((v) => Math.abs(v - lngAt(10)) < 1e-12);
    expect(stepped.outlets.closed.nearestM[j]).toBeCloseTo(10, 3);
    expect(stepped.outlets.closed.secondM[j]).toBeCloseTo(990, 3);
    expect(stepped.outlets.index.size).toBe(3);
  });
});
