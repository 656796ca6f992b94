/**
 * The plan drawing of the standards PDF, drawn from the model as PDF vectors with jsPDF (no canvas screenshot): zones
 * filled by kind colour with their name and area, walls at their thickness, doors with their leaf and swing, fixtures
 * as rotated footprints with a front edge, zone names fitted by core/floorplan/labelFit.ts, the outline's overall dimensions, a scale bar, and each finding marked at its
 * place — highlighted as in the editor, with a numbered marker (the number the findings list gives it) placed where it
 * covers no other marker (client/standards/badgeLayout.ts) and a leader line to the spot.
 * The geometry (transform, numbering, marker places) is pure and tested; {@link drawPlanPdf} only draws.
 */
import type { jsPDF } from 'jspdf';
import type { FloorPlan, PlanPoint } from '../../core/floorplan/model';
import { fixtureFootprint, fixtureFrontEdge, openRing, pointsBounds, polygonAreaM2, polygonContainsPoint } from '../../core/floorplan/geometry';
import { doorSwingGeometry, FIXTURE_FILL, labelPoint, scaleBarLengthM, wallBand } from '../../core/floorplan/export/svg';
import { zoneDisplayName, zoneKind, zoneKindColour } from '../../core/floorplan/zoneKinds';
import { findingCentre, type Finding } from '../../core/standards/findings';
import { fitLabel } from '../../core/floorplan/labelFit';
import { layoutBadges } from './badgeLayout';
import { isWholePlan } from './report';

/** A box on the page, millimetres from the top-left corner. */
export interface PageBoxMm { x: number; y: number; w: number; h: number }

/** Severity colours, as in the editor's overlay and the HTML report. */
export const SEVERITY_RGB: Record<Finding['severity'], [number, number, number]> = { error: [192, 57, 43], warning: [214, 137, 16], info: [46, 134, 193] };

/** Millimetres per PDF point (font sizes are in points). */
const MM_PER_PT = 25.4 / 72;

/**
 * Indices of the findings in the order the report lists them — errors, then warnings, then notes, each in the
 * checker's order. Finding `order[k]` is numbered k + 1 in the list and on the drawing.
 */
export function reportOrder(findings: readonly Pick<Finding, 'severity'>[]): number[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return findings.map((f, i) => ({ i, r: rank[f.severity] })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.i);
}

/**
 * Where the plan sits in `box`: a uniform scale (mm on paper per plan metre) that fits the outline and zones with
 * `marginMm` left on each side for the dimensions and markers, centred horizontally and top-aligned.
 * @returns `toPage` (plan metres → page mm), `kMmPerM`, the scale denominator (1:n when printed at 100 %), and the
 *   drawing's height in mm (plan + margins).
 */
export function planPdfTransform(plan: FloorPlan, box: PageBoxMm, marginMm = 12): { toPage: (p: PlanPoint) => [number, number]; kMmPerM: number; scaleDenominator: number; heightMm: number; bounds: ReturnType<typeof pointsBounds> } {
  const b = pointsBounds([...plan.outline.polygon, ...plan.zones.flatMap((z) => z.polygon)]);
  const wM = Math.max(b.maxX - b.minX, 0.1), hM = Math.max(b.maxY - b.minY, 0.1);
  const k = Math.min((box.w - 2 * marginMm) / wM, (box.h - 2 * marginMm) / hM);
  const ox = box.x + (box.w - wM * k) / 2, oy = box.y + marginMm;
  return {
    toPage: (p) => [ox + (p[0] - b.minX) * k, oy + (p[1] - b.minY) * k],
    kMmPerM: k, scaleDenominator: Math.round(1000 / k), heightMm: hM * k + 2 * marginMm, bounds: b,
  };
}

/** A numbered marker: finding `index` (into the check's findings) is number `n`; its circle's centre and radius in page mm, and the spot it points at. */
export interface FindingMarker { index: number; n: number; x: number; y: number; r: number; anchor: [number, number] }

