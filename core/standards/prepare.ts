/**
 * A plan prepared for checking: measured zones (area, bounds, validity), fixture footprints, the zone graph
 * (doors and open shared edges) and, on demand, the customer free-space grid. Built once per check run and
 * shared by every check module; caches are per instance (no module-level state).
 */
import type { Door, Fixture, FloorPlan, PlanPoint, Zone } from '../floorplan/model';
import { fixtureFootprint, fixtureFrontNormal, openRing, pointsBounds, polygonAreaM2, polygonCentroid, polygonContainsPoint } from '../floorplan/geometry';
import { ZONE_KINDS, zoneDisplayName, type ZoneKind } from '../floorplan/zoneKinds';
import { ringProblems, sharedEdges, type RingProblem } from './geom/polygon';
import Flatbush from 'flatbush';
import { SegmentIndex } from './geom/segmentIndex';
import { burnRing, createGrid, distanceTransform, forEachCellInRing, type Grid } from './geom/raster';

export interface PreparedZone {
  zone: Zone;
  ring: PlanPoint[];
  areaM2: number;
  centroid: PlanPoint;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  problems: RingProblem[];
  /** false for degenerate / invalid polygons: reported by zone-validity, skipped by geometric checks */
  valid: boolean;
  kind: ZoneKind | undefined;
  customerAccess: boolean;
  secure: boolean;
}

export interface PreparedFixture {
  fixture: Fixture;
  footprint: PlanPoint[];
  frontNormal: PlanPoint;
  /** zone containing the fixture centre, if any */
  zoneId: string | null;
}

/** A link in the zone graph: a door or an open (unwalled) shared boundary. */
export interface ZoneLink {
  from: string;
  to: string; // zone id or 'outside'
  via: 'door' | 'open';
  door?: Door;
  /** for open links: the shared stretch */
  a: PlanPoint;
  b: PlanPoint;
  widthM: number;
  accessControlled: boolean;
}

/** Fixtures that are not floor obstacles (wall- or ceiling-mounted). */
export const NON_OBSTACLE_FIXTURES = new Set(['camera', 'alarm']);

export interface PreparedPlan {
  plan: FloorPlan;
  zones: PreparedZone[];
  zoneById: Map<string, PreparedZone>;
  fixtures: PreparedFixture[];
  outline: PlanPoint[];
  outlineValid: boolean;
  sprinklered: boolean;
  /** zone graph (lazy) */
  links(): ZoneLink[];
  /** customer free space grid + distance transform (lazy) */
  freeSpace(): FreeSpace;
  /**
   * The free space inside a window only (for re-checking a drag frame): same cell size as the whole plan's
   * grid; free cells on the window's edge stand for the space beyond it (FreeSpace.window is set).
   */
  freeSpaceIn(window: Bounds): FreeSpace;
}

export interface Bounds { minX: number; minY: number; maxX: number; maxY: number }

export interface FreeSpace {
  grid: Grid;
  distM: Float32Array;
  nearest: Int32Array;
  /** zone index (into prepared.zones) per cell, −1 if none */
  zoneOfCell: Int32Array;
  /** cells inside door openings (never a neck: doors have their own width rule) */
  doorCell: Uint8Array;
  /** set when built for a window: the window's bounds */
  window?: Bounds;
  /** every boundary segment of the free space's obstacles (zone edges, walls, fixtures) for exact measuring */
  segments: [PlanPoint, PlanPoint][];
  segmentIndex: SegmentIndex;
}

/** Grid cell size used for free-space analysis: 2.5 cm on a branch, coarser on a large plan (≤ ~200k cells). */
export function freeSpaceCellM(bounds: { minX: number; minY: number; maxX: number; maxY: number }): number {
  const areaM2 = Math.max(1, (bounds.maxX - bounds.minX) * (bounds.maxY - bounds.minY));
  return Math.max(0.025, Math.ceil(Math.sqrt(areaM2 / 200_000) / 0.0125) * 0.0125); // 12.5 mm steps: stable under small edits
}

