import { describe, expect, it } from 'vitest';
import { JSON_SLICE_ELEMENTS, JsonBytes, pacedJsonBytes } from './pacedJson';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('pacedJsonBytes', () => {
  it('gives the bytes of JSON.stringify for a large layer, pausing once per slice of a long array', async () => {
    const n = 2 * JSON_SLICE_ELEMENTS + 7;
    const body = {
      bbox: [-125, 24, -66, 50], count: n, truncated: false, skipped: undefined, fn: () => 1,
      geoid: Array.from({ length: n }, (_, k) => `36061${String(k).padStart(7, '0')}`),
      name: Array.from({ length: n }, (_, k) => (k % 3 ? `Стоп ${k} “東”` : null)),
      lng: Array.from({ length: n }, (_, k) => -74 + k * 1e-6),
      outlets: Array.from({ length: n }, (_, k) => ({ id: k, own: k % 2 === 0, gone: undefined, names: ['a', undefined] })),
      nested: { deeper: { empty: [], emptyObject: {} } },
    };
    let pauses = 0;
    const bytes = await pacedJsonBytes(body, async () => { pauses++; });
    expect(text(bytes)).toBe(JSON.stringify(body));
    // four long arrays of 3 slices each
    expect(pauses).toBe(4 * 3);
  });

  it('slices arrays of large elements finer when asked: 1,001 sites at 250 a slice → 5 pauses, the same bytes', async () => {
    const body = { count: 1001, sites: Array.from({ length: 1001 }, (_, k) => ({ id: `s${k}`, forecast: { breakdown: Array.from({ length: 3 }, (_, j) => ({ f: j, v: k * 0.5 })) } })), params: { mode: 'forecast' } };
    let pauses = 0;
    const bytes = await pacedJsonBytes(body, async () => { pauses++; }, 250);
    expect(text(bytes)).toBe(JSON.stringify(body));
    expect(pauses).toBe(5);
  });

  it('matches JSON.stringify for scalars, short arrays, typed arrays, toJSON, holes and undefined elements', async () => {
    const values: unknown[] = [null, 0, -0, 1.5e-7, NaN, Infinity, 'a"b\\c\n', true, [], [1, undefined, () => 2, null],
      new Float64Array([1.5, 2]), new Date(Date.UTC(2023, 5, 30)), { toJSON: () => ({ x: 1 }) },
      Array.from({ length: JSON_SLICE_ELEMENTS + 1 }, (_, k) => (k === 5 ? undefined : k)), Object.assign(Object.create(null), { a: 1 })];
    for (const v of values) expect(text(await pacedJsonBytes(v, async () => undefined))).toBe(JSON.stringify(v));
  });

  it('writes JsonBytes as their bytes, where the value they stand for would have been written', async () => {
    const report = { read: 3, problems: [{ row: 2, message: 'Breite “abc” ist keine Zahl' }], details: {} };
    const enc = new TextEncoder();
    const body = { id: 'mixed-v1', dataset: { kind: 'demand', bbox: [-74.006, 40.7128] }, report };
    const bytes = await pacedJsonBytes({ ...body, report: new JsonBytes(enc.encode(JSON.stringify(report))) }, async () => undefined);
    expect(text(bytes)).toBe(JSON.stringify(body));
    expect(text(await pacedJsonBytes(new JsonBytes(enc.encode('[1,"é"]')), async () => undefined))).toBe('[1,"é"]');
    const pieces = [enc.encode('{"a":[1,'), enc.encode('"é"]}')];
    expect(text(await pacedJsonBytes({ x: new JsonBytes(pieces), y: 2 }, async () => undefined))).toBe('{"x":{"a":[1,"é"]},"y":2}');
  });

  it('throws as JSON.stringify on a BigInt or a cycle', async () => {
    await expect(pacedJsonBytes({ n: 1n }, async () => undefined)).rejects.toThrow(TypeError);
    const cyc: Record<string, unknown> = {};
    cyc.self = [cyc];
    await expect(pacedJsonBytes(cyc, async () => undefined)).rejects.toThrow(TypeError);
    const loop: Record<string, unknown> = { a: 1 };
    loop.b = { c: loop };
    await expect(pacedJsonBytes(loop, async () => undefined)).rejects.toThrow(/circular/);
    // the same object twice, not a cycle, is written twice as JSON.stringify writes it
    const shared = { k: 1 };
    expect(text(await pacedJsonBytes({ x: shared, y: shared }, async () => undefined))).toBe('{"x":{"k":1},"y":{"k":1}}');
  });
});
