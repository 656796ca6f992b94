import { describe, expect, it } from 'vitest';
import { boundedJsonRecord, findJsonBoundViolation, MAX_FREEFORM_DEPTH } from './jsonBounds';
import { saveSiteFlat, versionNumberText } from './plans';
import { optimizeRequest, scenarioInput } from './coverage';

/** `depth` nested arrays: depth 1 is `[]`. */
const nest = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('findJsonBoundViolation', () => {
  it('accepts scalars, and containers up to the depth limit; names the first container past it', () => {
    expect(findJsonBoundViolation(5)).toBeNull();
    expect(findJsonBoundViolation(nest(MAX_FREEFORM_DEPTH))).toBeNull();
    const bad = findJsonBoundViolation({ a: 1, b: { c: nest(3) } }, 3);
    // {} is level 1, b's object level 2, c's outer array level 3, its inner array level 4 → path b.c.0
    expect(bad).toEqual({ path: ['b', 'c', 0], message: 'is nested more than 3 levels deep' });
  });
  it('walks 100,000-deep arrays without recursion (JSON.stringify would overflow the stack)', () => {
    const deep = nest(100_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(findJsonBoundViolation(deep)?.path).toHaveLength(MAX_FREEFORM_DEPTH);
  });
  it('counts values: 10 numbers in an array are 11 values', () => {
    const arr = Array.from({ length: 10 }, (_, i) => i);
    expect(findJsonBoundViolation(arr, 32, 11)).toBeNull();
    expect(findJsonBoundViolation(arr, 32, 10)).toEqual({ path: [], message: 'holds more than 10 values' });
  });
  it('boundedJsonRecord puts the issue on the field itself', () => {
    const r = boundedJsonRecord().safeParse({ x: nest(40) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: [], message: `free-form JSON is nested more than ${MAX_FREEFORM_DEPTH} levels deep` });
  });
});

describe('saved-site and scenario schemas', () => {
  const site = { lng: -73.98, lat: 40.75, expectedCustomers: 5 };
  it('saved site: parameters nested 5,000 deep → issue on parameters; ownNetwork.id must be cert:/hc: digits', () => {
    const deep = saveSiteFlat.safeParse({ ...site, parameters: { x: nest(5000) } });
    expect(deep.error?.issues.map((i) => i.path.join('.'))).toEqual(['parameters']);
    expect(saveSiteFlat.safeParse({ ...site, ownNetwork: { id: 'foo' } }).error?.issues[0].path.join('.')).toBe('ownNetwork.id');
    expect(saveSiteFlat.parse({ ...site, ownNetwork: { id: 'cert:628' } }).ownNetwork?.id).toBe('cert:628');
    expect(saveSiteFlat.parse({ ...site, ownNetwork: { id: null } }).ownNetwork?.id).toBeNull();
  });
  it('scenario: duplicate added ids, a branch closed twice, moved twice, or moved and closed → issue on the later entry', () => {
    const base = { name: 'x', baseNetwork: 'all' };
    const paths = (body: object) => scenarioInput.safeParse({ ...base, ...body }).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ added: [{ id: 'a', lng: 0, lat: 0 }, { id: 'b', lng: 0, lat: 0 }, { id: 'a', lng: 1, lat: 1 }] })).toEqual(['added.2.id']);
    expect(paths({ closed: [7, 8, 7] })).toEqual(['closed.2']);
    expect(paths({ moved: [{ branchId: 7, lng: 0, lat: 0 }, { branchId: 7, lng: 1, lat: 1 }] })).toEqual(['moved.1.branchId']);
    expect(paths({ closed: [7], moved: [{ branchId: 7, lng: 0, lat: 0 }] })).toEqual(['moved.0.branchId']);
    expect(scenarioInput.safeParse({ ...base, closed: [7], moved: [{ branchId: 8, lng: 0, lat: 0 }], added: [{ id: 'a', lng: 0, lat: 0 }] }).success).toBe(true);
  });
  it('optimize: duplicate candidate ids → issue on candidates.<i>.id', () => {
    const r = optimizeRequest.safeParse({ objective: 'mclp', p: 1, radiusM: 1000, ownNetwork: 'cert:628', area: { counties: ['36085'] },
      candidates: [{ id: 'a', lng: -74.1, lat: 40.6 }, { id: 'b', lng: -74.1, lat: 40.6 }, { id: 'b', lng: -74.2, lat: 40.6 }] });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['candidates.2.id']);
  });
});

describe('versionNumberText', () => {
  it('reads decimal digits only', () => {
    expect(versionNumberText.parse('1')).toBe(1);
    expect(versionNumberText.parse('042')).toBe(42);
    for (const v of ['0x1', '1e3', ' 1', '1.0', '+1', '0', '', '99999999999']) expect(versionNumberText.safeParse(v).success, v).toBe(false);
  });
});
