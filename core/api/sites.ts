import { z } from 'zod';
import { DEFAULT_SCORING_PARAMS } from '../scoring/params';
import { DEFAULT_WEIGHTS, WEIGHT_SUM_TOLERANCE } from '../scoring/siteScore';
import { bboxParam } from './layers';
import { forecastEchoSchema, parameterSetName, siteForecastSchema } from './forecast';
import { areaSpec, gridSpec, MAX_GRID_CELLS } from './areas';

export { gridSpec, MAX_GRID_CELLS };

/**
 * Request/response contracts of the site-scoring API (issue 2, items 3–5), shared by the server (validation)
 * and the client (types). Field names of the response are pinned by tests.
 */

/** At most this many sites in one `POST /api/sites/score`; larger sets go through the grid or the CLI. */
export const MAX_SITES_PER_REQUEST = 10_000;

/** Network id: `cert:<FDIC CERT>` (an institution) or `hc:<RSSDHCR>` (a holding company). */
export const networkId = z.string().regex(/^(cert|hc):[1-9]\d{0,11}$/, 'must be "cert:<CERT>" or "hc:<RSSDHCR>" (digits)');

export const siteInput = z.object({
  id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});

const radius = (def: number) => z.number().positive().max(5000).default(def);

/** Every model parameter (SITE-MODEL.md), with its default; each is echoed back in `params`. */
export const scoringParamsSchema = z.object({
  busRadiusM: radius(DEFAULT_SCORING_PARAMS.busRadiusM),
  subwayRadiusM: radius(DEFAULT_SCORING_PARAMS.subwayRadiusM),
  railRadiusM: radius(DEFAULT_SCORING_PARAMS.railRadiusM),
  ferryRadiusM: radius(DEFAULT_SCORING_PARAMS.ferryRadiusM),
  kernelBandwidthM: z.number().min(50).max(3000).default(DEFAULT_SCORING_PARAMS.kernelBandwidthM),
  huffDMinM: z.number().min(1).max(2000).default(DEFAULT_SCORING_PARAMS.huffDMinM),
  huffBeta: z.number().min(0.1).max(5).default(DEFAULT_SCORING_PARAMS.huffBeta),
  huffDMaxM: z.number().min(200).max(10_000).default(DEFAULT_SCORING_PARAMS.huffDMaxM),
  attractiveness: z.enum(['equal', 'deposits']).default(DEFAULT_SCORING_PARAMS.attractiveness),
  competitorServiceTypes: z.array(z.number().int().min(0).max(99)).max(20).default([]),
}).strict();

export const weightsSchema = z.object({
  transit: z.number().min(0).max(1),
  demand: z.number().min(0).max(1),
  competition: z.number().min(0).max(1),
}).strict().refine((w) => Math.abs(w.transit + w.demand + w.competition - 1) <= WEIGHT_SUM_TOLERANCE,
  { message: 'weights must sum to 1 (transit + demand + competition)' });

/**
 * Normalisation: `method`, and the `reference` distribution each raw value is ranked in (SITE-MODEL.md):
 * - `"grid"` — a study-area grid: the request's own `grid` (the default for a grid request), or `normalization.grid`
 *   (e.g. the area a clicked site belongs to);
 * - `"nyc-grid"` — the NYC H3 res-9 land grid (the default for a `sites` request without `normalization.grid`);
 * - `"request"` — the request's own candidates.
 * The reference actually used is echoed in `params.normalization`.
 */
export const normalizationSchema = z.object({
  method: z.enum(['percentile', 'minmax', 'zscore']).default('percentile'),
  reference: z.enum(['grid', 'nyc-grid', 'request']).optional(),
  grid: gridSpec.optional(),
}).strict();

/**
 * The users' own datasets a score request uses (issue 10, items 3–4; ids from `GET /api/datasets`):
 * - `demand`: target customers as a weighted sum of layers — `residents` (census 2020 block groups) and datasets of
 *   kind `demand` or `jobs`; default `[{ layer: 'residents', weight: 1 }]`; weights are multipliers ≥ 0 (a job
 *   counted as half a resident: 0.5);
 * - `transit`: datasets of kind `transit` (GTFS feeds) whose stops count beside the shipped feeds;
 * - `ownOutlets`: a dataset of kind `outlets` that is the own network (with `ownNetwork`, both count as own);
 * - `competitors`: datasets of kind `outlets` counted as competitors beside the FDIC branches.
 */
