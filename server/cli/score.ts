import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';
import Papa from 'papaparse';
import { loadConfig } from '../config';
import { DatabaseLockedError, openDatabase } from '../db/database';
import { ScoringService } from '../scoring/scoringService';
import { AppError } from '../errors';
import { NetworkInputError } from '../../core/network/ownNetwork';
import { parseCandidateFile, type CandidateSite } from '../../core/scoring/candidateFile';
import { MAX_SITES_PER_REQUEST, scoreRequestSchema, type ScoreResponse, type ScoredSite } from '../../core/api/sites';
import { forecastColumns } from '../../core/api/forecast';
import { ForecastService } from '../forecast/forecastService';

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

interface Options {
  input?: string; grid: boolean; out?: string; network?: string; weights?: { transit: number; demand: number; competition: number };
  method?: string; reference?: string; server?: string; db?: string; token?: string; forecast?: boolean; parameterSet?: string;
}

/**
 * \`npm run score\`. Returns the exit code (0 written, 1 failed, 2 bad arguments or input); \`print\` gets each
 * message line; the progress bar (cli-progress) goes to stderr on runs of more than 500 sites.
 */
export async function runScore(argv: string[], print: (line: string) => void = console.log, showProgress = process.stderr.isTTY ?? false): Promise<number> {
  const opts: Options = { grid: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--in') opts.input = next();
    else if (a === '--grid') opts.grid = true;
    else if (a === '--out') opts.out = next();
    else if (a === '--network') opts.network = next();
    else if (a === '--weights') {
      const w = next().split(',').map(Number);
      opts.weights = { transit: w[0], demand: w[1], competition: w[2] };
    } else if (a === '--normalization') opts.method = next();
    else if (a === '--reference') opts.reference = next();
    else if (a === '--server') opts.server = next().replace(/\/+$/, '');
    else if (a === '--token') opts.token = next();
    else if (a === '--forecast') opts.forecast = true;
    else if (a === '--parameter-set') opts.parameterSet = next();
    else if (a === '--db') opts.db = path.resolve(next());
    else if (a === '--help' || a === '-h') { print(USAGE); return 0; }
    else { print(`Unknown argument "${a}".\n${USAGE}`); return 2; }
  }
  if (!opts.out || (!opts.input === !opts.grid)) { print(`Give --out and exactly one of --in and --grid.\n${USAGE}`); return 2; }
  if (!/\.(csv|geojson|json)$/i.test(opts.out)) { print(`--out must end in .csv or .geojson, got "${opts.out}"`); return 2; }

  let sites: CandidateSite[] | undefined;
  if (opts.input) {
    let text: string;
    try { text = fs.readFileSync(opts.input, 'utf8'); } catch (e) { print(`Cannot read ${opts.input}: ${(e as Error).message}`); return 2; }
    const parsed = parseCandidateFile(text, path.basename(opts.input));
    if (parsed.errors.length) {
      for (const e of parsed.errors.slice(0, 20)) print(e.message);
      if (parsed.errors.length > 20) print(`… and ${parsed.errors.length - 20} more problems.`);
      print('Nothing was scored: fix the file and run again.');
      return 2;
    }
    if (parsed.sites.length === 0) { print(`${opts.input}: no sites.`); return 2; }
    sites = parsed.sites;
  }
  const base = {
    ownNetwork: opts.network, weights: opts.weights,
    ...(opts.forecast ? { mode: 'forecast', parameterSet: opts.parameterSet } : {}),
    normalization: opts.method || opts.reference ? { method: opts.method, reference: opts.reference } : undefined,
  };
  const check = scoreRequestSchema.safeParse({ ...base, ...(sites ? { sites: sites.slice(0, 1) } : { grid: { resolution: 9, area: 'nyc' } }) });
  if (!check.success) { for (const i of check.error.issues) print(`--${String(i.path[0])}: ${i.message}`); return 2; }

  const bar = showProgress && (opts.grid || (sites?.length ?? 0) > 500)
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
    if (opts.server) ({ scored, params } = await viaServer(opts.server, base, sites, progress, print, opts.token ?? process.env.OUTLET_PLANNER_TOKEN));
    else ({ scored, params } = await locally(opts.db, base, sites, progress));
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
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  fs.writeFileSync(opts.out, /\.csv$/i.test(opts.out) ? toCsv(scored) : toGeoJson(scored, params));
  print(`Scored ${scored.length} sites → ${opts.out}`);
  return 0;
}

class CliError extends Error {}

async function locally(dbPath: string | undefined, base: Record<string, unknown>, sites: CandidateSite[] | undefined,
  progress: (d: number, t: number) => void) {
  const config = loadConfig(dbPath ? { ...process.env, DB_PATH: dbPath } : process.env);
  if (!fs.existsSync(config.dbPath)) throw new CliError(`No database at ${config.dbPath}: run "npm run data:import" first, or use --server.`);
  const db = await openDatabase(config.dbPath, { readOnly: true });
  try {
    const svc = new ScoringService(db, config.dataDir, config.serviceDate);
    // the CLI has no 10,000-site cap: validate one site, then score them all
    const req = scoreRequestSchema.parse({ ...base, ...(sites ? { sites: sites.slice(0, 1) } : { grid: { resolution: 9, area: 'nyc' } }) });
    if (sites) req.sites = sites;
    const res = await svc.score(req, progress);
    if (req.mode === 'forecast') {
      const { forecasts, echo } = await new ForecastService(db, db, config, () => svc).forecastSites(res.sites, req.ownNetwork, req.parameterSet);
      res.sites.forEach((site, j) => { site.forecast = forecasts[j]; site.rank = forecasts[j].rank; });
      res.params.mode = 'forecast';
      res.params.forecast = echo;
    }
    return { scored: res.sites, params: res.params };
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
    // ranks are per request: re-rank across the chunks (by forecast in forecast mode)
    const key = (s: ScoredSite) => s.forecast?.depositsUsd ?? s.score;
    const order = scored.map((s, j) => j).sort((a, b) => key(scored[b]) - key(scored[a]) || a - b);
    order.forEach((j, r) => { scored[j] = { ...scored[j], rank: r + 1 }; });
  }
  return { scored, params };
}

/** One flat row per site: id, lng, lat, score, rank, then `<factor>_<field>` for every factor field. */
export function flattenSite(s: ScoredSite): Record<string, string | number | null> {
  const row: Record<string, string | number | null> = { id: s.id, lng: s.lng, lat: s.lat, score: s.score, rank: s.rank };
  if (s.forecast) Object.assign(row, forecastColumns(s.forecast));
  for (const [f, v] of Object.entries(s.factors)) for (const [k, x] of Object.entries(v)) row[`${f}_${k}`] = x as string | number | null;
  return row;
}

function toCsv(sites: ScoredSite[]): string {
  return Papa.unparse(sites.map(flattenSite)) + '\n';
}

function toGeoJson(sites: ScoredSite[], params: ScoreResponse['params'] | undefined): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    params,
    features: sites.map((s) => ({ type: 'Feature', id: s.id, geometry: { type: 'Point', coordinates: [s.lng, s.lat] }, properties: flattenSite(s) })),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runScore(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  });
}
