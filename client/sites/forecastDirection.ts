import type { ParameterSet } from '../api/forecast';
import { AGE_HINGE_FEATURES, YEAR_INDICATORS } from '../../core/forecast/design';

/** Features the forecast sets itself (a new, not acquired branch at the mature age in the forecast year), not the site. */
const ASSUMED = new Set<string>(['logAgeYears', ...AGE_HINGE_FEATURES, 'youngerThan5Years', 'acquired', ...YEAR_INDICATORS.map((y) => `year${y}`)]);

/**
 * Why a feature moves a site's forecast, for its line in the breakdown: whether the site's value is below or above
 * the fitted branches' average of it (`model.means`, same unit as `value`) — or is set by the forecast's assumptions
 * (age, acquisition, survey year) — and whether the term raises or lowers the forecast (`contributionLog`'s sign).
 * A negative coefficient makes a below-average value raise the forecast (the Huff crowding index, for example).
 * @returns null when the feature is not in the model (another parameter set's answer) or the term is 0.
 */
export function contributionDirection(model: Pick<ParameterSet['params'], 'features' | 'means'>,
  c: { feature: string; value: number; contributionLog: number }): { side: 'below' | 'above' | 'assumed'; effect: 'raises' | 'lowers' } | null {
  const col = model.features.indexOf(c.feature);
  if (col < 0 || c.contributionLog === 0 || !Number.isFinite(c.contributionLog)) return null;
  const effect = c.contributionLog > 0 ? 'raises' : 'lowers';
  if (ASSUMED.has(c.feature)) return { side: 'assumed', effect };
  return { side: c.value < model.means[col] ? 'below' : 'above', effect };
}
