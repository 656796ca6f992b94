import type { SiteForecastDto } from '../api/forecast';
import { runSteps, type Steps } from '../steps';
import type { BankEffectValue } from './bankEffect';
import { forecastSite, type ForecastModel } from './model';

/**
 * The single-site forecasts (core/forecast/model.ts `forecastSite`) of many candidate sites, ranked, in columns of
 * typed arrays: the form a compute worker sends back (copying a few typed arrays instead of cloning one object per
 * contribution — the NYC grid's 7,405 sites have ≈ 185,000), turned into the API's {@link SiteForecastDto} objects a
 * slice at a time by {@link siteForecastDtos}. The values are forecastSite's own; nothing is rounded here.
 */
export interface SiteForecastColumns {
  n: number;
  /** Point forecast and interval ends per site, in the set's unit (USD for deposit sets). */
  depositsUsd: Float64Array;
  lowUsd: Float64Array;
  highUsd: Float64Array;
  /** Rank by point forecast within the set of sites (1 = largest; ties keep site order). */
  rank: Int32Array;
  /** Interval coverage and forecast age, years: the model's, the same for every site. */
  level: number;
  ageYears: number;
  /** The model's features: a contribution names `features[feature[…]]`. */
  features: string[];
  /**
   * Site s's contributions are its first `count[s]` entries from s·C (C = features.length), in forecastSite's order
   * (non-zero ones, largest |contributionLog| first): feature index, raw value, ln contribution, clamped (1) or not.
   */
  count: Int32Array;
  feature: Int32Array;
  value: Float64Array;
  contributionLog: Float64Array;
  clamped: Uint8Array;
}

/** Sites forecast in one piece of {@link siteForecastColumnsSteps} (1,000 ≈ 30–60 ms on a loaded machine). */
export const SITE_FORECASTS_PER_STEP = 1_000;

/**
 * {@link siteForecastColumns} as a generator (core/steps.ts) that yields after every {@link SITE_FORECASTS_PER_STEP}
 * sites (a server's event loop takes a turn there; a worker runs it at once).
 * @throws when `location` does not hold n rows of the model's location features (as forecastSite would misread them).
 */
export function* siteForecastColumnsSteps(model: ForecastModel, location: Float64Array, n: number,
  bank: BankEffectValue & { profile?: readonly number[] | null }): Steps<SiteForecastColumns> {
  const L = n > 0 ? location.length / n : 0;
  if (n > 0 && !Number.isInteger(L)) throw new Error(`siteForecastColumns: ${location.length} feature values for ${n} sites`);
  const C = model.features.length;
  const out: SiteForecastColumns = {
    n, depositsUsd: new Float64Array(n), lowUsd: new Float64Array(n), highUsd: new Float64Array(n), rank: new Int32Array(n),
    level: model.residualQuantilesLog.level, ageYears: model.matureAgeYears, features: [...model.features],
    count: new Int32Array(n), feature: new Int32Array(n * C), value: new Float64Array(n * C), contributionLog: new Float64Array(n * C),
    clamped: new Uint8Array(n * C),
  };
  const column = new Map(model.features.map((f, j) => [f, j]));
  for (let s = 0; s < n; s++) {
    if (s > 0 && s % SITE_FORECASTS_PER_STEP === 0) yield;
    const f = forecastSite(model, location.subarray(s * L, s * L + L), bank);
    out.depositsUsd[s] = f.depositsUsd; out.lowUsd[s] = f.lowUsd; out.highUsd[s] = f.highUsd;
    out.count[s] = f.contributions.length;
    f.contributions.forEach((c, k) => {
      const at = s * C + k;
      out.feature[at] = column.get(c.feature)!;
      out.value[at] = c.value;
      out.contributionLog[at] = c.contributionLog;
      out.clamped[at] = c.clamped ? 1 : 0;
    });
  }
  // rank by point forecast, largest first (a stable sort: equal forecasts keep site order)
  const order = Array.from({ length: n }, (_, s) => s).sort((a, b) => out.depositsUsd[b] - out.depositsUsd[a]);
  order.forEach((s, k) => { out.rank[s] = k + 1; });
  return out;
}

/** Forecast `n` sites from their LOCATION_FEATURES rows (`location[s·L + j]`) with the model and bank effect, at once. */
export function siteForecastColumns(model: ForecastModel, location: Float64Array, n: number,
  bank: BankEffectValue & { profile?: readonly number[] | null }): SiteForecastColumns {
  return runSteps(siteForecastColumnsSteps(model, location, n, bank));
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The API form of sites [from, to) of `cols`: forecast and interval ends rounded to whole units, each contribution's
 * value and ln contribution to 6 decimals, `clamped: true` only on clamped ones (as the score response carries them).
 */
export function siteForecastDtos(cols: SiteForecastColumns, from = 0, to = cols.n): SiteForecastDto[] {
  const C = cols.features.length;
  const out: SiteForecastDto[] = [];
  for (let s = from; s < to; s++) {
    const contributions: SiteForecastDto['contributions'] = [];
    for (let k = 0; k < cols.count[s]; k++) {
      const at = s * C + k;
      contributions.push({ feature: cols.features[cols.feature[at]], value: round(cols.value[at], 6), contributionLog: round(cols.contributionLog[at], 6),
        ...(cols.clamped[at] ? { clamped: true } : {}) });
    }
    out.push({ depositsUsd: Math.round(cols.depositsUsd[s]), lowUsd: Math.round(cols.lowUsd[s]), highUsd: Math.round(cols.highUsd[s]),
      level: cols.level, ageYears: cols.ageYears, rank: cols.rank[s], contributions });
  }
  return out;
}
