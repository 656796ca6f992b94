import { booleanPointInPolygon, centerOfMass, kinks, pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { columnsText, resolveColumns } from './columns';
import { refusal, refusalMessage, type RefusalText } from './refusals';
import { checkPoint, type RecordOptions } from './records';
import { detectDecimalMark, parseNumber, type DecimalMark } from './numbers';
import { emptyReport, type DatasetKind, type DatasetRecord, type ImportProblem, type ParseResult } from './types';

/** One feature of a geometry-bearing source (GeoJSON, Shapefile, GeoParquet): its 1-based number, geometry and attributes. */
export interface SourceFeature {
  row: number;
  /** GeoJSON geometry as read (unchecked), or null. */
  geometry: unknown;
  /** GeoJSON `feature.id` when present. */
  featureId?: string | number | null;
  props: Record<string, unknown>;
}

/** Geometry types each kind accepts. */
export function acceptedGeometries(kind: DatasetKind): string[] {
  if (kind === 'demand') return ['Point', 'Polygon', 'MultiPolygon'];
  if (kind === 'boundary') return ['Polygon', 'MultiPolygon'];
  return ['Point'];
}

type ProblemFn = (field: string | null, value: string | null, message: string, severity?: 'error' | 'warning') => void;

const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);

/**
 * Turn features into validated records (issue 10, items 3 and 5). Per feature:
 * - a null or missing geometry, or a type the kind does not take (mixed types: each feature is judged alone) → skipped;
 * - 3D positions: the height is dropped (warning);
 * - polygon rings: unclosed → closed by repeating the first position (warning); wound the wrong way → rewound,
 *   exteriors counter-clockwise and holes clockwise (RFC 7946 §3.1.6; warning, unless `silentRewind`: a Shapefile's
 *   rings are clockwise by its own specification); fewer than 3 distinct positions or
 *   self-intersecting (edges crossing, turf `kinks`) → skipped, naming a crossing point;
 * - every position reprojected when a CRS is given, then checked like table coordinates ((0, 0), range, swapped);
 * - a polygon's point for scoring is its centre of mass, or a point on its surface when that falls outside it.
 * Attributes: id, count, outcome and name columns by {@link resolveColumns} (the id also from `feature.id`), the rest
 * kept as text. Most features with projected-looking coordinates and no CRS refuse the file (`refusal.field` = `crs`).
 */
