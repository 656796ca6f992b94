import { FACTOR_NAMES, type FactorName, type Weights } from '../../core/scoring/siteScore';

/**
 * Move one weight slider and keep the three weights summing to 1: `factor` takes `value` (clamped to [0, 1]) and
 * the other two share the remainder in proportion to their current values (equally when both are 0).
 * The last factor absorbs rounding so the sum is exactly 1 to 1e-12.
 * @example setWeight({transit:.3,demand:.4,competition:.3}, 'demand', .6) // → {transit:.2, demand:.6, competition:.2}
 */
export function setWeight(weights: Weights, factor: FactorName, value: number): Weights {
  const v = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
  const others = FACTOR_NAMES.filter((f) => f !== factor);
  const rest = 1 - v;
  const otherSum = others.reduce((s, f) => s + weights[f], 0);
  const out = { ...weights, [factor]: v } as Weights;
  others.forEach((f, k) => {
    if (k === others.length - 1) return;
    out[f] = otherSum > 0 ? (rest * weights[f]) / otherSum : rest / others.length;
  });
  const last = others[others.length - 1];
  out[last] = Math.max(0, 1 - FACTOR_NAMES.filter((f) => f !== last).reduce((s, f) => s + out[f], 0));
  return out;
}

/** Weights as whole percentages that add up to exactly 100 (largest-remainder rounding), for display. */
export function weightPercents(weights: Weights): Record<FactorName, number> {
  const exact = FACTOR_NAMES.map((f) => weights[f] * 100);
  const floors = exact.map(Math.floor);
  let missing = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, k) => [x - floors[k], k] as const).sort((a, b) => b[0] - a[0]);
  for (const [, k] of order) { if (missing <= 0) break; floors[k]++; missing--; }
  return Object.fromEntries(FACTOR_NAMES.map((f, k) => [f, floors[k]])) as Record<FactorName, number>;
}
