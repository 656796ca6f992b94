import type { Door, Fixture, FixtureKind, FloorPlan, FloorPlanSpec, LengthUnit, PlanPoint, Wall, Zone } from './model';
import { fixtureFootprint, pointSegmentDistance, pointsBounds, polygonContainsPoint, polygonEdges, type BoundsM } from './geometry';

/**
 * Plan element operations around the pure commands (./commands.ts, which do every edit and its inverse): building
 * new elements (fresh ids, catalogue sizes, a door snapped onto the nearest edge with the zones it connects, an
 * outline with its exterior walls, a blank plan), an element's geometry and bounds, the edge a door sits on and the
 * slide it may make along it. Pure; used by the editor. New coordinates are rounded to 0.1 mm (1e-4 m).
 */

/** Round a coordinate to 0.1 mm. */
export function r4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
const rp = (p: PlanPoint): PlanPoint => [r4(p[0]), r4(p[1])];

/** A fresh element id not used in the plan: `<prefix>-<n>`. */
export function freshId(plan: FloorPlan, prefix: string): string {
  const used = new Set<string>([...plan.zones, ...plan.doors, ...plan.fixtures, ...plan.outline.walls].map((e) => e.id));
  let n = plan.zones.length + plan.doors.length + plan.fixtures.length + 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

/** A new zone of `kind` with the given ring and a fresh id (add it with the model's `addZone` command). */
export function newZone(plan: FloorPlan, ring: PlanPoint[], kind: string, name = ''): Zone {
  return { id: freshId(plan, 'zone'), kind, name, polygon: ring.map(rp), attributes: {} };
}

/** Default footprint, height and name per fixture kind (metres); typical catalogue sizes. */
export const FIXTURE_DEFAULTS: Record<FixtureKind, { widthM: number; depthM: number; heightM: number }> = {
  counter: { widthM: 1.8, depthM: 0.7, heightM: 1.05 },
  'low-counter': { widthM: 1.2, depthM: 0.7, heightM: 0.8 },
  atm: { widthM: 0.7, depthM: 0.8, heightM: 1.5 },
  kiosk: { widthM: 0.6, depthM: 0.5, heightM: 1.4 },
  seat: { widthM: 0.5, depthM: 0.5, heightM: 0.45 },
  camera: { widthM: 0.15, depthM: 0.15, heightM: 2.7 },
  alarm: { widthM: 0.15, depthM: 0.1, heightM: 1.2 },
  'queue-barrier': { widthM: 2.0, depthM: 0.1, heightM: 0.95 },
  desk: { widthM: 1.4, depthM: 0.7, heightM: 0.75 },
  table: { widthM: 1.2, depthM: 0.8, heightM: 0.75 },
  'enquiry-desk': { widthM: 1.6, depthM: 0.7, heightM: 0.9 },
  cabinet: { widthM: 0.9, depthM: 0.45, heightM: 1.8 },
};

/** A new fixture of `kind` centred at `at` with the kind's default size and a fresh id. */
export function newFixture(plan: FloorPlan, kind: FixtureKind, at: PlanPoint): Fixture {
  const d = FIXTURE_DEFAULTS[kind];
  return { id: freshId(plan, kind), kind, name: '', at: rp(at), widthM: d.widthM, depthM: d.depthM, rotationDeg: 0, heightM: d.heightM, attributes: {} };
}

/**
 * A new door of opening `widthM` (default 0.9 m, clear width 0.85 m) centred on the zone or
 * outline edge nearest to `at`, lying along that edge. `connects` is worked out from the zones on
 * either side of the edge (a point 0.3 m off each side), "outside" where there is none.
 */
export function newDoor(plan: FloorPlan, at: PlanPoint, widthM = 0.9): Door {
  const rings: PlanPoint[][] = [plan.outline.polygon, ...plan.zones.map((z) => z.polygon)];
  let best: { a: PlanPoint; b: PlanPoint; d: number; t: number } | null = null;
  for (const ring of rings) {
    for (const [a, b] of polygonEdges(ring)) {
      const dx = b[0] - a[0], dy = b[1] - a[1];
      if (dx * dx + dy * dy < widthM * widthM) continue;
      const { distanceM: d, t } = pointSegmentDistance(at, a, b);
      if (!best || d < best.d) best = { a, b, d, t };
    }
  }
  let a: PlanPoint, b: PlanPoint;
  if (best && best.d < 1.5) {
    const len = Math.hypot(best.b[0] - best.a[0], best.b[1] - best.a[1]);
    const ux = (best.b[0] - best.a[0]) / len, uy = (best.b[1] - best.a[1]) / len;
    const half = widthM / 2;
    const s = Math.max(half, Math.min(len - half, best.t * len));
    const cx = best.a[0] + ux * s, cy = best.a[1] + uy * s;
    a = [cx - ux * half, cy - uy * half];
    b = [cx + ux * half, cy + uy * half];
  } else {
    a = [at[0] - widthM / 2, at[1]];
    b = [at[0] + widthM / 2, at[1]];
  }
  const mid: PlanPoint = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const n: PlanPoint = [(b[1] - a[1]) / len, -(b[0] - a[0]) / len];
  const sideZone = (sign: number): string => {
    const p: PlanPoint = [mid[0] + n[0] * 0.3 * sign, mid[1] + n[1] * 0.3 * sign];
    for (let i = plan.zones.length - 1; i >= 0; i--) if (polygonContainsPoint(plan.zones[i].polygon, p)) return plan.zones[i].id;
    return 'outside';
  };
  let c0 = sideZone(1), c1 = sideZone(-1);
  if (c0 === c1 && c0 !== 'outside') c1 = 'outside';
  return {
    id: freshId(plan, 'door'), name: '', a: rp(a), b: rp(b), clearWidthM: r4(widthM - 0.05),
    swing: { type: 'single', hinge: 'a', side: 'left' }, connects: [c0, c1],
    exit: false, mainEntrance: false, accessControlled: false, interlocked: false, lockable: true,
  };
}

/** Length (m) of edge `index` of a zone. */
export function edgeLengthM(z: Zone, index: number): number {
  const a = z.polygon[index], b = z.polygon[(index + 1) % z.polygon.length];
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/**
 * Ids of the doors that connect any of the zones in `zoneIds`. Deleting a zone deletes these
 * with it (as a CAD wall takes its openings), so the plan stays valid (a door may only name
 * existing zones or "outside").
 */
export function doorsOfZones(plan: FloorPlan, zoneIds: readonly string[]): string[] {
  const set = new Set(zoneIds);
  return plan.doors.filter((d) => d.connects.some((c) => c !== 'outside' && set.has(c))).map((d) => d.id);
}

/** The geometry of an element as a ring (zone polygon, fixture footprint, door as a thin quad). */
export function elementRing(plan: FloorPlan, id: string): PlanPoint[] | null {
  const z = plan.zones.find((e) => e.id === id);
  if (z) return z.polygon;
  const f = plan.fixtures.find((e) => e.id === id);
  if (f) return fixtureFootprint(f);
  const d = plan.doors.find((e) => e.id === id);
  if (d) return [d.a, d.b];
  if (id === OUTLINE_ID) return plan.outline.polygon;
  const w = plan.outline.walls.find((e) => e.id === id);
  if (w) return [w.a, w.b];
  return null;
}

/** Axis-aligned bounds of the given elements, or null when none exist. */
export function elementsBounds(plan: FloorPlan, ids: readonly string[]): BoundsM | null {
  const pts = ids.flatMap((id) => elementRing(plan, id) ?? []);
  if (!pts.length) return null;
  return pointsBounds(pts);
}

/** Distance (m) within which both jambs of a door count as lying on an edge's line. */
const DOOR_ON_EDGE_TOL_M = 1e-3;

/**
 * The segment a door sits on: the longest outline edge, zone edge or wall whose line holds both
 * jambs (within 1 mm) and whose extent contains them. Null when the door is on no edge.
 */
export function doorHostEdge(plan: FloorPlan, doorId: string): [PlanPoint, PlanPoint] | null {
  const door = plan.doors.find((d) => d.id === doorId);
  if (!door) return null;
  const segments: [PlanPoint, PlanPoint][] = [
    ...polygonEdges(plan.outline.polygon),
    ...plan.zones.flatMap((z) => polygonEdges(z.polygon)),
    ...plan.outline.walls.map((w) => [w.a, w.b] as [PlanPoint, PlanPoint]),
  ];
  let best: [PlanPoint, PlanPoint] | null = null;
  let bestLen = 0;
  for (const [a, b] of segments) {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len <= bestLen) continue;
    const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
    const on = (p: PlanPoint) => {
      const rx = p[0] - a[0], ry = p[1] - a[1];
      const t = rx * ux + ry * uy;
      return Math.abs(rx * uy - ry * ux) <= DOOR_ON_EDGE_TOL_M && t >= -DOOR_ON_EDGE_TOL_M && t <= len + DOOR_ON_EDGE_TOL_M;
    };
    if (on(door.a) && on(door.b)) { best = [a, b]; bestLen = len; }
  }
  return best;
}

/**
 * The move a lone door may make for a requested (dxM, dyM): projected onto the edge it sits on
 * (so it slides along its wall, never off it) and clamped so both jambs stay within that edge.
 * A door on no edge slides along its own line a→b, unclamped. Returns [dxM, dyM] in metres.
 */
export function slideDoorDelta(plan: FloorPlan, doorId: string, dxM: number, dyM: number): [number, number] {
  const door = plan.doors.find((d) => d.id === doorId);
  if (!door) return [dxM, dyM];
  const host = doorHostEdge(plan, doorId);
  const [a, b] = host ?? [door.a, door.b];
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len === 0) return [0, 0];
  const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
  let s = dxM * ux + dyM * uy;
  if (host) {
    const tA = (door.a[0] - a[0]) * ux + (door.a[1] - a[1]) * uy;
    const tB = (door.b[0] - a[0]) * ux + (door.b[1] - a[1]) * uy;
    s = Math.max(-Math.min(tA, tB), Math.min(len - Math.max(tA, tB), s));
  }
  return [ux * s, uy * s];
}

