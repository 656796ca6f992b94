/**
 * Length units of a plan file and their conversion to metres.
 * Every length in a plan file (coordinates, every `…M` field, and attribute keys ending in `M`) is in the
 * envelope's `units`; the model always works in metres.
 */
import type { FloorPlanSpec, LengthUnit, PlanPoint } from './model';

/** How many of each unit make one metre. Division by these is exact for typical decimal inputs. */
export const UNITS_PER_METRE: Record<LengthUnit, number> = { m: 1, cm: 100, mm: 1000 };

/**
 * Convert a length between units.
 * @example lengthInUnits(1500, 'mm', 'm') // 1.5
 */
export function lengthInUnits(value: number, from: LengthUnit, to: LengthUnit): number {
  if (from === to) return value;
  return (value / UNITS_PER_METRE[from]) * UNITS_PER_METRE[to];
}

function convertAttributes<T extends Record<string, unknown>>(attrs: T, f: (v: number) => number): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = typeof v === 'number' && /M$/.test(k) ? f(v) : v;
  return out as T;
}

/**
 * Return a copy of `plan` with every length converted from `plan.units` to `to` (and `units` set to `to`).
 * Angles, counts, booleans and strings are untouched. Pure; the input is not modified.
 * @example convertPlanUnits(planInMm, 'm').outline.polygon[1] // [12, 0] for a vertex stored as [12000, 0]
 */
export function convertPlanUnits<P extends FloorPlanSpec>(plan: P, to: LengthUnit): P & { units: typeof to } {
  const from = plan.units;
  const f = (v: number) => lengthInUnits(v, from, to);
  const pt = (p: PlanPoint): PlanPoint => [f(p[0]), f(p[1])];
  return {
    ...plan,
    units: to,
    outline: {
      ...plan.outline,
      polygon: plan.outline.polygon.map(pt),
      walls: plan.outline.walls.map((w) => ({ ...w, a: pt(w.a), b: pt(w.b), thicknessM: f(w.thicknessM) })),
    },
    zones: plan.zones.map((z) => ({ ...z, polygon: z.polygon.map(pt), attributes: convertAttributes(z.attributes, f) })),
    doors: plan.doors.map((d) => ({
      ...d, a: pt(d.a), b: pt(d.b), clearWidthM: f(d.clearWidthM),
      ...(d.thresholdM !== undefined ? { thresholdM: f(d.thresholdM) } : {}),
    })),
    fixtures: plan.fixtures.map((x) => ({
      ...x, at: pt(x.at), widthM: f(x.widthM), depthM: f(x.depthM), heightM: f(x.heightM),
      attributes: convertAttributes(x.attributes, f),
    })),
  };
}
