import { z } from 'zod';
import { boundedJsonRecord } from './jsonBounds';
import { areaSpec, type AreaSpec } from './areas';

/**
 * Request/response contracts for network coverage, scenarios and optimisation (issue 3). Shared by the server
 * routes (`server/routes/{coverage,scenarios,optimize}.ts`) and the client. Distances are great-circle metres
 * unless `mode: "walk"` asks for the Midtown walk network. Every response echoes the parameters it used.
 *
 * Endpoints
 * - `POST /api/coverage` — covered population per radius and per area (contract pinned by issue 3).
 * - `POST /api/coverage/detail` — per-outlet catchments (nearest-outlet population + Huff-expected residents),
 *   the gap map (uncovered population on H3 cells) and optional 2SFCA per block group.
 * - `POST /api/coverage/compare` — two networks A and B: coverage of each, demand gained/lost per H3 cell, and
 *   network totals (expected demand, cannibalisation).
 * - `POST /api/coverage/walk` — walk-time catchments (Dijkstra on the OSM pedestrian graph, 4.8 km/h) of points
 *   and/or a network's outlets inside the Midtown extract: `{ points?, network?, ownNetwork?, minutes=10,
 *   speedKmh=4.8 }` → `{ catchments: [{ id, lng, lat, routable, population, demandPoints, nodesReached, isochrone }] }`.
 * - `GET/POST /api/scenarios`, `GET/PUT/DELETE /api/scenarios/:id` — scenario CRUD (GET list: a bare array).
 * - `POST /api/optimize` — MCLP / closure; `async: true` returns `{ jobId }` at once (202); then
 *   `GET /api/optimize/jobs/:id` for progress/result and `DELETE /api/optimize/jobs/:id` to cancel (a cancelled
 *   job keeps the best solution found so far in `result`). The exact MIP is offered up to 200,000 candidate×demand
 *   pairs (measured; see server/coverage/optimize.ts EXACT_MAX_PAIRS); above, greedy+swap with an upper bound.
 */

/** `cert:<CERT>` (an institution) or `hc:<RSSDHCR>` (a holding company) — SITE-MODEL.md "Network identifiers". */
export const ownNetworkId = z.string().regex(/^(cert|hc):\d{1,12}$/, 'ownNetwork must look like "cert:<CERT>" or "hc:<RSSDHCR>"');

/**
 * Which outlets form the network: the own network, every bank, a saved scenario, or a user dataset of kind
 * `outlets` (issue 10: the bank's own branch list; every FDIC branch then competes with it).
 */
export const networkRef = z.union([
  z.literal('own'),
  z.literal('all'),
  z.object({ scenarioId: z.string().min(1).max(64) }).strict(),
  z.object({ dataset: z.string().min(1).max(200) }).strict(),
]);
export type NetworkRef = z.infer<typeof networkRef>;

/** NYC counties (FIPS) and their borough names. */
export const NYC_BOROUGHS: Readonly<Record<string, string>> = Object.freeze({
  '36005': 'Bronx', '36047': 'Brooklyn', '36061': 'Manhattan', '36081': 'Queens', '36085': 'Staten Island',
});

const lngSchema = z.number().min(-180).max(180);
const latSchema = z.number().min(-90).max(90);

/** Study area: one spec for every route (core/api/areas.ts): "nyc", a bbox, county FIPS, NTAs, a polygon or an uploaded boundary. */
export { areaSpec, type AreaSpec };

const radiusM = z.number().positive().max(50_000);

/**
 * Users' competitor datasets (issue 10: `outlets` datasets, e.g. credit unions missing from FDIC data): their outlets
 * join every FDIC branch outside the network in the Huff choice set (attractiveness 1), as in site scoring's
 * `datasets.competitors`. Ids from `GET /api/datasets`.
 */
export const competitorDatasets = z.array(z.string().min(1).max(200)).max(10);

/** `POST /api/coverage` body. `network` defaults to "own" when `ownNetwork` is given, else "all". */
export const coverageRequest = z.object({
  network: networkRef.optional(),
  ownNetwork: ownNetworkId.optional(),
  radiiM: z.array(radiusM).min(1).max(12).default([500, 1000, 2000]),
  area: areaSpec,
  /** "straight" (default): great-circle radius. "walk": walk-network time inside the Midtown OSM extract. */
  mode: z.enum(['straight', 'walk']).default('straight'),
  /** For mode "walk": walk minutes to report (default 5, 10, 15). */
  walkMinutes: z.array(z.number().positive().max(60)).min(1).max(12).optional(),
  /** For mode "walk": walking speed in km/h (default 4.8). */
  walkSpeedKmh: z.number().min(1).max(10).optional(),
}).strict();
export type CoverageRequest = z.input<typeof coverageRequest>;