/**
 * Where a finding's marker goes, in plan metres: a segment's or point's centre; inside an area (a zone, an overlap)
 * its top-left corner inset by `insetM` when that is inside it (the centre holds the zone's name), else its centre.
 */
export function markerSpot(at: Finding['at'], insetM: number): PlanPoint {
  if (at.type !== 'polygon' || !at.rings.length) return findingCentre(at);
  const ring = at.rings[0];
  const b = pointsBounds(ring);
  const p: PlanPoint = [b.minX + insetM, b.minY + insetM];
  return b.maxX - b.minX > 2 * insetM && b.maxY - b.minY > 2 * insetM && polygonContainsPoint(ring, p) ? p : findingCentre(at);
}

/**
 * Numbered markers for the findings that have a place on the plan (whole-plan findings have none: the report lists
 * them under the drawing). Circles of radius `rMm` near their finding's centre, pairwise apart by at least `gapMm`,
 * and off the `avoid` boxes (the zone labels) where a free place nearby exists.
 */
export function findingMarkers(plan: FloorPlan, findings: readonly Finding[], toPage: (p: PlanPoint) => [number, number],
  opts: { rMm?: number; gapMm?: number; avoid?: readonly PageBoxMm[] } = {}): FindingMarker[] {
  const o = toPage([0, 0]), e = toPage([1, 0]);
  const kMmPerM = e[0] - o[0];
  const rMm = opts.rMm ?? 2.2, gapMm = opts.gapMm ?? 0.5;
  const outlineArea = polygonAreaM2(plan.outline.polygon);
  const order = reportOrder(findings);
  // badgeLayout works in screen-like units (its ring step adds 8 units sideways): 1 mm = 4 units
  const U = 4;
  const reqs = order.map((i, k) => ({ i, n: k + 1 })).filter(({ i }) => !isWholePlan(findings[i], outlineArea)).map(({ i, n }) => {
    const [x, y] = toPage(markerSpot(findings[i].at, kMmPerM ? (rMm + 0.8) / kMmPerM : 0));
    const d = 2 * rMm * U * (n >= 10 ? 1.25 : 1);
    // an area's marker sits on it; a segment's or point's stands beside it, so the measured neck stays visible
    return { keys: [i], n, anchor: [x * U, y * U] as [number, number], width: d, height: 2 * rMm * U, atAnchor: findings[i].at.type === 'polygon' };
  });
  const avoid = (opts.avoid ?? []).map((a) => ({ x: a.x * U, y: a.y * U, width: a.w * U, height: a.h * U }));
  const placed = layoutBadges(reqs, { gap: gapMm * U, avoid });
  const nOf = new Map(reqs.map((r) => [r.keys[0], r.n]));
  return placed.map((p) => ({ index: p.keys[0], n: nOf.get(p.keys[0])!, x: (p.x + p.width / 2) / U, y: (p.y + p.height / 2) / U, r: Math.max(p.width, p.height) / 2 / U, anchor: [p.anchor[0] / U, p.anchor[1] / U] }));
}

/** What {@link drawPlanPdf} drew: the markers, the scale (1:n) and the height used on the page in mm. */
export interface PlanPdfDrawing { markers: FindingMarker[]; labels: (PageBoxMm & { zoneId: string; lines: string[]; pt: number })[]; scaleDenominator: number; heightMm: number; wholePlan: number[] }

/**
 * Draw `plan` and its findings into `box` on the current page of `doc` (the document's font must already be set).
 * @param opts.safe maps each printed string to one the font can show (report.ts `pdfSafeText`)
 * @param opts.locale names unnamed zones by their kind in that language
 * @returns the markers drawn, the scale denominator and the numbers of the whole-plan findings (listed by the caller)
 */
