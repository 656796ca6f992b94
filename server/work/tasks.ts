import type { GeoData } from '../geo/geoData';
import type { Polygon } from 'geojson';
import type { WalkGraph } from '../../core/walk/walkGraph';
import { coverageCompareFrom, coverageDetailFrom, coverageFrom, type CoverageCompareInput, type CoverageDetailInput, type CoverageInput } from '../coverage/service';
import { walkCatchmentsFrom } from '../walk/walkService';
import { loadMidtownWalkGraph } from '../walk/osmGraph';
import { weightSensitivity, type SensitivityOptions } from '../../core/scoring/weightSensitivity';
import type { ScoredMask } from '../../core/scoring/siteScore';
import type { NormalizedColumns, Weights } from '../../core/scoring/siteScore';
import { checkPlan } from '../../core/standards/checkPlan';
import { readPlan } from '../plans/readPlan';
import { RULE_SETS } from '../../core/standards/ruleSets';
import type { FloorPlan } from '../../core/floorplan/model';
import { parseAndStageUpload, type ImportRequest, type ParseContext } from '../datasets/importer';
import { readMultipartForm } from '../datasets/multipart';
import { validateBodyText } from '../validate';
import { BODY_SCHEMAS, type BodySchemaName } from './bodySchemas';
import { contextKey, gridTableTask, preparedContext, scoreSitesJson, sensitivitySites, type GridTablePosted, type SiteScoringInput } from '../scoring/scoringService';
import { Lru } from '../memo';
import { loadNycGridCells } from '../geo/nycGrid';
import { calibrateSodFrom, refitOutcomesFrom, type OutcomeRefitInput, type SodCalibrationPosted } from '../forecast/calibrationTask';
import { fromColumns, postedForm, unpackShared, type Columns } from './sharedResource';
import { dataExtent } from '../../core/scoring/dataCoverage';
import { polygonCells, polygonKink } from '../areas/areaResolver';
import type { AreaGeometry } from '../areas/boundaries';
import { scoreSitesForecastTask, siteForecastsTask, siteSetForecastTask, type ForecastEcho, type SiteForecastInput } from '../forecast/forecastTask';
import { coverSearch, forecastDepositsSearch, type CoverSearchAnswer, type CoverSearchInput, type CoverSearchPosted, type ForecastDepositsSearchInput } from '../coverage/coverSearch';

/** Large read-only data a worker keeps a copy of, sent once per worker before the first task that needs it. */
export interface ComputeResources {
  /** The imported spatial data (server/geo/geoData.ts). */
  geo: GeoData;
  /** The Midtown pedestrian graph (server/walk/osmGraph.ts). */
  walkGraph: WalkGraph;
}
export type ComputeResourceName = keyof ComputeResources;

/**
 * Resources a worker can load itself from a file, given the argument the pool was configured with
 * (`ComputePoolOptions.workerLoaded`): the main thread then never parses them for the pool (the Midtown OSM extract
 * held the event loop ~1 s in pieces of up to 370 ms).
 */
export const RESOURCE_LOADERS: { [K in ComputeResourceName]?: (arg: string) => Promise<ComputeResources[K]> } = {
  /** arg: the data folder (DATA_DIR). */
  walkGraph: (dataDir) => loadMidtownWalkGraph(dataDir),
};

/** This worker's scoring contexts per (own network, parameter set, users' datasets): built once each, as the main thread's. */
const scoringContexts = new Lru<ReturnType<typeof preparedContext>>(4);

/** This worker's scoring context of one (own network, parameter set, users' datasets) over its geo data. */
function workerScoringContext(geo: GeoData): Parameters<typeof scoreSitesJson>[1] {
  return (ownNetwork, params, layers) => {
    const key = contextKey(ownNetwork, params, layers);
    let c = scoringContexts.get(key);
    if (!c) scoringContexts.set(key, (c = preparedContext(geo, ownNetwork, params, layers)));
    return c;
  };
}

/**
 * The long computations the server runs off its event loop (server/work/computePool.ts), by name. Each takes plain
 * data (structured-clonable: what was read from the databases on the main thread) and returns plain data, or a promise
 * of it; `r` holds
 * the worker's copies of the resources the task lists in {@link TASK_RESOURCES}.
 */
