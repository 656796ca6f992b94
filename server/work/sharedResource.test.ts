import { describe, expect, it } from 'vitest';
import { fromColumns, packShared, toColumns, unpackShared, type Columns } from './sharedResource';

/** Posted as a worker would receive it: packed into shared buffers, structured-cloned, unpacked. */
async function roundTrip<T extends object>(rows: readonly T[]): Promise<T[]> {
  return fromColumns<T>(unpackShared(structuredClone(await packShared(toColumns(rows), async () => undefined))) as Columns);
}

describe('toColumns / fromColumns (rows posted to a compute worker)', () => {
  it('give back the same rows — nulls, NaN, booleans, strings, the same key order — as one array per key', async () => {
    // SOD-like rows (server/forecast/calibrationTask.ts posts the calibration's rows this way)
    const rows = Array.from({ length: 600 }, (_, i) => ({
      year: 2019 + (i % 5), institutionName: i % 3 ? `Bank ${i % 11}` : 'JPMorgan Chase Bank, N.A.', institutionDepositsDomK: i % 4 === 0 ? null : 1e6 + i,
      isMainOffice: i % 50 === 0, lng: i % 97 === 0 ? NaN : -74 + i / 1e4, nearestStopId: i % 7 ? `subway:${i}` : null,
    }));
    const c = toColumns(rows) as Columns;
    expect(c.keys).toEqual(['year', 'institutionName', 'institutionDepositsDomK', 'isMainOffice', 'lng', 'nearestStopId']);
    expect(c.columns[2].slice(0, 2)).toEqual([null, 1e6 + 1]);
    const back = await roundTrip(rows);
    expect(back).toEqual(rows);
    expect(back[0]).toEqual({ year: 2019, institutionName: 'JPMorgan Chase Bank, N.A.', institutionDepositsDomK: null, isMainOffice: true, lng: NaN, nearestStopId: null });
    expect(JSON.stringify(back)).toBe(JSON.stringify(rows)); // key order kept: the same JSON
  });

  it('leave rows of differing shapes, and short lists, as they are', async () => {
    const mixed = Array.from({ length: 300 }, (_, i) => (i === 299 ? { raw: i, layers: [{ raw: 1, within1000m: 2 }] } : { raw: i }));
    expect(toColumns(mixed)).toBe(mixed);
    const swapped = Array.from({ length: 300 }, (_, i) => (i === 5 ? { b: 1, a: 2 } : { a: i, b: i }));
    expect(toColumns(swapped)).toBe(swapped);
    const short = [{ a: 1 }, { a: 2 }];
    expect(toColumns(short)).toBe(short);
    expect(await roundTrip(mixed)).toEqual(mixed);
  });
});

describe('packShared: long arrays of string arrays (the stops\' route ids)', () => {
  it('are posted as one string buffer with list starts, and come back the same', async () => {
    const routeIds = Array.from({ length: 700 }, (_, i) => (i % 4 === 0 ? [] : Array.from({ length: 1 + (i % 3) }, (_, k) => `subway:${i}-${k}${i % 9 ? '' : 'é→'}`)));
    const value = { stops: { routeIds, mode: routeIds.map((_, i) => (i % 2 ? 'bus' : 'subway')) } };
    const packed = await packShared(value, async () => undefined) as { stops: { routeIds: { starts: Int32Array } } };
    expect(packed.stops.routeIds.starts).toBeInstanceOf(Int32Array);
    expect(packed.stops.routeIds.starts.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(packed.stops.routeIds.starts.slice(0, 5))).toEqual([0, 0, 2, 5, 6]); // lists of 0, 2, 3, 1 … ids
    expect(unpackShared(structuredClone(packed))).toEqual(value);
  });
});
