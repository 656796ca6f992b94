/**
 * GeoJSON exchange in planar plan coordinates (not longitude/latitude): a FeatureCollection with top-level
 * `units` ("m" | "cm" | "mm") and `yAxis` ("down", as in the plan; "up" for drawings made in CAD/GIS, which
 * are mirrored on import). Features carry `properties.kind`: a zone kind (Polygon, with `name` and `areaM2`),
 * `"outline"` (Polygon), `"wall"` (LineString), `"door"` (LineString a→b) or a fixture kind (Polygon
 * footprint, or Point with `widthM`/`depthM`). The standards check accepts the same shape.
 */
import type { Feature, FeatureCollection, Geometry, LineString, Position } from 'geojson';
import { FixtureKind, PLAN_TYPE, PLAN_VERSION, type Door, type FloorPlan, type PlanPoint, type Zone } from '../model';
import { fixtureFootprint, openRing, pointDistanceM, pointsBounds, polygonAreaM2 } from '../geometry';
import { zoneKind } from '../zoneKinds';
import { parsePlan, PlanFormatError, type ParsePlanResult, type PlanIssue } from '../load';

/** Our GeoJSON: a FeatureCollection with the plan's units and y-axis direction. */
export type PlanFeatureCollection = FeatureCollection<Geometry, Record<string, unknown>> & { units: 'm' | 'cm' | 'mm'; yAxis?: 'down' | 'up'; name?: string; branchType?: string };

const closed = (ring: readonly PlanPoint[]): Position[] => {
  const r = openRing(ring).map((p) => [p[0], p[1]]);
  return [...r, r[0]];
};

/**
 * Export a plan (metres) as GeoJSON: zones (kind, name, areaM2, attributes), outline, walls, doors, fixtures.
 * @example planToGeoJson(plan).features.filter((f) => f.properties.areaM2 !== undefined)
 */
export function planToGeoJson(plan: FloorPlan): PlanFeatureCollection {
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [closed(plan.outline.polygon)] }, properties: { kind: 'outline', floorAreaM2: polygonAreaM2(plan.outline.polygon) } }); // not `areaM2`: that marks zones
  for (const z of plan.zones) {
    features.push({ type: 'Feature', id: z.id, geometry: { type: 'Polygon', coordinates: [closed(z.polygon)] },
      properties: { id: z.id, kind: z.kind, name: z.name, areaM2: polygonAreaM2(z.polygon), attributes: z.attributes } });
  }
  for (const w of plan.outline.walls) {
    const { a, b, id, ...rest } = w;
    features.push({ type: 'Feature', id, geometry: { type: 'LineString', coordinates: [[...a], [...b]] }, properties: { id, kind: 'wall', ...rest } });
  }
  for (const d of plan.doors) {
    const { a, b, id, ...rest } = d;
    features.push({ type: 'Feature', id, geometry: { type: 'LineString', coordinates: [[...a], [...b]] }, properties: { id, kind: 'door', ...rest } });
  }
  for (const f of plan.fixtures) {
    const { id, kind, ...rest } = f;
    features.push({ type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [closed(fixtureFootprint(f))] }, properties: { id, kind, ...rest } });
  }
  return { type: 'FeatureCollection', units: 'm', yAxis: 'down', name: plan.name, branchType: plan.branchType, features };
}

const FIXTURE_KINDS = new Set<string>(FixtureKind.options);

function isOn(p: PlanPoint, a: PlanPoint, b: PlanPoint, tol: number) {
  return Math.abs(pointDistanceM(a, p) + pointDistanceM(p, b) - pointDistanceM(a, b)) < tol;
}

/** Zones (or 'outside') whose boundary holds the door segment; used when a door feature has no `connects`. */
function inferConnects(a: PlanPoint, b: PlanPoint, zones: Zone[], outline: PlanPoint[], tol: number): [string, string] {
  const holds = (ring: PlanPoint[]) => {
    const r = openRing(ring);
    return r.some((p, i) => { const q = r[(i + 1) % r.length]; return isOn(a, p, q, tol) && isOn(b, p, q, tol); });
  };
  const ids = zones.filter((z) => holds(z.polygon)).map((z) => z.id);
  if (holds(outline)) ids.push('outside');
  return [ids[0] ?? 'outside', ids[1] ?? 'outside'];
}