export const scoringDatasetsSchema = z.object({
  demand: z.array(z.object({ layer: z.string().min(1).max(200), weight: z.number().min(0).max(1000) }).strict()).min(1).max(10)
    .refine((ls) => ls.some((l) => l.weight > 0), { message: 'at least one demand layer needs a weight above 0' })
    .refine((ls) => new Set(ls.map((l) => l.layer)).size === ls.length, { message: 'each demand layer once' }).optional(),
  transit: z.array(z.string().min(1).max(200)).max(10).optional(),
  ownOutlets: z.string().min(1).max(200).optional(),
  competitors: z.array(z.string().min(1).max(200)).max(10).optional(),
}).strict();
export type ScoringDatasets = z.output<typeof scoringDatasetsSchema>;

const scoreRequestBase = z.object({
  sites: z.array(siteInput).min(1, 'sites must list at least one site').max(MAX_SITES_PER_REQUEST, `at most ${MAX_SITES_PER_REQUEST} sites per request; use the grid or the CLI`).optional(),
  grid: gridSpec.optional(),
  ownNetwork: networkId.optional(),
  weights: weightsSchema.default({ ...DEFAULT_WEIGHTS }),
  normalization: normalizationSchema.default({ method: 'percentile' }),
  params: scoringParamsSchema.default({ ...DEFAULT_SCORING_PARAMS, competitorServiceTypes: [] }),
  datasets: scoringDatasetsSchema.optional(),
  /**
   * `criteria` (default): the weighted-criteria score. `forecast`: each site also gets `forecast` — deposits at a mature
   * age with an interval, for `ownNetwork` (its bank effect; none = the area's average institution) — and `rank` follows
   * the forecast (issue "Scores that predict real branches").
   */
  mode: z.enum(['criteria', 'forecast']).default('criteria'),
  /** The parameter set of the forecast (`GET /api/parameter-sets`); default the one fitted on FDIC SOD. */
  parameterSet: parameterSetName.optional(),
}).strict();

function checkCandidates(r: { sites?: { id: string }[]; grid?: unknown; normalization: { reference?: string; grid?: unknown } }, ctx: z.RefinementCtx): void {
  if (!r.sites === !r.grid) ctx.addIssue({ code: 'custom', path: r.sites ? ['grid'] : ['sites'], message: 'give exactly one of "sites" and "grid"' });
  checkNormalization(r, ctx);
  checkSiteIds(r, ctx);
}

/** Sensitivity candidates: `sites`, `grid`, or both (the grid plus added sites; a site with a cell's id replaces it). */
function checkSensitivityCandidates(r: { sites?: { id: string }[]; grid?: unknown; normalization: { reference?: string; grid?: unknown } }, ctx: z.RefinementCtx): void {
  if (!r.sites && !r.grid) ctx.addIssue({ code: 'custom', path: ['sites'], message: 'give "sites", "grid" or both' });
  checkNormalization(r, ctx);
  checkSiteIds(r, ctx);
}

/** `normalization.grid` only with reference "grid"; reference "grid" needs a grid (the request's or normalization's). */
function checkNormalization(r: { grid?: unknown; normalization: { reference?: string; grid?: unknown } }, ctx: z.RefinementCtx): void {
  const n = r.normalization;
  if (n.grid && n.reference && n.reference !== 'grid') ctx.addIssue({ code: 'custom', path: ['normalization', 'grid'], message: `normalization.grid goes with reference "grid", not "${n.reference}"` });
  if (n.reference === 'grid' && !n.grid && !r.grid) ctx.addIssue({ code: 'custom', path: ['normalization', 'grid'], message: 'reference "grid" needs normalization.grid ({ resolution, area }) or a grid request' });
}

function checkSiteIds(r: { sites?: { id: string }[] }, ctx: z.RefinementCtx): void {
  if (r.sites) {
    const seen = new Set<string>();
    r.sites.forEach((s, k) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sites', k, 'id'], message: `duplicate site id "${s.id}"` });
      seen.add(s.id);
    });
  }
}

/** `POST /api/sites/score` body: exactly one of `sites` and `grid`. */
export const scoreRequestSchema = scoreRequestBase.superRefine(checkCandidates);

