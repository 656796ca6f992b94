import type { GeoData } from '../geo/geoData';
import { Lru } from '../memo';
import { forecastLayers } from './trainingData';
import type { ForecastLayerInput } from './calibrationTask';
import type { SiteForecastDto } from '../../core/api/forecast';
import type { ScoreResponse } from '../../core/api/sites';
import { computeLocationFeatures, createForecastFeatureContext, type ForecastFeatureContext, type ForecastSite, type LocationFeatureTable,
  type YearOutlets } from '../../core/forecast/features';
import type { AssumedBank, ForecastModel } from '../../core/forecast/model';
import { siteSetForecast, type SiteSetForecast } from '../../core/forecast/siteSet';
import { siteForecastColumns, siteForecastDtos, type SiteForecastColumns } from '../../core/forecast/siteForecasts';
import { createPointIndex } from '../../core/geo/pointIndex';
import { scoreSitesResponse, type SiteScoringInput } from '../scoring/scoringService';

/**
 * Forecasts of candidate sites as compute-pool tasks (server/work/tasks.ts): the location features
 * (core/forecast/features.ts computeLocationFeatures, ≈ 0.1 ms a site) and the forecasts of many sites held the event
 * loop 200–300 ms in pieces on the main thread. The main thread resolves what needs its services and databases (the
 * parameter set, the network's CERTs, each site's poverty share from the NTA boundaries); the worker builds the
 * feature context — today's branch set — on its own copy of the geo data (once per {@link ForecastContextPosted.key})
 * and computes. Everything in and out is plain data, mostly typed arrays.
 */

/** `params.forecast` of a forecast-mode score response: which set and bank effect the forecasts used. */
export type ForecastEcho = NonNullable<ScoreResponse['params']['forecast']>;

/** Today's branch set and the layers' extra inputs, as posted with every task (a few hundred KB of typed arrays). */
export interface ForecastContextPosted extends ForecastLayerInput {
  /** Identifies this branch set: a worker builds the feature context once per key and keeps it. */
  key: string;
  outlets: YearOutlets;
}

/** The sites of a forecast task and what they are forecast with. */
export interface SiteForecastInput {
  context: ForecastContextPosted;
  /** Sites, degrees, and each one's poverty share (0–1; NaN: none known, the layers' fallback is used). */
  lng: Float64Array;
  lat: Float64Array;
  povertyShare: Float64Array;
  /** CERTs of the own network (its branches count as own), possibly empty. */
  ownCerts: number[];
  model: ForecastModel;
  bank: AssumedBank;
}

/**
 * The sites of a forecast as core's feature computation takes them: candidates (no outlet of their own) whose own
 * branches are those of `ownCerts` (by `outletCert`, the branch set's CERT per outlet). NaN poverty share → none.
 */
export function forecastSitesOf(lng: ArrayLike<number>, lat: ArrayLike<number>, povertyShare: ArrayLike<number>, outletCert: ArrayLike<number>,
  ownCerts: readonly number[]): ForecastSite[] {
  const own = new Set(ownCerts);
  const isOwn = (k: number) => own.has(outletCert[k]);
  const isOwnCert = (c: number) => own.has(c);
  const out: ForecastSite[] = new Array(lng.length);
  for (let s = 0; s < lng.length; s++) {
    out[s] = { lng: lng[s], lat: lat[s], selfOutlet: -1, isOwn, isOwnCert, povertyShare: Number.isNaN(povertyShare[s]) ? null : povertyShare[s] };
  }
  return out;
}

/** This worker's feature contexts by key (a new import's branch set gets a new key). */
const contexts = new Lru<ForecastFeatureContext>(2);

/** The feature context of a posted branch set over `geo`: built on first use, as the main thread's (ForecastService). */
export function featureContextOf(geo: GeoData, posted: ForecastContextPosted): ForecastFeatureContext {
  let c = contexts.get(posted.key);
  if (!c) {
    c = createForecastFeatureContext(forecastLayers(geo, createPointIndex(posted.atm.lng, posted.atm.lat), posted.povertyFallback), posted.outlets);
    contexts.set(posted.key, c);
  }
  return c;
}

/** The location features of the input's sites against the posted branch set. */
function featuresOf(geo: GeoData, input: SiteForecastInput): { ctx: ForecastFeatureContext; features: LocationFeatureTable } {
  const ctx = featureContextOf(geo, input.context);
  return { ctx, features: computeLocationFeatures(ctx, forecastSitesOf(input.lng, input.lat, input.povertyShare, ctx.outlets.cert, input.ownCerts)) };
}

/** Task `siteForecasts`: the single-site forecasts of the input's sites, ranked, in columns. */
export function siteForecastsTask(geo: GeoData, input: SiteForecastInput): SiteForecastColumns {
  const { features } = featuresOf(geo, input);
  return siteForecastColumns(input.model, features.values, features.n, input.bank);
}

/** Task `siteSetForecast`: the input's sites ready for set forecasts (core/forecast/siteSet.ts; the optimiser's candidates). */
export function siteSetForecastTask(geo: GeoData, input: SiteForecastInput): SiteSetForecast {
  const { ctx, features } = featuresOf(geo, input);
  return siteSetForecast(input.model, features.values, input.lng, input.lat, input.bank, ctx.outlets.neighbourLogDepositsFallback);
}

/**
 * A weighted-criteria score response in forecast mode: each site gets its forecast (`forecasts[j]` for `res.sites[j]`)
 * and the forecast's rank as its `rank`; `params` says the mode and echoes what the forecasts assumed. Changes `res`.
 */
export function withForecasts(res: ScoreResponse, forecasts: readonly SiteForecastDto[], echo: ForecastEcho): ScoreResponse {
  res.sites.forEach((site, j) => { site.forecast = forecasts[j]; site.rank = forecasts[j].rank; });
  res.params.mode = 'forecast';
  res.params.forecast = echo;
  return res;
}

/**
 * Task `scoreSitesForecast`: `POST /api/sites/score` in forecast mode for many listed sites — their weighted-criteria
 * score (scoring/scoringService.ts, as task `scoreSites`) with their forecasts. Run it with the pool's `runJson`: the
 * response (62 MB of JSON for 10,000 sites) is then stringified in the worker and its bytes moved, not copied.
 */
export function scoreSitesForecastTask(geo: GeoData, input: { sites: SiteScoringInput; forecast: SiteForecastInput; echo: ForecastEcho },
  scoringContext: Parameters<typeof scoreSitesResponse>[1]): ScoreResponse {
  const res = scoreSitesResponse(input.sites, scoringContext);
  if (res.sites.length !== input.forecast.lng.length) throw new Error(`scoreSitesForecast: ${res.sites.length} scored sites for ${input.forecast.lng.length} forecast`);
  const cols = siteForecastsTask(geo, input.forecast);
  return withForecasts(res, siteForecastDtos(cols), input.echo);
}
