/**
 * DXF export with `@tarikjabiri/dxf`: zones as closed LWPOLYLINEs on one layer per zone kind
 * (`ZONE-<KIND>`, e.g. `ZONE-CASH-AREA`) — the layout facility-management importers expect (closed room
 * polylines on a named layer) — plus OUTLINE, WALLS, DOORS (opening line + swing arc), FIXTURES and LABELS
 * (zone name and area). Drawing units: metres ($INSUNITS = 6). DXF's y axis points up, so y is negated:
 * the drawing looks like the plan on screen.
 */
import { DxfWriter, LWPolylineFlags, TextHorizontalAlignment, TextVerticalAlignment, Units, point2d, point3d } from '@tarikjabiri/dxf';
import type { FloorPlan, PlanPoint } from '../model';
import { fixtureFootprint, openRing, polygonAreaM2, polygonCentroid } from '../geometry';
import { zoneKindColour } from '../zoneKinds';
import { doorSwingGeometry, wallBand } from './svg';

/** The DXF layer name for a zone kind. */
export function zoneLayerName(kind: string): string {
  return 'ZONE-' + kind.toUpperCase().replace(/[^A-Z0-9-]/g, '-');
}

/** Nearest AutoCAD Color Index among a small palette, for a #rrggbb fill. */
function aciFor(hex: string): number {
  const palette: [number, number, number, number][] = [
    [1, 255, 0, 0], [2, 255, 255, 0], [3, 0, 255, 0], [4, 0, 255, 255], [5, 0, 0, 255], [6, 255, 0, 255], [8, 128, 128, 128],
    [9, 192, 192, 192], [30, 255, 127, 0], [40, 255, 191, 0], [140, 0, 127, 255], [150, 0, 63, 255], [210, 255, 0, 191], [52, 255, 255, 127], [92, 127, 255, 127], [32, 255, 159, 127],
  ];
  const r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
  let best = 7, bestD = Infinity;
  for (const [aci, pr, pg, pb] of palette) {
    const d = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2;
    if (d < bestD) { bestD = d; best = aci; }
  }
  return best;
}

const flip = (p: PlanPoint) => point2d(p[0], -p[1]);
const flip3 = (p: PlanPoint) => point3d(p[0], -p[1], 0);

/**
 * Write a plan (metres) as DXF text.
 * @returns the DXF document; one layer per zone kind present, each zone a closed LWPOLYLINE on its kind's layer.
 */
export function planToDxf(plan: FloorPlan): string {
  const dxf = new DxfWriter();
  dxf.setUnits(Units.Meters);
  dxf.addLayer('OUTLINE', 7, 'CONTINUOUS');
  dxf.addLayer('WALLS', 8, 'CONTINUOUS');
  dxf.addLayer('DOORS', 3, 'CONTINUOUS');
  dxf.addLayer('FIXTURES', 5, 'CONTINUOUS');
  dxf.addLayer('LABELS', 7, 'CONTINUOUS');
  const kinds = [...new Set(plan.zones.map((z) => z.kind))];
  for (const k of kinds) dxf.addLayer(zoneLayerName(k), aciFor(zoneKindColour(k)), 'CONTINUOUS');

  dxf.addLWPolyline(openRing(plan.outline.polygon).map((p) => ({ point: flip(p) })), { flags: LWPolylineFlags.Closed, layerName: 'OUTLINE' });
  for (const w of plan.outline.walls) {
    const band = wallBand(w, plan.outline.polygon); // exterior walls outside the interior outline, as in the SVG
    dxf.addLWPolyline([{ point: flip(band.a) }, { point: flip(band.b) }], { constantWidth: w.thicknessM, layerName: 'WALLS' });
  }
  const centred = (at: PlanPoint) => ({ layerName: 'LABELS', horizontalAlignment: TextHorizontalAlignment.Center,
    verticalAlignment: TextVerticalAlignment.Middle, secondAlignmentPoint: flip3(at) });
  for (const z of plan.zones) {
    dxf.addLWPolyline(openRing(z.polygon).map((p) => ({ point: flip(p) })), { flags: LWPolylineFlags.Closed, layerName: zoneLayerName(z.kind) });
    const c = polygonCentroid(z.polygon);
    const p1: PlanPoint = [c[0], c[1] - 0.15], p2: PlanPoint = [c[0], c[1] + 0.2];
    dxf.addText(flip3(p1), 0.25, z.name || z.kind, centred(p1));
    dxf.addText(flip3(p2), 0.2, `${polygonAreaM2(z.polygon).toFixed(2)} m2`, centred(p2));
  }
  for (const d of plan.doors) {
    dxf.addLine(flip3(d.a), flip3(d.b), { layerName: 'DOORS' });
    if (d.swing.type === 'single') {
      const g = doorSwingGeometry(d);
      dxf.addLine(flip3(g.hinge), flip3(g.leafTip), { layerName: 'DOORS' });
      // DXF arcs run counter-clockwise (y up) from start to end angle
      const ang = (p: PlanPoint) => (Math.atan2(-(p[1] - g.hinge[1]), p[0] - g.hinge[0]) * 180) / Math.PI;
      const a1 = ang(g.leafTip), a2 = ang(g.latch);
      const ccw = ((a2 - a1) % 360 + 360) % 360 <= 180;
      dxf.addArc(flip3(g.hinge), g.radiusM, ccw ? a1 : a2, ccw ? a2 : a1, { layerName: 'DOORS' });
    }
  }
  for (const f of plan.fixtures) {
    dxf.addLWPolyline(fixtureFootprint(f).map((p) => ({ point: flip(p) })), { flags: LWPolylineFlags.Closed, layerName: 'FIXTURES' });
  }
  return dxf.stringify();
}
