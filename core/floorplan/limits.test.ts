import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import v2 from './fixtures/plan.v2.json';
import { parsePlan } from './load';
import { PLAN_LIMITS, planLimitIssues } from './limits';
import type { FloorPlan } from './model';

const plan = parsePlan(v2).plan as FloorPlan; // 10 m × 6 m in metres
const paths = (p: FloorPlan) => planLimitIssues(p).map((i) => i.path);
const circle = (n: number, closed = false) => {
  const r = Array.from({ length: n }, (_, i) => [3 + 2.9 * Math.cos((i / n) * 2 * Math.PI), 3 + 2.9 * Math.sin((i / n) * 2 * Math.PI)] as [number, number]);
  return closed ? [...r, r[0]] : r;
};

describe('plan plausibility limits', () => {
  it(`caps a plan at ${PLAN_LIMITS.maxZones} zones and ${PLAN_LIMITS.maxPlanVertices} vertices in all (500 zones × 2,000 vertices is refused)`, () => {
    const zone = plan.zones[0];
    const many = (n: number, vertices: number): FloorPlan => ({ ...plan, zones: Array.from({ length: n }, (_, i) => ({ ...zone, id: `z${i}`, polygon: circle(vertices) })) });
    // 500 × 2,000 = 1,000,000 zone vertices + 4 outline vertices
    expect(planLimitIssues(many(500, 2000))).toEqual([{ path: 'zones', message: 'the plan has 1,000,004 polygon vertices in all; at most 20,000 per plan (simplify its zones)' }]);
    expect(planLimitIssues(many(1001, 4))).toEqual([{ path: 'zones', message: 'the plan has 1001 zones; at most 1,000 per plan' }]);
    expect(planLimitIssues(many(1000, 4))).toEqual([]);
    // 4 outline + 9 × 2,000 + 1 × 1,996 = 20,000 exactly passes; one more vertex is refused
    const edge = (extra: number): FloorPlan => ({ ...many(10, 2000), zones: [...many(9, 2000).zones, { ...zone, id: 'z9', polygon: circle(1996 + extra) }] });
    expect(planLimitIssues(edge(0))).toEqual([]);
    expect(paths(edge(1))).toEqual(['zones']);
  });

  it('the samples and the v2 fixture are within the limits', () => {
    expect(planLimitIssues(plan)).toEqual([]);
    const dir = new URL('../../layouts/plans/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.plan.json'))) {
      const r = parsePlan(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
      expect(r.issues, f).toEqual([]);
    }
  });
  it('a cm plan sent as "m" (1,000 m × 600 m, 600,000 m²) names units first, then the outline and each zone', () => {
    const r = parsePlan({ ...v2, units: 'm' });
    expect(r.issues.map((i) => i.path)).toEqual(['units', 'outline.polygon', 'zones.0.polygon', 'zones.1.polygon', 'zones.2.polygon']);
    expect(r.issues[0].message).toBe('the outline is 1,000 m × 600 m (600,000 m²); a branch plan is at most 200 m a side and 10,000 m² — check units: a plan drawn in cm or mm but sent as "m" is 100× or 1,000× too large');
  });
  it('outline area is capped separately from its sides: 150 m × 100 m = 15,000 m² > 10,000 m²', () => {
    const big: FloorPlan = { ...plan, outline: { ...plan.outline, polygon: [[0, 0], [150, 0], [150, 100], [0, 100]] } };
    expect(paths(big)).toEqual(['units', 'outline.polygon']);
    const ok: FloorPlan = { ...plan, outline: { ...plan.outline, polygon: [[0, 0], [100, 0], [100, 100], [0, 100]] } };
    expect(paths(ok)).toEqual([]);
  });
  it(`a zone wider than ${PLAN_LIMITS.maxSideM} m is named; exactly 200 m passes`, () => {
    const withZone = (w: number): FloorPlan => ({ ...plan, zones: [{ ...plan.zones[0], polygon: [[0, 0], [w, 0], [w, 5], [0, 5]] }, ...plan.zones.slice(1)] });
    expect(paths(withZone(200.5))).toEqual(['zones.0.polygon']);
    expect(planLimitIssues(withZone(200.5))[0].message).toMatch(/zone "z-hall" is 200\.5 m × 5 m; at most 200 m a side/);
    expect(paths(withZone(200))).toEqual([]);
    expect(paths(withZone(1e304))).toEqual(['zones.0.polygon']);
  });
  it('2,000 vertices per polygon; a repeated closing vertex is not counted', () => {
    const withRing = (polygon: [number, number][]): FloorPlan => ({ ...plan, zones: [{ ...plan.zones[0], polygon }, ...plan.zones.slice(1)] });
    expect(paths(withRing(circle(2000)))).toEqual([]);
    expect(paths(withRing(circle(2000, true)))).toEqual([]);
    expect(paths(withRing(circle(2001)))).toEqual(['zones.0.polygon']);
    expect(planLimitIssues(withRing(circle(2001)))[0].message).toBe('zone "z-hall" has 2001 vertices; at most 2000 per polygon (simplify it)');
  });
  it('an element far from the rest is named (a fixture 500 m away; a door 1e300 m away)', () => {
    const fx = { ...plan.fixtures[0], at: [500, 3] as [number, number] };
    expect(paths({ ...plan, fixtures: [plan.fixtures[0], fx] })).toEqual(['fixtures.1.at']);
    const door = { ...plan.doors[0], a: [1e300, 0] as [number, number], b: [1e300, 1] as [number, number] };
    expect(paths({ ...plan, doors: [door] })).toEqual(['doors.0.a']);
    // 150 m from the outline is still inside a 200 m extent
    expect(paths({ ...plan, fixtures: [{ ...plan.fixtures[0], at: [150, 3] }] })).toEqual([]);
  });
});
