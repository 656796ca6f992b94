import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config';
import { DatabaseLockedError, openDatabase } from '../db/database';
import { loadGeoData } from '../geo/geoData';
import { loadNycGridCells } from '../geo/nycGrid';
import { scoringMetadata } from '../scoring/metadata';
import { AppError } from '../errors';
import { NetworkInputError, resolveOwnNetwork, type NetworkInfo } from '../../core/network/ownNetwork';
import { ForecastService } from '../forecast/forecastService';
import { ScoringService } from '../scoring/scoringService';
import { parseCliArgs } from './args';
import { parseCandidateFile, type CandidateSite } from '../../core/scoring/candidateFile';
import { createScoringContext } from '../../core/scoring/factorTable';
import { computeGridTable, requestCandidates, scoreFactorTable, scoreResponseParams, scoringOutlets, type GridEcho, type GridTable } from '../../core/scoring/pipeline';
import { dataCoverageEcho, dataExtent, summariseWarnings } from '../../core/scoring/dataCoverage';
import { scoredSitesToCsv, scoredSitesToGeoJson, studyAreaName } from '../../core/scoring/scoredSiteFile';
import { rankDescending } from '../../core/scoring/siteScore';
import { MAX_SITES_PER_REQUEST, scoreRequestSchema, type ScoreRequestParsed, type ScoreResponse, type ScoredSite } from '../../core/api/sites';
import { MAX_GRID_CELLS, type GridSpec } from '../../core/api/areas';
import { AreaResolver } from '../areas/areaResolver';

const USAGE = `Usage: npm run score -- (--in sites.csv|sites.geojson | --grid) --out out.csv|out.geojson
         [--area nyc|'<JSON area spec>'] [--counties FIPS,…] [--ntas BK0101,…] [--resolution 8|9|10]
         [--network cert:<CERT>|hc:<RSSDHCR>] [--weights transit,demand,competition]
         [--normalization percentile|minmax|zscore] [--reference grid|nyc-grid|request]
         [--forecast [--parameter-set NAME]]
         [--server http://127.0.0.1:8787 [--token API_TOKEN]] [--db FILE]

Scores candidate sites (a CSV with columns id,lng,lat — lon/longitude/latitude accepted — or a GeoJSON
FeatureCollection of points) or a study area's H3 grid (--grid; default NYC at resolution 9; --counties 17031 is
Cook County, IL), and writes CSV or GeoJSON (by the --out extension) with the area's name and each site's county,
borough, neighbourhood and data-coverage warnings. With --in and an area, sites are normalised against that area's grid.
With --server it works through a running Outlet Planner (in chunks of ${MAX_SITES_PER_REQUEST} sites); otherwise it
opens the database itself (default data/cache/outlet-planner.duckdb, env DB_PATH, or --db). A server that requires
accounts needs an API token (create one in the app under your account, or POST /api/auth/token): --token or env
OUTLET_PLANNER_TOKEN.
--forecast adds each site's deposit forecast at 10 years with its 80 % interval (columns forecast_*) and ranks by it,
with the network's bank effect (GET /api/parameter-sets lists the parameter sets; default nyc-sod-deposits).`;

const OPTIONS = {
  in: { type: 'string' }, grid: { type: 'boolean' }, out: { type: 'string' }, network: { type: 'string' }, weights: { type: 'string' },
  normalization: { type: 'string' }, reference: { type: 'string' }, server: { type: 'string' }, token: { type: 'string' }, db: { type: 'string' },
  forecast: { type: 'boolean' }, 'parameter-set': { type: 'string' },
  area: { type: 'string' }, counties: { type: 'string' }, ntas: { type: 'string' }, resolution: { type: 'string' },
} as const;

/**
 * \`npm run score\`. Returns the exit code (0 written, 1 failed, 2 bad arguments or input); \`print\` gets each
 * message line; the progress bar (cli-progress) goes to stderr on runs of more than 500 sites.
 */
