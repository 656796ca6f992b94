import path from 'node:path';
import type { Config } from './config';
import type { Database } from './db/database';
import { memoByKey, memoOnce } from './memo';
import { geoDataCache, type GeoData } from './geo/geoData';
import { loadNycGridCells } from './geo/nycGrid';
import { loadCountyNames } from './geo/countyNames';
import { BasemapService } from './geo/basemap';
import { loadMidtownWalkGraph } from './walk/osmGraph';
import { gridTablesInPool, ScoringService, shippedScoringCaches, type ShippedScoringCaches } from './scoring/scoringService';
import { ScenarioStore } from './coverage/scenarioStore';
import { OptimizeJobs } from './coverage/optimize';
import { SavedSiteStore } from './plans/savedSiteStore';
import { PlanStore } from './plans/planStore';
import { DatasetStore } from './datasets/store';
import { AccountStore } from './auth/accounts';
import { AuditLog } from './auth/audit';
import { ForecastService } from './forecast/forecastService';
import { ComputePool } from './work/computePool';
import { AreaResolver } from './areas/areaResolver';
import { datasetBoundaryLookup } from './areas/datasetBoundaries';
import type { H3CandidateCell } from '../core/geo/h3Grid';
import type { WalkGraph } from '../core/walk/walkGraph';

/**
 * What the app needs from the outside world. main.ts builds it from the environment; tests build it
 * with server/testing/testApp.ts (the imported test database read-only, a private in-memory userDb).
 */
export interface AppDeps {
  config: Config;
  /** The imported datasets (block groups, branches, transit stops, catalog). Read-only in tests. */
  db: Database;
  /** Where user state is written (scenarios, saved sites, floor plans). The same database as `db` in production. */
  userDb: Database;
  /** Progress lines of background work (main.ts: the console). */
  log?: (line: string) => void;
  /**
   * Read-only caches over `db` and `config.dataDir` built once and handed to several apps (the test harness: every
   * test file of a process reads the same import). Used only by an app over that same `db`, data folder and
   * service date; any other app builds its own. Production leaves it unset.
   */
  sharedData?: SharedDataServices;
}

/**
 * The services that depend only on the imported data and the data folder (never on `userDb`), so that apps over the
 * same read-only import may share them: geo data, grids, county names, basemap, walk graph and site scoring's caches
 * over the shipped data. The compute pool stays per app: its queue, limits and running tasks belong to that app's
 * requests (a task left running by one app must not hold up the next).
 */
export type DataServices = Pick<Services, 'geo' | 'nycGrid' | 'countyNames' | 'basemap' | 'walkGraph'> & {
  /** Site scoring's contexts and grid references over the shipped data alone (server/scoring/scoringService.ts). */
  scoringShipped: ShippedScoringCaches;
};

/** {@link DataServices} with what they were built over (see {@link AppDeps.sharedData}). */
export interface SharedDataServices {
  db: Database;
  dataDir: string;
  serviceDate: string;
  services: DataServices;
}

/**
 * Every cache and store of one app, built by {@link createServices} in `createApp` and passed down — the server keeps
 * no module-level state, so two apps (e.g. over two data folders) never see each other's data. Service modules
 * depend on the narrow part they use (e.g. coverage's `CoverageEnv`), not on this whole object.
 *
 * Adding a service: a field here, built in {@link createServices}.
 */
