/**
 * Planar geometry: the one home of 2-D point, segment and polygon maths in the project (plan metres, y down, in
 * the floor-plan model and the standards checks; the editor also calls it on screen pixels). Pure and exact where
 * the maths allows (shoelace area, not a bounding box). Rings may be either winding and may repeat their first vertex
 * at the end. Noun-first names (`polygonContainsPoint`, `pointSegmentDistance`).
 */
import type { Door, Fixture, PlanPoint } from './model';

/** Axis-aligned bounding box in metres. */
export interface BoundsM { minX: number; minY: number; maxX: number; maxY: number }

/** Drop a repeated closing vertex (first === last) if present. */
export function openRing(ring: readonly PlanPoint[]): PlanPoint[] {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return ring.slice(0, n - 1);
  return ring.slice();
}

/**
 * Signed shoelace area in m²: positive when the ring runs clockwise on screen (y down), i.e. counter-clockwise
 * in y-up maths convention. Ignores a repeated closing vertex.
 */
export function polygonSignedAreaM2(ring: readonly PlanPoint[]): number {
  const r = openRing(ring);
  let s = 0;
  for (let i = 0, n = r.length; i < n; i++) {
    const [x1, y1] = r[i];
    const [x2, y2] = r[(i + 1) % n];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/**
 * Area of a simple polygon in m² (shoelace formula), independent of winding and of a repeated closing vertex.
 * A rotated 3 × 4 m rectangle measures 12 m² (to float precision), not its bounding box.
 * @example polygonAreaM2([[0, 0], [4, 0], [4, 3], [0, 3]]) // 12
 */
export function polygonAreaM2(ring: readonly PlanPoint[]): number {
  return Math.abs(polygonSignedAreaM2(ring));
}

/** Perimeter in metres (closed ring). */
export function polygonPerimeterM(ring: readonly PlanPoint[]): number {
  return polygonEdges(ring).reduce((s, [a, b]) => s + pointDistanceM(a, b), 0);
}

/**
 * Area centroid of a simple polygon (metres). Falls back to the vertex mean for a zero-area ring.
 * @example polygonCentroid([[0, 0], [4, 0], [4, 2], [0, 2]]) // [2, 1]
 */
export function polygonCentroid(ring: readonly PlanPoint[]): PlanPoint {
  const r = openRing(ring);
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, n = r.length; i < n; i++) {
    const [x1, y1] = r[i];
    const [x2, y2] = r[(i + 1) % n];
    const c = x1 * y2 - x2 * y1;
    a += c; cx += (x1 + x2) * c; cy += (y1 + y2) * c;
  }
  if (Math.abs(a) < 1e-12) {
    const n = r.length || 1;
    return [r.reduce((s, p) => s + p[0], 0) / n, r.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/** The ring's edges as [start, end] pairs, closing back to the first vertex. */
export function polygonEdges(ring: readonly PlanPoint[]): [PlanPoint, PlanPoint][] {
  const r = openRing(ring);
  return r.map((p, i) => [p, r[(i + 1) % r.length]]);
}

/** Bounding box of any set of points (metres). @throws Error for an empty list. */
export function pointsBounds(points: readonly PlanPoint[]): BoundsM {
  if (!points.length) throw new Error('pointsBounds: no points');
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x; if (x > maxX) maxX = x;
    if (y < minY) minY = y; if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

/** Straight-line distance between two plan points, metres. */
export function pointDistanceM(a: PlanPoint, b: PlanPoint): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/**
 * Degrees → radians, reduced modulo 360 first: any finite angle gives a finite result (1e308 × π would overflow
 * to Infinity, and cos(Infinity) is NaN). Exact for |angleDeg| < 360 (the remainder is then the angle itself).
 */
function degToRad(angleDeg: number): number {
  return ((angleDeg % 360) * Math.PI) / 180;
}

/** Rotate `p` about `about` by `angleDeg`, clockwise on screen (y down), as Konva does. */
export function rotatePoint(p: PlanPoint, angleDeg: number, about: PlanPoint = [0, 0]): PlanPoint {
  const t = degToRad(angleDeg);
  const c = Math.cos(t), s = Math.sin(t);
  const x = p[0] - about[0], y = p[1] - about[1];
  return [about[0] + x * c - y * s, about[1] + x * s + y * c];
}

/**
 * The four corners of a `widthM × depthM` rectangle centred on `centre`, rotated `rotationDeg` (clockwise on screen).
 * Corner order: back-left, back-right, front-right, front-left in the unrotated frame (front = +y).
 */
export function rectanglePolygon(centre: PlanPoint, widthM: number, depthM: number, rotationDeg = 0): PlanPoint[] {
  const w = widthM / 2, d = depthM / 2;
  const local: PlanPoint[] = [[-w, -d], [w, -d], [w, d], [-w, d]];
  return local.map((p) => {
    const r = rotatePoint(p, rotationDeg);
    return [centre[0] + r[0], centre[1] + r[1]] as PlanPoint;
  });
}

/** A fixture's true (rotated) footprint polygon. */
export function fixtureFootprint(f: Pick<Fixture, 'at' | 'widthM' | 'depthM' | 'rotationDeg'>): PlanPoint[] {
  return rectanglePolygon(f.at, f.widthM, f.depthM, f.rotationDeg);
}

/** Unit vector the fixture's front faces (local +y rotated by rotationDeg). */
export function fixtureFrontNormal(f: Pick<Fixture, 'rotationDeg'>): PlanPoint {
  const t = degToRad(f.rotationDeg);
  return [-Math.sin(t), Math.cos(t)];
}

/** The fixture's front edge [left, right] as seen facing it: the footprint corners on its +y side. */
export function fixtureFrontEdge(f: Pick<Fixture, 'at' | 'widthM' | 'depthM' | 'rotationDeg'>): [PlanPoint, PlanPoint] {
  const c = fixtureFootprint(f);
  return [c[2], c[3]];
}

/**
 * The rectangle directly in front of a fixture, `depthM` deep and `widthM` wide, centred on its front edge
 * (e.g. the 0.76 × 1.22 m clear floor space of ADA 305 for a forward approach, or the 1 m privacy band of BR-05).
 */
export function fixtureFrontRectangle(f: Pick<Fixture, 'at' | 'widthM' | 'depthM' | 'rotationDeg'>, widthM: number, depthM: number): PlanPoint[] {
  const n = fixtureFrontNormal(f);
  const off = f.depthM / 2 + depthM / 2;
  return rectanglePolygon([f.at[0] + n[0] * off, f.at[1] + n[1] * off], widthM, depthM, f.rotationDeg);
}

/** Unit normal on the side of a→b that a door's leaf opens into (left = (dy, −dx) in y-down space). */
export function doorSwingNormal(d: Pick<Door, 'a' | 'b' | 'swing'>): PlanPoint {
  const len = pointDistanceM(d.a, d.b) || 1;
  const dx = (d.b[0] - d.a[0]) / len, dy = (d.b[1] - d.a[1]) / len;
  return d.swing.side === 'left' ? [dy, -dx] : [-dy, dx];
}

/** Opening width |b − a| of a door, metres. */
export function doorOpeningWidthM(d: Pick<Door, 'a' | 'b'>): number {
  return pointDistanceM(d.a, d.b);
}

/** Centre of a door opening. */
export function doorCentre(d: Pick<Door, 'a' | 'b'>): PlanPoint {
  return [(d.a[0] + d.b[0]) / 2, (d.a[1] + d.b[1]) / 2];
}

/**
 * Is `p` inside the polygon? Even-odd ray casting (a horizontal ray towards +x; an edge counts when it straddles the
 * ray's y, half-open so a vertex on the ray counts once). Points exactly on an edge may go either way; use
 * {@link locatePoint} when the boundary matters. Works for either winding, with or without a closing vertex, in any
 * planar unit (metres or screen pixels). Source: W. R. Franklin, "PNPOLY – Point Inclusion in Polygon Test" (1970s
 * crossing-number test).
 * @example polygonContainsPoint([[0, 0], [4, 0], [4, 3], [0, 3]], [2, 1.5]) // true
 */
export function polygonContainsPoint(ring: readonly PlanPoint[], p: PlanPoint): boolean {
  let inside = false;
  // a repeated closing vertex adds a zero-length edge, which never straddles the ray: no need to drop it
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** z component of (b − a) × (c − a): > 0 when a → b → c turns clockwise on screen (y down), 0 when collinear. */
export function cross(a: PlanPoint, b: PlanPoint, c: PlanPoint): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegmentBox(a: PlanPoint, b: PlanPoint, p: PlanPoint): boolean {
  return Math.min(a[0], b[0]) - 1e-12 <= p[0] && p[0] <= Math.max(a[0], b[0]) + 1e-12
    && Math.min(a[1], b[1]) - 1e-12 <= p[1] && p[1] <= Math.max(a[1], b[1]) + 1e-12;
}

/** Whether segments ab and cd intersect, touching included (an end on the other segment, collinear overlap). */
export function segmentsIntersect(a: PlanPoint, b: PlanPoint, c: PlanPoint, d: PlanPoint): boolean {
  const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && onSegmentBox(c, d, a)) return true;
  if (d2 === 0 && onSegmentBox(c, d, b)) return true;
  if (d3 === 0 && onSegmentBox(a, b, c)) return true;
  if (d4 === 0 && onSegmentBox(a, b, d)) return true;
  return false;
}

/**
 * The point of segment ab closest to p, its distance from p (same unit as the input: metres on a plan) and its
 * position t ∈ [0, 1] along ab (0 at a). A zero-length segment gives a, t = 0.
 * @example pointSegmentDistance([2, 1], [0, 0], [4, 0]) // { closest: [2, 0], distanceM: 1, t: 0.5 }
 */
export function pointSegmentDistance(p: PlanPoint, a: PlanPoint, b: PlanPoint): { closest: PlanPoint; distanceM: number; t: number } {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  let t = l2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2;
  t = Math.max(0, Math.min(1, t));
  const closest: PlanPoint = [a[0] + t * dx, a[1] + t * dy];
  return { closest, distanceM: Math.hypot(p[0] - closest[0], p[1] - closest[1]), t };
}

/** Distance from p to the nearest edge of a ring (closed; a closing vertex is optional), metres. */
export function pointRingDistanceM(p: PlanPoint, ring: readonly PlanPoint[]): number {
  let best = Infinity;
  for (const [a, b] of polygonEdges(ring)) best = Math.min(best, pointSegmentDistance(p, a, b).distanceM);
  return best;
}

/**
 * Where p lies relative to a ring: 'boundary' when within `tolM` of an edge (a point exactly on a boundary is on
 * the boundary, not inside or outside), else inside/outside by {@link polygonContainsPoint}.
 * @example locatePoint([4, 1.5], [[0, 0], [4, 0], [4, 3], [0, 3]]) // 'boundary'
 */
export function locatePoint(p: PlanPoint, ring: readonly PlanPoint[], tolM = 1e-9): 'inside' | 'boundary' | 'outside' {
  if (pointRingDistanceM(p, ring) <= tolM) return 'boundary';
  return polygonContainsPoint(ring, p) ? 'inside' : 'outside';
}
