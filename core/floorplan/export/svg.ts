/**
 * SVG export generated from the model (not a canvas dump): zones filled by kind colour with name and area
 * labels, walls at their thickness (glazed walls light blue), doors with their opening and swing arc, fixtures
 * as true rotated footprints with a front tick, a scale bar and a title. Units: the SVG user unit is one
 * metre (y down, like the plan); the physical size is set from a drawing scale (default 1:100), so printing
 * at 100 % gives a measurable plan. PDF export (client) feeds this SVG to svg2pdf.js.
 */
import type { Door, FloorPlan, Fixture, PlanPoint } from '../model';
import { doorOpeningWidthM, doorSwingNormal, fixtureFootprint, fixtureFrontEdge, openRing, pointDistanceM, pointsBounds, polygonAreaM2, polygonCentroid, polygonContainsPoint } from '../geometry';
import type { Wall } from '../model';
import { zoneKind, zoneKindColour } from '../zoneKinds';

export interface SvgOptions {
  /** Drawing scale denominator: 100 → 1:100 (1 m = 10 mm on paper). */
  scale?: number;
  /** Label language for zone kinds. */
  locale?: 'en' | 'zh';
  /** Margin around the outline, metres. */
  marginM?: number;
  /** Draw zone labels (name, kind, area). */
  labels?: boolean;
  /** Draw the title block line. */
  title?: boolean;
}

/** Fill colour of each fixture kind in every drawing of the plan (SVG, the standards PDF). */
export const FIXTURE_FILL: Record<string, string> = {
  counter: '#8d6e63', 'low-counter': '#a1887f', atm: '#1565c0', kiosk: '#42a5f5', seat: '#7e57c2', camera: '#212121',
  alarm: '#d32f2f', 'queue-barrier': '#9e9e9e', desk: '#bcaaa4', table: '#bcaaa4', 'enquiry-desk': '#a1887f', cabinet: '#757575',
};

/** Escape text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const n = (v: number) => (Math.round(v * 10000) / 10000).toString();
const pathOf = (ring: readonly PlanPoint[]) => 'M' + openRing(ring).map((p) => `${n(p[0])} ${n(p[1])}`).join(' L') + ' Z';

/** Geometry of a door's leaf and swing arc in plan metres (exported for tests and the editor). */
export function doorSwingGeometry(d: Door): { hinge: PlanPoint; leafTip: PlanPoint; latch: PlanPoint; radiusM: number; sweep: 0 | 1 } {
  const hinge = d.swing.hinge === 'a' ? d.a : d.b;
  const latch = d.swing.hinge === 'a' ? d.b : d.a;
  const r = doorOpeningWidthM(d);
  const nrm = doorSwingNormal(d);
  const leafTip: PlanPoint = [hinge[0] + nrm[0] * r, hinge[1] + nrm[1] * r];
  // arc from the open leaf's tip back to the latch jamb; sweep by the sign of the turn (SVG: y down, 1 = clockwise on screen)
  const cross = (leafTip[0] - hinge[0]) * (latch[1] - hinge[1]) - (leafTip[1] - hinge[1]) * (latch[0] - hinge[0]);
  return { hinge, leafTip, latch, radiusM: r, sweep: cross > 0 ? 1 : 0 };
}

/**
 * Where a wall is drawn: exterior walls sit outside the outline (the outline is the interior face), so their
 * centreline is shifted outwards by half the thickness; interior walls are centred on their line.
 */
export function wallBand(w: Wall, outline: readonly PlanPoint[]): { a: PlanPoint; b: PlanPoint; offset: PlanPoint } {
  if (!w.exterior) return { a: w.a, b: w.b, offset: [0, 0] };
  const len = pointDistanceM(w.a, w.b) || 1;
  const nx = -(w.b[1] - w.a[1]) / len, ny = (w.b[0] - w.a[0]) / len;
  const mid: PlanPoint = [(w.a[0] + w.b[0]) / 2, (w.a[1] + w.b[1]) / 2];
  const sign = polygonContainsPoint(outline, [mid[0] + nx * 0.01, mid[1] + ny * 0.01]) ? -1 : 1;
  const o: PlanPoint = [nx * sign * w.thicknessM / 2, ny * sign * w.thicknessM / 2];
  // extend by half the thickness at both ends so shifted walls still close the outside corners
  const ex = ((w.b[0] - w.a[0]) / len) * w.thicknessM / 2, ey = ((w.b[1] - w.a[1]) / len) * w.thicknessM / 2;
  return { a: [w.a[0] + o[0] - ex, w.a[1] + o[1] - ey], b: [w.b[0] + o[0] + ex, w.b[1] + o[1] + ey], offset: o };
}