/**
 * Prepare a plan (in metres, as returned by core/floorplan/load.ts) for checking.
 * @param kinds zone kinds (default layouts/zone-kinds.json)
 */
export function preparePlan(plan: FloorPlan, kinds: readonly ZoneKind[] = ZONE_KINDS): PreparedPlan {
  const kindById = new Map(kinds.map((k) => [k.id, k]));
  const zones: PreparedZone[] = plan.zones.map((zone) => {
    const ring = openRing(zone.polygon);
    const problems = ringProblems(ring);
    const kind = kindById.get(zone.kind);
    // findings name an unnamed zone by its kind and index ("Waiting area 2"), never by its internal id
    const named = zone.name.trim() ? zone : { ...zone, name: zoneDisplayName(zone, plan.zones) };
    return {
      zone: named, ring, areaM2: polygonAreaM2(ring), centroid: polygonCentroid(ring), bounds: pointsBounds(ring), problems,
      valid: problems.length === 0, kind, customerAccess: kind?.customerAccess ?? false, secure: kind?.secure ?? false,
    };
  });
  const zoneById = new Map(zones.map((z) => [z.zone.id, z]));
  const outline = openRing(plan.outline.polygon);
  const zoneIndex = zones.length ? new Flatbush(zones.length) : null;
  for (const z of zones) zoneIndex!.add(z.bounds.minX, z.bounds.minY, z.bounds.maxX, z.bounds.maxY);
  zoneIndex?.finish();
  const fixtures: PreparedFixture[] = plan.fixtures.map((f) => {
    const footprint = fixtureFootprint(f);
    const host = (zoneIndex ? zoneIndex.search(f.at[0], f.at[1], f.at[0], f.at[1]).map((i) => zones[i]) : []).find((z) => z.valid && pointInside(f.at, z));
    return { fixture: f, footprint, frontNormal: fixtureFrontNormal(f), zoneId: host?.zone.id ?? null };
  });
  let links: ZoneLink[] | undefined;
  let free: FreeSpace | undefined;
  const prepared: PreparedPlan = {
    plan, zones, zoneById, fixtures, outline,
    outlineValid: ringProblems(outline).length === 0,
    sprinklered: plan.zones.some((z) => z.attributes.sprinklered === true),
    links: () => (links ??= buildLinks(prepared)),
    freeSpace: () => (free ??= buildFreeSpace(prepared)),
    freeSpaceIn: (w: Bounds) => buildFreeSpace(prepared, w),
  };
  return prepared;
}

function pointInside(p: PlanPoint, z: PreparedZone): boolean {
  const b = z.bounds;
  if (p[0] < b.minX || p[0] > b.maxX || p[1] < b.minY || p[1] > b.maxY) return false;
  return polygonContainsPoint(z.ring, p);
}

/** Wall footprint rectangle (centreline a→b, thickness). */
export function wallRectangle(a: PlanPoint, b: PlanPoint, thicknessM: number): PlanPoint[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  const nx = (-(b[1] - a[1]) / len) * (thicknessM / 2), ny = ((b[0] - a[0]) / len) * (thicknessM / 2);
  return [[a[0] + nx, a[1] + ny], [b[0] + nx, b[1] + ny], [b[0] - nx, b[1] - ny], [a[0] - nx, a[1] - ny]];
}

/** Length of [lo,hi] along a→b not covered by the given intervals. */
function uncovered(lo: number, hi: number, covers: [number, number][]): [number, number][] {
  let parts: [number, number][] = [[lo, hi]];
  for (const [c0, c1] of covers) {
    const next: [number, number][] = [];
    for (const [p0, p1] of parts) {
      if (c1 <= p0 || c0 >= p1) { next.push([p0, p1]); continue; }
      if (c0 > p0) next.push([p0, c0]);
      if (c1 < p1) next.push([c1, p1]);
    }
    parts = next;
  }
  return parts;
}