export function featureRecords(features: SourceFeature[], opts: RecordOptions & { read?: number; details?: Record<string, unknown>; silentRewind?: boolean }): ParseResult {
  const { file, kind } = opts;
  const report = emptyReport();
  report.read = opts.read ?? features.length;
  report.details = { ...opts.details };
  const keys = [...new Set(features.flatMap((f) => Object.keys(f.props ?? {})))];
  report.details.headers = keys;
  const refuse = (field: string, text: RefusalText): ParseResult => {
    const message = refusalMessage(text);
    report.problems.push({ file, row: null, id: null, field, value: null, severity: 'error', message });
    report.skipped = report.read;
    return { records: [], report, refusal: { field, message, headers: keys, text } };
  };
  const { columns, problems } = resolveColumns(keys, kind, opts.mapping, false);
  if (problems.length) return refuse(problems[0].field, columnsText(problems, keys));
  report.details.columns = columns;

  let mark: DecimalMark = opts.mapping?.decimal ?? '.';
  if (!opts.mapping?.decimal) {
    const numeric = (['count', 'outcome'] as const).filter((f) => columns[f]);
    const ev = detectDecimalMark(features.flatMap((f) => numeric.map((c) => f.props[columns[c]!]).filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .map((v) => ({ value: v.trim(), where: `feature ${f.row}` }))));
    if (!ev.mark) return refuse('mapping.decimal', refusal('decimalFeatures', { file }));
    mark = ev.mark;
  }

  if (!opts.transform) {
    let n = 0, projected = 0;
    let example: { row: number; x: number; y: number } | undefined;
    for (const f of features) {
      const p = firstPosition(f.geometry);
      if (!p) continue;
      n++;
      if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) { projected++; example ??= { row: f.row, x: p[0], y: p[1] }; }
    }
    if (example && projected * 2 > n) {
      return refuse('crs', refusal('projectedFeatures', { file, projected, n, row: example.row, x: example.x, y: example.y }));
    }
  }

  const records: DatasetRecord[] = [];
  const firstRowOfId = new Map<string, number>();
  const accepted = acceptedGeometries(kind);
  const used = new Set(Object.values(columns));
  for (const f of features) {
    const props = f.props ?? {};
    const idProp = columns.id ? props[columns.id] : undefined;
    const id = idProp !== undefined && idProp !== null && String(idProp).trim() !== '' ? String(idProp).trim()
      : f.featureId !== undefined && f.featureId !== null && String(f.featureId) !== '' ? String(f.featureId) : String(f.row);
    const errors: ImportProblem[] = [];
    const problem: ProblemFn = (field, value, message, severity = 'error') =>
      (severity === 'error' ? errors : report.problems).push({ file, row: f.row, id, field, value, severity, message: `${file} feature ${f.row}${field ? `, ${field}` : ''}: ${message}` });
    const geom = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    let out: { lng: number; lat: number; geometry: Polygon | MultiPolygon | null } | null = null;
    if (geom === null || geom === undefined) problem('geometry', 'null', 'no geometry (null)');
    else if (typeof geom.type !== 'string' || !accepted.includes(geom.type)) {
      problem('geometry.type', String(geom.type ?? ''), `${String(geom.type ?? 'no type')} is not accepted for ${kind} (accepted: ${accepted.join(', ')})`);
    } else out = readGeometry(geom.type, geom.coordinates, opts, problem, opts.silentRewind ?? false);
    const value = readValue(kind, props, columns, mark, problem);
    if (!errors.length) {
      const first = firstRowOfId.get(id);
      if (first !== undefined) problem(columns.id ?? 'id', id, `id "${id}" appears more than once (first at feature ${first}); this feature is skipped`);
    }
    if (errors.length || !out) { report.problems.push(...errors); report.skipped++; continue; }
    firstRowOfId.set(id, f.row);
    const rest: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) if (!used.has(k) && v !== null && v !== undefined && v !== '') rest[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
    const nameVal = columns.name ? props[columns.name] : undefined;
    records.push({ row: f.row, id, lng: out.lng, lat: out.lat, value, name: nameVal === undefined || nameVal === null || nameVal === '' ? null : String(nameVal),
      geometry: out.geometry, props: rest });
  }
  report.imported = records.length;
  return { records, report };
}

function readValue(kind: DatasetKind, props: Record<string, unknown>, columns: { count?: string; outcome?: string }, mark: DecimalMark, problem: ProblemFn): number | null {
  const field = kind === 'outcomes' ? columns.outcome : columns.count;
  if (!field) return null;
  const raw = props[field];
  const required = kind === 'outcomes' || kind === 'demand';
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    if (required) problem(field, '', `empty (no ${kind === 'outcomes' ? 'outcome' : 'count'})`);
    return null;
  }
  const x = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumber(raw.trim(), mark) : null;
  if (x === null || !Number.isFinite(x)) {
    if (required) problem(field, String(raw), `"${String(raw)}" is not a number`);
    else problem(field, String(raw), `"${String(raw)}" is not a number; the count is left empty`, 'warning');
    return null;
  }
  if (kind === 'demand' && x < 0) { problem(field, String(raw), `count ${x} is negative`); return null; }
  return x;
}

/** The first position of a geometry (to tell projected coordinates), or undefined. */
function firstPosition(g: unknown): number[] | undefined {
  let c = (g as { coordinates?: unknown } | null)?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? (c as number[]) : undefined;
}

