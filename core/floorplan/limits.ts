/**
 * Plausibility limits for a bank-branch floor plan — the one place they live. `parsePlan` (load.ts) refuses a plan
 * that breaks them with issues naming the field, so neither the plan store, the editor nor the standards checker
 * ever measures one.
 *
 * Why these numbers:
 * - `maxSideM` 200 m and `maxFloorAreaM2` 10,000 m²: a branch is a shop unit — FLOORPLAN-STANDARDS.md's samples run
 *   from a 24 m² self-service pod to a 400 m² flagship, and the largest head-office banking halls are a few thousand
 *   m². The commonest mistake is a plan drawn in cm or mm sent with `units: "m"`: every side 100× (or 1,000×) too long,
 *   which these catch, and which otherwise makes the checker's free-space grids and walking-distance search scale
 *   with a kilometre-wide extent (seconds to minutes of blocked server; "Invalid typed array length" beyond).
 * - `maxRingVertices` 2,000 per polygon: a drawn zone has tens of vertices (a curved counter front a few hundred); the
 *   checker's polygon tests (self-intersection, shared edges, clipping) cost grows about quadratically with a ring's
 *   vertex count (measured: 1k vertices 52 ms, 20k vertices 4–36 s per check).
 * - `maxZones` 1,000, `maxPlanVertices` 20,000, `maxDoors` 1,000, `maxFixtures` 2,000, `maxWalls` 5,000: the largest
 *   sample (flagship-400) has a few dozen zones and the standards benchmark a 200-zone plan (52 ms); these leave 5×
 *   headroom and stop a plan of 500 zones × 2,000 vertices (1,000,054 vertices measured: 59 s of blocked server per
 *   check, and stored as-is) at the door.
 */
import type { FloorPlan, PlanPoint } from './model';
import type { PlanIssue } from './migrate';

export const PLAN_LIMITS = {
  /** Longest side (m) of the outline's, any zone's, and the whole plan's bounding box. */
  maxSideM: 200,
  /** Largest outline floor area (m²). */
  maxFloorAreaM2: 10_000,
  /** Most vertices in one polygon (outline or zone), not counting a repeated closing vertex. */
  maxRingVertices: 2_000,
  /** Most zones in one plan. */
  maxZones: 1_000,
  /** Most polygon vertices in one plan (outline + every zone). */
  maxPlanVertices: 20_000,
  /** Most doors, fixtures and walls in one plan. */
  maxDoors: 1_000,
  maxFixtures: 2_000,
  maxWalls: 5_000,
} as const;

/** At most this many limit issues are listed (the first ones say enough). */
const MAX_ISSUES = 20;

interface Box { minX: number; minY: number; maxX: number; maxY: number }

const EMPTY: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

function grow(b: Box, p: readonly number[]): Box {
  return { minX: Math.min(b.minX, p[0]), minY: Math.min(b.minY, p[1]), maxX: Math.max(b.maxX, p[0]), maxY: Math.max(b.maxY, p[1]) };
}

function boxOf(points: readonly (readonly number[])[]): Box {
  let b = EMPTY;
  for (const p of points) b = grow(b, p);
  return b;
}

const width = (b: Box) => b.maxX - b.minX;
const height = (b: Box) => b.maxY - b.minY;
const tooWide = (b: Box) => !(width(b) <= PLAN_LIMITS.maxSideM && height(b) <= PLAN_LIMITS.maxSideM); // NaN/Infinity too

