/** Occupant load and exit doors of a prepared plan, for the egress checks. */
import type { PreparedPlan } from './prepare';

/**
 * Occupant load (persons) = Σ over valid zones of areaM2 / load factor, rounded up. `factors` maps a zone kind to
 * its load factor in m² per person; kinds not listed use `defaultFactor`. Method: IBC 2018 §1004.5 (Table 1004.5
 * factors); GB 50016-2014 §5.5.21 uses the same area ÷ density form. Invalid zones are skipped (they are reported
 * by the zone-validity check).
 */
export function occupantLoad(p: PreparedPlan, factors: Record<string, number>, defaultFactor: number): number {
  let s = 0;
  for (const z of p.zones) if (z.valid) s += z.areaM2 / (factors[z.zone.kind] ?? defaultFactor);
  return Math.ceil(s - 1e-9);
}

/** Exit doors: flagged exit, or the main entrance, on a door to the outside. */
export function exitDoors(p: PreparedPlan) {
  return p.plan.doors.filter((d) => (d.exit || d.mainEntrance) && d.connects.includes('outside'));
}