/** Check, repair and reproject one geometry; reports problems and returns the record's point (and polygon) or null. */
function readGeometry(type: string, coordinates: unknown, opts: RecordOptions, problem: ProblemFn, silentRewind: boolean):
  { lng: number; lat: number; geometry: Polygon | MultiPolygon | null } | null {
  let dims3 = false;
  const position = (p: unknown, where: string): Position | null => {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      problem(`geometry.coordinates${where}`, JSON.stringify(p)?.slice(0, 60) ?? 'undefined', 'is not a position [x, y]');
      return null;
    }
    if (p.length > 2) dims3 = true;
    return [p[0], p[1]];
  };
  if (type === 'Point') {
    const p = position(coordinates, '');
    if (!p) return null;
    if (dims3) problem('geometry.coordinates', JSON.stringify(coordinates), 'has 3 dimensions: the height is ignored', 'warning');
    const pt = checkPoint(p[0], p[1], 'geometry.coordinates[0]', 'geometry.coordinates[1]', `${p[0]}, ${p[1]}`, opts, problem);
    return pt ? { lng: pt[0], lat: pt[1], geometry: null } : null;
  }
  const polys: unknown[] = type === 'Polygon' ? [coordinates] : Array.isArray(coordinates) ? coordinates : [];
  if (!Array.isArray(coordinates) || polys.length === 0) { problem('geometry.coordinates', null, `${type} has no coordinates`); return null; }
  const outPolys: Position[][][] = [];
  for (let pi = 0; pi < polys.length; pi++) {
    const rings = polys[pi];
    const prefix = type === 'Polygon' ? '' : `[${pi}]`;
    if (!Array.isArray(rings) || rings.length === 0) { problem(`geometry.coordinates${prefix}`, null, 'polygon has no rings'); return null; }
    const outRings: Position[][] = [];
    for (let ri = 0; ri < rings.length; ri++) {
      const ring = rings[ri];
      const where = `${prefix}[${ri}]`;
      const label = `ring ${ri + 1}${type === 'MultiPolygon' ? ` of polygon ${pi + 1}` : ''}`;
      if (!Array.isArray(ring)) { problem(`geometry.coordinates${where}`, null, `${label} is not a list of positions`); return null; }
      const pts: Position[] = [];
      for (let k = 0; k < ring.length; k++) {
        const p = position(ring[k], `${where}[${k}]`);
        if (!p) return null;
        let q: Position = p;
        if (opts.transform) {
          const t = opts.transform(p[0], p[1]);
          if (!Number.isFinite(t[0]) || !Number.isFinite(t[1])) { problem(`geometry.coordinates${where}[${k}]`, `${p[0]}, ${p[1]}`, `cannot be reprojected from ${opts.crs}`); return null; }
          q = t;
        }
        if (Math.abs(q[0]) > 180 || Math.abs(q[1]) > 90) { problem(`geometry.coordinates${where}[${k}]`, `${q[0]}, ${q[1]}`, 'position is outside ±180 / ±90'); return null; }
        pts.push(q);
      }
      const first = pts[0], last = pts[pts.length - 1];
      if (pts.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) {
        pts.push([first[0], first[1]]);
        problem(`geometry.coordinates${where}`, `[${fmt(last[0])}, ${fmt(last[1])}]`, `${label} is not closed (last position differs from the first): closed`, 'warning');
      }
      const distinct = new Set(pts.map((p) => `${p[0]},${p[1]}`)).size;
      if (distinct < 3) { problem(`geometry.coordinates${where}`, null, `${label} has ${distinct} distinct positions (a ring needs at least 3)`); return null; }
      const area = signedAreaDeg2(pts);
      const wantCcw = ri === 0;
      if (area !== 0 && (area > 0) !== wantCcw) {
        pts.reverse();
        if (!silentRewind) problem(`geometry.coordinates${where}`, null, `${label} is wound ${wantCcw ? 'clockwise' : 'counter-clockwise'}: rewound ${wantCcw ? 'counter-clockwise (exterior' : 'clockwise (hole'}, RFC 7946)`, 'warning');
      }
      outRings.push(pts);
    }
    outPolys.push(outRings);
  }
  if (dims3) problem('geometry.coordinates', null, 'has 3 dimensions: the heights are ignored', 'warning');
  const geometry: Polygon | MultiPolygon = type === 'Polygon' ? { type: 'Polygon', coordinates: outPolys[0] } : { type: 'MultiPolygon', coordinates: outPolys };
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const cross = parts.map((c) => kinks({ type: 'Polygon', coordinates: c }).features[0]).find((k) => k !== undefined);
  if (cross) {
    const [x, y] = cross.geometry.coordinates;
    problem('geometry.coordinates', `${fmt(x)}, ${fmt(y)}`, `the polygon crosses itself at (${fmt(x)}, ${fmt(y)}) (self-intersecting); fix it in a GIS (e.g. "make valid")`);
    return null;
  }
  let c = centerOfMass(geometry).geometry.coordinates;
  if (!booleanPointInPolygon(c, geometry)) c = pointOnFeature(geometry).geometry.coordinates;
  const pt = checkPoint(c[0], c[1], 'geometry', 'geometry', `${fmt(c[0])}, ${fmt(c[1])}`, { ...opts, transform: undefined }, problem);
  return pt ? { lng: pt[0], lat: pt[1], geometry } : null;
}

/** Shoelace signed area in square degrees (> 0 counter-clockwise); only its sign is used (winding). */
function signedAreaDeg2(ring: Position[]): number {
  let a = 0;
  for (let k = 0; k + 1 < ring.length; k++) a += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return a / 2;
}