/**
 * A short, non-recursive description of an untrusted value for error messages (never JSON.stringify a value
 * the client sent: a 5,000-deep nested array would overflow the stack).
 */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 24 ? v.slice(0, 24) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined) return String(v);
  if (Array.isArray(v)) {
    const head = v.slice(0, 3).map((x) => (Array.isArray(x) ? `[…${x.length}]` : x !== null && typeof x === 'object' ? '{…}' : describeValue(x)));
    return `[${head.join(', ')}${v.length > 3 ? `, … (${v.length} items)` : ''}]`;
  }
  return typeof v === 'object' ? 'an object' : typeof v;
}

/**
 * Read a GeoJSON FeatureCollection (planar, top-level `units`) into a plan in metres. Never throws.
 * Zones need `properties.kind` (a zone kind); `name`, `id`, `attributes` are optional. An `outline` feature is
 * optional (then `base`'s outline, else the zones' bounding rectangle). Doors without `connects` are joined to
 * the zones whose edges hold them. Fixtures: Polygon footprints (a rectangle; the first edge is the back, so the
 * front faces away from it) or Points with `widthM`/`depthM`/`rotationDeg`.
 * @returns `{ plan }` or `{ issues }` naming `units` or `features.<i>.…`.
 */
export function parseGeoJsonPlan(input: unknown, base?: Partial<FloorPlan>): ParsePlanResult {
  const fc = input as PlanFeatureCollection;
  const issues: PlanIssue[] = [];
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { issues: [{ path: '(root)', message: 'expected a GeoJSON FeatureCollection' }] };
  }
  if (fc.units === undefined) return { issues: [{ path: 'units', message: 'units is required on the FeatureCollection: one of "m", "cm", "mm" (planar coordinates in that unit)' }] };
  if (!['m', 'cm', 'mm'].includes(fc.units)) return { issues: [{ path: 'units', message: `units must be "m", "cm" or "mm", got ${JSON.stringify(fc.units)}` }] };
  const perM = { m: 1, cm: 100, mm: 1000 }[fc.units];
  const flipY = fc.yAxis === 'up';
  const pt = (p: Position): PlanPoint => [Number(p[0]), flipY ? 0 - Number(p[1]) : Number(p[1])]; // 0 - y: no -0
  const zones: Zone[] = [];
  const doorFeatures: { i: number; f: Feature<LineString, Record<string, unknown>> }[] = [];
  const fixtures: unknown[] = [];
  const walls: unknown[] = [];
  let outline: PlanPoint[] | undefined;
  // which feature each model element came from, to name the user's feature in validation errors
  const from = { zones: [] as number[], doors: [] as number[], fixtures: [] as { i: number; polygon: boolean }[], walls: [] as number[], outline: -1 };
  const used = new Set<string>();
  const idFor = (f: Feature, kind: string, i: number) => {
    let id = String(f.properties?.id ?? f.id ?? `${kind}-${i + 1}`).replace(/[^A-Za-z0-9._:-]/g, '-');
    while (used.has(id)) id += '-b';
    used.add(id);
    return id;
  };
  /** A vertex as the file gives it: [x, y] finite numbers, else an issue at `path`. */
  const position = (p: unknown, path: string): PlanPoint | undefined => {
    if (Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1])) return pt(p as Position);
    issues.push({ path, message: `vertex ${describeValue(p)} is not [x, y] with two finite numbers` });
    return undefined;
  };
  /** The outer ring of a Polygon (closing vertex dropped), or undefined after naming what is wrong. */
  const outerRing = (g: Geometry, path: string): PlanPoint[] | undefined => {
    const coords = (g as { coordinates?: unknown }).coordinates;
    if (!Array.isArray(coords) || coords.length === 0 || !Array.isArray(coords[0])) {
      issues.push({ path, message: `a Polygon's coordinates are [[[x, y], …]] (an array of rings), got ${describeValue(coords)}` });
      return undefined;
    }
    const before = issues.length;
    const ring = (coords[0] as unknown[]).map((p, j) => position(p, `${path}.coordinates.0.${j}`));
    if (issues.length > before) return undefined;
    const open = openRing(ring as PlanPoint[]);
    if (open.length < 3) { issues.push({ path: `${path}.coordinates.0`, message: `a ring needs at least 3 distinct vertices, got ${open.length}` }); return undefined; }
    return open;
  };
  fc.features.forEach((f, i) => {
    const props = (f?.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
    const kind = props.kind;
    const g = f?.geometry;
    const gp = `features.${i}.geometry`;
    if (typeof kind !== 'string') { issues.push({ path: `features.${i}.properties.kind`, message: 'every feature needs properties.kind (a zone kind, "outline", "wall", "door" or a fixture kind)' }); return; }
    if (!g || typeof g !== 'object') { issues.push({ path: gp, message: 'missing geometry' }); return; }
    if (kind === 'outline' || zoneKind(kind)) {
      if (g.type !== 'Polygon') { issues.push({ path: `${gp}.type`, message: `a ${kind} must be a Polygon, got ${g.type}` }); return; }
      const ring = outerRing(g, gp); // GeoJSON rings repeat the first vertex; ours need not
      if (!ring) return;
      if (kind === 'outline') { outline = ring; from.outline = i; return; }
      zones.push({ id: idFor(f, 'zone', i), kind, name: String(props.name ?? ''), polygon: ring, attributes: (props.attributes as Zone['attributes']) ?? {} });
      from.zones.push(i);
    } else if (kind === 'wall' || kind === 'door') {
      const coords = (g as { coordinates?: unknown }).coordinates;
      if (g.type !== 'LineString' || !Array.isArray(coords) || coords.length !== 2) { issues.push({ path: gp, message: `a ${kind} must be a LineString of 2 points (its two ends / jambs), got ${describeValue(g.type)} ${describeValue(coords)}` }); return; }
      const a = position(coords[0], `${gp}.coordinates.0`), b = position(coords[1], `${gp}.coordinates.1`);
      if (!a || !b) return;
      if (kind === 'door') { doorFeatures.push({ i, f: f as Feature<LineString, Record<string, unknown>> }); return; }
      const { kind: _k, id: _id, ...rest } = props;
      walls.push({ thicknessM: 0.15 * perM, ...rest, id: idFor(f, 'wall', i), a, b });
      from.walls.push(i);
    } else if (FIXTURE_KINDS.has(kind)) {
      const { kind: _k, id: _id, ...rest } = props;
      if (g.type === 'Point') {
        const at = position((g as { coordinates?: unknown }).coordinates, gp);
        if (!at) return;
        fixtures.push({ widthM: 0.5 * perM, depthM: 0.5 * perM, heightM: 1 * perM, ...rest, id: idFor(f, kind, i), kind, at });
        from.fixtures.push({ i, polygon: false });
      } else if (g.type === 'Polygon') {
        const r = outerRing(g, gp);
        if (!r) return;
        if (r.length !== 4) { issues.push({ path: `${gp}.coordinates.0`, message: `a ${kind} footprint must be a rectangle (4 corners), got ${r.length}` }); return; }
        const widthM = pointDistanceM(r[0], r[1]), depthM = pointDistanceM(r[1], r[2]);
        const rotationDeg = ((Math.atan2(r[1][1] - r[0][1], r[1][0] - r[0][0]) * 180) / Math.PI + 360) % 360;
        const at: PlanPoint = [(r[0][0] + r[2][0]) / 2, (r[0][1] + r[2][1]) / 2];
        fixtures.push({ heightM: 1 * perM, ...rest, widthM, depthM, rotationDeg: Math.round(rotationDeg * 1e9) / 1e9, id: idFor(f, kind, i), kind, at });
        from.fixtures.push({ i, polygon: true });
      } else issues.push({ path: `${gp}.type`, message: `a ${kind} must be a Polygon footprint or a Point, got ${g.type}` });
    } else {
      issues.push({ path: `features.${i}.properties.kind`, message: `unknown kind "${kind}" (see GET /api/zone-kinds; fixtures: ${[...FIXTURE_KINDS].join(', ')})` });
    }
  });
  if (issues.length) return { issues };
  if (!outline) {
    if (base?.outline) outline = base.outline.polygon.map((p) => [p[0] * perM, p[1] * perM] as PlanPoint);
    else if (zones.length) {
      const b = pointsBounds(zones.flatMap((z) => z.polygon));
      outline = [[b.minX, b.minY], [b.maxX, b.minY], [b.maxX, b.maxY], [b.minX, b.maxY]];
    } else return { issues: [{ path: 'features', message: 'no zones and no outline: nothing to plan' }] };
  }
  const tol = 0.01 * perM;
  const doors = doorFeatures.map(({ i, f }) => {
    const [a, b] = f.geometry.coordinates.map(pt);
    const { kind: _k, id: _id, ...rest } = f.properties ?? {};
    const connects = (rest.connects as [string, string] | undefined) ?? inferConnects(a, b, zones, outline!, tol);
    from.doors.push(i);
    return { clearWidthM: Math.max(pointDistanceM(a, b) - 0.05 * perM, 0.01 * perM), ...rest, id: idFor(f, 'door', i), a, b, connects } as unknown as Door;
  });
  /** Rename a path of the plan built here (`zones.1.polygon.0.0`) to the feature the user sent (`features.2.geometry.coordinates.0.0.0`). */
  const featurePath = (path: string): string => {
    const geo = (i: number, tail: string) => `features.${i}.geometry.coordinates${tail}`;
    const prop = (i: number, tail: string) => `features.${i}.properties${tail ? '.' + tail : ''}`;
    let m = /^zones\.(\d+)(?:\.(.*))?$/.exec(path);
    if (m && from.zones[+m[1]] !== undefined) {
      const i = from.zones[+m[1]], rest = m[2] ?? '';
      if (rest === '') return `features.${i}.geometry`;
      return rest === 'polygon' || rest.startsWith('polygon.') ? geo(i, '.0' + rest.slice('polygon'.length)) : prop(i, rest);
    }
    m = /^doors\.(\d+)(?:\.(.*))?$/.exec(path);
    if (m && from.doors[+m[1]] !== undefined) {
      const i = from.doors[+m[1]], rest = m[2] ?? '';
      if (rest === '') return `features.${i}.geometry`;
      const pm = /^(a|b)(\..*)?$/.exec(rest);
      return pm ? geo(i, `.${pm[1] === 'a' ? 0 : 1}${pm[2] ?? ''}`) : prop(i, rest);
    }
    m = /^fixtures\.(\d+)(?:\.(.*))?$/.exec(path);
    if (m && from.fixtures[+m[1]] !== undefined) {
      const { i, polygon } = from.fixtures[+m[1]], rest = m[2] ?? '';
      if (rest === '') return `features.${i}.geometry`;
      if (rest === 'at' || rest.startsWith('at.')) return geo(i, polygon ? '' : rest.slice(2));
      return polygon && /^(widthM|depthM|rotationDeg)$/.test(rest) ? geo(i, '') : prop(i, rest);
    }
    m = /^outline\.walls\.(\d+)(?:\.(.*))?$/.exec(path);
    if (m && from.walls[+m[1]] !== undefined) {
      const i = from.walls[+m[1]], rest = m[2] ?? '';
      if (rest === '') return `features.${i}.geometry`;
      const pm = /^(a|b)(\..*)?$/.exec(rest);
      return pm ? geo(i, `.${pm[1] === 'a' ? 0 : 1}${pm[2] ?? ''}`) : prop(i, rest);
    }
    m = /^outline\.polygon(\..*)?$/.exec(path);
    if (m && from.outline >= 0) return geo(from.outline, '.0' + (m[1] ?? ''));
    return path;
  };
  const raw = {
    type: PLAN_TYPE, version: PLAN_VERSION, units: fc.units,
    name: String(fc.name ?? base?.name ?? 'Imported plan'), branchType: fc.branchType ?? base?.branchType ?? 'full-service',
    ...(base?.siteId ? { siteId: base.siteId } : {}), source: 'GeoJSON import',
    outline: { polygon: outline, walls }, zones, doors, fixtures,
  };
  const r = parsePlan(raw);
  if (r.plan) return r;
  return { issues: r.issues.map((x) => ({ ...x, path: featurePath(x.path) })) };
}

/**
 * Like {@link parseGeoJsonPlan} but throws.
 * @throws PlanFormatError naming `units` or the bad feature.
 */
export function planFromGeoJson(fc: unknown, base?: Partial<FloorPlan>): FloorPlan {
  const r = parseGeoJsonPlan(fc, base);
  if (!r.plan) throw new PlanFormatError(r.issues, 'GeoJSON plan');
  return r.plan;
}

/** Just the zones of a GeoJSON FeatureCollection, in metres. @throws PlanFormatError. */
export function zonesFromGeoJson(fc: unknown): Zone[] {
  return planFromGeoJson(fc).zones;
}