/**
 * `POST /api/sites/sensitivity` body: a score request plus the Monte Carlo settings (SITE-MODEL.md "Weight
 * sensitivity"): Dirichlet draws centred on `weights` with `concentration`, P(top `topK`), reproducible by `seed`.
 * Candidates: `sites`, `grid`, or both — the grid (its cached factors) plus the added `sites` only, in that order; an
 * added site with a grid cell's id replaces that cell.
 */
export const sensitivityRequestSchema = scoreRequestBase.extend({
  sensitivity: z.object({
    draws: z.number().int().min(10).max(2000).default(500),
    concentration: z.number().positive().max(1e6).default(50),
    topK: z.number().int().min(1).max(1000).default(10),
    seed: z.number().int().min(0).max(2 ** 31).default(1),
  }).strict().default({ draws: 500, concentration: 50, topK: 10, seed: 1 }),
}).superRefine(checkSensitivityCandidates);
export type SensitivityRequestParsed = z.output<typeof sensitivityRequestSchema>;

export const sensitivityResponseSchema = z.object({
  draws: z.number().int(), concentration: z.number(), topK: z.number().int(),
  meanWeights: z.object({ transit: z.number(), demand: z.number(), competition: z.number() }),
  sites: z.array(z.object({ id: z.string(), score: z.number(), rank: z.number().int(), pTopK: z.number(), rankP5: z.number().int(), rankP95: z.number().int() })),
});
export type SensitivityResponse = z.infer<typeof sensitivityResponseSchema>;

export type ScoreRequestInput = z.input<typeof scoreRequestSchema>;
export type ScoreRequestParsed = z.output<typeof scoreRequestSchema>;

/**
 * Per factor: `raw`, `normalized` (vs the reference), the `weight` it is scored with at this site and its
 * `contribution` = weight · normalized; `scored: false` when the factor's data does not cover the site — then weight,
 * contribution and normalized are 0, the other weights are renormalised, and the site carries a warning.
 */
const factorBase = { raw: z.number(), normalized: z.number(), weight: z.number(), contribution: z.number(), scored: z.boolean() };

/** A data-coverage warning on a site: `no-transit-feed`, `no-demand-data`, `no-outlet-data`, `no-reference`. */
export const siteWarningSchema = z.object({ code: z.string(), message: z.string() });
export type SiteWarning = z.infer<typeof siteWarningSchema>;

/** Where a site lies (county FIPS and name, NYC borough, 2020 NTA); null where no boundary holds it. */
export const sitePlaceSchema = z.object({ countyFips: z.string().nullable(), county: z.string().nullable(), borough: z.string().nullable(), neighbourhood: z.string().nullable() });
export type SitePlace = z.infer<typeof sitePlaceSchema>;

/** One scored site (the contract of issue 2, item 5, with issue 10's `place` and `warnings`). */
export const scoredSiteSchema = z.object({
  id: z.string(), lng: z.number(), lat: z.number(), score: z.number(), rank: z.number().int(),
  place: sitePlaceSchema,
  warnings: z.array(siteWarningSchema),
  factors: z.object({
    transit: z.object({ ...factorBase, departuresWithinRadius: z.number(), imputedDepartures: z.number(), stopsWithinRadius: z.number().int(),
      routesWithinRadius: z.number().int(), nearestStopM: z.number().nullable(), nearestStopId: z.string().nullable(),
      nearestStopMode: z.enum(['subway', 'bus', 'rail', 'ferry']).nullable() }),
    demand: z.object({ ...factorBase, populationWithin500m: z.number(), populationWithin1000m: z.number(), populationWithin2000m: z.number(),
      /** Per demand layer (when the request names `datasets.demand`): its weight, its part of `raw` and its own count within 1 km. */
      layers: z.array(z.object({ layer: z.string(), name: z.string(), weight: z.number(), raw: z.number(), within1000m: z.number() })).optional() }),
    competition: z.object({ ...factorBase, competitorsWithin500m: z.number().int(), competitorsWithin1000m: z.number().int(),
      nearestCompetitorM: z.number().nullable(), huffShare: z.number(), expectedCustomers: z.number(), cannibalizedFromOwn: z.number(),
      netNewDemand: z.number() }),
  }),
  /** In `mode: "forecast"`: the forecast (rank = its rank by forecast deposits, also the site's `rank`). */
  forecast: siteForecastSchema.optional(),
});
export type ScoredSite = z.infer<typeof scoredSiteSchema>;

