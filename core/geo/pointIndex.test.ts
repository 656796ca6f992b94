import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anyWithin, collectWithin, createNeighbourBuffer, createPointIndex, createPointIndexInSteps, forEachWithin, inBox, nearest, orderByKey, within } from './pointIndex';
import { EARTH_RADIUS_M, haversineM } from './haversine';

const cloud = fc.array(fc.tuple(fc.double({ min: -74.3, max: -73.6, noNaN: true }), fc.double({ min: 40.4, max: 41, noNaN: true })), { minLength: 1, maxLength: 300 });

/** Every point within r by a plain haversine scan: the definition the index must meet. */
function bruteWithin(pts: [number, number][], lng: number, lat: number, r: number): number[] {
  return pts.flatMap((p, i) => (haversineM(lng, lat, p[0], p[1]) <= r ? [i] : []));
}

describe('collectWithin', () => {
  it('finds exactly what a haversine scan finds, with the same distances (property, NYC-sized cloud)', () => {
    fc.assert(fc.property(
      cloud, fc.double({ min: -74.3, max: -73.6, noNaN: true }), fc.double({ min: 40.4, max: 41, noNaN: true }), fc.double({ min: 10, max: 20_000, noNaN: true }),
      (pts, lng, lat, r) => {
        const index = createPointIndex(pts.map((p) => p[0]), pts.map((p) => p[1]));
        const buf = createNeighbourBuffer(2);
        collectWithin(index, lng, lat, r, buf);
        const got = Array.from({ length: buf.count }, (_, k) => ({ i: buf.i[k], distanceM: buf.distanceM[k] })).sort((a, b) => a.i - b.i);
        expect(got.map((g) => g.i)).toEqual(bruteWithin(pts, lng, lat, r));
        for (const g of got) expect(Math.abs(g.distanceM - haversineM(lng, lat, index.lng[g.i], index.lat[g.i]))).toBeLessThan(1e-6);
        // the callback and array forms see the same set
        const visited: number[] = [];
        forEachWithin(index, lng, lat, r, (i) => visited.push(i));
        expect(visited.sort((a, b) => a - b)).toEqual(got.map((g) => g.i));
        expect(within(index, lng, lat, r).map((n) => n.i).sort((a, b) => a - b)).toEqual(got.map((g) => g.i));
      }), { numRuns: 200 });
  });
  it('a known distance: Empire State → Grand Central ≈ 861 m (Δlat 478 m, Δlng 716 m); empty index gives nothing', () => {
    const index = createPointIndex([-73.9772], [40.7527]);
    const buf = createNeighbourBuffer();
    collectWithin(index, -73.9857, 40.7484, 1000, buf);
    expect(buf.count).toBe(1);
    expect(buf.distanceM[0]).toBeCloseTo(haversineM(-73.9857, 40.7484, -73.9772, 40.7527), 6);
    expect(buf.distanceM[0]).toBeGreaterThan(860);
    expect(buf.distanceM[0]).toBeLessThan(862);
    collectWithin(createPointIndex([], []), 0, 0, 1000, buf);
    expect(buf.count).toBe(0);
  });
});

describe('nearest', () => {
  it('equals a brute-force scan, with and without a filter (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: -74.3, max: -73.6, noNaN: true }), fc.double({ min: 40.4, max: 41, noNaN: true })), { minLength: 0, maxLength: 200 }),
      fc.double({ min: -74.5, max: -73.4, noNaN: true }), fc.double({ min: 40.3, max: 41.1, noNaN: true }),
      (pts, lng, lat) => {
        const index = createPointIndex(pts.map((p) => p[0]), pts.map((p) => p[1]));
        const odd = (i: number) => i % 2 === 1;
        for (const accept of [undefined, odd]) {
          let best = Infinity;
          pts.forEach((p, i) => { const d = haversineM(lng, lat, p[0], p[1]); if ((!accept || accept(i)) && d <= 50_000 && d < best) best = d; });
          const b = nearest(index, lng, lat, 50_000, accept);
          if (best === Infinity) expect(b).toBeNull();
          else {
            expect(b!.distanceM).toBeCloseTo(best, 6);
            if (accept) expect(accept(b!.i)).toBe(true);
          }
        }
      }), { numRuns: 200 });
  });
  it('a known nearest neighbour at a known distance: 1,000 m due north on the meridian, not the one at 1,500 m', () => {
    const mPerDeg = (EARTH_RADIUS_M * Math.PI) / 180;
    const index = createPointIndex([0, 0, 0.03], [1500 / mPerDeg, 1000 / mPerDeg, 0]);
    const hit = nearest(index, 0, 0);
    expect(hit!.i).toBe(1);
    expect(hit!.distanceM).toBeCloseTo(1000, 6);
    // capped below it: nothing; a cap exactly at the distance includes it (d ≤ cap)
    expect(nearest(index, 0, 0, 999)).toBeNull();
    expect(nearest(index, 0, 0, 1000 + 1e-6)!.i).toBe(1);
    // 0.03° of longitude at the equator is 3,335.85 m: the nearest when only i = 2 is accepted
    expect(nearest(index, 0, 0, 50_000, (i) => i === 2)!.distanceM).toBeCloseTo(0.03 * mPerDeg, 4);
  });
});

