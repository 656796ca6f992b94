/** Occupant load: Σ AREA(zone) / load factor (m² per person) by zone kind, rounded up (IBC 1004.5 method; GB 50016 5.5.21 density). */
import type { PreparedPlan } from './prepare';

export function occupantLoad(p: PreparedPlan, factors: Record<string, number>, defaultFactor: number): number {
  let s = 0;
  for (const z of p.zones) if (z.valid) s += z.areaM2 / (factors[z.zone.kind] ?? defaultFactor);
  return Math.ceil(s - 1e-9);
}

/** Exit doors: flagged exit, or the main entrance, on a door to the outside. */
export function exitDoors(p: PreparedPlan) {
  return p.plan.doors.filter((d) => (d.exit || d.mainEntrance) && d.connects.includes('outside'));
}