export const datasetVintageSchema = z.object({ id: z.string(), source: z.string().nullable(), vintage: z.string().nullable(), importedAt: z.string().nullable() });

export const scoreResponseSchema = z.object({
  count: z.number().int(),
  sites: z.array(scoredSiteSchema),
  params: scoringParamsSchema.extend({
    weights: weightsSchema,
    normalization: z.object({ method: normalizationSchema.shape.method, reference: z.enum(['grid', 'nyc-grid', 'request']),
      grid: z.object({ resolution: z.number(), area: areaSpec, name: z.string() }).nullable(),
      referenceSize: z.number().int(), referenceDescription: z.string() }),
    ownNetwork: z.object({ id: z.string(), name: z.string(), branches: z.number().int() }).nullable(),
    serviceDate: z.string().nullable(),
    medianDepositsK: z.number().nullable(),
    /** The grid scored: its spec echoed (`area`), the area's name and boundary source, its cell count and the cap. */
    grid: z.object({ resolution: z.number(), area: areaSpec, name: z.string(), boundarySource: z.string(), cells: z.number().int(), maxCells: z.number().int() }).nullable(),
    /** Where each factor's data is valid, and how many of the sites it covers (issue 10, item 2). */
    dataCoverage: z.object({
      transit: z.object({ rule: z.string(), coverageRadiusM: z.number(), feeds: z.array(z.object({ feed: z.string(), stops: z.number().int(), bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]) })),
        sitesCovered: z.number().int(), sitesNotCovered: z.number().int() }),
      demand: z.object({ rule: z.string(), source: z.string(), sitesCovered: z.number().int(), sitesNotCovered: z.number().int() }),
      outlets: z.object({ rule: z.string(), source: z.string(), sitesCovered: z.number().int(), sitesNotCovered: z.number().int() }),
    }),
    /**
     * The users' datasets used, each with its name and version (absent when none). A demand layer's `points` is the
     * number of records of the dataset; null for `residents` (the census block groups, not a dataset of points).
     */
    datasets: z.object({
      demand: z.array(z.object({ layer: z.string(), name: z.string(), weight: z.number(), points: z.number().int().nullable() })),
      transit: z.array(z.object({ id: z.string(), name: z.string(), stops: z.number().int() })),
      ownOutlets: z.object({ id: z.string(), name: z.string(), outlets: z.number().int() }).nullable(),
      competitors: z.array(z.object({ id: z.string(), name: z.string(), outlets: z.number().int() })),
    }).optional(),
    /** The scoring mode; in forecast mode also which parameter set and bank effect the forecasts used. */
    mode: z.enum(['criteria', 'forecast']).optional(),
    forecast: forecastEchoSchema.optional(),
  }),
  /** Request-level summary of the sites' warnings: one line per code with the number of sites it concerns. */
  warnings: z.array(siteWarningSchema.extend({ sites: z.number().int() })),
  vintage: z.array(datasetVintageSchema),
});
export type ScoreResponse = z.infer<typeof scoreResponseSchema>;

/** `GET /api/institutions?q=&limit=` */
export const institutionsQuery = z.object({
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(20_000).default(100),
});
export const institutionSchema = z.object({
  id: z.string(), kind: z.enum(['institution', 'holdingCompany']), name: z.string(), holdingCompany: z.string().nullable(), branches: z.number().int(),
});
export type Institution = z.infer<typeof institutionSchema>;

/** `GET /api/outlets?bbox=&network=&limit=` */
export const outletsQuery = z.object({
  bbox: bboxParam,
  network: networkId.optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(20_000),
});
export const outletSchema = z.object({
  branchId: z.number(), cert: z.number().int(), rssdhcr: z.number().nullable(), institutionName: z.string(), holdingCompany: z.string().nullable(),
  branchName: z.string(), address: z.string(), city: z.string(), state: z.string(), depositsK: z.number(), serviceType: z.number().int(),
  isMainOffice: z.boolean(), lng: z.number(), lat: z.number(), own: z.boolean(),
});
export const outletsResponseSchema = z.object({
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]), network: z.string().nullable(), count: z.number().int(), truncated: z.boolean(),
  outlets: z.array(outletSchema),
});
export type Outlet = z.infer<typeof outletSchema>;
