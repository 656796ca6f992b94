/**
 * Sequential colour ramp for site scores (0–100): ColorBrewer **YlGnBu**, 5 classes (Brewer & Harrower,
 * colorbrewer2.org — sequential, colour-blind safe, print friendly). Low scores are pale yellow, high scores
 * deep blue, so the best sites stand out on the light offline basemap.
 */
export type Rgb = [number, number, number];

/** Class breaks (score ≥ break → that class); the last class is closed at 100. */
export const SCORE_BREAKS = [0, 20, 40, 60, 80] as const;

/** YlGnBu 5-class colours, lowest first. */
export const SCORE_COLORS: readonly Rgb[] = [
  [255, 255, 204], // #ffffcc
  [161, 218, 180], // #a1dab4
  [65, 182, 196], // #41b6c4
  [44, 127, 184], // #2c7fb8
  [37, 52, 148], // #253494
];

/** Index of the class `score` falls in (scores outside 0–100 are clamped; NaN → class 0). */
export function scoreClass(score: number): number {
  if (!(score > 0)) return 0;
  for (let k = SCORE_BREAKS.length - 1; k > 0; k--) if (score >= SCORE_BREAKS[k]) return k;
  return 0;
}

/** The ramp colour for a score 0–100. */
export function scoreColor(score: number): Rgb {
  return SCORE_COLORS[scoreClass(score)];
}

/** Legend rows: `{ from, to, color, hex }` for each class, e.g. `{ from: 80, to: 100, hex: '#253494' }`. */
export function scoreLegend(): { from: number; to: number; color: Rgb; hex: string }[] {
  return SCORE_BREAKS.map((from, k) => ({
    from,
    to: k + 1 < SCORE_BREAKS.length ? SCORE_BREAKS[k + 1] : 100,
    color: SCORE_COLORS[k],
    hex: rgbHex(SCORE_COLORS[k]),
  }));
}

/** `[37, 52, 148]` → `#253494`. */
export function rgbHex([r, g, b]: Rgb): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** Demand hexagon ramp (residents per hexagon), ColorBrewer OrRd 6-class, light → dark. */
export const DEMAND_COLORS: Rgb[] = [
  [254, 240, 217],
  [253, 212, 158],
  [253, 187, 132],
  [252, 141, 89],
  [227, 74, 51],
  [179, 0, 0],
];

/** Colours of the point layers (also drawn in the legend). */
export const LAYER_COLORS = {
  competitor: [214, 39, 40] as Rgb, // red
  own: [16, 122, 72] as Rgb, // green
  // transit modes: hues away from the blue score ramp and the red/green branches
  subway: [194, 24, 91] as Rgb, // magenta
  bus: [70, 70, 70] as Rgb, // dark grey
  rail: [106, 61, 154] as Rgb, // purple
  ferry: [0, 150, 136] as Rgb, // teal
  selected: [255, 140, 0] as Rgb,
};

/** One colour per scoring factor for contribution bars (distinct from the score ramp). */
export const FACTOR_COLORS = { transit: '#2f6db5', demand: '#d9822b', competition: '#8a4fb0' } as const;
