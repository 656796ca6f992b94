import type { FloorPlan, PlanPoint } from '../../core/floorplan/model';
import { fixtureFootprint, openRing, pointRingDistanceM, pointSegmentDistance, polygonContainsPoint } from '../../core/floorplan/geometry';
import { OUTLINE_ID } from '../../core/floorplan/elements';
import type { Box, HandleId, Hit } from './tools/types';

/**
 * Hit-testing in plan metres (pure; Konva nodes are drawn with `listening: false` and never decide
 * what was clicked). Priority: the selection's handles (resize, rotate), then vertices and edges
 * of a selected zone (or of the selected outline), then doors and fixtures (drawn on top), then walls
 * (within half their thickness), then zones from the top down, then the outline (inside it but in no
 * zone) — the outline's selection id is {@link OUTLINE_ID}.
 * `tolM` is a screen tolerance (≈ 6 px) converted to metres at the current zoom.
 */
export interface HitOptions {
  selection: readonly string[];
  selectionBox: Box | null;
  tolM: number;
  /** Distance (m) of the rotate knob above the box (≈ 24 px at the current zoom). */
  rotateKnobM: number;
}

/** Handle positions of a selection box (metres). */
export function handlePositions(b: Box, rotateKnobM: number): Record<HandleId, PlanPoint> {
  const cx = (b.minX + b.maxX) / 2, cy = (b.minY + b.maxY) / 2;
  return {
    nw: [b.minX, b.minY], n: [cx, b.minY], ne: [b.maxX, b.minY], e: [b.maxX, cy],
    se: [b.maxX, b.maxY], s: [cx, b.maxY], sw: [b.minX, b.maxY], w: [b.minX, cy],
    rotate: [cx, b.minY - rotateKnobM],
  };
}

/** What is under plan point `p`. */
export function hitTest(plan: FloorPlan, p: PlanPoint, o: HitOptions): Hit | null {
  const d = (q: PlanPoint) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  // a lone door or wall has no box handles: a door slides along its wall, sizes are typed in the panel
  const lineOnly = o.selection.length === 1 && (plan.doors.some((e) => e.id === o.selection[0]) || plan.outline.walls.some((e) => e.id === o.selection[0]));
  if (o.selectionBox && !lineOnly) {
    const hs = handlePositions(o.selectionBox, o.rotateKnobM);
    const singleZone = o.selection.length === 1 && (o.selection[0] === OUTLINE_ID || plan.zones.some((z) => z.id === o.selection[0]));
    if (o.selection.length === 1 && o.selection[0] === OUTLINE_ID) {
      const ring = openRing(plan.outline.polygon);
      for (let i = 0; i < ring.length; i++) if (d(ring[i]) <= o.tolM) return { kind: 'vertex', id: OUTLINE_ID, index: i };
      for (let i = 0; i < ring.length; i++) {
        if (pointSegmentDistance(p, ring[i], ring[(i + 1) % ring.length]).distanceM <= o.tolM) return { kind: 'edge', id: OUTLINE_ID, index: i };
      }
    }
    // vertex handles of a single selected zone win over box corners (they often coincide on rectangles)
    if (!singleZone) {
      for (const h of Object.keys(hs) as HandleId[]) if (d(hs[h]) <= o.tolM) return { kind: 'handle', handle: h };
    } else if (d(hs.rotate) <= o.tolM) return { kind: 'handle', handle: 'rotate' };
  }
  for (const id of o.selection) {
    const z = plan.zones.find((e) => e.id === id);
    if (!z) continue;
    for (let i = 0; i < z.polygon.length; i++) if (d(z.polygon[i]) <= o.tolM) return { kind: 'vertex', id, index: i };
  }
  if (o.selectionBox && o.selection.length === 1 && plan.zones.some((z) => z.id === o.selection[0])) {
    const hs = handlePositions(o.selectionBox, o.rotateKnobM);
    for (const h of ['n', 'e', 's', 'w'] as HandleId[]) if (d(hs[h]) <= o.tolM) return { kind: 'handle', handle: h };
  }
  for (const id of o.selection) {
    const z = plan.zones.find((e) => e.id === id);
    if (!z) continue;
    for (let i = 0; i < z.polygon.length; i++) {
      const a = z.polygon[i], b = z.polygon[(i + 1) % z.polygon.length];
      if (pointSegmentDistance(p, a, b).distanceM <= o.tolM) return { kind: 'edge', id, index: i };
    }
  }
  for (let i = plan.doors.length - 1; i >= 0; i--) {
    const door = plan.doors[i];
    if (pointSegmentDistance(p, door.a, door.b).distanceM <= Math.max(o.tolM, 0.1)) return { kind: 'element', id: door.id };
  }
  for (let i = plan.fixtures.length - 1; i >= 0; i--) {
    const f = plan.fixtures[i];
    const ring = fixtureFootprint(f);
    if (polygonContainsPoint(ring, p) || pointRingDistanceM(p, ring) <= o.tolM) return { kind: 'element', id: f.id };
  }
  for (let i = plan.outline.walls.length - 1; i >= 0; i--) {
    const w = plan.outline.walls[i];
    if (pointSegmentDistance(p, w.a, w.b).distanceM <= Math.max(o.tolM, w.thicknessM / 2)) return { kind: 'element', id: w.id };
  }
  for (let i = plan.zones.length - 1; i >= 0; i--) {
    if (polygonContainsPoint(plan.zones[i].polygon, p)) return { kind: 'element', id: plan.zones[i].id };
  }
  if (polygonContainsPoint(plan.outline.polygon, p) || pointRingDistanceM(p, plan.outline.polygon) <= o.tolM) return { kind: 'element', id: OUTLINE_ID };
  return null;
}

/** Ids of zones, fixtures and doors lying entirely inside `box`. */
export function idsInBox(plan: FloorPlan, box: Box): string[] {
  const inside = (q: PlanPoint) => q[0] >= box.minX && q[0] <= box.maxX && q[1] >= box.minY && q[1] <= box.maxY;
  return [
    ...plan.zones.filter((z) => z.polygon.every(inside)).map((z) => z.id),
    ...plan.doors.filter((dd) => inside(dd.a) && inside(dd.b)).map((dd) => dd.id),
    ...plan.fixtures.filter((f) => fixtureFootprint(f).every(inside)).map((f) => f.id),
  ];
}
