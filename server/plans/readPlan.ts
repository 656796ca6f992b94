import { AppError } from '../errors';
import { parsePlan, type PlanIssue } from '../../core/floorplan/load';
import { parseGeoJsonPlan } from '../../core/floorplan/export/geojson';
import type { FloorPlan } from '../../core/floorplan/model';

function unmeasurable(issues: PlanIssue[], why: string): AppError {
  const named = issues.map((i) => ({ path: i.path === '(root)' ? 'plan' : `plan.${i.path}`, message: i.message }));
  return new AppError(400, 'bad_request', `${why}: ` + named.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; '), { issues: named, field: named[0]?.path });
}

/**
 * A request's plan — our plan JSON or a planar GeoJSON FeatureCollection with top-level `units` — parsed and validated
 * (core/floorplan/load.ts, export/geojson.ts), for `POST /api/standards/check`; the compute task `readPlan` runs it
 * for large plans. @throws AppError 400 saying why it cannot be measured, with the issues' paths under `plan.`.
 */
export function readPlan(raw: unknown): { plan: FloorPlan; units: 'm' | 'cm' | 'mm' } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw unmeasurable([{ path: '(root)', message: 'not a plan: send an outlet-planner/floorplan object or a GeoJSON FeatureCollection with top-level units' }], 'Plan cannot be measured');
  }
  const obj = raw as Record<string, unknown>;
  const units = obj.units as 'm' | 'cm' | 'mm';
  if (obj.type === 'FeatureCollection') {
    const r = parseGeoJsonPlan(obj);
    if (!r.plan) throw unmeasurable(r.issues, 'GeoJSON plan cannot be measured');
    return { plan: r.plan, units };
  }
  if (obj.type !== 'outlet-planner/floorplan') {
    throw unmeasurable([{ path: 'type', message: `not a plan: type must be "outlet-planner/floorplan" or "FeatureCollection", got ${JSON.stringify(obj.type)}` }], 'Plan cannot be measured');
  }
  const r = parsePlan(obj);
  if (!r.plan) throw unmeasurable(r.issues, 'Plan cannot be measured');
  return { plan: r.plan, units };
}


/**
 * How many numbers `raw` holds (plan coordinates and other values), counted up to `limit` and no further — a cheap
 * measure of a plan's size before it is parsed: 20,004 vertices are ≈ 40,000 numbers.
 */
export function planNumberCount(raw: unknown, limit: number): number {
  let n = 0;
  const stack: unknown[] = [raw];
  while (stack.length && n < limit) {
    const v = stack.pop();
    if (typeof v === 'number') n++;
    else if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}