const onLine = (p: PlanPoint, a: PlanPoint, b: PlanPoint) => Math.abs(pointDistanceM(a, p) + pointDistanceM(p, b) - pointDistanceM(a, b)) < 1e-6;

/** The white opening cut into the wall that holds the door (none if no wall holds it). */
function doorGapSvg(d: Door, walls: readonly Wall[], outline: readonly PlanPoint[]): string {
  const w = walls.find((x) => onLine(d.a, x.a, x.b) && onLine(d.b, x.a, x.b));
  if (!w) return '';
  const { offset } = wallBand(w, outline);
  return `<line x1="${n(d.a[0] + offset[0])}" y1="${n(d.a[1] + offset[1])}" x2="${n(d.b[0] + offset[0])}" y2="${n(d.b[1] + offset[1])}" stroke="#ffffff" stroke-width="${n(w.thicknessM + 0.02)}"/>`;
}

function doorSvg(d: Door, walls: readonly Wall[], outline: readonly PlanPoint[]): string {
  const gap = doorGapSvg(d, walls, outline);
  const t = d.swing.type;
  let body = '';
  if (t === 'single') {
    const g = doorSwingGeometry(d);
    body = `<path d="M${n(g.hinge[0])} ${n(g.hinge[1])} L${n(g.leafTip[0])} ${n(g.leafTip[1])} A${n(g.radiusM)} ${n(g.radiusM)} 0 0 ${g.sweep} ${n(g.latch[0])} ${n(g.latch[1])}" fill="none" stroke="#333" stroke-width="0.025"/>`;
  } else if (t === 'double') {
    const mid: PlanPoint = [(d.a[0] + d.b[0]) / 2, (d.a[1] + d.b[1]) / 2];
    for (const [h, l] of [[d.a, mid], [d.b, mid]] as [PlanPoint, PlanPoint][]) {
      const half = { ...d, a: h, b: l, swing: { ...d.swing, hinge: 'a' as const } };
      // the second leaf runs b→mid, i.e. reversed, so its side flips to stay on the same side of the wall
      if (h === d.b) half.swing.side = d.swing.side === 'left' ? 'right' : 'left';
      const g = doorSwingGeometry(half);
      body += `<path d="M${n(g.hinge[0])} ${n(g.hinge[1])} L${n(g.leafTip[0])} ${n(g.leafTip[1])} A${n(g.radiusM)} ${n(g.radiusM)} 0 0 ${g.sweep} ${n(g.latch[0])} ${n(g.latch[1])}" fill="none" stroke="#333" stroke-width="0.025"/>`;
    }
  } else {
    body = `<line x1="${n(d.a[0])}" y1="${n(d.a[1])}" x2="${n(d.b[0])}" y2="${n(d.b[1])}" stroke="#333" stroke-width="0.05" stroke-dasharray="0.15 0.08"/>`;
  }
  const flags = [d.mainEntrance && 'main-entrance', d.exit && 'exit', d.accessControlled && 'access-controlled', d.interlocked && 'interlocked'].filter(Boolean).join(' ');
  return `<g class="door" data-id="${escapeXml(d.id)}" data-flags="${flags}"><title>${escapeXml(d.name || d.id)} — clear ${d.clearWidthM.toFixed(2)} m</title>${gap}${body}</g>`;
}

function fixtureSvg(f: Fixture): string {
  const fill = FIXTURE_FILL[f.kind] ?? '#999';
  const [l, r] = fixtureFrontEdge(f);
  return `<g class="fixture" data-id="${escapeXml(f.id)}" data-kind="${f.kind}"><title>${escapeXml(f.name || f.kind)} ${f.widthM.toFixed(2)} × ${f.depthM.toFixed(2)} m, h ${f.heightM.toFixed(2)} m</title>` +
    `<path d="${pathOf(fixtureFootprint(f))}" fill="${fill}" fill-opacity="0.85" stroke="#222" stroke-width="0.015"/>` +
    `<line x1="${n(l[0])}" y1="${n(l[1])}" x2="${n(r[0])}" y2="${n(r[1])}" stroke="#fff" stroke-width="0.03"/></g>`;
}