/**
 * The zone graph. Doors link the two zones they connect (or a zone and "outside"). Two zones also link
 * where their shared boundary has an unwalled stretch (no wall centreline within half its thickness + 2 cm
 * along it) of at least 0.3 m: an open-plan boundary customers can walk across.
 */
function buildLinks(p: PreparedPlan): ZoneLink[] {
  const out: ZoneLink[] = [];
  for (const d of p.plan.doors) {
    const [from, to] = d.connects;
    out.push({ from, to, via: 'door', door: d, a: d.a, b: d.b, widthM: d.clearWidthM, accessControlled: d.accessControlled || d.interlocked });
  }
  const walls = p.plan.outline.walls;
  const valid = p.zones.filter((z) => z.valid);
  const index = valid.length ? new Flatbush(valid.length) : null;
  for (const z of valid) index!.add(z.bounds.minX - 0.02, z.bounds.minY - 0.02, z.bounds.maxX + 0.02, z.bounds.maxY + 0.02);
  index?.finish();
  for (let i = 0; i < valid.length; i++) {
    const near = index!.search(valid[i].bounds.minX - 0.02, valid[i].bounds.minY - 0.02, valid[i].bounds.maxX + 0.02, valid[i].bounds.maxY + 0.02).sort((x, y) => x - y);
    for (const j of near) {
      if (j <= i) continue;
      const A = valid[i], B = valid[j];
      if (A.bounds.maxX < B.bounds.minX - 0.02 || B.bounds.maxX < A.bounds.minX - 0.02
        || A.bounds.maxY < B.bounds.minY - 0.02 || B.bounds.maxY < A.bounds.minY - 0.02) continue;
      for (const s of sharedEdges(A.ring, B.ring, 0.02)) {
        const len = s.lengthM;
        const ux = (s.b[0] - s.a[0]) / len, uy = (s.b[1] - s.a[1]) / len;
        const covers: [number, number][] = [];
        for (const w of walls) {
          const tol = w.thicknessM / 2 + 0.02;
          const da = Math.abs((w.a[0] - s.a[0]) * uy - (w.a[1] - s.a[1]) * ux);
          const db = Math.abs((w.b[0] - s.a[0]) * uy - (w.b[1] - s.a[1]) * ux);
          if (da > tol || db > tol) continue;
          const t1 = (w.a[0] - s.a[0]) * ux + (w.a[1] - s.a[1]) * uy;
          const t2 = (w.b[0] - s.a[0]) * ux + (w.b[1] - s.a[1]) * uy;
          covers.push([Math.min(t1, t2), Math.max(t1, t2)]);
        }
        for (const [t0, t1] of uncovered(0, len, covers)) {
          if (t1 - t0 < 0.3) continue;
          out.push({
            from: A.zone.id, to: B.zone.id, via: 'open',
            a: [s.a[0] + ux * t0, s.a[1] + uy * t0], b: [s.a[0] + ux * t1, s.a[1] + uy * t1], widthM: t1 - t0, accessControlled: false,
          });
        }
      }
    }
  }
  return out;
}

/**
 * Customer free space on a grid: cells inside valid customer-access zones (and the outline), minus fixture
 * footprints and wall thickness; door openings stay free.
 */