export const COMPUTE_TASKS = {
  /** `POST /api/coverage` (straight-line radii) after its inputs were read (coverage/service.ts prepareCoverage). */
  coverage: (r: ComputeResources, input: CoverageInput) => coverageFrom(r.geo, async () => r.walkGraph, input),
  /** `POST /api/coverage` with mode "walk": the same, with the Midtown pedestrian graph. */
  coverageWalk: (r: ComputeResources, input: CoverageInput) => coverageFrom(r.geo, async () => r.walkGraph, input),
  /** `POST /api/coverage/detail` after its inputs were read (coverage/service.ts prepareCoverageDetail). */
  coverageDetail: (r: ComputeResources, input: CoverageDetailInput) => coverageDetailFrom(r.geo, input),
  /** `POST /api/coverage/compare` after its inputs were read (coverage/service.ts prepareCoverageCompare). */
  coverageCompare: (r: ComputeResources, input: CoverageCompareInput) => coverageCompareFrom(r.geo, input),
  /** `POST /api/standards/check`: the rule checks of one plan against one profile. */
  standardsCheck: (_r: ComputeResources, input: { plan: FloorPlan; profile: keyof typeof RULE_SETS; opts: Parameters<typeof checkPlan>[2] }) =>
    checkPlan(input.plan, RULE_SETS[input.profile], input.opts),
  /** `POST /api/standards/check` of a large plan: its parse and validation (plans/readPlan.ts; 20,000 vertices ≈ 100 ms). */
  readPlan: (_r: ComputeResources, input: { raw: unknown }) => readPlan(input.raw),
  /** `POST /api/coverage/walk`: walk-time catchments (Dijkstra per point over the Midtown graph). */
  walkCatchments: (r: ComputeResources, input: { points: { id: string; lng: number; lat: number }[]; minutes: number; speedKmh: number }) =>
    walkCatchmentsFrom(r.walkGraph, r.geo, input.points, input.minutes, input.speedKmh),
  /** `POST /api/sites/sensitivity`: the Monte Carlo draws over the normalised factor columns. */
  weightSensitivity: (_r: ComputeResources, input: { normalized: NormalizedColumns; weights: Weights; opts: SensitivityOptions; scored?: ScoredMask }) =>
    weightSensitivity(input.normalized, input.weights, input.opts, input.scored),
  /** The deposit forecast's SOD calibration (start-up, ≈ 6 s CPU; server/forecast/calibrationTask.ts). */
  calibrateSod: (r: ComputeResources, input: SodCalibrationPosted) =>
    calibrateSodFrom(r.geo, { ...input, rows: fromColumns(unpackShared(input.rows) as Columns) }),
  /** A large JSON request body parsed and validated against one of {@link BODY_SCHEMAS} (server/validate.ts validateJsonOffThread). */
  validateBody: (_r: ComputeResources, input: { schema: BodySchemaName; text: string }) => postedForm(validateBodyText(BODY_SCHEMAS[input.schema], input.text)),
  /** `POST /api/datasets`: the multipart body read into its fields and files (undici's parser is synchronous: ≈ 1 s for 9 MB on a loaded machine). */
  readMultipart: (_r: ComputeResources, input: { body: Uint8Array; contentType: string }) => readMultipartForm(input.body, input.contentType),
  /**
   * `POST /api/datasets`: read and validate an upload into records, written to a staged file in `stagingDir` that
   * DuckDB reads when the main thread stores them in one transaction (server/datasets/stagedRecords.ts).
   */
  parseUpload: (_r: ComputeResources, input: { req: ImportRequest; ctx: ParseContext; stagingDir: string }) => parseAndStageUpload(input.req, input.ctx, input.stagingDir),
  /**
   * `POST /api/sites/score` with many explicit sites: factors, normalisation, ranking and the JSON text
   * (scoring/scoringService.ts) as UTF-8 bytes, ready to send (the main thread encoding 10,000 sites' text took up to 85 ms).
   */
  scoreSites: (r: ComputeResources, input: SiteScoringInput) => new TextEncoder().encode(scoreSitesJson(input, workerScoringContext(r.geo))),
  /** `POST /api/sites/sensitivity` of 200 or more listed sites: their scoring and the draws (scoring/scoringService.ts sensitivitySites). */
  sensitivitySites: (r: ComputeResources, input: { sites: SiteScoringInput; opts: SensitivityOptions }) => sensitivitySites(input.sites, input.opts, workerScoringContext(r.geo)),
  /** A site-scoring grid reference's factor table (scoring/scoringService.ts `reference`: the NYC grid's at start-up). */
  gridTable: (r: ComputeResources, input: GridTablePosted) => gridTableTask(input, workerScoringContext(r.geo)),
  /** The H3 grid over NYC's land read from the data folder (geo/nycGrid.ts; the first polygon fill alone held the event loop ≈ 200 ms at start-up). */
  nycGridCells: (_r: ComputeResources, input: { dataDir: string; resolution: number }) => loadNycGridCells(input.dataDir, input.resolution),
  /**
   * The loaded files' extent (core/scoring/dataCoverage.ts `dataExtent`, read by every scoring request; over the
   * national files it held the event loop ≈ 40–60 ms at start-up).
   */
  dataExtent: (r: ComputeResources, _input: Record<string, never>) => dataExtent(r.geo.blockGroups, r.geo.branches, r.geo.stops),
  /**
   * `POST /api/optimize`: the cover instance, greedy, swap and bound (coverage/coverSearch.ts); it stops at the caller's
   * shared flag or the run's deadline with its best so far.
   */
  coverSearch: (r: ComputeResources, input: CoverSearchPosted) => {
    const sites = input.sites ? fromColumns(unpackShared(input.sites) as Columns | NonNullable<CoverSearchInput['sites']>) : undefined;
    const found = coverSearch(r.geo, { ...input, sites });
    const answer: CoverSearchAnswer = found.prep.sites === sites ? { ...found, prep: { ...found.prep, sites: null } } : found;
    return postedForm(answer);
  },
  /** `POST /api/optimize` maximising forecast deposits: greedy + swap over the candidates' site-set forecast. */
  forecastDepositsSearch: (_r: ComputeResources, input: ForecastDepositsSearchInput) => forecastDepositsSearch(input),
  /** A study area's H3 grid: its polygons filled with cells (areas/areaResolver.ts AreaResolver.grid; a county at res 8 held the event loop ≈ 150 ms). */
  polygonCells: (_r: ComputeResources, input: { polygons: AreaGeometry[]; resolution: number }) => polygonCells(input.polygons, input.resolution),
  /** A drawn polygon's first self-intersection (areas/areaResolver.ts polygonKink; 20,000 positions held the event loop ≈ 2 s). */
  polygonKink: (_r: ComputeResources, input: { polygon: Polygon }) => polygonKink(input.polygon),
  /** Forecast mode of `POST /api/sites/score`: the candidates' location features and forecasts (forecast/forecastTask.ts). */
  siteForecasts: (r: ComputeResources, input: SiteForecastInput) => siteForecastsTask(r.geo, input),
  /** `POST /api/optimize` maximising forecast deposits: the candidates' features and stand-alone forecasts (core/forecast/siteSet.ts). */
  siteSetForecast: (r: ComputeResources, input: SiteForecastInput) => siteSetForecastTask(r.geo, input),
  /** `POST /api/sites/score` in forecast mode with many listed sites: score and forecasts (run with `runJson`: 62 MB of JSON for 10,000). */
  scoreSitesForecast: (r: ComputeResources, input: { sites: SiteScoringInput; forecast: SiteForecastInput; echo: ForecastEcho }) =>
    scoreSitesForecastTask(r.geo, input, workerScoringContext(r.geo)),
  /** `POST /api/parameter-sets`: refit the location model on a user's outcomes. */
  refitOutcomes: (r: ComputeResources, input: OutcomeRefitInput) => refitOutcomesFrom(r.geo, input),
} as const;

