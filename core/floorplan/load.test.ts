import { describe, expect, it } from 'vitest';
import v1 from './fixtures/plan.v1.json';
import v2 from './fixtures/plan.v2.json';
import { loadPlan, parsePlan, PlanFormatError } from './load';
import { convertPlanUnits, lengthInUnits } from './units';
import { polygonAreaM2 } from './geometry';
import { PLAN_VERSION } from './model';

describe('units', () => {
  it('converts mm and cm to metres exactly for decimal inputs', () => {
    expect(lengthInUnits(1500, 'mm', 'm')).toBe(1.5);
    expect(lengthInUnits(815, 'mm', 'm')).toBe(0.815);
    expect(lengthInUnits(82, 'cm', 'm')).toBe(0.82);
    expect(lengthInUnits(0.76, 'm', 'mm')).toBe(760);
  });

  it('loads a cm plan as metres: coordinates, widths, heights, wall thickness and …M attributes', () => {
    const plan = loadPlan(v2);
    expect(plan.units).toBe('m');
    expect(plan.outline.polygon[2]).toEqual([10, 6]);
    expect(plan.outline.walls[4].thicknessM).toBe(0.16);
    expect(plan.doors[0].clearWidthM).toBe(0.9);
    expect(plan.doors[1].clearWidthM).toBe(0.82);
    expect(plan.fixtures[0]).toMatchObject({ at: [6, 1.5], widthM: 1.8, depthM: 0.6, heightM: 0.85, rotationDeg: 90 });
    expect(plan.fixtures[0].attributes.positions).toBe(2); // a count, not a length
    expect(plan.zones[0].attributes.ceilingHeightM).toBe(3.2);
    expect(polygonAreaM2(plan.zones[0].polygon)).toBeCloseTo(36, 12);
  });

  it('the same plan in mm and in m loads identically', () => {
    const inM = loadPlan(v2);
    const asMm = convertPlanUnits(inM, 'mm');
    expect(asMm.outline.polygon[2]).toEqual([10000, 6000]);
    const back = loadPlan(asMm);
    expect(back.zones.map((z) => z.polygon)).toEqual(inM.zones.map((z) => z.polygon));
    expect(back.fixtures).toEqual(inM.fixtures);
  });

  it('rejects a plan without units, naming units', () => {
    const { units: _drop, ...noUnits } = v2;
    const r = parsePlan(noUnits);
    expect(r.plan).toBeUndefined();
    expect(r.issues[0].path).toBe('units');
    expect(r.issues[0].message).toMatch(/units is required/);
    expect(() => loadPlan(noUnits)).toThrow(PlanFormatError);
    expect(() => loadPlan(noUnits)).toThrow(/units/);
    expect(parsePlan({ ...v2, units: 'ft' }).issues[0]).toMatchObject({ path: 'units' });
  });
});

describe('validation', () => {
  it('names every bad field with its path', () => {
    const bad = structuredClone(v2) as any;
    bad.zones[1].polygon = [[0, 0], [1, 1]];
    bad.doors[0].clearWidthM = -5;
    bad.zones[2].kind = 'ballroom';
    const r = parsePlan(bad);
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain('zones.1.polygon');
    expect(paths).toContain('doors.0.clearWidthM');
  });

  it('rejects an unknown zone kind, naming zones.<i>.kind', () => {
    const bad = structuredClone(v2) as any;
    bad.zones[2].kind = 'ballroom';
    expect(parsePlan(bad).issues).toEqual([{ path: 'zones.2.kind', message: expect.stringMatching(/ballroom/) }]);
  });

  it('rejects duplicate ids and doors to unknown zones', () => {
    const bad = structuredClone(v2) as any;
    bad.fixtures[1].id = 'z-hall';
    bad.doors[0].connects = ['z-nowhere', 'outside'];
    const paths = parsePlan(bad).issues.map((i) => i.path);
    expect(paths).toContain('fixtures.1.id');
    expect(paths).toContain('doors.0.connects.0');
  });

  it('rejects a non-plan', () => {
    expect(parsePlan([1, 2]).issues[0].path).toBe('(root)');
    expect(parsePlan({ type: 'FeatureCollection', units: 'm' }).issues[0].path).toBe('type');
    expect(parsePlan({ ...v2, version: 99 }).issues[0]).toMatchObject({ path: 'version', message: expect.stringMatching(/newer/) });
  });
});

describe('migrate', () => {
  it('upgrades the v1 fixture (zones only, kind under `type`, mm) to the current version', () => {
    const plan = loadPlan(v1);
    expect(PLAN_VERSION).toBe(2);
    expect(plan.version).toBe(PLAN_VERSION);
    expect(plan.branchType).toBe('full-service');
    expect(plan.zones.map((z) => [z.id, z.kind])).toEqual([['z-wait', 'waiting'], ['z-counter', 'teller-counter']]);
    expect(polygonAreaM2(plan.zones[1].polygon)).toBeCloseTo(18, 12);
    expect(plan.outline.polygon).toEqual([[0, 0], [10, 0], [10, 3], [0, 3]]);
    expect(plan.source).toMatch(/migrated from v1/);
  });

  it('loads the v2 fixture unchanged apart from units', () => {
    const plan = loadPlan(v2);
    expect(plan.zones).toHaveLength(3);
    expect(plan.doors[1]).toMatchObject({ accessControlled: true, interlocked: true, connects: ['z-cash', 'z-back'] });
    expect(plan.doors[1].swing).toEqual({ type: 'single', hinge: 'a', side: 'left' }); // defaults filled
    expect(plan.outline.walls[1]).toMatchObject({ fullHeight: true, glazed: false, exterior: true });
  });
});
