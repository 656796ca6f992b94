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

/**
 * The colour ramps a user can pick for the hexagon layers (all sequential and colour-blind safe):
 * `default` = ColorBrewer YlGnBu for scores and BuPu for residents (kept apart from the red competitor dots);
 * `viridis` = the viridis ramp (van der Walt & Smith, matplotlib), perceptually uniform, for both.
 */
export type RampName = 'default' | 'viridis';
export const RAMP_NAMES: RampName[] = ['default', 'viridis'];

/** Viridis sampled at 5 classes (lowest first, low = pale yellow so light means little as in the default ramp). */
export const VIRIDIS_5: readonly Rgb[] = [[253, 231, 37], [94, 201, 98], [33, 145, 140], [59, 82, 139], [68, 1, 84]];
/** Viridis sampled at 6 classes (lowest first). */
const VIRIDIS_6: readonly Rgb[] = [[253, 231, 37], [122, 209, 81], [34, 168, 132], [42, 120, 142], [65, 68, 135], [68, 1, 84]];

/** The ramp colour for a score 0–100 (`ramp` default: YlGnBu). */
export function scoreColor(score: number, ramp: RampName = 'default'): Rgb {
  return (ramp === 'viridis' ? VIRIDIS_5 : SCORE_COLORS)[scoreClass(score)];
}

/**
 * The colour of class `k` of `n` value classes (e.g. forecast-deposit quantile classes) on the 5-colour score ramp:
 * 5 classes take the 5 colours in order; fewer classes (breaks that rounded to the same value) are spread over the
 * ramp from its lightest to its darkest colour.
 */
export function classColor(k: number, n: number, ramp: RampName = 'default'): Rgb {
  const colors = ramp === 'viridis' ? VIRIDIS_5 : SCORE_COLORS;
  const i = n <= 1 ? colors.length - 1 : Math.round((Math.max(0, Math.min(k, n - 1)) * (colors.length - 1)) / (n - 1));
  return colors[i];
}

/** Text colour that stays legible on a fill of `rgb` (white on the dark classes). */
export function textColorOn([r, g, b]: Rgb): string {
  return 0.299 * r + 0.587 * g + 0.114 * b < 150 ? '#fff' : '#1d2733';
}

/** Text colour that stays legible on a score chip of that class (white on the dark classes). */
export function scoreTextColor(score: number, ramp: RampName = 'default'): string {
  return textColorOn(scoreColor(score, ramp));
}

/** Legend rows: `{ from, to, color, hex }` for each class, e.g. `{ from: 80, to: 100, hex: '#253494' }`. */
export function scoreLegend(ramp: RampName = 'default'): { from: number; to: number; color: Rgb; hex: string }[] {
  const colors = ramp === 'viridis' ? VIRIDIS_5 : SCORE_COLORS;
  return SCORE_BREAKS.map((from, k) => ({
    from,
    to: k + 1 < SCORE_BREAKS.length ? SCORE_BREAKS[k + 1] : 100,
    color: colors[k],
    hex: rgbHex(colors[k]),
  }));
}

/** `[37, 52, 148]` → `#253494`. */
export function rgbHex([r, g, b]: Rgb): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}

/**
 * Demand hexagon ramp (residents per hexagon), ColorBrewer BuPu 6-class, light → dark: no red, so the red competitor
 * dots stay visible on the densest hexagons.
 */
export const DEMAND_COLORS: Rgb[] = [
  [237, 248, 251],
  [191, 211, 230],
  [158, 188, 218],
  [140, 150, 198],
  [136, 86, 167],
  [129, 15, 124],
];

/** The demand ramp of a ramp choice (6 classes, lowest first). */
export function demandColors(ramp: RampName = 'default'): readonly Rgb[] {
  return ramp === 'viridis' ? VIRIDIS_6 : DEMAND_COLORS;
}

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