export type ComputeTaskName = keyof typeof COMPUTE_TASKS;

/** The resources each task reads (a worker gets its copy before the first task that needs it, not before others). */
export const TASK_RESOURCES: Record<ComputeTaskName, readonly ComputeResourceName[]> = {
  coverage: ['geo'], coverageWalk: ['geo', 'walkGraph'], coverageDetail: ['geo'], coverageCompare: ['geo'], standardsCheck: [], readPlan: [], walkCatchments: ['geo', 'walkGraph'], weightSensitivity: [], calibrateSod: ['geo'], refitOutcomes: ['geo'], validateBody: [], readMultipart: [], parseUpload: [], scoreSites: ['geo'], sensitivitySites: ['geo'], gridTable: ['geo'], nycGridCells: [], dataExtent: ['geo'], coverSearch: ['geo'], forecastDepositsSearch: [], polygonCells: [], polygonKink: [],
  siteForecasts: ['geo'], siteSetForecast: ['geo'], scoreSitesForecast: ['geo'],
};
export type ComputeInput<K extends ComputeTaskName> = Parameters<(typeof COMPUTE_TASKS)[K]>[1];
export type ComputeOutput<K extends ComputeTaskName> = Awaited<ReturnType<(typeof COMPUTE_TASKS)[K]>>;
