/**
 * The shipped samples (layouts/plans/*.plan.json) are drawn to real dimensions and are internally consistent:
 * zones tile the outline without overlaps, fixtures sit inside zones, doors sit on the edge between the zones
 * they connect. The non-compliant copy has exactly the breaks its README lists, with the tape-measure values.
 */
import { describe, expect, it } from 'vitest';
import { difference, intersection } from 'polyclip-ts';
import community from '../../layouts/plans/community-150.plan.json';
import flagship from '../../layouts/plans/flagship-400.plan.json';
import pod from '../../layouts/plans/pod-24h.plan.json';
import broken from '../../layouts/plans/community-150-noncompliant.plan.json';
import { loadPlan } from './load';
import { fixtureFootprint, fixtureFrontRectangle, openRing, polygonAreaM2, pointDistanceM } from './geometry';
import { zoneKind } from './zoneKinds';
import type { Door, FloorPlan, PlanPoint, Zone } from './model';

type Ring = [number, number][];
const multiArea = (mp: Ring[][]) => mp.reduce((s, poly) => s + polygonAreaM2(poly[0]) - poly.slice(1).reduce((h, r) => h + polygonAreaM2(r), 0), 0);
const ring = (r: PlanPoint[]): Ring => openRing(r).map((p) => [p[0], p[1]]);
const overlapM2 = (a: PlanPoint[], b: PlanPoint[]) => multiArea(intersection([ring(a)], [ring(b)]) as Ring[][]);
const outsideM2 = (inner: PlanPoint[], outer: PlanPoint[]) => multiArea(difference([ring(inner)], [ring(outer)]) as Ring[][]);

function onSegment(p: PlanPoint, a: PlanPoint, b: PlanPoint, tol = 1e-6) {
  return Math.abs(pointDistanceM(a, p) + pointDistanceM(p, b) - pointDistanceM(a, b)) < tol;
}
function onRingBoundary(door: Door, polygon: PlanPoint[]) {
  const r = openRing(polygon);
  return r.some((a, i) => { const b = r[(i + 1) % r.length]; return onSegment(door.a, a, b) && onSegment(door.b, a, b); });
}

const samples: [string, FloorPlan, number][] = [
  ['community-150', loadPlan(community), 150],
  ['flagship-400', loadPlan(flagship), 400],
  ['pod-24h', loadPlan(pod), 35],
];

