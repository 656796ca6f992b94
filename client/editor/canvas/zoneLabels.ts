import type { FloorPlan, PlanPoint } from '../../../core/floorplan/model';
import { doorSwingNormal, fixtureFootprint, polygonAreaM2, polygonCentroid, polygonContainsPoint } from '../../../core/floorplan/geometry';
import { zoneKind } from '../../../core/floorplan/zoneKinds';
import { fitLabel } from '../../../core/floorplan/labelFit';
import { formatAreaM2, worldToScreen, type Viewport } from '../viewport';

/** A zone's label as placed on screen: its box (px, top-left), its name lines at `fontPx` (none: the area alone) and its area text. */
export interface ZoneLabelBox {
  zoneId: string;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
  fontPx: number;
  areaText: string;
}

interface Rect2 { x: number; y: number; w: number; h: number }
const overlaps = (a: Rect2, b: Rect2) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Candidate label offsets, in label heights from the centroid. */
const LABEL_OFFSETS: [number, number][] = [[0, 0], [0, -1], [0, 1], [0, -2], [0, 2], [-2, 0], [2, 0], [0, -3], [0, 3], [-3, -1], [3, -1], [-3, 1], [3, 1], [0, -4], [0, 4]];

/**
 * Where the zone labels (name + area) go on screen, the one layout the canvas draws and the standards badges keep off
 * (client/standards/FindingsOverlay.tsx): placed greedily, largest zone first, so they avoid fixtures and each other —
 * the centroid first, then positions stepped up/down/sideways inside the zone. The name is fitted to the zone (two
 * lines, 12 → 9 px, shortened by whole words only below that); a label that finds no spot inside its zone clear of the
 * other labels shrinks to the area only; a zone under 34 px a side on screen gets no label.
 */
export function layoutZoneLabels(plan: FloorPlan, v: Viewport, locale: 'en' | 'zh'): ZoneLabelBox[] {
  const placed: Rect2[] = [];
  const obstacles: Rect2[] = plan.fixtures.map((f) => {
    const pts = fixtureFootprint(f).map((q) => worldToScreen(v, q));
    const xs = pts.map((q) => q[0]), ys = pts.map((q) => q[1]);
    return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
  });
  // door leaves sweep a quarter circle: keep labels off the square it lies in when there is room elsewhere
  const fixtureCount = obstacles.length;
  for (const d of plan.doors) {
    if (d.swing.type !== 'single' && d.swing.type !== 'double') continue;
    const n = doorSwingNormal(d);
    const w = Math.hypot(d.b[0] - d.a[0], d.b[1] - d.a[1]);
    const pts = [d.a, d.b, [d.b[0] + n[0] * w, d.b[1] + n[1] * w], [d.a[0] + n[0] * w, d.a[1] + n[1] * w]].map((q) => worldToScreen(v, q as PlanPoint));
    const xs = pts.map((q) => q[0]), ys = pts.map((q) => q[1]);
    obstacles.push({ x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) });
  }
  const out: ZoneLabelBox[] = [];
  const order = plan.zones.map((z) => ({ z, area: polygonAreaM2(z.polygon) })).sort((a, b) => b.area - a.area);
  for (const { z, area } of order) {
    const sidePx = Math.sqrt(area) * v.pxPerM;
    if (sidePx < 34) continue;
    const [cx, cy] = worldToScreen(v, polygonCentroid(z.polygon));
    const title = z.name || zoneKind(z.kind)?.label[locale] || z.kind;
    const areaText = formatAreaM2(area);
    const ring = z.polygon.map((q) => worldToScreen(v, q) as PlanPoint);
    // the name fits the zone's width: two lines broken between words, 12 px down to 9 px, then shortened by whole
    // words (core/floorplan/labelFit.ts) — the full name is the canvas's tooltip over the zone and in its properties
    const xs = ring.map((q) => q[0]);
    const roomPx = Math.min(220, Math.max(...xs) - Math.min(...xs) - 10);
    const widthPx = Math.max(roomPx - 8, 30);
    const sized = (f: ReturnType<typeof fitLabel>) => {
      const textW = Math.max(...f.lines.map((l) => measureLabelPx(l, f.size)), measureLabelPx(areaText, f.size - 1, false));
      return { w: Math.ceil(textW) + 10, h: (f.size + 3) * f.lines.length + f.size + 7, full: true, fs: f.size, lines: f.lines };
    };
    const areaOnly = { w: 56, h: 16, full: false, fs: 11, lines: [] as string[] };
    // the largest fit first; where it finds no free spot, the same name at the 9 px minimum; then the area alone
    const variants = sidePx >= 60
      ? [sized(fitLabel(title, widthPx, measureLabelPx, { maxSize: 12, minSize: 9, step: 1 })), sized(fitLabel(title, widthPx, measureLabelPx, { maxSize: 9, minSize: 9 })), areaOnly]
      : [areaOnly];
    // a name beats a clear view: the named variants off fixtures and door swings, then off fixtures only, then over
    // fixtures (the label's backdrop is translucent); only then the area alone
    const named = variants.filter((vt) => vt.full), bare = variants.filter((vt) => !vt.full);
    const tries: { vt: typeof areaOnly; soft: boolean | null }[] = [...named.map((vt) => ({ vt, soft: true })), ...named.map((vt) => ({ vt, soft: false })),
      ...named.map((vt) => ({ vt, soft: null })), ...bare.map((vt) => ({ vt, soft: true })), ...bare.map((vt) => ({ vt, soft: false }))];
    let done = false;
    for (const { vt, soft } of tries) {
      const blockers = soft === null ? [] : soft ? obstacles : obstacles.slice(0, fixtureCount);
      for (const [dx, dy] of LABEL_OFFSETS) {
        const r: Rect2 = { x: cx + dx * vt.h - vt.w / 2, y: cy + dy * vt.h - vt.h / 2, w: vt.w, h: vt.h };
        const corners: PlanPoint[] = [[r.x, r.y], [r.x + r.w, r.y], [r.x, r.y + r.h], [r.x + r.w, r.y + r.h]];
        if (!corners.every((q) => polygonContainsPoint(ring, q))) continue;
        if (blockers.some((o) => overlaps(o, r)) || placed.some((o) => overlaps(o, r))) continue;
        placed.push(r);
        out.push({ zoneId: z.id, x: r.x, y: r.y, width: r.w, height: r.h, lines: vt.full ? vt.lines : [], fontPx: vt.fs, areaText });
        done = true;
        break;
      }
      if (done) break;
    }
  }
  return out;
}

let measureCtx: CanvasRenderingContext2D | null | undefined;
/**
 * Width in px of a label line as Konva draws it (its default font, bold for names), measured on a scratch canvas;
 * without a canvas (tests) ≈ 0.6 em per Latin character and 1 em per CJK one.
 */
function measureLabelPx(text: string, sizePx: number, bold = true): number {
  if (measureCtx === undefined) measureCtx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measureCtx) return [...text].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.6), 0) * sizePx;
  measureCtx.font = `${bold ? 'bold ' : ''}${sizePx}px Arial`;
  return measureCtx.measureText(text).width;
}
