/** Tiny plan builders for standards tests (plans in metres, y down). */
import type { Door, Fixture, FloorPlan, PlanPoint, Wall, Zone } from '../../floorplan/model';

export const rect = (x0: number, y0: number, x1: number, y1: number): PlanPoint[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];

export function zone(id: string, kind: string, polygon: PlanPoint[], attributes: Zone['attributes'] = {}): Zone {
  return { id, kind, name: id, polygon, attributes };
}

export function door(id: string, a: PlanPoint, b: PlanPoint, connects: [string, string], extra: Partial<Door> = {}): Door {
  return {
    id, name: id, a, b, clearWidthM: Math.hypot(b[0] - a[0], b[1] - a[1]), swing: { type: 'single', hinge: 'a', side: 'left' },
    connects, exit: false, mainEntrance: false, accessControlled: false, interlocked: false, lockable: true, ...extra,
  };
}

export function fixture(id: string, kind: Fixture['kind'], at: PlanPoint, widthM: number, depthM: number, rotationDeg = 0, extra: Partial<Fixture> = {}): Fixture {
  return { id, kind, name: id, at, widthM, depthM, rotationDeg, heightM: extra.heightM ?? 1.1, attributes: {}, ...extra };
}

export function wall(id: string, a: PlanPoint, b: PlanPoint, thicknessM = 0.1): Wall {
  return { id, a, b, thicknessM, fullHeight: true, glazed: false, exterior: false };
}

export function plan(p: Partial<FloorPlan> & { outline?: FloorPlan['outline'] }): FloorPlan {
  return {
    type: 'outlet-planner/floorplan', version: 2, units: 'm', name: 'test', branchType: 'community',
    outline: p.outline ?? { polygon: rect(0, 0, 20, 10), walls: [] }, zones: [], doors: [], fixtures: [], ...p,
  } as FloorPlan;
}