describe.each(samples)('sample %s', (_name, plan, areaM2) => {
  it('has the stated floor area, and its zones tile the outline exactly', () => {
    expect(polygonAreaM2(plan.outline.polygon)).toBeCloseTo(areaM2, 9);
    const sum = plan.zones.reduce((s, z) => s + polygonAreaM2(z.polygon), 0);
    expect(sum).toBeCloseTo(areaM2, 9);
    for (const z of plan.zones) expect(outsideM2(z.polygon, plan.outline.polygon)).toBeLessThan(1e-9);
  });

  it('has no overlapping zones', () => {
    for (let i = 0; i < plan.zones.length; i++) {
      for (let j = i + 1; j < plan.zones.length; j++) {
        expect(overlapM2(plan.zones[i].polygon, plan.zones[j].polygon), `${plan.zones[i].id} ∩ ${plan.zones[j].id}`).toBeLessThan(1e-9);
      }
    }
  });

  it('puts every fixture inside one zone and every door on the edge between the zones it connects', () => {
    for (const f of plan.fixtures) {
      const fp = fixtureFootprint(f);
      expect(plan.zones.some((z) => outsideM2(fp, z.polygon) < 1e-9), f.id).toBe(true);
    }
    const byId = new Map(plan.zones.map((z) => [z.id, z] as [string, Zone]));
    for (const d of plan.doors) {
      for (const c of d.connects) {
        expect(onRingBoundary(d, c === 'outside' ? plan.outline.polygon : byId.get(c)!.polygon), `${d.id} on ${c}`).toBe(true);
      }
      expect(d.clearWidthM).toBeLessThanOrEqual(pointDistanceM(d.a, d.b));
      expect(d.clearWidthM).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('gives every ATM and kiosk a free 0.76 × 1.22 m clear floor space inside customer zones', () => {
    const customer = plan.zones.filter((z) => zoneKind(z.kind)!.customerAccess);
    for (const f of plan.fixtures.filter((x) => x.kind === 'atm' || x.kind === 'kiosk')) {
      const cfs = fixtureFrontRectangle(f, 0.76, 1.22);
      const inCustomer = customer.reduce((s, z) => s + overlapM2(cfs, z.polygon), 0);
      expect(inCustomer, f.id).toBeCloseTo(0.76 * 1.22, 9);
      for (const o of plan.fixtures.filter((x) => x.id !== f.id)) expect(overlapM2(cfs, fixtureFootprint(o)), `${f.id} vs ${o.id}`).toBeLessThan(1e-9);
    }
  });

  it('enters the cash area, vault and cash-loading room only through access-controlled doors', () => {
    const secure = new Set(plan.zones.filter((z) => zoneKind(z.kind)!.secure).map((z) => z.id));
    for (const d of plan.doors.filter((x) => x.connects.some((c) => secure.has(c)))) expect(d.accessControlled, d.id).toBe(true);
  });

  it('has at least 1.4 m² of waiting zone per waiting seat (IBC waiting-area factor, BR-09)', () => {
    for (const z of plan.zones.filter((x) => x.kind === 'waiting')) {
      const seats = plan.fixtures.filter((f) => f.kind === 'seat' && outsideM2(fixtureFootprint(f), z.polygon) < 1e-9).length;
      expect(polygonAreaM2(z.polygon) / seats).toBeGreaterThanOrEqual(1.4);
    }
  });
});

describe('units of the samples', () => {
  it('flagship is stored in mm and pod in cm; both load in metres', () => {
    expect([flagship.units, pod.units, community.units]).toEqual(['mm', 'cm', 'm']);
    expect(samples[1][1].doors[0].clearWidthM).toBe(1.5);
    expect(samples[2][1].fixtures[0].at).toEqual([1, 1.55]);
  });
});

describe('community-150-noncompliant: the breaks listed in layouts/plans/README.md', () => {
  const plan = loadPlan(broken);
  const zone = (id: string) => plan.zones.find((z) => z.id === id)!;
  const fixture = (id: string) => plan.fixtures.find((f) => f.id === id)!;

  it('1. the aisle to the accessible WC is 0.80 m wide (staff-block wall y = 6.70 to WC wall y = 7.50, x 0–4.00)', () => {
    const staffSouth = Math.max(...zone('z-staff').polygon.map((p) => p[1]));
    const wcNorth = Math.min(...zone('z-wc').polygon.map((p) => p[1]));
    expect(wcNorth - staffSouth).toBeCloseTo(0.8, 12);
    expect(Math.max(...zone('z-wc').polygon.map((p) => p[0]))).toBe(4);
  });

  it('2. ATM 2 has only 0.60 m clear in front (brochure rack), not 1.22 m', () => {
    const atm = fixture('f-atm-2');
    const rack = fixture('f-rack');
    const atmFront = atm.at[1] + atm.depthM / 2;
    const rackBack = rack.at[1] - rack.depthM / 2;
    expect(rackBack - atmFront).toBeCloseTo(0.6, 12);
    expect(overlapM2(fixtureFrontRectangle(atm, 0.76, 1.22), fixtureFootprint(rack))).toBeCloseTo(0.76 * 0.4, 9);
  });

  it('3. the waiting zone is 7.50 m² for 8 seats (0.94 m² a seat; 8 × 1.4 = 11.2 m² needed)', () => {
    const w = zone('z-waiting');
    expect(polygonAreaM2(w.polygon)).toBeCloseTo(7.5, 12);
    const seats = plan.fixtures.filter((f) => f.kind === 'seat' && outsideM2(fixtureFootprint(f), w.polygon) < 1e-9);
    expect(seats).toHaveLength(8);
  });

  it('4. self-service overlaps the main aisle by 5.00 × 0.60 m = 3.00 m² (x 10–15, y 4.00–4.60)', () => {
    expect(overlapM2(zone('z-self-service').polygon, zone('z-circulation').polygon)).toBeCloseTo(3, 9);
    const others = plan.zones.filter((z) => z.id !== 'z-self-service' && z.id !== 'z-circulation');
    let extra = 0;
    for (let i = 0; i < plan.zones.length; i++) for (let j = i + 1; j < plan.zones.length; j++) extra += overlapM2(plan.zones[i].polygon, plan.zones[j].polygon);
    expect(extra).toBeCloseTo(3, 9); // the only overlap
    expect(others.length).toBe(10);
  });

  it('5. the cash area opens onto self-service through d-cash-side, not access-controlled', () => {
    const d = plan.doors.find((x) => x.id === 'd-cash-side')!;
    expect(d).toMatchObject({ connects: ['z-cash', 'z-self-service'], accessControlled: false, interlocked: false, a: [10, 1.5], b: [10, 2.4] });
  });
});