/**
 * Where to put a zone's two-line label: the centroid, or the nearest point on a small grid inside the zone
 * whose label box (≈ 2.3 em tall, 2 × halfWidthM wide) misses every fixture footprint's bounding box.
 * `fs` is the font size in plan metres.
 */
export function labelPoint(ring: readonly PlanPoint[], fixtures: readonly Fixture[], fs: number, halfWidthM: number): PlanPoint {
  const c = polygonCentroid(ring);
  const zb = pointsBounds(ring);
  const boxes = fixtures.map((f) => pointsBounds(fixtureFootprint(f)));
  const free = (p: PlanPoint) => {
    const x0 = p[0] - halfWidthM, x1 = p[0] + halfWidthM, y0 = p[1] - 1.2 * fs, y1 = p[1] + 1.1 * fs;
    return polygonContainsPoint(ring, p) && !boxes.some((b) => b.minX < x1 && b.maxX > x0 && b.minY < y1 && b.maxY > y0);
  };
  if (free(c)) return c;
  const cands: PlanPoint[] = [];
  const step = Math.max(fs, 0.1);
  for (let y = zb.minY + 1.3 * fs; y <= zb.maxY - 1.2 * fs; y += step) for (let x = zb.minX + halfWidthM; x <= zb.maxX - halfWidthM; x += step) cands.push([x, y]);
  cands.sort((p, q) => pointDistanceM(p, c) - pointDistanceM(q, c));
  return cands.find(free) ?? c;
}

/** Pick a scale-bar length (1, 2, 5, 10, 20 … m) about a fifth of the plan width. */
export function scaleBarLengthM(planWidthM: number): number {
  const target = Math.max(planWidthM / 5, 0.5);
  const steps = [1, 2, 5];
  let best = 1;
  for (let p = -1; p <= 4; p++) for (const s of steps) { const v = s * 10 ** p; if (v <= target) best = v; }
  return best;
}

/**
 * Render a plan (metres) as a standalone SVG document string.
 * @param plan a loaded plan (units "m").
 * @param opts scale (default 1:100), locale for kind labels, margin (default 1 m), labels/title toggles.
 * @returns SVG text with one `<path class="zone">` per zone, in plan order.
 * @example planToSvg(plan).match(/class="zone"/g).length === plan.zones.length
 */
