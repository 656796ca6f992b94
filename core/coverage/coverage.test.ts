import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { EARTH_RADIUS_M } from '../geo/haversine';
import { anyWithin, createPointIndex, nearest } from '../geo/pointIndex';
import {
  coverageAtRadii, coverageByArea, coverageDifferenceHexes, coveredWithin, gapHexes, huffExpectedResidents,
  nearestOutletCatchments, nearestOutletDistances, twoStepFca,
} from './coverage';

// Everything sits on the meridian lng = 0, so great-circle distances are exact: d = R·Δlat(rad).
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180; // 111,195.08 m
const at = (m: number) => m / M_PER_DEG;

// Demand: A at 0 m (100 people), B at 1,000 m (200), C at 3,000 m (300). Outlets: X at 200 m, Y at 2,600 m.
// Distances: A–X 200, A–Y 2,600; B–X 800, B–Y 1,600; C–X 2,800, C–Y 400.
const demand = { population: [100, 200, 300], index: createPointIndex([0, 0, 0], [at(0), at(1000), at(3000)]) };
const outlets = createPointIndex([0, 0], [at(200), at(2600)]);

describe('coverage on a 3-point, 2-outlet network (hand-computed)', () => {
  it('nearest outlet distances: A→X 200 m, B→X 800 m, C→Y 400 m', () => {
    const { distanceM, outlet } = nearestOutletDistances(demand, outlets, 5000);
    expect(Array.from(outlet)).toEqual([0, 0, 1]);
    expect(distanceM[0]).toBeCloseTo(200, 6);
    expect(distanceM[1]).toBeCloseTo(800, 6);
    expect(distanceM[2]).toBeCloseTo(400, 6);
    // Capped: with a 300 m cut-off only A has an outlet.
    const capped = nearestOutletDistances(demand, outlets, 300);
    expect(Array.from(capped.outlet)).toEqual([0, -1, -1]);
    expect(capped.distanceM[1]).toBe(Infinity);
  });

  it('covered population per radius: 300 m → 100 (1/6), 500 m → 400 (2/3), 1 km → 600 (all)', () => {
    const { distanceM } = nearestOutletDistances(demand, outlets, 5000);
    const r = coverageAtRadii(demand.population, distanceM, [300, 500, 1000]);
    expect(r.map((x) => x.coveredPopulation)).toEqual([100, 400, 600]);
    expect(r.map((x) => x.totalPopulation)).toEqual([600, 600, 600]);
    expect(r[0].share).toBeCloseTo(1 / 6, 12);
    expect(r[1].share).toBeCloseTo(2 / 3, 12);
    expect(r[2].share).toBe(1);
  });

  it('the early-exit single-radius test agrees with nearest distances', () => {
    expect(Array.from(coveredWithin(demand, outlets, 500))).toEqual([1, 0, 1]);
    expect(Array.from(coveredWithin(demand, outlets, 199))).toEqual([0, 0, 0]);
    expect(Array.from(coveredWithin(demand, outlets, 500, [1, 2]))).toEqual([0, 0, 1]);
  });

  it('per area: A and B in area "a", C in "b"', () => {
    const { distanceM } = nearestOutletDistances(demand, outlets, 5000);
    const m = coverageByArea(demand.population, distanceM, ['a', 'a', 'b'], [500]);
    expect(m.get('a')![0]).toEqual({ radiusM: 500, coveredPopulation: 100, totalPopulation: 300, share: 1 / 3 });
    expect(m.get('b')![0]).toEqual({ radiusM: 500, coveredPopulation: 300, totalPopulation: 300, share: 1 });
  });

  it('nearest-outlet catchments: X gets A+B = 300, Y gets C = 300', () => {
    const c = nearestOutletCatchments(demand, outlets, 5000);
    expect(c).toEqual([{ outlet: 0, population: 300, demandPoints: 2 }, { outlet: 1, population: 300, demandPoints: 1 }]);
    // With a 500 m cut-off B (800 m from X) is unassigned.
    expect(nearestOutletCatchments(demand, outlets, 500).map((x) => x.population)).toEqual([100, 300]);
  });

  it('Huff-expected residents (β = 2, dMin 100 m, Dmax 3 km)', () => {
    // A: p_X = 1/(1+(200/2600)²) = 169/170.  B: p_X = 1/(1+(800/1600)²) = 0.8.  C: p_Y = 1/(1+(400/2800)²) = 49/50.
    // E_X = 100·169/170 + 200·0.8 + 300·0.02 = 265.41176…;  E_Y = 600 − E_X = 334.58824…
    const e = huffExpectedResidents(demand, outlets);
    expect(e[0]).toBeCloseTo(100 * 169 / 170 + 160 + 6, 6);
    expect(e[1]).toBeCloseTo(100 / 170 + 40 + 294, 6);
    // Dmax 2 km drops Y from A's choice set (2.6 km) and X from C's (2.8 km): E_X = 100 + 160 = 260, E_Y = 40 + 300.
    const e2 = huffExpectedResidents(demand, outlets, { beta: 2, dMinM: 100, dMaxM: 2000 });
    expect(e2[0]).toBeCloseTo(260, 6);
    expect(e2[1]).toBeCloseTo(340, 6);
    // Attractiveness doubles X's pull at B: p_X = 2/(2+0.25) → E_X includes 200·8/9.
    const e3 = huffExpectedResidents(demand, outlets, { beta: 2, dMinM: 100, dMaxM: 2000 }, [2, 1]);
    expect(e3[0]).toBeCloseTo(100 + 200 * 8 / 9, 6);
  });

  it('2SFCA (Luo & Wang 2003) with d0 = 1.7 km', () => {
    // Step 1: X reaches A (200 m) + B (800 m) = 300 people → R_X = 1/300; Y reaches B (1.6 km) + C (400 m) = 500 → 1/500.
    // Step 2: A_A = 1/300, A_B = 1/300 + 1/500, A_C = 1/500.
    const { outletRatio, accessibility } = twoStepFca(demand, outlets, 1700);
    expect(outletRatio[0]).toBeCloseTo(1 / 300, 12);
    expect(outletRatio[1]).toBeCloseTo(1 / 500, 12);
    expect(accessibility[0]).toBeCloseTo(1 / 300, 12);
    expect(accessibility[1]).toBeCloseTo(1 / 300 + 1 / 500, 12);
    expect(accessibility[2]).toBeCloseTo(1 / 500, 12);
  });

  it('gap map: at 500 m only B (200 people) is uncovered, in its own H3 cell', () => {
    const { distanceM } = nearestOutletDistances(demand, outlets, 5000);
    const g = gapHexes(demand, distanceM, 500, 9);
    expect(g).toHaveLength(1);
    expect(g[0].h3).toBe(latLngToCell(at(1000), 0, 9));
    expect(g[0].uncoveredPopulation).toBe(200);
    expect(g[0].totalPopulation).toBe(200);
    expect(gapHexes(demand, distanceM, 1000, 9)).toEqual([]);
  });

  it('difference map: adding Y to {X} gains C (300 people) at 500 m, loses nothing', () => {
    const onlyX = nearestOutletDistances(demand, createPointIndex([0], [at(200)]), 5000).distanceM;
    const both = nearestOutletDistances(demand, outlets, 5000).distanceM;
    const d = coverageDifferenceHexes(demand, onlyX, both, 500, 9);
    expect(d).toEqual([{ h3: latLngToCell(at(3000), 0, 9), gainedPopulation: 300, lostPopulation: 0 }]);
    const back = coverageDifferenceHexes(demand, both, onlyX, 500, 9);
    expect(back[0].lostPopulation).toBe(300);
  });
});