export interface Services {
  /** The imported spatial data as typed columns with point indexes (loaded once, ≈ 1–2 s). */
  geo: () => Promise<GeoData>;
  /** The H3 grid over NYC's land at a resolution (9 → the 7,405 candidate cells). */
  nycGrid: (resolution: number) => Promise<H3CandidateCell[]>;
  /** County names by 5-digit FIPS from this app's data folder. */
  countyNames: () => Promise<Map<string, string>>;
  /** Offline boundary layers and NTA names from this app's data folder. */
  basemap: BasemapService;
  /** The Midtown pedestrian graph (parsed once). */
  walkGraph: () => Promise<WalkGraph>;
  /** Site scoring with its factor caches. */
  scoring: ScoringService;
  scenarios: ScenarioStore;
  savedSites: SavedSiteStore;
  plans: PlanStore;
  /** Background optimisation jobs (in memory, lost on restart). */
  optimizeJobs: OptimizeJobs;
  /** Users' own datasets in `userDb` (server/datasets/store.ts). */
  datasets: DatasetStore;
  /** Users, sessions and API tokens in `userDb`. */
  accounts: AccountStore;
  /** Who changed what, in `userDb`. */
  audit: AuditLog;
  /** The deposit forecast: parameter sets, their calibration and site forecasts (server/forecast/forecastService.ts). */
  forecast: ForecastService;
  /** Worker threads for the long computations, with deadlines and per-user limits (server/work/computePool.ts). */
  compute: ComputePool;
  /** Study areas (server/areas/areaResolver.ts): boundaries, grids, places; `{ dataset: id }` areas looked up in `datasets`. */
  areas: AreaResolver;
}

/** What every route module receives: the app's deps and its services. */
export interface AppContext extends AppDeps {
  services: Services;
}

/**
 * Build the read-only data services over `db` and `config.dataDir` (nothing is loaded until first use). Apps built
 * with {@link createServices} get their own unless `deps.sharedData` was built over the same import.
 */
export function createDataServices(config: Config, db: Database,
  opts: { nycGridCells?: (resolution: number) => Promise<H3CandidateCell[]> } = {}): DataServices {
  const geo = geoDataCache(db);
  const walkGraph = memoOnce(() => loadMidtownWalkGraph(config.dataDir));
  return {
    geo,
    nycGrid: memoByKey(opts.nycGridCells ?? ((resolution: number) => loadNycGridCells(config.dataDir, resolution))),
    countyNames: memoOnce(() => loadCountyNames(config.dataDir)),
    basemap: new BasemapService(config.dataDir),
    walkGraph,
    scoringShipped: shippedScoringCaches(),
  };
}

/** Build the services of one app over `deps` (nothing is loaded until first use). */
export function createServices(deps: AppDeps): Services {
  const { config, db, userDb } = deps;
  const shared = deps.sharedData;
  // the app's own data services read the NYC grid in its compute pool (the pool reads their geo data and walk graph)
  const compute = new ComputePool({ resources: { geo: () => data.geo(), walkGraph: () => data.walkGraph() }, workerLoaded: { walkGraph: config.dataDir },
    size: config.computeWorkers, nice: config.computeNice });
  const data = shared && shared.db === db && shared.dataDir === config.dataDir
    && shared.serviceDate === config.serviceDate ? shared.services : createDataServices(config, db, {
      nycGridCells: (resolution) => compute.run('nycGridCells', { dataDir: config.dataDir, resolution }, { user: `system:nyc-grid:${resolution}` }) });
  const { geo, nycGrid, basemap, walkGraph, countyNames } = data;
  const datasets = new DatasetStore(userDb, path.join(config.cacheDir, 'staging'));
  const areas = new AreaResolver(config.dataDir, datasetBoundaryLookup(datasets), countyNames,
    (polygons, resolution) => compute.run('polygonCells', { polygons, resolution }, { user: 'system:area-grid' }),
    (polygon) => compute.run('polygonKink', { polygon }, { user: 'system:area-polygon' }));
  const scoring = new ScoringService(db, config.dataDir, config.serviceDate, { geo, nycGrid, areas, shipped: data.scoringShipped,
    gridTables: gridTablesInPool(compute), dataExtent: () => compute.run('dataExtent', {}, { user: 'system:data-extent' }) });
  return {
    geo,
    nycGrid,
    countyNames,
    basemap,
    walkGraph,
    scoring,
    scenarios: new ScenarioStore(userDb),
    savedSites: new SavedSiteStore(userDb),
    plans: new PlanStore(userDb, undefined, { maxVersions: config.maxPlanVersions }),
    optimizeJobs: new OptimizeJobs(),
    datasets,
    accounts: new AccountStore(userDb),
    audit: new AuditLog(userDb),
    forecast: new ForecastService(db, userDb, config, () => scoring, deps.log ?? (() => undefined), { geo, basemap, compute }),
    compute,
    areas,
  };
}
