import type { Door, Fixture, FixtureKind, FloorPlan, PlanPoint, Zone } from '../../../core/floorplan/model';
import { fixtureFootprint, pointsBounds, polygonEdges, rotatePoint } from '../../../core/floorplan/geometry';
import type { Box } from '../tools/types';

/**
 * Pure edits the editor applies to a plan (metres). Each takes a plan and returns a new plan; the
 * editor diffs old → new into an undoable patch (state/patch.ts). Lengths are stored as
 * dimensions (fixture `widthM`/`depthM`, zone vertices), never as a scale factor.
 *
 * Rounding: coordinates produced here are rounded to 0.1 mm (1e-4 m) so repeated edits do not
 * accumulate float noise (e.g. 3.4999999 m shown as 3.5 m but stored as 3.4999999).
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

/** Add a zone of `kind` with the given ring; returns the plan and the new id. */
export function addZone(plan: FloorPlan, ring: PlanPoint[], kind: string, name = ''): { plan: FloorPlan; id: string } {
  const id = freshId(plan, 'zone');
  const zone: Zone = { id, kind, name, polygon: ring.map(rp), attributes: {} };
  return { plan: { ...plan, zones: [...plan.zones, zone] }, id };
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

/** Place a fixture of `kind` centred at `at` with the kind's default size. */
export function addFixture(plan: FloorPlan, kind: FixtureKind, at: PlanPoint): { plan: FloorPlan; id: string } {
  const id = freshId(plan, kind);
  const d = FIXTURE_DEFAULTS[kind];
  const f: Fixture = { id, kind, name: '', at: rp(at), widthM: d.widthM, depthM: d.depthM, rotationDeg: 0, heightM: d.heightM, attributes: {} };
  return { plan: { ...plan, fixtures: [...plan.fixtures, f] }, id };
}

/**
 * Place a door of opening `widthM` (default 0.9 m, clear width 0.85 m) centred on the zone or
 * outline edge nearest to `at`, lying along that edge. `connects` is worked out from the zones on
 * either side of the edge (a point 0.3 m off each side), "outside" where there is none.
 */
export function addDoor(plan: FloorPlan, at: PlanPoint, widthM = 0.9): { plan: FloorPlan; id: string } {
  const rings: PlanPoint[][] = [plan.outline.polygon, ...plan.zones.map((z) => z.polygon)];
  let best: { a: PlanPoint; b: PlanPoint; d: number; t: number } | null = null;
  for (const ring of rings) {
    for (const [a, b] of polygonEdges(ring)) {
      const dx = b[0] - a[0], dy = b[1] - a[1];
      const len2 = dx * dx + dy * dy;
      if (len2 < widthM * widthM) continue;
      const t = Math.max(0, Math.min(1, ((at[0] - a[0]) * dx + (at[1] - a[1]) * dy) / len2));
      const px = a[0] + t * dx, py = a[1] + t * dy;
      const d = Math.hypot(at[0] - px, at[1] - py);
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
    for (let i = plan.zones.length - 1; i >= 0; i--) if (pointInRing(p, plan.zones[i].polygon)) return plan.zones[i].id;
    return 'outside';
  };
  let c0 = sideZone(1), c1 = sideZone(-1);
  if (c0 === c1 && c0 !== 'outside') c1 = 'outside';
  const id = freshId(plan, 'door');
  const door: Door = {
    id, name: '', a: rp(a), b: rp(b), clearWidthM: r4(widthM - 0.05),
    swing: { type: 'single', hinge: 'a', side: 'left' }, connects: [c0, c1],
    exit: false, mainEntrance: false, accessControlled: false, interlocked: false, lockable: true,
  };
  return { plan: { ...plan, doors: [...plan.doors, door] }, id };
}

/** Even-odd point-in-polygon test (boundary points may fall either way). */
export function pointInRing(p: PlanPoint, ring: readonly PlanPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function mapElements(plan: FloorPlan, ids: readonly string[], f: {
  zone?: (z: Zone) => Zone; door?: (d: Door) => Door; fixture?: (x: Fixture) => Fixture;
}): FloorPlan {
  const set = new Set(ids);
  return {
    ...plan,
    zones: f.zone ? plan.zones.map((z) => (set.has(z.id) ? f.zone!(z) : z)) : plan.zones,
    doors: f.door ? plan.doors.map((d) => (set.has(d.id) ? f.door!(d) : d)) : plan.doors,
    fixtures: f.fixture ? plan.fixtures.map((x) => (set.has(x.id) ? f.fixture!(x) : x)) : plan.fixtures,
  };
}

/** Move elements by (dxM, dyM). */
export function translateElements(plan: FloorPlan, ids: readonly string[], dxM: number, dyM: number): FloorPlan {
  const mv = (p: PlanPoint): PlanPoint => [r4(p[0] + dxM), r4(p[1] + dyM)];
  return mapElements(plan, ids, {
    zone: (z) => ({ ...z, polygon: z.polygon.map(mv) }),
    door: (d) => ({ ...d, a: mv(d.a), b: mv(d.b) }),
    fixture: (x) => ({ ...x, at: mv(x.at) }),
  });
}

/**
 * Resize elements by mapping the box `from` onto `to`: zone vertices and door jambs are mapped
 * point by point; a fixture's centre is mapped and its width/depth scaled along the axes they lie
 * on (a fixture rotated 90° swaps the axes; other angles scale both sides by the mean factor).
 */
export function resizeElements(plan: FloorPlan, ids: readonly string[], from: Box, to: Box): FloorPlan {
  const fw = from.maxX - from.minX, fh = from.maxY - from.minY;
  const sx = fw > 1e-9 ? (to.maxX - to.minX) / fw : 1;
  const sy = fh > 1e-9 ? (to.maxY - to.minY) / fh : 1;
  const mp = (p: PlanPoint): PlanPoint => [r4(to.minX + (p[0] - from.minX) * sx), r4(to.minY + (p[1] - from.minY) * sy)];
  return mapElements(plan, ids, {
    zone: (z) => ({ ...z, polygon: z.polygon.map(mp) }),
    door: (d) => ({ ...d, a: mp(d.a), b: mp(d.b) }),
    fixture: (x) => {
      const q = (((x.rotationDeg % 180) + 180) % 180);
      const [kw, kd] = Math.abs(q) < 1e-6 ? [sx, sy] : Math.abs(q - 90) < 1e-6 ? [sy, sx] : [Math.sqrt(sx * sy), Math.sqrt(sx * sy)];
      return { ...x, at: mp(x.at), widthM: r4(Math.max(0.01, x.widthM * kw)), depthM: r4(Math.max(0.01, x.depthM * kd)) };
    },
  });
}

/** Rotate elements about `center` by `angleRad` (clockwise on screen); fixtures also turn their `rotationDeg`. */
export function rotateElements(plan: FloorPlan, ids: readonly string[], center: PlanPoint, angleRad: number): FloorPlan {
  const deg = (angleRad * 180) / Math.PI;
  const rot = (p: PlanPoint): PlanPoint => rp(rotatePoint(p, deg, center));
  return mapElements(plan, ids, {
    zone: (z) => ({ ...z, polygon: z.polygon.map(rot) }),
    door: (d) => ({ ...d, a: rot(d.a), b: rot(d.b) }),
    fixture: (x) => ({ ...x, at: rot(x.at), rotationDeg: r4(normDeg(x.rotationDeg + deg)) }),
  });
}

function normDeg(d: number): number {
  const n = ((d % 360) + 360) % 360;
  return n > 359.9999 ? 0 : n;
}

/** Move one vertex of a zone. */
export function moveVertex(plan: FloorPlan, zoneId: string, index: number, to: PlanPoint): FloorPlan {
  return mapElements(plan, [zoneId], { zone: (z) => ({ ...z, polygon: z.polygon.map((p, i) => (i === index ? rp(to) : p)) }) });
}

/** Delete a vertex of a zone (kept when it would leave fewer than 3). */
export function deleteVertex(plan: FloorPlan, zoneId: string, index: number): FloorPlan {
  return mapElements(plan, [zoneId], { zone: (z) => (z.polygon.length <= 3 ? z : { ...z, polygon: z.polygon.filter((_, i) => i !== index) }) });
}

/**
 * Set the length of edge `index` (vertex index → index+1) of a zone to `lengthM`, keeping the
 * edge's start and direction. The far vertex moves along the edge; when the following edge is
 * perpendicular (a rectangle's side), the vertex after it moves by the same amount, so a
 * rectangle stays a rectangle and its opposite side changes length too.
 */
export function setEdgeLength(plan: FloorPlan, zoneId: string, index: number, lengthM: number): FloorPlan {
  if (!(lengthM > 0)) return plan;
  return mapElements(plan, [zoneId], {
    zone: (z) => {
      const ring = z.polygon.slice();
      const n = ring.length;
      const i1 = (index + 1) % n;
      const i2 = (index + 2) % n;
      const a = ring[index], b = ring[i1];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len < 1e-9) return z;
      const ux = (b[0] - a[0]) / len, uy = (b[1] - a[1]) / len;
      const dx = ux * (lengthM - len), dy = uy * (lengthM - len);
      const c = ring[i2];
      const nx = c[0] - b[0], ny = c[1] - b[1];
      const nlen = Math.hypot(nx, ny);
      // within ~0.06° of square (coordinates are stored to 0.1 mm, so exact 90° is not guaranteed)
      const perpendicular = nlen > 1e-9 && Math.abs((nx * ux + ny * uy) / nlen) < 1e-3;
      ring[i1] = rp([b[0] + dx, b[1] + dy]);
      if (perpendicular && n >= 4 && i2 !== index) ring[i2] = rp([c[0] + dx, c[1] + dy]);
      return { ...z, polygon: ring };
    },
  });
}

/** Length (m) of edge `index` of a zone. */
export function edgeLengthM(z: Zone, index: number): number {
  const a = z.polygon[index], b = z.polygon[(index + 1) % z.polygon.length];
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/**
 * Delete elements. Doors that connect a deleted zone go with it (as a CAD wall takes its
 * openings), so the plan stays valid (a door may only name existing zones).
 */
export function deleteElements(plan: FloorPlan, ids: readonly string[]): FloorPlan {
  const set = new Set(ids);
  const zones = plan.zones.filter((z) => !set.has(z.id));
  return {
    ...plan,
    zones,
    doors: plan.doors.filter((d) => !set.has(d.id) && !d.connects.some((c) => c !== 'outside' && set.has(c))),
    fixtures: plan.fixtures.filter((x) => !set.has(x.id)),
  };
}

/** Duplicate elements with fresh ids, offset by (dxM, dyM); returns the new ids (in the same order). */
export function duplicateElements(plan: FloorPlan, ids: readonly string[], dxM = 0.5, dyM = 0.5): { plan: FloorPlan; ids: string[] } {
  let p = plan;
  const out: string[] = [];
  const mv = (q: PlanPoint): PlanPoint => [r4(q[0] + dxM), r4(q[1] + dyM)];
  for (const id of ids) {
    const z = p.zones.find((e) => e.id === id);
    if (z) {
      const nid = freshId(p, 'zone');
      p = { ...p, zones: [...p.zones, { ...z, id: nid, polygon: z.polygon.map(mv), attributes: { ...z.attributes } }] };
      out.push(nid);
      continue;
    }
    const f = p.fixtures.find((e) => e.id === id);
    if (f) {
      const nid = freshId(p, f.kind);
      p = { ...p, fixtures: [...p.fixtures, { ...f, id: nid, at: mv(f.at), attributes: { ...f.attributes } }] };
      out.push(nid);
      continue;
    }
    const d = p.doors.find((e) => e.id === id);
    if (d) {
      const nid = freshId(p, 'door');
      p = { ...p, doors: [...p.doors, { ...d, id: nid, a: mv(d.a), b: mv(d.b), swing: { ...d.swing }, connects: [...d.connects] as [string, string] }] };
      out.push(nid);
    }
  }
  return { plan: p, ids: out };
}

/** Shallow-merge `patch` into the element with this id (zones, doors or fixtures). */
export function setElementProps(plan: FloorPlan, id: string, patch: Partial<Zone> | Partial<Door> | Partial<Fixture>): FloorPlan {
  return mapElements(plan, [id], {
    zone: (z) => ({ ...z, ...(patch as Partial<Zone>) }),
    door: (d) => ({ ...d, ...(patch as Partial<Door>) }),
    fixture: (x) => ({ ...x, ...(patch as Partial<Fixture>) }),
  });
}

/** The geometry of an element as a ring (zone polygon, fixture footprint, door as a thin quad). */
export function elementRing(plan: FloorPlan, id: string): PlanPoint[] | null {
  const z = plan.zones.find((e) => e.id === id);
  if (z) return z.polygon;
  const f = plan.fixtures.find((e) => e.id === id);
  if (f) return fixtureFootprint(f);
  const d = plan.doors.find((e) => e.id === id);
  if (d) return [d.a, d.b];
  return null;
}

/** Axis-aligned bounds of the given elements, or null when none exist. */
export function elementsBounds(plan: FloorPlan, ids: readonly string[]): Box | null {
  const pts = ids.flatMap((id) => elementRing(plan, id) ?? []);
  if (!pts.length) return null;
  return pointsBounds(pts);
}