export function planToSvg(plan: FloorPlan, opts: SvgOptions = {}): string {
  const scale = opts.scale ?? 100;
  const locale = opts.locale ?? 'en';
  const m = opts.marginM ?? 1;
  const b = pointsBounds([...plan.outline.polygon, ...plan.zones.flatMap((z) => z.polygon)]);
  const x0 = b.minX - m, y0 = b.minY - m - (opts.title === false ? 0 : 0.8);
  const w = b.maxX - b.minX + 2 * m, h = b.maxY - y0 + m + 0.8;
  const mmPerM = 1000 / scale;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(w * mmPerM)}mm" height="${n(h * mmPerM)}mm" viewBox="${n(x0)} ${n(y0)} ${n(w)} ${n(h)}" font-family="Noto Sans SC, Noto Sans, Arial, sans-serif">`);
  out.push(`<rect x="${n(x0)}" y="${n(y0)}" width="${n(w)}" height="${n(h)}" fill="#ffffff"/>`);
  if (opts.title !== false) {
    const total = plan.zones.reduce((s, z) => s + polygonAreaM2(z.polygon), 0);
    const title = `${plan.name} · ${plan.branchType} · ${polygonAreaM2(plan.outline.polygon).toFixed(1)} m² (zones ${total.toFixed(1)} m²) · 1:${scale}`;
    const titleFs = Math.min(0.45, (0.95 * (b.maxX - b.minX + m)) / (title.length * 0.55));
    out.push(`<text class="title" x="${n(b.minX)}" y="${n(b.minY - m * 0.5 - 0.3)}" font-size="${n(titleFs)}" fill="#111">${escapeXml(title)}</text>`);
  }
  out.push(`<g id="zones">`);
  for (const z of plan.zones) {
    const kind = zoneKind(z.kind);
    out.push(`<path class="zone" data-id="${escapeXml(z.id)}" data-kind="${escapeXml(z.kind)}" d="${pathOf(z.polygon)}" fill="${zoneKindColour(z.kind)}" fill-opacity="0.75" stroke="#555" stroke-width="0.02"><title>${escapeXml(z.name || z.id)} (${escapeXml(kind?.label[locale] ?? z.kind)}) ${polygonAreaM2(z.polygon).toFixed(2)} m²</title></path>`);
  }
  out.push(`</g>`);
  out.push(`<g id="walls">`);
  out.push(`<path class="outline" d="${pathOf(plan.outline.polygon)}" fill="none" stroke="#111" stroke-width="0.05"/>`);
  for (const wl of plan.outline.walls) {
    const band = wallBand(wl, plan.outline.polygon);
    out.push(`<line class="wall" data-id="${escapeXml(wl.id)}" x1="${n(band.a[0])}" y1="${n(band.a[1])}" x2="${n(band.b[0])}" y2="${n(band.b[1])}" stroke="${wl.glazed ? '#64b5f6' : '#263238'}" stroke-width="${n(wl.thicknessM)}" stroke-linecap="square"${wl.fullHeight ? '' : ' stroke-dasharray="0.3 0.15"'}/>`);
  }
  out.push(`</g>`);
  out.push(`<g id="doors">${plan.doors.map((d) => doorSvg(d, plan.outline.walls, plan.outline.polygon)).join('')}</g>`);
  out.push(`<g id="fixtures">${plan.fixtures.map(fixtureSvg).join('')}</g>`);
  if (opts.labels !== false) {
    out.push(`<g id="labels" text-anchor="middle" fill="#111">`);
    for (const z of plan.zones) {
      const area = polygonAreaM2(z.polygon);
      const kind = zoneKind(z.kind)?.label[locale] ?? z.kind;
      const showKind = z.name && !kind.toLowerCase().startsWith(z.name.toLowerCase()) && !z.name.toLowerCase().startsWith(kind.toLowerCase());
      const line1 = z.name || kind, line2 = `${showKind ? kind + ' · ' : ''}${area.toFixed(2)} m²`;
      const zb = pointsBounds(z.polygon);
      // fit the longer line into 90 % of the zone's width (≈ 0.55 em per character; CJK ≈ 1 em)
      const ems = (t: string) => [...t].reduce((s, ch) => s + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.55), 0);
      const fs = Math.min(0.32, Math.max(0.1, Math.sqrt(area) / 12), (0.9 * (zb.maxX - zb.minX)) / Math.max(ems(line1), ems(line2) * 0.85, 1));
      const c = labelPoint(z.polygon, plan.fixtures, fs, (Math.max(ems(line1), ems(line2) * 0.85) * fs) / 2);
      out.push(`<text class="zone-label" x="${n(c[0])}" y="${n(c[1] - fs * 0.3)}" font-size="${n(fs)}" font-weight="bold">${escapeXml(line1)}</text>`);
      out.push(`<text class="zone-area" x="${n(c[0])}" y="${n(c[1] + fs * 0.9)}" font-size="${n(fs * 0.85)}">${escapeXml(line2)}</text>`);
    }
    out.push(`</g>`);
  }
  // scale bar below the plan, left-aligned
  const len = scaleBarLengthM(b.maxX - b.minX);
  const sy = b.maxY + m * 0.55, sx = b.minX;
  out.push(`<g id="scale-bar" font-size="0.25" fill="#111">`);
  out.push(`<rect x="${n(sx)}" y="${n(sy)}" width="${n(len / 2)}" height="0.12" fill="#111"/><rect x="${n(sx + len / 2)}" y="${n(sy)}" width="${n(len / 2)}" height="0.12" fill="#fff" stroke="#111" stroke-width="0.02"/>`);
  out.push(`<text x="${n(sx)}" y="${n(sy - 0.06)}" text-anchor="middle">0</text><text x="${n(sx + len)}" y="${n(sy - 0.06)}" text-anchor="middle">${len} m</text>`);
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join('\n');
}
