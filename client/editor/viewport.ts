/**
 * Metres ↔ screen pixels for the floor-plan editor (pure; no Konva, no DOM).
 *
 * Plan coordinates are metres with y pointing down (as Konva and the plan model use).
 * A viewport maps a plan point `[xM, yM]` to a screen point `[xPx, yPx]`:
 *   xPx = offsetXPx + xM × pxPerM,   yPx = offsetYPx + yM × pxPerM
 * Zoom is a single uniform scale (`pxPerM`), never stored in the plan: sizes in the plan are
 * always dimensions in metres.
 */
import type { FloorPlan } from '../../core/floorplan/model';
import { pointsBounds } from '../../core/floorplan/geometry';

export interface Viewport {
  /** Screen pixels per plan metre (zoom). */
  pxPerM: number;
  /** Screen position (px) of the plan origin. */
  offsetXPx: number;
  offsetYPx: number;
}

export type Vec2 = [number, number];

/** Zoom limits: 2 px/m (a 500 m site fits a 1000 px screen) up to 2000 px/m (1 mm = 2 px). */
export const MIN_PX_PER_M = 2;
export const MAX_PX_PER_M = 2000;

/** Plan metres → screen pixels. */
export function worldToScreen(v: Viewport, [xM, yM]: Vec2): Vec2 {
  return [v.offsetXPx + xM * v.pxPerM, v.offsetYPx + yM * v.pxPerM];
}

/** Screen pixels → plan metres (inverse of {@link worldToScreen}). */
export function screenToWorld(v: Viewport, [xPx, yPx]: Vec2): Vec2 {
  return [(xPx - v.offsetXPx) / v.pxPerM, (yPx - v.offsetYPx) / v.pxPerM];
}

/** A length in pixels for a length in metres at this zoom. */
export function metresToPx(v: Viewport, lengthM: number): number {
  return lengthM * v.pxPerM;
}

/** A length in metres for a length in pixels at this zoom (e.g. a snap tolerance of 8 px). */
export function pxToMetres(v: Viewport, lengthPx: number): number {
  return lengthPx / v.pxPerM;
}

/**
 * Zoom by `factor` keeping the plan point under `anchorPx` (the cursor) fixed on screen.
 * The result's pxPerM is clamped to [MIN_PX_PER_M, MAX_PX_PER_M].
 */
export function zoomAbout(v: Viewport, anchorPx: Vec2, factor: number): Viewport {
  const pxPerM = Math.min(MAX_PX_PER_M, Math.max(MIN_PX_PER_M, v.pxPerM * factor));
  const [wx, wy] = screenToWorld(v, anchorPx);
  return { pxPerM, offsetXPx: anchorPx[0] - wx * pxPerM, offsetYPx: anchorPx[1] - wy * pxPerM };
}

/** Move the view by a screen delta (pan). */
export function panBy(v: Viewport, dxPx: number, dyPx: number): Viewport {
  return { ...v, offsetXPx: v.offsetXPx + dxPx, offsetYPx: v.offsetYPx + dyPx };
}

/** Wheel delta (DOM `deltaY`, px) → zoom factor: 1.0015^-deltaY, so one notch (±100) ≈ ×0.86 / ×1.16. */
export function wheelZoomFactor(deltaY: number): number {
  return Math.pow(1.0015, -deltaY);
}

/** Free space kept on each side of a fitted plan, px. */
export interface InsetsPx { top: number; right: number; bottom: number; left: number }

/**
 * The viewport that shows the box `[minX, minY, maxX, maxY]` (metres) centred in a screen of
 * `widthPx × heightPx`, with `margin` px free on each side (one number for all four, or per side — e.g. more at the
 * bottom, where the scale bar and the status line lie over the canvas).
 */
export function fitBounds(box: [number, number, number, number], widthPx: number, heightPx: number, margin: number | InsetsPx = 40): Viewport {
  const m = typeof margin === 'number' ? { top: margin, right: margin, bottom: margin, left: margin } : margin;
  const [minX, minY, maxX, maxY] = box;
  const wM = Math.max(maxX - minX, 1e-6);
  const hM = Math.max(maxY - minY, 1e-6);
  const availW = Math.max(widthPx - m.left - m.right, 10);
  const availH = Math.max(heightPx - m.top - m.bottom, 10);
  const pxPerM = Math.min(MAX_PX_PER_M, Math.max(MIN_PX_PER_M, Math.min(availW / wM, availH / hM)));
  return {
    pxPerM,
    offsetXPx: m.left + availW / 2 - ((minX + maxX) / 2) * pxPerM,
    offsetYPx: m.top + availH / 2 - ((minY + maxY) / 2) * pxPerM,
  };
}

/**
 * The box a plan view is fitted to, `[minX, minY, maxX, maxY]` in metres: the outline and every zone
 * (a 10 × 10 m box at the origin for an empty plan).
 */
export function planViewBounds(plan: FloorPlan): [number, number, number, number] {
  const pts = [...plan.outline.polygon, ...plan.zones.flatMap((z) => z.polygon)];
  const b = pointsBounds(pts.length ? pts : [[0, 0], [10, 10]]);
  return [b.minX, b.minY, b.maxX, b.maxY];
}

/**
 * A scale bar: the largest "nice" length (1, 2 or 5 × 10^k metres) whose on-screen length is at
 * most `maxPx`. Returns the length in metres, its pixel length and a label ("5 m", "50 cm").
 */
export function scaleBar(v: Viewport, maxPx = 120): { lengthM: number; lengthPx: number; label: string } {
  const maxM = maxPx / v.pxPerM;
  const pow = Math.pow(10, Math.floor(Math.log10(maxM)));
  let lengthM = pow;
  for (const m of [5, 2, 1]) {
    if (m * pow <= maxM + 1e-12) { lengthM = m * pow; break; }
  }
  return { lengthM, lengthPx: lengthM * v.pxPerM, label: formatLengthM(lengthM) };
}

/** A length for labels: ≥ 1 m as "3.25 m" (to the centimetre), under 1 m as "80 cm" (to the millimetre when needed). */
export function formatLengthM(lengthM: number): string {
  const abs = Math.abs(lengthM);
  if (abs >= 1 - 1e-9) return `${trimZeros(lengthM.toFixed(2))} m`;
  const cm = lengthM * 100;
  return `${trimZeros(cm.toFixed(1))} cm`;
}

/** An area for labels, to 0.1 m² ("12.5 m²"). */
export function formatAreaM2(areaM2: number): string {
  return `${areaM2.toFixed(1)} m²`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