describe('anyWithin and inBox', () => {
  it('anyWithin finds a point within the radius exactly when a scan does (property)', () => {
    fc.assert(fc.property(
      cloud, fc.double({ min: -74.3, max: -73.6, noNaN: true }), fc.double({ min: 40.4, max: 41, noNaN: true }), fc.double({ min: 10, max: 5000, noNaN: true }),
      (pts, lng, lat, r) => {
        const index = createPointIndex(pts.map((p) => p[0]), pts.map((p) => p[1]));
        const hit = anyWithin(index, lng, lat, r);
        expect(hit >= 0).toBe(bruteWithin(pts, lng, lat, r).length > 0);
        if (hit >= 0) expect(haversineM(lng, lat, pts[hit][0], pts[hit][1])).toBeLessThanOrEqual(r);
      }), { numRuns: 200 });
  });
  it('inBox returns the positions inside a lng/lat box, edges included, ascending', () => {
    const index = createPointIndex([-74, -73.99, -73.98, -73.5], [40.7, 40.71, 40.75, 40.7]);
    expect(inBox(index, -74, 40.7, -73.98, 40.75)).toEqual([0, 1, 2]);
    expect(inBox(index, -73.995, 40.7, -73.6, 40.74)).toEqual([1]);
    expect(inBox(index, 10, 10, 11, 11)).toEqual([]);
    expect(inBox(createPointIndex([], []), -180, -90, 180, 90)).toEqual([]);
  });
  it('refuses a non-finite coordinate, naming its position', () => {
    expect(() => createPointIndex([0, NaN], [0, 0])).toThrow(/point 1 has a non-finite coordinate/);
    expect(() => createPointIndex([0], [0, 1])).toThrow(/lng has 1 values, lat 2/);
  });
});

describe('orderByKey', () => {
  it('orders positions by key, ties by position — as the comparator sort did', () => {
    expect(Array.from(orderByKey(Float64Array.from([3, 1, 2, 1, 3, 0])))).toEqual([5, 1, 3, 2, 0, 4]);
    expect(Array.from(orderByKey(new Float64Array(0)))).toEqual([]);
    // binned keys of 5,000 points over a small box: many repeats (several points per bin)
    let a = 12345;
    const r = () => ((a = (a * 1103515245 + 12345) >>> 0) / 4294967296);
    const keys = Float64Array.from({ length: 5000 }, () => Math.floor(r() * 40) * 1e6 + Math.floor(r() * 40));
    const expected = Array.from({ length: keys.length }, (_, i) => i).sort((x, y) => keys[x] - keys[y] || x - y);
    expect(Array.from(orderByKey(keys))).toEqual(expected);
    // keys the packed sort cannot hold exactly (fractions; a span too wide): the same order by the general path
    expect(Array.from(orderByKey(Float64Array.from([1.5, 0.5, 1.5, -2])))).toEqual([3, 1, 0, 2]);
    expect(Array.from(orderByKey(Float64Array.from([1e300, 0, 1e300, -1, 0])))).toEqual([3, 1, 4, 0, 2]);
    // real bin keys (row · 1e6 + column) of points around the world, many per bin
    const world = Float64Array.from({ length: 20_000 }, () => Math.floor(r() * 36_000) * 1e6 + Math.floor(r() * 72_000));
    for (let i = 0; i < 5000; i++) world[i] = world[i + 5000];
    const worldExpected = Array.from({ length: world.length }, (_, i) => i).sort((x, y) => world[x] - world[y] || x - y);
    expect(Array.from(orderByKey(world))).toEqual(worldExpected);
  });
});

describe('createPointIndexInSteps', () => {
  it('builds the same index as createPointIndex, pausing between pieces of 32,768 points', async () => {
    // 40,000 points over the NYC region (several per bin): two pieces each for the keys, the order's extraction and
    // the unit vectors (a pause after the 32,768th point of each) and a pause on each side of the sort
    let a = 777;
    const r = () => ((a = (a * 1103515245 + 12345) >>> 0) / 4294967296);
    const lng = Float64Array.from({ length: 40_000 }, () => -74.3 + r() * 0.6);
    const lat = Float64Array.from({ length: 40_000 }, () => 40.45 + r() * 0.5);
    let pauses = 0;
    const stepped = await createPointIndexInSteps(lng, lat, async () => { pauses++; });
    expect(stepped).toEqual(createPointIndex(lng, lat));
    expect(pauses).toBe(5);
    // a few points: one piece each, the pauses around the sort only
    pauses = 0;
    expect(await createPointIndexInSteps([-73.9772, -74], [40.7527, 40.7], async () => { pauses++; })).toEqual(createPointIndex([-73.9772, -74], [40.7527, 40.7]));
    expect(pauses).toBe(2);
    await expect(createPointIndexInSteps([0, NaN], [0, 0], async () => undefined)).rejects.toThrow(/point 1 has a non-finite coordinate/);
  });
});