export interface RadiusCoverageDto { radiusM: number; coveredPopulation: number; totalPopulation: number; share: number }
export interface AreaCoverageDto extends RadiusCoverageDto {
  /** "borough" for the five NYC counties, else "county". */
  areaType: 'borough' | 'county';
  /** County FIPS. */
  areaId: string;
  name: string;
}
export interface WalkCoverageDto { walkMinutes: number; coveredPopulation: number; totalPopulation: number; share: number }

export interface CoverageResponse {
  radii: RadiusCoverageDto[];
  byArea: AreaCoverageDto[];
  /** Only for mode "walk": coverage by walk time of the block groups inside the Midtown extract. */
  walk?: { bbox: [number, number, number, number]; speedKmh: number; outletsInExtract: number; demandPoints: number; byMinutes: WalkCoverageDto[]; note: string };
  params: {
    network: NetworkRef; ownNetwork: string | null; radiiM: number[]; area: AreaSpec; mode: 'straight' | 'walk';
    /** How distance was measured for `radii`/`byArea`. */
    distance: 'great-circle';
    outlets: number; demandPoints: number; scenario?: ScenarioDto | null;
    notes: string[];
  };
}

/** `POST /api/coverage/detail` body. */
export const coverageDetailRequest = z.object({
  network: networkRef.optional(),
  ownNetwork: ownNetworkId.optional(),
  area: areaSpec,
  /** Radius for the gap map (default 1,000 m). */
  radiusM: radiusM.default(1000),
  /** H3 resolution of the gap map (default 8, ≈ 0.74 km² cells). */
  h3Resolution: z.number().int().min(5).max(10).default(8),
  /** Nearest-outlet assignment cut-off in metres (default 5,000). */
  catchmentMaxM: radiusM.default(5000),
  /** Huff parameters (SITE-MODEL.md): β 2, dMin 100 m, Dmax 3 km. */
  huff: z.object({ beta: z.number().min(0.1).max(5).default(2), dMinM: z.number().min(1).max(1000).default(100),
    dMaxM: z.number().min(100).max(20_000).default(3000) }).strict().default({ beta: 2, dMinM: 100, dMaxM: 3000 }),
  /** Include the 2SFCA index per block group (Luo & Wang 2003) with this d0 in metres. */
  twoSfcaD0M: radiusM.optional(),
  /** Users' competitor datasets in the Huff choice set (see {@link competitorDatasets}). */
  competitors: competitorDatasets.optional(),
}).strict();
export type CoverageDetailRequest = z.input<typeof coverageDetailRequest>;

export interface CatchmentDto {
  /** Branch id (FDIC UNINUMBR, as a string) or the scenario's added-site id. */
  outletId: string;
  name: string;
  lng: number; lat: number;
  /** "existing" outlet, "added" by the scenario, or "moved" by it. */
  status: 'existing' | 'added' | 'moved';
  /** Residents of the area whose nearest network outlet this is (within catchmentMaxM). */
  population: number;
  demandPoints: number;
  /** Huff-expected residents among every outlet (network + competitors) within Dmax. */
  expectedResidents: number;
}
export interface GapHexDto { h3: string; uncoveredPopulation: number; totalPopulation: number }
export interface CoverageDetailResponse {
  catchments: CatchmentDto[];
  gapHexes: GapHexDto[];
  twoSfca?: { geoid: string; lng: number; lat: number; population: number; accessibility: number }[];
  totals: {
    networkOutlets: number;
    /** Σ Huff-expected residents of the network's outlets (people). */
    expectedDemand: number;
    /** For a scenario: expected residents its added/moved sites take from the base network's other outlets. */
    cannibalisation: number;
    uncoveredPopulation: number;
  };
  params: Record<string, unknown>;
}

/** `POST /api/coverage/compare` body: network A (e.g. today) vs B (e.g. a scenario). */
export const coverageCompareRequest = z.object({
  a: z.object({ network: networkRef.optional(), ownNetwork: ownNetworkId.optional() }).strict(),
  b: z.object({ network: networkRef.optional(), ownNetwork: ownNetworkId.optional() }).strict(),
  area: areaSpec,
  radiiM: z.array(radiusM).min(1).max(12).default([500, 1000, 2000]),
  /** Radius of the difference map (default: the middle of radiiM). */
  diffRadiusM: radiusM.optional(),
  h3Resolution: z.number().int().min(5).max(10).default(8),
  /** Users' competitor datasets in both sides' Huff choice set (see {@link competitorDatasets}). */
  competitors: competitorDatasets.optional(),
}).strict();
export type CoverageCompareRequest = z.input<typeof coverageCompareRequest>;

