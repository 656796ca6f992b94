import { describe, expect, it } from 'vitest';
import { fromColumns, fromColumnsDeep, fromPostedForm, packShared, postedForm, toColumns, toColumnsDeep, unpackShared, type Columns } from './sharedResource';

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

describe('toColumnsDeep / fromColumnsDeep (a request body or a task answer posted once)', () => {
  it('send a validated optimisation body\'s 50,000 candidates as columns and give back the same body, JSON and all', async () => {
    const candidates = Array.from({ length: 50_000 }, (_, k) => ({ id: `cand-${k}`, lng: -74.2 + (k % 500) * 1e-3, lat: 40.5 + Math.floor(k / 500) * 3e-3 }));
    const body = { objective: 'mclp', p: 20, radiusM: 1000, ownNetwork: 'cert:628', area: 'nyc', candidates, timeLimitS: 30, note: undefined };
    const posted = toColumnsDeep(body) as unknown as { candidates: Columns; p: number };
    expect(posted.candidates.keys).toEqual(['id', 'lng', 'lat']);
    expect(posted.candidates.columns[0][49_999]).toBe('cand-49999');
    expect(posted.p).toBe(20);
    const back = fromColumnsDeep(structuredClone(toColumnsDeep(body)));
    expect(back).toEqual(body);
    expect(JSON.stringify(back)).toBe(JSON.stringify(body));
    expect(back.candidates[12_345]).toEqual({ id: 'cand-12345', lng: -74.2 + 345 * 1e-3, lat: 40.5 + 24 * 3e-3 });
    // in shared buffers (postedForm): the ids one UTF-8 buffer, the coordinates Float64Arrays; the same body back
    const packed = await postedForm(body) as unknown as { candidates: { columns: { text?: Uint8Array; values?: Float64Array }[] } };
    expect(packed.candidates.columns[0].text!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(packed.candidates.columns[1].values![501]).toBe(-74.2 + 1e-3);
    let pauses = 0;
    const received = await fromPostedForm(structuredClone(packed as never), async () => { pauses++; }) as typeof body;
    expect(pauses).toBe(5); // 50,000 rows, 10,000 a step
    expect(JSON.stringify(received)).toBe(JSON.stringify(body));
    expect(received).toEqual(body);
  });

  it('keep typed and shared arrays as they are, and rows nested in rows, short lists and mixed shapes round-trip', () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const problem = { coverStart: Int32Array.from([0, 2, 3]), weight: Float64Array.from([1.5, 2]) };
    const sites = Array.from({ length: 300 }, (_, k) => (k === 7 ? { id: 's7', lng: 1, lat: 2, name: 'Seventh' } : { id: `s${k}`, lng: k, lat: -k }));
    const nested = Array.from({ length: 260 }, (_, k) => ({ id: k, stops: Array.from({ length: 256 }, (_, j) => ({ j })) }));
    const value = { prep: { problem, sites, notes: ['a'] }, nested, cancelFlag: flag, short: [{ a: 1 }] };
    const posted = toColumnsDeep(value) as unknown as { cancelFlag: Int32Array; prep: { problem: typeof problem; sites: unknown } };
    expect(posted.cancelFlag).toBe(flag);
    expect(posted.prep.problem.coverStart).toBe(problem.coverStart);
    expect(posted.prep.sites).toEqual(sites); // differing shapes: rows as they are
    const back = fromColumnsDeep(structuredClone(posted as never)) as typeof value;
    expect(back).toEqual(value);
    expect(back.nested[259].stops[255]).toEqual({ j: 255 });
  });
});
