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
import { computeGridTable, requestCandidates, scoreFactorTable, scoreResponseParams, scoringOutlets } from '../../core/scoring/pipeline';
import { scoredSitesToCsv, scoredSitesToGeoJson } from '../../core/scoring/scoredSiteFile';
import { rankDescending } from '../../core/scoring/siteScore';
import { MAX_SITES_PER_REQUEST, scoreRequestSchema, type ScoreRequestParsed, type ScoreResponse, type ScoredSite } from '../../core/api/sites';

const USAGE = `Usage: npm run score -- (--in sites.csv|sites.geojson | --grid) --out out.csv|out.geojson
         [--network cert:<CERT>|hc:<RSSDHCR>] [--weights transit,demand,competition]
         [--normalization percentile|minmax|zscore] [--reference nyc-grid|request]
         [--forecast [--parameter-set NAME]]
         [--server http://127.0.0.1:8787 [--token API_TOKEN]] [--db FILE]

Scores candidate sites (a CSV with columns id,lng,lat — lon/longitude/latitude accepted — or a GeoJSON
FeatureCollection of points) or the NYC H3 res-9 grid, and writes CSV or GeoJSON (by the --out extension).
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
  const base = {
    ownNetwork: o.network, weights: w && { transit: w[0], demand: w[1], competition: w[2] },
    ...(o.forecast ? { mode: 'forecast', parameterSet: o['parameter-set'] } : {}),
    normalization: o.normalization || o.reference ? { method: o.normalization, reference: o.reference } : undefined,
  };
  // the CLI has no 10,000-site cap: validate the request with one site, then score them all
  const check = scoreRequestSchema.safeParse({ ...base, ...(sites ? { sites: sites.slice(0, 1) } : { grid: { resolution: 9, area: 'nyc' } }) });
  if (!check.success) { for (const i of check.error.issues) print(`--${String(i.path[0])}: ${i.message}`); return 2; }

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
  try {
    if (server) ({ scored, params } = await viaServer(server, base, sites, progress, print, o.token ?? process.env.OUTLET_PLANNER_TOKEN));
    else ({ scored, params } = await locally(o.db && path.resolve(o.db), sites ? { ...check.data, sites } : check.data, progress));
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
  fs.writeFileSync(out, /\.csv$/i.test(out) ? scoredSitesToCsv(scored) : JSON.stringify(scoredSitesToGeoJson(scored, params)));
  print(`Scored ${scored.length} sites → ${out}`);
  return 0;
}

class CliError extends Error {}

/**
 * Score a validated request over the database itself — the core pipeline (core/scoring/pipeline.ts) on the imported
 * data, no server service: the own network's outlets, the NYC-grid reference when needed, the candidates' factors,
 * then normalise, weight, rank and round exactly as the API does.
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
    const reference = req.normalization.reference;
    const cells = req.grid || reference === 'nyc-grid' ? await loadNycGridCells(config.dataDir, 9) : null;
    const grid = cells && computeGridTable(ctx, cells, req.grid ? (d) => progress(d, cells.length) : undefined);
    const c = requestCandidates(ctx, { grid, includeGrid: !!req.grid, sites: req.sites ?? [], reference, onProgress: progress });
    const r = scoreFactorTable(c.sites, c.table, { stats: c.stats, method: req.normalization.method, weights: req.weights });
    const meta = await scoringMetadata(db, config.serviceDate);
    const params = scoreResponseParams({
      params: req.params, weights: req.weights, method: req.normalization.method, reference, referenceSize: c.stats.transit.n,
      gridCells: cells ? cells.length : null, requestSize: c.sites.length,
      ownNetwork: network && { id: network.id, name: network.name, branches: network.branches },
      serviceDate: meta.serviceDate, medianDepositsK, grid: req.grid,
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
    return { scored: r.sites, params };
  } finally {
    db.close();
  }
}

async function viaServer(server: string, base: Record<string, unknown>, sites: CandidateSite[] | undefined,
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
    const r = await call({ ...base, grid: { resolution: 9, area: 'nyc' } });
    progress(1, 1);
    return { scored: r.sites, params: r.params };
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
  return { scored, params };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runScore(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