export async function runScore(argv: string[], print: (line: string) => void = console.log, showProgress = process.stderr.isTTY ?? false): Promise<number> {
  const parsed = parseCliArgs(argv, OPTIONS, USAGE, print);
  if ('exitCode' in parsed) return parsed.exitCode;
  const o = parsed.values;
  const out = o.out;
  if (!out || (!o.in === !o.grid)) { print(`Give --out and exactly one of --in and --grid.\n${USAGE}`); return 2; }
  if (!/\.(csv|geojson|json)$/i.test(out)) { print(`--out must end in .csv or .geojson, got "${out}"`); return 2; }
  const server = o.server?.replace(/\/+$/, '');
  const w = o.weights?.split(',').map(Number);

  let sites: CandidateSite[] | undefined;
  if (o.in) {
    let text: string;
    try { text = fs.readFileSync(o.in, 'utf8'); } catch (e) { print(`Cannot read ${o.in}: ${(e as Error).message}`); return 2; }
    const file = parseCandidateFile(text, path.basename(o.in));
    if (file.errors.length) {
      for (const e of file.errors.slice(0, 20)) print(e.message);
      if (file.errors.length > 20) print(`… and ${file.errors.length - 20} more problems.`);
      print('Nothing was scored: fix the file and run again.');
      return 2;
    }
    if (file.sites.length === 0) { print(`${o.in}: no sites.`); return 2; }
    sites = file.sites;
  }
  let area: unknown = 'nyc';
  if (o.area !== undefined) {
    try { area = o.area.trim().startsWith('{') ? JSON.parse(o.area) : o.area; } catch (e) { print(`--area: not JSON: ${(e as Error).message}`); return 2; }
  }
  const list = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean);
  if (o.counties !== undefined) area = { counties: list(o.counties) };
  if (o.ntas !== undefined) area = { ntas: list(o.ntas) };
  const grid = { resolution: o.resolution === undefined ? 9 : Number(o.resolution), area };
  // sites with an area (or resolution) are normalised against that area's grid
  const areaRef = !!sites && [o.area, o.counties, o.ntas, o.resolution].some((x) => x !== undefined) && (!o.reference || o.reference === 'grid');
  const base = {
    ownNetwork: o.network, weights: w && { transit: w[0], demand: w[1], competition: w[2] },
    ...(o.forecast ? { mode: 'forecast', parameterSet: o['parameter-set'] } : {}),
    normalization: o.normalization || o.reference || areaRef ? { method: o.normalization, reference: o.reference, ...(areaRef ? { grid } : {}) } : undefined,
  };
  // the CLI has no 10,000-site cap: validate the request with one site, then score them all
  const check = scoreRequestSchema.safeParse({ ...base, ...(sites ? { sites: sites.slice(0, 1) } : { grid }) });
  if (!check.success) {
    const optionOf = (p: PropertyKey[]) => (p[0] === 'grid' || (p[0] === 'normalization' && p[1] === 'grid')
      ? (p.includes('resolution') ? 'resolution' : 'area') : String(p[0]));
    for (const i of check.error.issues) print(`--${optionOf(i.path)}: ${i.message}`);
    return 2;
  }

  const bar = showProgress && (o.grid || (sites?.length ?? 0) > 500)
    ? new cliProgress.SingleBar({ format: 'scoring [{bar}] {percentage}% | {value}/{total} sites | {duration}s', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  const progress = (done: number, total: number) => {
    if (!bar) return;
    if (!started) { bar.start(total, 0); started = true; }
    bar.update(done);
  };
  let scored: ScoredSite[];
  let params: ScoreResponse['params'] | undefined;
  let warnings: ScoreResponse['warnings'];
  try {
    if (server) ({ scored, params, warnings } = await viaServer(server, base, grid, sites, progress, print, o.token ?? process.env.OUTLET_PLANNER_TOKEN));
    else ({ scored, params, warnings } = await locally(o.db && path.resolve(o.db), sites ? { ...check.data, sites } : check.data, progress));
  } catch (err) {
    bar?.stop();
    if (err instanceof DatabaseLockedError) {
      print(err.message);
      return 1;
    }
    if (err instanceof AppError || err instanceof NetworkInputError || err instanceof CliError) { print(err.message); return 1; }
    throw err;
  }
  bar?.stop();
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const areaName = studyAreaName(params);
  fs.writeFileSync(out, /\.csv$/i.test(out) ? scoredSitesToCsv(scored, areaName) : JSON.stringify(scoredSitesToGeoJson(scored, params, areaName)));
  print(`Scored ${scored.length} sites${areaName ? ` (${areaName})` : ''} → ${out}`);
  for (const x of warnings) print(`Warning (${x.code}): ${x.message}`);
  return 0;
}

class CliError extends Error {}

/**
 * Score a validated request over the database itself — the core pipeline (core/scoring/pipeline.ts) on the imported
 * data, no server service: the own network's outlets, the study-area grid and the reference grid when needed (their
 * cells, places and data coverage from server/areas), the candidates' factors, then normalise, weight, rank and round
 * exactly as the API does.
 */
async function locally(dbPath: string | undefined, req: ScoreRequestParsed, progress: (d: number, t: number) => void) {
  const config = loadConfig(dbPath ? { ...process.env, DB_PATH: dbPath } : process.env);
  if (!fs.existsSync(config.dbPath)) throw new CliError(`No database at ${config.dbPath}: run "npm run data:import" first, or use --server.`);
  const db = await openDatabase(config.dbPath, { readOnly: true });
  try {
    const geo = await loadGeoData(db);
    let own: Uint8Array = new Uint8Array(geo.branches.size);
    let network: NetworkInfo | null = null;
    if (req.ownNetwork) ({ info: network, own } = resolveOwnNetwork(geo.branches, req.ownNetwork));
    const { outlets, medianDepositsK } = scoringOutlets(geo.branches, own, req.params);
    const ctx = createScoringContext(req.params, geo.blockGroups, geo.stops, outlets);
    const areas = new AreaResolver(config.dataDir);
    const loaded = dataExtent(geo.blockGroups, geo.branches, geo.stops);
    // without the boundary files the sites' states are unknown: demand and outlets are then scored everywhere
    const extent = await areas.boundariesAvailable() ? loaded : null;
    const gridTable = async (spec: GridSpec, field: string, onProgress?: (d: number, t: number) => void) => {
      const area = await areas.resolve(spec.area, `${field}.area`);
      const cells = spec.area === 'nyc' && spec.resolution === 9 ? await loadNycGridCells(config.dataDir, 9) : await areas.grid(area, spec.resolution, field);
      const t = computeGridTable(ctx, cells, onProgress && ((d) => onProgress(d, cells.length)), { places: await areas.gridPlacesOf(cells), extent });
      const echo: GridEcho = { resolution: spec.resolution, area: spec.area, name: area.name, boundarySource: area.boundarySource, cells: cells.length };
      return { table: t, echo };
    };
    const reference = req.normalization.reference ?? (req.grid || req.normalization.grid ? 'grid' : 'nyc-grid');
    const grid = req.grid ? await gridTable(req.grid, 'grid', progress) : null;
    const refSpec = reference === 'request' ? null : reference === 'nyc-grid' ? { resolution: 9, area: 'nyc' } as GridSpec : (req.normalization.grid ?? req.grid!);
    const ref: { table: GridTable; echo: GridEcho } | null = !refSpec ? null : grid && refSpec === req.grid ? grid
      : await gridTable(refSpec, refSpec === req.normalization.grid ? 'normalization.grid' : 'grid');
    const sites = req.sites ?? [];
    const c = requestCandidates(ctx, { grid: grid?.table ?? null, includeGrid: !!req.grid, sites, reference, referenceGrid: ref?.table,
      coverage: { places: sites.length ? await areas.placesOf(sites) : [], extent }, onProgress: progress });
    const r = scoreFactorTable(c.sites, c.table, { stats: c.stats, method: req.normalization.method, weights: req.weights,
      scored: c.scored, places: c.places, warnings: c.warnings });
    const meta = await scoringMetadata(db, config.serviceDate);
    const params = scoreResponseParams({
      params: req.params, weights: req.weights, method: req.normalization.method, reference, referenceGrid: ref?.echo ?? null, stats: c.stats,
      requestSize: c.sites.length, ownNetwork: network && { id: network.id, name: network.name, branches: network.branches },
      serviceDate: meta.serviceDate, medianDepositsK, grid: grid?.echo ?? null, maxCells: MAX_GRID_CELLS,
      dataCoverage: dataCoverageEcho(c.table, c.scored, loaded),
    });
    if (req.mode === 'forecast') {
      // the forecast's calibration reads the NYC-grid reference through a scoring service, built only if it must calibrate
      let svc: ScoringService | null = null;
      const forecast = new ForecastService(db, db, config, () => (svc ??= new ScoringService(db, config.dataDir, config.serviceDate)));
      const { forecasts, echo } = await forecast.forecastSites(r.sites, req.ownNetwork, req.parameterSet);
      r.sites.forEach((site, j) => { site.forecast = forecasts[j]; site.rank = forecasts[j].rank; });
      params.mode = 'forecast';
      params.forecast = echo;
    }
    return { scored: r.sites, params, warnings: summariseWarnings(c.warnings) };
  } finally {
    db.close();
  }
}

async function viaServer(server: string, base: Record<string, unknown>, grid: unknown, sites: CandidateSite[] | undefined,
  progress: (d: number, t: number) => void, print: (l: string) => void, token?: string) {
  const call = async (body: unknown): Promise<ScoreResponse> => {
    let res: Response;
    try {
      res = await fetch(`${server}/api/sites/score`, { method: 'POST', body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    } catch (e) {
      throw new CliError(`Cannot reach the server at ${server} (${(e as Error).message}). Is it running (npm start)?`);
    }
    const json = await res.json() as ScoreResponse & { error?: { message: string } };
    if (res.status === 401) throw new CliError(`Server answered 401: ${json.error?.message ?? 'sign-in needed'}. Give an API token with --token (or env OUTLET_PLANNER_TOKEN).`);
    if (!res.ok) throw new CliError(`Server answered ${res.status}: ${json.error?.message ?? 'error'}`);
    return json;
  };
  if (!sites) {
    progress(0, 1);
    const r = await call({ ...base, grid });
    progress(1, 1);
    return { scored: r.sites, params: r.params, warnings: r.warnings };
  }
  if (sites.length > MAX_SITES_PER_REQUEST && (base.normalization as { reference?: string } | undefined)?.reference === 'request') {
    print(`Note: ${sites.length} sites go in chunks of ${MAX_SITES_PER_REQUEST}; "request" normalisation then applies per chunk.`);
  }
  const scored: ScoredSite[] = [];
  let params: ScoreResponse['params'] | undefined;
  for (let k = 0; k < sites.length; k += MAX_SITES_PER_REQUEST) {
    const r = await call({ ...base, sites: sites.slice(k, k + MAX_SITES_PER_REQUEST) });
    scored.push(...r.sites);
    params = r.params;
    progress(Math.min(sites.length, k + MAX_SITES_PER_REQUEST), sites.length);
  }
  if (sites.length > MAX_SITES_PER_REQUEST) {
    // ranks are per request: re-rank across the chunks (highest score — or forecast in forecast mode — first, ties in input order)
    const rank = rankDescending(scored.map((s) => s.forecast?.depositsUsd ?? s.score));
    scored.forEach((s, j) => { scored[j] = { ...s, rank: rank[j] }; });
  }
  // the request-level warnings summed over the chunks
  return { scored, params, warnings: summariseWarnings(scored.map((s) => s.warnings)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runScore(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