/**
 * Selection id of the building outline. Not a valid element id (ids may not contain "#"), so it can
 * never clash with a wall, zone, door or fixture.
 */
export const OUTLINE_ID = '#outline';

/** Default envelope wall thickness (m) for walls generated along a drawn outline (a 200 mm block wall). */
export const DEFAULT_EXTERIOR_WALL_M = 0.2;

/**
 * The outline for a newly drawn ring: the polygon (rounded to 0.1 mm) and one exterior wall per edge
 * (thickness {@link DEFAULT_EXTERIOR_WALL_M}, full height, not glazed; fresh ids `wall-<n>`). Interior
 * walls (not `exterior`) are kept; the old exterior walls are replaced. Apply with `setOutline` (its
 * inverse restores the old polygon and walls).
 */
export function outlineWithWalls(plan: FloorPlan, ring: PlanPoint[]): { polygon: PlanPoint[]; walls: Wall[] } {
  const polygon = ring.map(rp);
  const kept = plan.outline.walls.filter((w) => !w.exterior);
  const used = new Set<string>([...plan.zones, ...plan.doors, ...plan.fixtures, ...kept].map((e) => e.id));
  let n = 1;
  const walls: Wall[] = polygonEdges(polygon).map(([a, b]) => {
    while (used.has(`wall-${n}`)) n++;
    used.add(`wall-${n}`);
    return { id: `wall-${n}`, a, b, thicknessM: DEFAULT_EXTERIOR_WALL_M, fullHeight: true, glazed: false, exterior: true };
  });
  return { polygon, walls: [...walls, ...kept] };
}