/** "1,000 m × 600 m" (rounded; "1e+304 m" for absurd sizes). */
function dims(b: Box): string {
  const f = (v: number) => (Math.abs(v) < 1e9 ? `${Math.round(v * 10) / 10}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : v.toPrecision(3));
  return `${f(width(b))} m × ${f(height(b))} m`;
}

/** Shoelace area (m²) without importing geometry.ts (keeps this module dependency-free). */
function ringAreaM2(ring: readonly PlanPoint[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(s) / 2;
}

/** Vertices of a ring not counting a repeated closing vertex. */
function vertexCount(ring: readonly PlanPoint[]): number {
  const n = ring.length;
  return n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1] ? n - 1 : n;
}

const CHECK_UNITS = 'check units: a plan drawn in cm or mm but sent as "m" is 100× or 1,000× too large';

/**
 * Check a plan in metres against {@link PLAN_LIMITS}.
 * @returns issues (empty when plausible), paths as in the plan file: `units` (first, when the outline itself is too
 *   large — most often a units mistake), `outline.polygon`, `zones.<i>.polygon`, or for an element far from the rest
 *   `zones.<i>.polygon` / `outline.walls.<i>.a` / `doors.<i>.a` / `fixtures.<i>.at` (geometry paths, which the GeoJSON
 *   import renames to the user's feature).
 */
export function planLimitIssues(plan: FloorPlan): PlanIssue[] {
  const L = PLAN_LIMITS;
  const issues: PlanIssue[] = [];
  const counts: [string, number, number, string][] = [
    ['zones', plan.zones.length, L.maxZones, 'zones'], ['doors', plan.doors.length, L.maxDoors, 'doors'],
    ['fixtures', plan.fixtures.length, L.maxFixtures, 'fixtures'], ['outline.walls', plan.outline.walls.length, L.maxWalls, 'walls'],
  ];
  for (const [path, n, max, what] of counts) if (n > max) issues.push({ path, message: `the plan has ${n} ${what}; at most ${max.toLocaleString('en-US')} per plan` });
  // one polygon over its own cap is named first (the user's zone or feature), before the plan-wide total
  if (vertexCount(plan.outline.polygon) > L.maxRingVertices) {
    issues.push({ path: 'outline.polygon', message: `the outline has ${vertexCount(plan.outline.polygon)} vertices; at most ${L.maxRingVertices} per polygon (simplify it)` });
  }
  plan.zones.forEach((z, i) => {
    const n = vertexCount(z.polygon);
    if (n > L.maxRingVertices) issues.push({ path: `zones.${i}.polygon`, message: `zone "${z.id}" has ${n} vertices; at most ${L.maxRingVertices} per polygon (simplify it)` });
  });
  if (issues.length) return issues.slice(0, MAX_ISSUES);
  const totalVertices = plan.zones.reduce((sum, z) => sum + z.polygon.length, plan.outline.polygon.length);
  if (totalVertices > L.maxPlanVertices) {
    issues.push({ path: 'zones', message: `the plan has ${totalVertices.toLocaleString('en-US')} polygon vertices in all; at most ${L.maxPlanVertices.toLocaleString('en-US')} per plan (simplify its zones)` });
  }
  if (issues.length) return issues;
  const outline = plan.outline.polygon;
  const ob = boxOf(outline);
  const areaM2 = ringAreaM2(outline);
  if (tooWide(ob) || !(areaM2 <= L.maxFloorAreaM2)) {
    const what = `the outline is ${dims(ob)} (${areaM2 < 1e9 ? Math.round(areaM2).toLocaleString('en-US') : areaM2.toPrecision(3)} m²); a branch plan is at most ${L.maxSideM} m a side and ${L.maxFloorAreaM2.toLocaleString('en-US')} m²`;
    issues.push({ path: 'units', message: `${what} — ${CHECK_UNITS}` });
    issues.push({ path: 'outline.polygon', message: what });
  }
  plan.zones.forEach((z, i) => {
    const b = boxOf(z.polygon);
    if (tooWide(b)) issues.push({ path: `zones.${i}.polygon`, message: `zone "${z.id}" is ${dims(b)}; at most ${L.maxSideM} m a side — ${CHECK_UNITS}` });
  });
  if (issues.length) return issues.slice(0, MAX_ISSUES);
  // every element within one plausible extent: name the one farthest out
  const parts: { path: string; box: Box }[] = [
    { path: 'outline.polygon', box: ob },
    ...plan.zones.map((z, i) => ({ path: `zones.${i}.polygon`, box: boxOf(z.polygon) })),
    ...plan.outline.walls.map((w, i) => ({ path: `outline.walls.${i}.a`, box: boxOf([w.a, w.b]) })),
    ...plan.doors.map((d, i) => ({ path: `doors.${i}.a`, box: boxOf([d.a, d.b]) })),
    ...plan.fixtures.map((f, i) => {
      const r = Math.hypot(f.widthM, f.depthM) / 2;
      return { path: `fixtures.${i}.at`, box: { minX: f.at[0] - r, minY: f.at[1] - r, maxX: f.at[0] + r, maxY: f.at[1] + r } };
    }),
  ];
  const all = parts.reduce((b, p) => grow(grow(b, [p.box.minX, p.box.minY]), [p.box.maxX, p.box.maxY]), EMPTY);
  if (!tooWide(all)) return [];
  const cx = (ob.minX + ob.maxX) / 2, cy = (ob.minY + ob.maxY) / 2;
  const reach = (b: Box) => Math.max(Math.abs(b.minX - cx), Math.abs(b.maxX - cx), Math.abs(b.minY - cy), Math.abs(b.maxY - cy));
  let far = parts[0];
  for (const p of parts) if (!(reach(p.box) <= reach(far.box))) far = p; // NaN-safe: a non-finite reach wins
  return [{ path: far.path, message: `the plan spans ${dims(all)}, ${far.path} reaching farthest from the outline; a branch plan is at most ${L.maxSideM} m a side — ${CHECK_UNITS}` }];
}