function buildFreeSpace(p: PreparedPlan, window?: Bounds): FreeSpace {
  const customer = p.zones.filter((z) => z.valid && z.customerAccess);
  const bounds = customer.length
    ? customer.reduce((b, z) => ({
      minX: Math.min(b.minX, z.bounds.minX), minY: Math.min(b.minY, z.bounds.minY),
      maxX: Math.max(b.maxX, z.bounds.maxX), maxY: Math.max(b.maxY, z.bounds.maxY),
    }), { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity })
    : { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  const cellM = freeSpaceCellM(bounds);
  const gb = window ? {
    minX: Math.max(bounds.minX, window.minX), minY: Math.max(bounds.minY, window.minY),
    maxX: Math.min(bounds.maxX, window.maxX), maxY: Math.min(bounds.maxY, window.maxY),
  } : bounds;
  if (gb.maxX <= gb.minX || gb.maxY <= gb.minY) { gb.maxX = gb.minX + cellM; gb.maxY = gb.minY + cellM; }
  const grid = createGrid(gb, cellM);
  const zoneOfCell = new Int32Array(grid.nx * grid.ny).fill(-1);
  const segments: [PlanPoint, PlanPoint][] = [];
  const addRing = (r: PlanPoint[]) => r.forEach((pt, i) => segments.push([pt, r[(i + 1) % r.length]]));
  // free where a customer zone is; remember the first zone covering each cell
  const gx1 = grid.x0 + grid.nx * grid.cellM, gy1 = grid.y0 + grid.ny * grid.cellM;
  p.zones.forEach((z, idx) => {
    if (!z.valid || !z.customerAccess) return;
    if (z.bounds.maxX < grid.x0 || z.bounds.minX > gx1 || z.bounds.maxY < grid.y0 || z.bounds.minY > gy1) { addRing(z.ring); return; }
    forEachCellInRing(grid, z.ring, (k) => { grid.free[k] = 1; if (zoneOfCell[k] === -1) zoneOfCell[k] = idx; });
    addRing(z.ring);
  });
  if (p.outlineValid) {
    // outside the outline is blocked
    const inside = new Uint8Array(grid.nx * grid.ny);
    forEachCellInRing(grid, p.outline, (k) => { inside[k] = 1; });
    for (let k = 0; k < inside.length; k++) if (!inside[k]) grid.free[k] = 0;
    addRing(p.outline);
  }
  // walls separate spaces along their centreline (zones are drawn to wall centrelines, and the samples'
  // tape-measure widths are between zone edges): burn a one-cell line, measure against the centreline
  for (const w of p.plan.outline.walls) {
    burnRing(grid, wallRectangle(w.a, w.b, grid.cellM * 1.01), 0);
    segments.push([w.a, w.b]);
  }
  for (const f of p.fixtures) {
    if (NON_OBSTACLE_FIXTURES.has(f.fixture.kind)) continue;
    burnRing(grid, f.footprint, 0);
    addRing(f.footprint);
  }
  const doorCell = new Uint8Array(grid.nx * grid.ny);
  for (const d of p.plan.doors) {
    const wall = p.plan.outline.walls.find((w) => nearLine(d.a, w.a, w.b, w.thicknessM / 2 + 0.02) && nearLine(d.b, w.a, w.b, w.thicknessM / 2 + 0.02));
    const depth = (wall?.thicknessM ?? 0.1) + 2 * grid.cellM;
    const r = wallRectangle(d.a, d.b, depth);
    forEachCellInRing(grid, r, (k) => { grid.free[k] = 1; doorCell[k] = 1; });
  }
  for (let k = 0; k < zoneOfCell.length; k++) if (zoneOfCell[k] === -1 && !doorCell[k]) grid.free[k] = 0;
  const { distM, nearest } = distanceTransform(grid);
  const near = window
    ? segments.filter(([a, b]) => Math.max(a[0], b[0]) >= gb.minX - 3 && Math.min(a[0], b[0]) <= gb.maxX + 3 && Math.max(a[1], b[1]) >= gb.minY - 3 && Math.min(a[1], b[1]) <= gb.maxY + 3)
    : segments;
  return { grid, distM, nearest, zoneOfCell, doorCell, segments: near, segmentIndex: new SegmentIndex(near), ...(window ? { window: gb } : {}) };
}

function nearLine(p: PlanPoint, a: PlanPoint, b: PlanPoint, tol: number): boolean {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (len === 0) return false;
  const d = Math.abs((p[0] - a[0]) * (b[1] - a[1]) - (p[1] - a[1]) * (b[0] - a[0])) / len;
  const t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (len * len);
  return d <= tol && t >= -0.01 && t <= 1.01;
}