export interface CompareSideDto {
  radii: RadiusCoverageDto[];
  byArea: AreaCoverageDto[];
  expectedDemand: number;
  cannibalisation: number;
  outlets: number;
}
export interface CoverageCompareResponse {
  a: CompareSideDto;
  b: CompareSideDto;
  /** Demand gained (covered by B, not A) and lost (covered by A, not B) at diffRadiusM, per H3 cell. */
  diffHexes: { h3: string; gainedPopulation: number; lostPopulation: number }[];
  /** The request echoed; `competitors` = the users' competitor datasets in the Huff choice set (name with version). */
  params: Record<string, unknown> & { competitors: { id: string; name: string; outlets: number }[] };
}

/** A site added by a scenario. */
export const addedSite = z.object({
  id: z.string().min(1).max(64),
  lng: lngSchema,
  lat: latSchema,
  name: z.string().max(200).optional(),
}).strict();

/** Scenario create/replace body. */
export const scenarioInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** An ownNetwork id (`cert:…`/`hc:…`) or "all". */
  baseNetwork: z.union([z.literal('all'), ownNetworkId]),
  added: z.array(addedSite).max(5000).default([]),
  /** Branch ids (FDIC UNINUMBR) closed. */
  closed: z.array(z.number().int().positive()).max(100_000).default([]),
  moved: z.array(z.object({ branchId: z.number().int().positive(), lng: lngSchema, lat: latSchema }).strict()).max(100_000).default([]),
  /** Free-form parameters used to create it (radii, optimiser settings …), echoed back (depth/size bounded). */
  params: boundedJsonRecord().default({}),
}).strict().superRefine((s, ctx) => {
  // Every result must be reproducible from the scenario alone: added-site ids key catchments and compare rows,
  // and a branch may be closed or moved once, not both.
  const addedIds = new Map<string, number>();
  s.added.forEach((a, i) => {
    const first = addedIds.get(a.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['added', i, 'id'], message: `duplicate added-site id "${a.id}" (also added[${first}])` });
    else addedIds.set(a.id, i);
  });
  const closedAt = new Map<number, number>();
  s.closed.forEach((id, i) => {
    const first = closedAt.get(id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['closed', i], message: `branch ${id} is closed twice (also closed[${first}])` });
    else closedAt.set(id, i);
  });
  const movedAt = new Map<number, number>();
  s.moved.forEach((m, i) => {
    const first = movedAt.get(m.branchId);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['moved', i, 'branchId'], message: `branch ${m.branchId} is moved twice (also moved[${first}])` });
    else movedAt.set(m.branchId, i);
    const closed = closedAt.get(m.branchId);
    if (closed !== undefined) ctx.addIssue({ code: 'custom', path: ['moved', i, 'branchId'], message: `branch ${m.branchId} is both moved and closed (closed[${closed}]): keep one` });
  });
});
export type ScenarioInput = z.input<typeof scenarioInput>;

export interface ScenarioDto {
  id: string;
  name: string;
  baseNetwork: string;
  added: { id: string; lng: number; lat: number; name?: string }[];
  closed: number[];
  moved: { branchId: number; lng: number; lat: number }[];
  params: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  /**
   * Optimistic-concurrency version: 1 when created, +1 on every update. `GET /api/scenarios/:id` sends it as the
   * ETag `"<version>"`; a `PUT` must send `If-Match: "<version>"` and gets 409 when someone saved in between.
   */
  version: number;
}

