/**
 * Exact polygon booleans for the checks, over polyclip-ts (a maintained Martinez-Rueda/Bentley-Ottmann
 * implementation). Rings are PlanPoint[] in metres; results are multipolygons [polygon][ring][point].
 */
import * as pc from 'polyclip-ts';
import type { PlanPoint } from '../../floorplan/model';
import { openRing, polygonSignedAreaM2 } from '../../floorplan/geometry';

export type MultiPolygonM = PlanPoint[][][];

function closed(ring: readonly PlanPoint[]): [number, number][] {
  const r = openRing(ring) as [number, number][];
  return [...r, r[0]];
}

/** Area of a multipolygon (outer rings minus holes), m². */
export function multiAreaM2(mp: MultiPolygonM): number {
  let s = 0;
  for (const poly of mp) poly.forEach((ring, i) => { const a = Math.abs(polygonSignedAreaM2(ring)); s += i === 0 ? a : -a; });
  return s;
}

/** Intersection of two simple rings. */
export function intersectRings(a: readonly PlanPoint[], b: readonly PlanPoint[]): MultiPolygonM {
  return pc.intersection([closed(a)], [closed(b)]) as MultiPolygonM;
}

/** a minus every ring in `minus`. */
export function differenceRings(a: readonly PlanPoint[], minus: readonly (readonly PlanPoint[])[]): MultiPolygonM {
  if (!minus.length) return [[closed(a)]];
  return pc.difference([closed(a)], ...minus.map((m) => [closed(m)])) as MultiPolygonM;
}

/** Union of rings. */
export function unionRings(rings: readonly (readonly PlanPoint[])[]): MultiPolygonM {
  if (!rings.length) return [];
  const [first, ...rest] = rings;
  return pc.union([closed(first)], ...rest.map((r) => [closed(r)])) as MultiPolygonM;
}