describe('nearest and anyWithin agree with a brute-force scan', () => {
  it('on 2,000 random points around NYC, 300 queries at several caps', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const lng = Array.from({ length: 2000 }, () => -74.2 + rnd() * 0.5);
    const lat = Array.from({ length: 2000 }, () => 40.5 + rnd() * 0.4);
    const idx = createPointIndex(lng, lat);
    for (let q = 0; q < 300; q++) {
      const qx = -74.2 + rnd() * 0.5, qy = 40.5 + rnd() * 0.4;
      const cap = [200, 800, 3000][q % 3];
      let best = Infinity, bi = -1;
      for (let i = 0; i < lng.length; i++) {
        const d = haversine(qx, qy, lng[i], lat[i]);
        if (d <= cap && d < best) { best = d; bi = i; }
      }
      const h = nearest(idx, qx, qy, cap);
      expect(h?.i ?? -1).toBe(bi);
      if (bi >= 0) expect(h!.distanceM).toBeCloseTo(best, 6);
      // anyWithin finds some point within the cap exactly when one exists.
      const any = anyWithin(idx, qx, qy, cap);
      expect(any >= 0).toBe(bi >= 0);
      if (any >= 0) expect(haversine(qx, qy, lng[any], lat[any])).toBeLessThanOrEqual(cap + 1e-6);
    }
  });
});

function haversine(a: number, b: number, c: number, d: number) {
  const R = Math.PI / 180;
  const s1 = Math.sin(((d - b) * R) / 2), s2 = Math.sin(((c - a) * R) / 2);
  const h = s1 * s1 + Math.cos(b * R) * Math.cos(d * R) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}