/** Size (m) of the placeholder outline of a new blank plan: a 12 m × 10 m rectangle, redrawn with the Outline tool. */
export const BLANK_OUTLINE_M: [number, number] = [12, 10];

/**
 * A blank plan to store with `POST /api/plans`: name, branch type, and every length in `units`
 * (the server converts to metres on load): a {@link BLANK_OUTLINE_M} rectangle outline with its four
 * exterior walls (0.2 m) and no zones, doors or fixtures.
 */
export function blankPlan(name: string, branchType: FloorPlan['branchType'], units: LengthUnit): FloorPlanSpec {
  const k = units === 'mm' ? 1000 : units === 'cm' ? 100 : 1;
  const [w, d] = BLANK_OUTLINE_M;
  const empty = { outline: { polygon: [[0, 0], [0, 0], [0, 0]] as PlanPoint[], walls: [] as Wall[] }, zones: [], doors: [], fixtures: [] } as unknown as FloorPlan;
  const o = outlineWithWalls(empty, [[0, 0], [w, 0], [w, d], [0, d]]);
  const s = (p: PlanPoint): PlanPoint => [p[0] * k, p[1] * k];
  return {
    type: 'outlet-planner/floorplan', version: 2, units, name, branchType, source: 'editor: new plan',
    outline: { polygon: o.polygon.map(s), walls: o.walls.map((wl) => ({ ...wl, a: s(wl.a), b: s(wl.b), thicknessM: wl.thicknessM * k })) },
    zones: [], doors: [], fixtures: [],
  };
}