export function drawPlanPdf(doc: jsPDF, plan: FloorPlan, findings: readonly Finding[], box: PageBoxMm, opts: { safe: (s: string) => string; locale: 'en' | 'zh' }): PlanPdfDrawing {
  const { toPage, kMmPerM, scaleDenominator, heightMm, bounds: b } = planPdfTransform(plan, box);
  const outlineArea = polygonAreaM2(plan.outline.polygon);
  const safe = opts.safe;
  const GState = (doc as unknown as { GState: new (p: { opacity: number }) => unknown }).GState;
  const opacity = (o: number) => doc.setGState(new GState({ opacity: o }));
  const path = (ring: readonly PlanPoint[], style: 'F' | 'S' | 'FD') => {
    const pts = openRing(ring).map(toPage);
    if (pts.length < 2) return;
    doc.moveTo(pts[0][0], pts[0][1]);
    for (const p of pts.slice(1)) doc.lineTo(p[0], p[1]);
    doc.close();
    if (style === 'F') doc.fill(); else if (style === 'S') doc.stroke(); else doc.fillStroke();
  };
  const seg = (a: PlanPoint, c: PlanPoint) => { const p = toPage(a), q = toPage(c); doc.line(p[0], p[1], q[0], q[1]); };
  doc.setLineDashPattern([], 0);

  // zones
  doc.setDrawColor(85, 85, 85); doc.setLineWidth(0.15);
  for (const z of plan.zones) {
    doc.setFillColor(zoneKindColour(z.kind));
    opacity(0.75); path(z.polygon, 'F'); opacity(1); path(z.polygon, 'S');
  }
  // finding highlights under the walls and fixtures, as in the editor
  for (const f of findings) {
    if (isWholePlan(f, outlineArea)) continue;
    const [r, g, bl] = SEVERITY_RGB[f.severity];
    doc.setDrawColor(r, g, bl); doc.setFillColor(r, g, bl);
    const at = f.at;
    if (at.type === 'polygon') {
      doc.setLineWidth(0.3);
      for (const ring of at.rings) { opacity(0.25); path(ring, 'F'); opacity(1); path(ring, 'S'); }
    } else if (at.type === 'segment') {
      doc.setLineWidth(0.9); doc.setLineCap('round'); seg(at.a, at.b); doc.setLineCap('butt');
    } else {
      const [x, y] = toPage(at.point);
      opacity(0.5); doc.circle(x, y, 0.3 * kMmPerM, 'F'); opacity(1);
    }
  }
  // outline and walls
  doc.setDrawColor(17, 17, 17); doc.setLineWidth(0.3); path(plan.outline.polygon, 'S');
  for (const w of plan.outline.walls) {
    const band = wallBand(w, plan.outline.polygon);
    doc.setDrawColor(w.glazed ? '#64b5f6' : '#263238');
    doc.setLineWidth(Math.max(w.thicknessM * kMmPerM, 0.3));
    doc.setLineCap('square');
    doc.setLineDashPattern(w.fullHeight ? [] : [0.3 * kMmPerM, 0.15 * kMmPerM], 0);
    seg(band.a, band.b);
  }
  doc.setLineCap('butt'); doc.setLineDashPattern([], 0);
  // doors: the opening cut white, the leaf and its swing arc (sliding / opening: a dashed line)
  for (const d of plan.doors) {
    const host = plan.outline.walls.find((w) => onLine(d.a, w.a, w.b) && onLine(d.b, w.a, w.b));
    if (host) {
      const { offset } = wallBand(host, plan.outline.polygon);
      doc.setDrawColor(255, 255, 255); doc.setLineWidth((host.thicknessM + 0.02) * kMmPerM);
      seg([d.a[0] + offset[0], d.a[1] + offset[1]], [d.b[0] + offset[0], d.b[1] + offset[1]]);
    }
    doc.setDrawColor(51, 51, 51); doc.setLineWidth(0.2);
    const leaves = d.swing.type === 'single' ? [d] : d.swing.type === 'double' ? halves(d) : [];
    if (!leaves.length) { doc.setLineDashPattern([1, 0.6], 0); seg(d.a, d.b); doc.setLineDashPattern([], 0); }
    for (const leaf of leaves) {
      const g = doorSwingGeometry(leaf);
      seg(g.hinge, g.leafTip);
      const a0 = Math.atan2(g.leafTip[1] - g.hinge[1], g.leafTip[0] - g.hinge[0]);
      let a1 = Math.atan2(g.latch[1] - g.hinge[1], g.latch[0] - g.hinge[0]);
      while (a1 - a0 > Math.PI) a1 -= 2 * Math.PI;
      while (a0 - a1 > Math.PI) a1 += 2 * Math.PI;
      const pts: PlanPoint[] = Array.from({ length: 13 }, (_, i) => { const a = a0 + ((a1 - a0) * i) / 12; return [g.hinge[0] + g.radiusM * Math.cos(a), g.hinge[1] + g.radiusM * Math.sin(a)]; });
      for (let i = 1; i < pts.length; i++) seg(pts[i - 1], pts[i]);
    }
  }
  // fixtures
  doc.setLineWidth(0.1);
  for (const f of plan.fixtures) {
    doc.setFillColor(FIXTURE_FILL[f.kind] ?? '#999999'); doc.setDrawColor(34, 34, 34);
    opacity(0.85); path(fixtureFootprint(f), 'F'); opacity(1); path(fixtureFootprint(f), 'S');
    const [l, r] = fixtureFrontEdge(f);
    doc.setDrawColor(255, 255, 255); doc.setLineWidth(0.25); seg(l, r); doc.setLineWidth(0.1);
  }
  // zone labels: name (two lines at most, never cut mid-word) and area
  doc.setTextColor(17, 17, 17);
  const measure = (s: string, pt: number) => { doc.setFontSize(pt); return doc.getTextWidth(safe(s)); };
  const labelBoxes: PlanPdfDrawing['labels'] = [];
  for (const z of plan.zones) {
    const zb = pointsBounds(z.polygon);
    const widthMm = (zb.maxX - zb.minX) * kMmPerM * 0.9;
    const kind = zoneKind(z.kind);
    const name = z.name.trim() || (kind ? zoneDisplayName(z, plan.zones).replace(kind.label.en, kind.label[opts.locale]) : z.id);
    const { lines, size: pt } = fitLabel(name, widthMm, measure, { maxSize: 7, minSize: 4.5 });
    const area = `${polygonAreaM2(z.polygon).toFixed(1)} m²`;
    const lineMm = pt * MM_PER_PT * 1.15;
    const fsM = (pt * MM_PER_PT) / kMmPerM;
    const halfW = Math.max(...lines.map((l) => measure(l, pt)), measure(area, pt)) / 2 / kMmPerM;
    const [cx, cy] = toPage(labelPoint(z.polygon, plan.fixtures, fsM * (lines.length + 1) / 2.3, halfW));
    const top = cy - ((lines.length + 1) * lineMm) / 2 + lineMm * 0.8;
    labelBoxes.push({ zoneId: z.id, lines, pt, x: cx - halfW * kMmPerM - 1, y: top - lineMm - 1, w: 2 * halfW * kMmPerM + 2, h: (lines.length + 1) * lineMm + 2 }); // with 1 mm to spare
    doc.setFontSize(pt);
    lines.forEach((l, i) => doc.text(safe(l), cx, top + i * lineMm, { align: 'center' }));
    doc.setFontSize(pt * 0.9); doc.setTextColor(60, 72, 86);
    doc.text(safe(area), cx, top + lines.length * lineMm, { align: 'center' });
    doc.setTextColor(17, 17, 17);
  }
  // overall dimensions of the outline: width above, depth on the left
  const ob = pointsBounds(plan.outline.polygon);
  const [x0, y0] = toPage([ob.minX, ob.minY]), [x1, y1] = toPage([ob.maxX, ob.maxY]);
  doc.setDrawColor(60, 72, 86); doc.setTextColor(60, 72, 86); doc.setLineWidth(0.15); doc.setFontSize(7);
  const dy = y0 - 6, dx = x0 - 6;
  doc.line(x0, dy, x1, dy); doc.line(x0, dy - 1.2, x0, dy + 1.2); doc.line(x1, dy - 1.2, x1, dy + 1.2);
  doc.text(`${(ob.maxX - ob.minX).toFixed(2)} m`, (x0 + x1) / 2, dy - 1, { align: 'center' });
  doc.line(dx, y0, dx, y1); doc.line(dx - 1.2, y0, dx + 1.2, y0); doc.line(dx - 1.2, y1, dx + 1.2, y1);
  doc.text(`${(ob.maxY - ob.minY).toFixed(2)} m`, dx - 1, (y0 + y1) / 2, { align: 'center', angle: 90 });
  // scale bar under the plan, left-aligned
  const len = scaleBarLengthM(b.maxX - b.minX);
  const [sx] = toPage([b.minX, b.maxY]);
  const sy = toPage([b.minX, b.maxY])[1] + 6;
  doc.setDrawColor(17, 17, 17); doc.setFillColor(17, 17, 17); doc.setLineWidth(0.15);
  doc.rect(sx, sy, (len / 2) * kMmPerM, 1.2, 'FD');
  doc.setFillColor(255, 255, 255); doc.rect(sx + (len / 2) * kMmPerM, sy, (len / 2) * kMmPerM, 1.2, 'FD');
  doc.setTextColor(17, 17, 17); doc.setFontSize(7);
  doc.text('0', sx, sy - 0.8, { align: 'center' });
  doc.text(`${len} m`, sx + len * kMmPerM, sy - 0.8, { align: 'center' });
  doc.text(`1:${scaleDenominator}`, sx + len * kMmPerM + 6, sy + 1.2);
  // numbered markers with leader lines
  const markers = findingMarkers(plan, findings, toPage, { avoid: labelBoxes });
  for (const m of markers) {
    const [r, g, bl] = SEVERITY_RGB[findings[m.index].severity];
    doc.setDrawColor(r, g, bl); doc.setFillColor(r, g, bl); doc.setLineWidth(0.25);
    doc.line(m.anchor[0], m.anchor[1], m.x, m.y);
    doc.circle(m.anchor[0], m.anchor[1], 0.5, 'F');
    doc.setDrawColor(255, 255, 255); doc.circle(m.x, m.y, m.r, 'FD');
    doc.setTextColor(255, 255, 255); doc.setFontSize(m.n >= 10 ? 6.5 : 7.5);
    doc.text(String(m.n), m.x, m.y + 0.9, { align: 'center' });
  }
  doc.setTextColor(29, 39, 51); doc.setDrawColor(0, 0, 0); doc.setLineWidth(0.2);
  const order = reportOrder(findings);
  const wholePlan = order.map((i, k) => ({ i, n: k + 1 })).filter(({ i }) => isWholePlan(findings[i], outlineArea)).map(({ n }) => n);
  return { markers, labels: labelBoxes, scaleDenominator, heightMm, wholePlan };
}

const onLine = (p: PlanPoint, a: PlanPoint, c: PlanPoint) => Math.abs(Math.hypot(p[0] - a[0], p[1] - a[1]) + Math.hypot(c[0] - p[0], c[1] - p[1]) - Math.hypot(c[0] - a[0], c[1] - a[1])) < 1e-6;

/** The two leaves of a double door, each hinged at its jamb (as the SVG export draws them). */
function halves(d: FloorPlan['doors'][number]): FloorPlan['doors'][number][] {
  const mid: PlanPoint = [(d.a[0] + d.b[0]) / 2, (d.a[1] + d.b[1]) / 2];
  return [
    { ...d, a: d.a, b: mid, swing: { ...d.swing, hinge: 'a' as const } },
    { ...d, a: d.b, b: mid, swing: { ...d.swing, hinge: 'a' as const, side: d.swing.side === 'left' ? 'right' as const : 'left' as const } },
  ];
}