/** `POST /api/optimize` body (contract pinned by issue 3). */
export const optimizeRequest = z.object({
  objective: z.enum(['mclp', 'closure']),
  /** Sites to add (mclp). */
  p: z.number().int().min(1).max(500).optional(),
  /** Own outlets to close (closure). */
  k: z.number().int().min(1).max(5000).optional(),
  radiusM: radiusM,
  ownNetwork: ownNetworkId,
  area: areaSpec,
  candidates: z.union([z.literal('grid'), z.array(z.object({ id: z.string().min(1).max(64), lng: lngSchema, lat: latSchema,
    name: z.string().max(200).optional() }).strict()).min(1).max(50_000).superRefine((list, ctx) => {
    // candidate ids become the saved scenario's added-site ids, which must be unique
    const seen = new Map<string, number>();
    list.forEach((c, i) => {
      const first = seen.get(c.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate candidate id "${c.id}" (also candidates[${first}])` });
      else seen.set(c.id, i);
    });
  })]).default('grid'),
  /** "greedy" (default): greedy + swap with an upper bound. "exact": HiGHS MIP (up to the measured size limit). */
  solver: z.enum(['greedy', 'exact']).default('greedy'),
  timeLimitS: z.number().positive().max(600).default(30),
  /**
   * Greedy only: also solve the LP relaxation (HiGHS) for a tight upper bound / gap. Default: on when the instance
   * has ≤ 50,000 candidate×demand pairs (≈ 1 s measured), off above; it is never run above 600,000 pairs.
   */
  lpBound: z.boolean().optional(),
  /** Name of the scenario saved with the result (default generated). */
  scenarioName: z.string().trim().min(1).max(200).optional(),
  /** Run as a background job: respond 202 `{ jobId }`; poll GET /api/optimize/jobs/:id; cancel with DELETE. */
  async: z.boolean().default(false),
  /**
   * What the added sites maximise (objective "mclp" only): "coverage" (default) = residents newly within `radiusM`;
   * "forecastDeposits" = the sum of the chosen sites' 10-year deposit forecasts for `ownNetwork` (the deposit forecast's
   * parameter set `parameterSet`), each re-forecast against today's network plus the other chosen sites
   * (core/optimize/forecastDeposits.ts; greedy + swap, no exact solver: the objective is not linear). NYC region only.
   */
  maximize: z.enum(['coverage', 'forecastDeposits']).default('coverage'),
  /** Parameter set of the deposit forecast (`GET /api/parameter-sets`) for `maximize: "forecastDeposits"`; default the SOD set. */
  parameterSet: z.string().min(1).max(100).optional(),
  /** `maximize: "forecastDeposits"`: no two chosen sites closer than this, metres (default 0: as the model ranks them). */
  minSpacingM: z.number().min(0).max(20_000).default(0),
}).strict().superRefine((v, ctx) => {
  if (v.objective === 'closure' && v.maximize === 'forecastDeposits') ctx.addIssue({ code: 'custom', path: ['maximize'], message: 'maximize "forecastDeposits" is for objective "mclp" (adding sites), not "closure"' });
  if (v.objective === 'mclp' && v.p == null) ctx.addIssue({ code: 'custom', path: ['p'], message: 'p (sites to add) is required for objective "mclp"' });
  if (v.objective === 'closure' && v.k == null) ctx.addIssue({ code: 'custom', path: ['k'], message: 'k (outlets to close) is required for objective "closure"' });
});
export type OptimizeRequest = z.input<typeof optimizeRequest>;

export interface OptimizeResponse {
  scenarioId: string;
  /** The saved scenario's name: the request's `scenarioName` (or a default), with ` #n` when a run of it already exists. */
  scenarioName: string;
  /** mclp: the sites added, in greedy order, with their marginal population; closure: the outlets closed with the population lost. */
  selected: { id: string; lng: number; lat: number; marginalPopulation: number; name?: string;
    /** `maximize: "forecastDeposits"`: the site's 10-year deposit forecast with the other chosen sites open, USD. */
    forecastDepositsUsd?: number }[];
  coveredPopulationBefore: number;
  coveredPopulationAfter: number;
  /** "greedy+swap" or "exact" (HiGHS); "exact" falls back to greedy+swap above the size limit (see params.notes). */
  solver: 'greedy+swap' | 'exact';
  /** Relative optimality gap (upperBound − value) / upperBound on the newly covered population; 0 = proved optimal. */
  gap?: number;
  upperBound?: number;
  /** What the sites maximise (echo of the request's `maximize`). */
  maximize: 'coverage' | 'forecastDeposits';
  /**
   * The chosen sites' 10-year deposit forecasts (`maximize: "forecastDeposits"` only): each site's forecast against
   * today's network plus the other chosen sites, in USD, summed. Intervals do not add: `totalUsd` is the sum of point
   * forecasts; `independent` is the `level` interval of the sum when each site draws a hold-out residual independently
   * (too narrow if errors are spatially correlated); `comonotone` sums each site's own interval ends (all off together).
   */
  forecastDeposits?: {
    totalUsd: number; level: number; ageYears: number; parameterSet: string;
    /** `meanUsd`: the simulated mean of the total (above `totalUsd`: a point forecast is exp(mean ln), a median-type value). */
    independent: { lowUsd: number; highUsd: number; meanUsd: number } | null; comonotone: { lowUsd: number; highUsd: number };
    /** Forecast of the same sites each alone against today's network, summed (the difference is their interaction). */
    standaloneTotalUsd: number;
    bankEffect: { cert: number | null; name: string | null; source: string };
  };
  params: Record<string, unknown>;
}

export interface OptimizeJobDto {
  id: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  /** 0–1. */
  progress: number;
  phase: string;
  result?: OptimizeResponse;
  error?: { code: string; message: string };
  startedAt: string;
  finishedAt?: string;
}
