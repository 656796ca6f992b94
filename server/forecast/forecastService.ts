import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { AppError, badRequest, notFound } from '../errors';
import { Lru } from '../memo';
import { geoDataCache, type GeoData } from '../geo/geoData';
import { BasemapService } from '../geo/basemap';
import { storedFingerprint } from '../ingest/importAll';
import { fullStats, type ScoringService } from '../scoring/scoringService';
import { loadForecastInputs, NYC_REGION_BBOX, type ForecastInputs } from './trainingData';
import { SOD_PARAMETER_SET, type FitSummary, type ParameterSet, type ParameterSetListing, type RefitRequest, type SiteForecastDto, type ValidationReportDto } from '../../core/api/forecast';
import { computeLocationFeatures, createForecastFeatureContext, LOCATION_FEATURES, type ForecastFeatureContext, type LocationFeatureTable } from '../../core/forecast/features';
import { assumedBankEffect, type AssumedBank, type ForecastModel } from '../../core/forecast/model';
import type { OutcomeRow } from '../../core/forecast/outcomes';
import { siteSetForecast, type SiteSetForecast } from '../../core/forecast/siteSet';
import { siteForecastColumnsSteps, siteForecastDtos, type SiteForecastColumns } from '../../core/forecast/siteForecasts';
import { DEFAULT_EXCLUSION_RULE, FORECAST_PROTOCOL, NYC_BOROUGH_BY_COUNTY } from '../../core/forecast/protocol';
import { calibrateSodFrom, refitOutcomesFrom, type OutcomeRefitInput, type SodCalibrationInput, type FitOutput } from './calibrationTask';
import { packShared, toColumns, type Columns } from '../work/sharedResource';
import type { ComputePool } from '../work/computePool';
import { branchSetOfYearSteps } from '../../core/forecast/trainingTable';
import { runStepsPaused } from '../../core/steps';
import { DEFAULT_SCORING_PARAMS } from '../../core/scoring/params';
import { parseCandidateCsv } from '../../core/scoring/candidateFile';
import { nextTurn } from '../eventLoop';
import { institutionDisplayName } from '../../core/network/institutionName';
import { forecastSitesOf, type ForecastContextPosted, type ForecastEcho, type SiteForecastInput } from './forecastTask';

/** Bump when the forecast's features, model or protocol change: a cached calibration of another version is refitted. */
export const FORECAST_MODEL_VERSION = 7;

/** A calibration as stored (cache file or user table): the model, its report and what it cost. */
interface StoredSet {
  name: string;
  kind: ParameterSet['kind'];
  target: string;
  model: ForecastModel;
  report: ValidationReportDto;
  fit: FitSummary;
  dataVintage: ParameterSet['dataVintage'];
  createdAt: string;
  calibrationSeconds: number | null;
}

/** Borough of a point from its NTA code prefix (BX, BK, MN, QN, SI), or "Outside NYC". */
const BOROUGH_BY_PREFIX: Record<string, string> = { BX: 'Bronx', BK: 'Brooklyn', MN: 'Manhattan', QN: 'Queens', SI: 'Staten Island' };

/**
 * The set with its institution names in their display spelling (core/network/institutionName.ts): the bank effects'
 * names (the forecast's "Bank effect: …" line), the within-bank table and the hold-out rows; a cached set keeps the
 * FDIC spelling it was fitted with, so this runs when a set is read as well as after a fit.
 */
function withDisplayNames(set: StoredSet): StoredSet {
  const d = institutionDisplayName;
  const banksNamed = <V extends ValidationReportDto['variants'][number]>(v: V): V => (v.withinBankSpearman?.banks
    ? { ...v, withinBankSpearman: { ...v.withinBankSpearman, banks: v.withinBankSpearman.banks.map((b) => ({ ...b, name: d(b.name) })) } } : v);
  const bank = set.model.bank;
  return {
    ...set,
    model: { ...set.model, bank: { ...bank, institutions: bank.institutions.map((i) => ({ ...i, name: d(i.name) })) } },
    report: {
      ...set.report,
      holdout: set.report.holdout.map((h) => ({ ...h, institution: d(h.institution) })),
      variants: set.report.variants.map(banksNamed),
      sensitivity: set.report.sensitivity ? banksNamed(set.report.sensitivity) : null,
    },
  };
}

/** NaN/±∞ → null (JSON has no NaN). */
const num = (x: number) => (Number.isFinite(x) ? x : null);

/** The `fit` summary of a report. */
function fitSummary(report: ValidationReportDto, rows: number): FitSummary {
  const full = report.variants.find((v) => v.id === 'full')!;
  const base = report.variants.find((v) => v.id === 'baselineResidents');
  return {
    spearmanHoldout: full.spearmanHoldout.value, spearmanBaseline: base?.spearmanHoldout.value ?? null,
    withinBankSpearman: full.withinBankSpearman.value, temporalSpearman: full.temporalSpearman.value,
    n: rows, folds: FORECAST_PROTOCOL.folds, protocol: report.protocol.description,
  };
}

/** What the SOD set predicts. */
const SOD_TARGET = 'deposits (USD)';

/** A stored set as the API lists it. */
function toListing(s: StoredSet): ParameterSet {
  return { status: 'ready', name: s.name, kind: s.kind, target: s.target, params: s.model, fit: s.fit, dataVintage: s.dataVintage,
    createdAt: s.createdAt, calibrationSeconds: s.calibrationSeconds };
}

/**
 * The deposit forecast in the server (issue "Scores that predict real branches"): the parameter set fitted on the
 * imported SOD years (calibrated in the background, yielding between fits, and cached in
 * `<cacheDir>/forecast/` per import fingerprint and model version), the sets users refit on their own outcomes
 * (`forecast_parameter_sets` in the user database), and forecasts for candidate sites. Built once per app.
 */
export class ForecastService {
  private sod: Promise<StoredSet> | null = null;
  /** The SOD set once {@link sod} has it (read synchronously by {@link parameterSets}). */
  private sodReady: StoredSet | null = null;
  /** When the SOD calibration now running began (ISO), or null when none runs. */
  private calibratingSince: string | null = null;
  /** Resolves when a calibration of the SOD set begins (no cached one): {@link parameterSets} stops waiting then. */
  private calibrationBegan: Promise<void>;
  private markCalibrationBegan!: () => void;
  private inputs: Promise<ForecastInputs & { ctx: ForecastFeatureContext; outletCert: Int32Array }> | null = null;
  /** Today's branch set as the compute workers' forecast tasks take it (forecast/forecastTask.ts), from {@link inputs}. */
  private posted: Promise<ForecastContextPosted> | null = null;
  private tableReady: Promise<void> | null = null;
  /** Forecasts of large site sets (the NYC grid) per parameter set and network: a network switch back is instant. */
  private bigSets = new Lru<Promise<Awaited<ReturnType<ForecastService['computeForecasts']>>>>(8);

  private readonly geo: () => Promise<GeoData>;
  private readonly basemap: Pick<BasemapService, 'ntaAt'>;

  /** Runs the fits: the app's compute pool (off the event loop), or, without one (CLI, benchmarks), this thread. */
  private readonly compute: Pick<ComputePool, 'run' | 'size'> | null;

  /**
   * @param sources the app's shared geo data and basemap (server/services.ts); without them the service keeps its own.
   *   `compute`: the app's worker pool, which runs the calibration and refits (server/forecast/calibrationTask.ts).
   */
  constructor(private readonly db: Database, private readonly userDb: Database, private readonly config: Config,
    private readonly scoring: () => ScoringService, private readonly log: (line: string) => void = () => undefined,
    sources: { geo?: () => Promise<GeoData>; basemap?: Pick<BasemapService, 'ntaAt'>; compute?: Pick<ComputePool, 'run' | 'size'> } = {}) {
    this.geo = sources.geo ?? geoDataCache(db);
    this.basemap = sources.basemap ?? new BasemapService(config.dataDir);
    this.compute = sources.compute ?? null;
    this.calibrationBegan = new Promise((r) => { this.markCalibrationBegan = r; });
  }

  /** The ATM points and poverty fallback a fit's feature layers are built from (server/forecast/calibrationTask.ts). */
  private layerInput(inputs: ForecastInputs) {
    const atms = inputs.layers.atms.index;
    return { atm: { lng: atms.lng, lat: atms.lat }, povertyFallback: inputs.layers.povertyFallback };
  }

  /**
   * The start-up warm-up's part (server/main.ts): the SOD set (from its cache, or calibrated), then today's branch set
   * and the feature layers, so that the first forecast-mode request does not read them (the SOD rows' query and the
   * branch set held that request's event loop 25–40 ms a piece besides its own work).
   * @throws the calibration's or the inputs' error.
   */
  async warmUp(): Promise<void> {
    await this.sodSet();
    await this.forecastInputs();
  }

  /** The imported inputs and today's (latest survey's) branch set as a feature context (loaded once). */
  private forecastInputs() {
    if (!this.inputs) {
      this.inputs = (async () => {
        const inputs = await loadForecastInputs(this.db, await this.geo(), this.config.dataDir, this.basemap);
        const year = Math.max(...inputs.years);
        await nextTurn(); // the inputs' last pieces (poverty layer, feature layers) ran in this turn
        const { outlets } = await runStepsPaused(branchSetOfYearSteps(inputs.rows, year, DEFAULT_EXCLUSION_RULE), nextTurn);
        await nextTurn(); // the branch set and the feature context held the event loop ≈ 100 ms in one piece at start-up
        return { ...inputs, ctx: createForecastFeatureContext(inputs.layers, outlets), outletCert: outlets.cert as Int32Array };
      })();
      this.inputs.catch(() => { this.inputs = null; });
    }
    return this.inputs;
  }

  private cacheFile(fingerprint: string): string {
    return path.join(this.config.cacheDir, 'forecast', `${SOD_PARAMETER_SET}-${fingerprint.slice(0, 16)}-v${FORECAST_MODEL_VERSION}.json`);
  }

  /** The SOD parameter set: read from the cache when current, else calibrated now (async, yielding) and cached. */
  sodSet(): Promise<StoredSet> {
    if (!this.sod) {
      const p = this.loadOrCalibrate();
      this.sod = p;
      p.then((set) => { if (this.sod === p) this.sodReady = set; }, () => { if (this.sod === p) this.sod = null; });
    }
    return this.sod;
  }

  private async loadOrCalibrate(): Promise<StoredSet> {
    const fingerprint = (await storedFingerprint(this.db)) ?? 'unknown';
    const file = this.cacheFile(fingerprint);
    if (fs.existsSync(file)) {
      try {
        return withDisplayNames(JSON.parse(fs.readFileSync(file, 'utf8')) as StoredSet);
      } catch { /* torn or old: recalibrate */ }
    }
    this.calibratingSince = new Date().toISOString();
    this.markCalibrationBegan();
    let set: StoredSet;
    try {
      set = withDisplayNames(await this.calibrateSod());
    } finally {
      this.calibratingSince = null;
    }
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(set));
      fs.renameSync(tmp, file);
    } catch (err) {
      this.log(`Could not cache the forecast calibration in ${file}: ${(err as Error).message}`);
    }
    return set;
  }

  /**
   * Calibrate on the imported SOD years: table, validation (5 seeds × 5 folds, LOBO, temporal), final fit — in the
   * compute pool when the app has one (the ≈ 6 s fit would hold every request otherwise), with a deadline of 30 min
   * (a loaded machine has taken 132 s wall).
   */
  async calibrateSod(opts: { seeds?: number[]; bootstrapReplicates?: number } = {}): Promise<StoredSet> {
    const inputs = await this.forecastInputs();
    const ref = await this.scoring().reference(undefined, { ...DEFAULT_SCORING_PARAMS });
    const target = SOD_TARGET;
    // the poverty share of each study-area point, looked up here (the NTA boundaries live on this thread)
    // (NTA point-in-polygon lookups for ≈ 8,000 rows: a turn of the event loop every 500 rows — at start-up)
    const povertyByPoint = new Map<string, number | null>();
    for (let k = 0; k < inputs.rows.length; k++) {
      const r = inputs.rows[k];
      if (k % 500 === 0) await nextTurn(); // before the first piece too: the inputs' context was built in the same turn
      if (!r.validCoords || !(r.countyFips in NYC_BOROUGH_BY_COUNTY)) continue;
      const key = `${r.lng},${r.lat}`;
      if (!povertyByPoint.has(key)) povertyByPoint.set(key, inputs.poverty.at(r.lng, r.lat));
    }
    const input: SodCalibrationInput = { ...this.layerInput(inputs), rows: inputs.rows, povertyByPoint, reference: fullStats(ref),
      elsewhere: inputs.elsewhere, seeds: opts.seeds, bootstrapReplicates: opts.bootstrapReplicates, name: SOD_PARAMETER_SET, target };
    const fit: FitOutput = this.compute
      ? await this.compute.run('calibrateSod', { ...input, rows: await packShared(toColumns(input.rows)) as Columns },
        { user: 'system:forecast', timeoutMs: 30 * 60_000 })
      : await calibrateSodFrom(await this.geo(), input);
    const { report, cpuSeconds: seconds } = fit;
    this.log(`Forecast calibrated: ${fit.rows} rows, ρ = ${report.variants[0].spearmanHoldout.value?.toFixed(3)} in ${seconds.toFixed(1)} s CPU (${fit.wallSeconds.toFixed(1)} s wall${this.compute?.size ? ', compute worker' : ''})`);
    const vintage = await this.db.all<{ id: string; vintage: string | null }>(`SELECT id, vintage FROM datasets WHERE id LIKE 'fdic-sod-%' OR id IN ('census-block-groups', 'nys-atms') ORDER BY id`);
    return {
      name: SOD_PARAMETER_SET, kind: 'sod-deposits', target, model: fit.model, report, fit: fitSummary(report, fit.rows),
      dataVintage: [...vintage, { id: 'nyc-poverty-nta', vintage: inputs.poverty.period }], createdAt: new Date().toISOString(), calibrationSeconds: seconds,
    };
  }

  private async ensureUserTable(): Promise<void> {
    if (!this.tableReady) {
      this.tableReady = this.userDb.run(`CREATE TABLE IF NOT EXISTS forecast_parameter_sets (name VARCHAR PRIMARY KEY, created_at VARCHAR, body JSON)`);
      this.tableReady.catch(() => { this.tableReady = null; });
    }
    return this.tableReady;
  }

  private async userSets(): Promise<StoredSet[]> {
    await this.ensureUserTable();
    const rows = await this.userDb.all<{ body: string }>(`SELECT CAST(body AS VARCHAR) AS body FROM forecast_parameter_sets ORDER BY created_at, name`);
    return rows.map((r) => JSON.parse(r.body) as StoredSet);
  }

  /**
   * Every parameter set: the SOD one first, then the users' refits. While the SOD set is being calibrated (no cached
   * calibration: a first start or a new import, ≈ 6–12 s) it is listed at once as `status: "calibrating"` with no
   * figures, unless `wait` (then the answer waits for it, every entry `ready`). Reading a cached calibration is
   * waited for either way (well under a second). @throws the calibration's error when it failed.
   */
  async parameterSets(opts: { wait?: boolean } = {}): Promise<ParameterSetListing[]> {
    const sod = this.sodSet();
    if (!opts.wait && !this.sodReady) {
      // whichever comes first: the set (from the cache), or the news that it must be calibrated
      await Promise.race([sod, this.calibrationBegan]);
    }
    const since = this.calibratingSince;
    const ready = this.sodReady ?? (since && !opts.wait ? null : await sod);
    const first: ParameterSetListing = ready
      ? toListing(ready)
      : { status: 'calibrating', name: SOD_PARAMETER_SET, kind: 'sod-deposits', target: SOD_TARGET, calibratingSince: since!,
        params: null, fit: null, dataVintage: [], createdAt: null, calibrationSeconds: null };
    return [first, ...(await this.userSets()).map(toListing)];
  }

  /** One set by name. @throws 404 naming it. */
  async set(name: string | undefined): Promise<StoredSet> {
    if (!name || name === SOD_PARAMETER_SET) return this.sodSet();
    const found = (await this.userSets()).find((s) => s.name === name);
    if (!found) throw notFound(`No parameter set "${name}" (GET /api/parameter-sets lists them)`);
    return found;
  }

  /** The CERTs of a network, most NYC branches first. @throws 400 naming `field` for an unknown network. */
  async networkCerts(id: string, field = 'ownNetwork'): Promise<number[]> {
    const m = /^(cert|hc):(\d+)$/.exec(id);
    if (!m) throw badRequest(`${field}: "${id}" is not "cert:<CERT>" or "hc:<RSSDHCR>"`, field);
    const nyc = Object.keys(NYC_BOROUGH_BY_COUNTY).map((c) => `'${c}'`).join(', ');
    const rows = await this.db.all<{ cert: number }>(`SELECT cert FROM branches WHERE ${m[1] === 'cert' ? 'cert' : 'rssdhcr'} = $1
      GROUP BY cert ORDER BY count(*) FILTER (WHERE county_fips IN (${nyc})) DESC, count(*) DESC, cert`, [Number(m[2])]);
    if (rows.length === 0) throw badRequest(`${field}: unknown network "${id}" (no FDIC SOD 2023 branch); pick one from GET /api/institutions`, field);
    return rows.map((r) => Number(r.cert));
  }

  /**
   * Forecast sites with a parameter set for a network (`ownNetwork`: its branches are own, the rest competitors; its
   * bank effect is used). Sites outside the NYC region get a 400 naming them (the branch set is NYC's). The features
   * and forecasts are computed in the compute pool when the app has workers (`task`: the caller, for its limit and
   * abort signal; a large set — cached and shared — runs as the server's own), else here a piece at a time.
   */
  async forecastSites(sites: readonly { id: string; lng: number; lat: number }[], ownNetwork: string | undefined, setName: string | undefined,
    task: { user: string; signal?: AbortSignal } = { user: 'system:forecast' }) {
    if (sites.length < 1000) return this.computeForecasts(sites, ownNetwork, setName, task);
    const key = `${setName ?? SOD_PARAMETER_SET}|${ownNetwork ?? ''}|${sites.length}|${sites[0].id}|${sites[sites.length - 1].id}`;
    let p = this.bigSets.get(key);
    if (!p) {
      p = this.computeForecasts(sites, ownNetwork, setName, { user: 'system:forecast' });
      this.bigSets.set(key, p);
      p.catch(() => this.bigSets.delete(key));
    }
    return p;
  }

  /** Whether site forecasts run in the compute pool: it has worker threads (pool size 0 and the CLI compute here, paced). */
  private get pooled(): boolean {
    return !!this.compute && this.compute.size > 0;
  }

  /** Today's branch set as posted to the forecast tasks (built once from the inputs; its key names this service's set). */
  private postedContext(): Promise<ForecastContextPosted> {
    if (!this.posted) {
      this.posted = this.forecastInputs().then((inputs) => ({ key: `forecast-context-${++postedContexts}`, ...this.layerInput(inputs), outlets: inputs.ctx.outlets }));
      this.posted.catch(() => { this.posted = null; });
    }
    return this.posted;
  }

  /**
   * What forecasting `sites` reads on this thread: the set, the check that every site lies in the NYC region, the
   * network's CERTs and the bank effect the set assumes for it, and each site's poverty share (an NTA lookup each,
   * {@link POVERTY_LOOKUPS_PER_TURN} between two turns of the event loop).
   * @throws 404 for an unknown set; 400 naming `${field}.<i>` for a site outside the NYC region the forecast was fitted
   *   on, or `ownNetwork` for an unknown network.
   */
  private async sitePlan(sites: readonly { lng: number; lat: number }[], ownNetwork: string | undefined, setName: string | undefined, field = 'sites') {
    const [set, inputs] = await Promise.all([this.set(setName), this.forecastInputs()]);
    const b = NYC_REGION_BBOX;
    const outside = sites.findIndex((s) => s.lng < b.west || s.lng > b.east || s.lat < b.south || s.lat > b.north);
    if (outside >= 0) {
      throw badRequest(`${field}.${outside}: (${sites[outside].lng}, ${sites[outside].lat}) is outside the area the forecast was fitted on (NYC and its surroundings)`, `${field}.${outside}`);
    }
    const certs = ownNetwork ? await this.networkCerts(ownNetwork) : [];
    const n = sites.length;
    const lng = new Float64Array(n), lat = new Float64Array(n), povertyShare = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      if (s > 0 && s % POVERTY_LOOKUPS_PER_TURN === 0) await nextTurn();
      lng[s] = sites[s].lng; lat[s] = sites[s].lat;
      povertyShare[s] = inputs.poverty.at(lng[s], lat[s]) ?? NaN;
    }
    const bank: AssumedBank = set.model.features.includes('bankEffect')
      ? assumedBankEffect(set.model, certs) : { effect: NaN, newToArea: 0, source: 'overall', cert: null, name: null };
    return { set, inputs, certs, bank, lng, lat, povertyShare };
  }

  /** A {@link sitePlan}'s sites as a forecast task's input (forecast/forecastTask.ts). */
  private async taskInput(plan: Awaited<ReturnType<ForecastService['sitePlan']>>): Promise<SiteForecastInput> {
    return { context: await this.postedContext(), lng: plan.lng, lat: plan.lat, povertyShare: plan.povertyShare, ownCerts: plan.certs,
      model: plan.set.model, bank: plan.bank };
  }

  /** Location features of a {@link sitePlan}'s sites on this thread, {@link SITES_PER_TURN} a turn. */
  private localFeatures(plan: Awaited<ReturnType<ForecastService['sitePlan']>>): Promise<LocationFeatureTable> {
    return locationFeaturesPaced(plan.inputs.ctx, forecastSitesOf(plan.lng, plan.lat, plan.povertyShare, plan.inputs.outletCert, plan.certs));
  }

  /**
   * Candidate sites of a network ready for SET forecasts (the optimiser's objective "forecast deposits",
   * core/forecast/siteSet.ts): each site's features against today's network (in the compute pool when the app has
   * workers: `task` is the caller), the parameter set's hold-out residuals (actual − forecast, ln, of its out-of-fold
   * test-year rows) for the total's interval, and what was assumed.
   * @throws 400 naming `${field}.<i>` for a site outside the NYC region; 404 for an unknown set.
   */
  async siteSetForecast(sites: readonly { lng: number; lat: number }[], ownNetwork: string, setName: string | undefined, field = 'candidates',
    task: { user: string; signal?: AbortSignal } = { user: 'system:optimize' }) {
    const plan = await this.sitePlan(sites, ownNetwork, setName, field);
    const { set, bank } = plan;
    let siteSet: SiteSetForecast;
    if (this.pooled) siteSet = await this.compute!.run('siteSetForecast', await this.taskInput(plan), task);
    else {
      const features = await this.localFeatures(plan);
      siteSet = siteSetForecast(set.model, features.values, plan.lng, plan.lat, bank, plan.inputs.ctx.outlets.neighbourLogDepositsFallback);
    }
    const residualsLog = (set.report.holdout ?? []).map((h) => h.actualLog - h.predictedLog).filter(Number.isFinite);
    return { siteSet, residualsLog, parameterSet: set.name, target: set.target, bank: { cert: bank.cert, name: bank.name, source: bank.source } };
  }

  /**
   * The compute task input of forecasting many listed sites together with their score (task `scoreSitesForecast`,
   * `POST /api/sites/score`), and the response's `params.forecast`; null when the app has no compute workers (then
   * {@link forecastSites} computes here). Throws as {@link forecastSites}.
   */
  async scoreTaskInput(sites: readonly { lng: number; lat: number }[], ownNetwork: string | undefined, setName: string | undefined): Promise<{ forecast: SiteForecastInput; echo: ForecastEcho } | null> {
    if (!this.pooled) return null;
    const plan = await this.sitePlan(sites, ownNetwork, setName);
    return { forecast: await this.taskInput(plan), echo: forecastEcho(plan.set, plan.bank, plan.certs) };
  }

  private async computeForecasts(sites: readonly { lng: number; lat: number }[], ownNetwork: string | undefined, setName: string | undefined,
    task: { user: string; signal?: AbortSignal }): Promise<{ forecasts: SiteForecastDto[]; echo: ForecastEcho }> {
    const plan = await this.sitePlan(sites, ownNetwork, setName);
    const cols: SiteForecastColumns = this.pooled
      ? await this.compute!.run('siteForecasts', await this.taskInput(plan), task)
      : await runStepsPaused(siteForecastColumnsSteps(plan.set.model, (await this.localFeatures(plan)).values, sites.length, plan.bank), nextTurn);
    // one object per contribution (≈ 185,000 for the NYC grid): built a slice at a time
    const forecasts: SiteForecastDto[] = [];
    for (let from = 0; from < cols.n; from += DTOS_PER_TURN) {
      if (from > 0) await nextTurn();
      for (const f of siteForecastDtos(cols, from, Math.min(cols.n, from + DTOS_PER_TURN))) forecasts.push(f);
    }
    return { forecasts, echo: forecastEcho(plan.set, plan.bank, plan.certs) };
  }

  /** The outcome rows of a refit request (JSON rows, or CSV text parsed with the candidate-file reader). @throws 400 naming row and field. */
  parseOutcomes(req: RefitRequest): OutcomeRow[] {
    if (req.outcomes) return req.outcomes;
    const parsed = parseCandidateCsv(req.csv ?? '', 'outcomes.csv', 'outcome');
    if (parsed.errors.length) {
      const e = parsed.errors[0];
      throw new AppError(400, 'bad_request', `${e.message}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''}`,
        { field: 'csv', row: e.row, issues: parsed.errors.slice(0, 20).map((x) => ({ path: `csv.row${x.row}.${x.field}`, message: x.message })) });
    }
    if (parsed.sites.length < 20) throw badRequest(`csv: ${parsed.sites.length} outcome rows; at least 20 are needed to fit and validate`, 'csv');
    return parsed.sites.map((s) => ({ id: s.id, lng: s.lng, lat: s.lat, outcome: s.value! }));
  }

  /**
   * Refit the location model on a user's outcomes into a new named set (stored in the user database); `ctx` is the
   * caller (its pool limit) and its request's abort signal (a closed request stops the fit).
   * @throws 400 for rows outside the region or bad input, 409 when the name is taken.
   */
  async refit(req: RefitRequest, source: string, ctx: { user: string; signal?: AbortSignal } = { user: 'cli' }): Promise<ParameterSet> {
    if (req.name === SOD_PARAMETER_SET || (await this.userSets()).some((s) => s.name === req.name)) {
      throw new AppError(409, 'name_taken', `A parameter set named "${req.name}" exists; pick another name`, { field: 'name' });
    }
    const rows = this.parseOutcomes(req);
    const b = NYC_REGION_BBOX;
    const bad = rows.findIndex((r) => r.lng < b.west || r.lng > b.east || r.lat < b.south || r.lat > b.north);
    if (bad >= 0) throw badRequest(`outcomes.${bad} (${rows[bad].id}): (${rows[bad].lng}, ${rows[bad].lat}) is outside NYC and its surroundings`, `outcomes.${bad}`);
    const inputs = await this.forecastInputs();
    const certs = req.ownNetwork ? await this.networkCerts(req.ownNetwork) : [];
    const year = Math.max(...inputs.years);
    const input: OutcomeRefitInput = { ...this.layerInput(inputs), rows, outlets: inputs.ctx.outlets, ownCerts: certs, year,
      povertyShare: rows.map((r) => inputs.poverty.at(r.lng, r.lat)),
      group: rows.map((r) => BOROUGH_BY_PREFIX[this.basemap.ntaAt(r.lng, r.lat)?.code.slice(0, 2) ?? ''] ?? 'Outside NYC'),
      name: req.name, target: req.target };
    // validation and fit take seconds: in the compute pool, stopped at its deadline or when the caller goes away
    const fit = this.compute
      ? await this.compute.run('refitOutcomes', input, { user: ctx.user, signal: ctx.signal })
      : await refitOutcomesFrom(await this.geo(), input);
    const { report, cpuSeconds: seconds } = fit;
    const set: StoredSet = {
      name: req.name, kind: 'outcomes', target: req.target, model: fit.model, report, fit: { ...fitSummary(report, fit.rows), withinBankSpearman: null, temporalSpearman: null },
      dataVintage: [{ id: source, vintage: `${rows.length} rows` }, { id: 'fdic-sod-branches', vintage: `${year}-06-30` }],
      createdAt: new Date().toISOString(), calibrationSeconds: seconds,
    };
    await this.ensureUserTable();
    await this.userDb.run(`INSERT INTO forecast_parameter_sets VALUES ($1, $2, CAST($3 AS JSON))`, [set.name, set.createdAt, JSON.stringify(set)]);
    return toListing(set);
  }

  /** The validation report of a set (the Model view). */
  async validation(name: string): Promise<ValidationReportDto> {
    return (await this.set(name)).report;
  }
}

/** `params.forecast` of a forecast-mode response: the set, the bank effect assumed for the network (and why), the set's accuracy. */
function forecastEcho(set: StoredSet, bank: AssumedBank, certs: readonly number[]): ForecastEcho {
  const hasBank = set.model.features.includes('bankEffect');
  const note = !hasBank ? `this set (${set.kind}) has no bank effect`
    : bank.source === 'area' ? `${bank.name} (CERT ${bank.cert}): its NYC branches' mean ln deposits, shrunk toward the mean`
    : bank.source === 'elsewhere' ? `CERT ${bank.cert} is new to NYC: its median branch deposits elsewhere`
    : certs.length ? 'no branch of this network anywhere in the data: the average NYC institution'
    : 'no own network chosen: the average NYC institution (the mean of all branches)';
  return {
    parameterSet: set.name, target: set.target, matureAgeYears: set.model.matureAgeYears,
    bankEffect: { cert: bank.cert, name: bank.name, source: hasBank ? bank.source : 'none' as const, effectLog: hasBank ? num(bank.effect) : null, note },
    spearmanHoldout: set.fit.spearmanHoldout, level: set.model.residualQuantilesLog.level,
  };
}

/** Keys of the branch sets posted to compute workers: unique within the process (each service posts its own). */
let postedContexts = 0;

/** Sites whose location features ({@link locationFeaturesPaced}) are computed between two turns of the event loop. */
const SITES_PER_TURN = 1_000;
/** Sites whose poverty share (an NTA point-in-polygon test) is looked up between two turns of the event loop (1,000 took 30–50 ms). */
const POVERTY_LOOKUPS_PER_TURN = 250;
/** Sites whose forecast objects ({@link siteForecastDtos}) are built between two turns of the event loop (500 held it 50–90 ms with its garbage collection, 200 up to 50). */
const DTOS_PER_TURN = 100;

/**
 * computeLocationFeatures (core/forecast/features.ts) of `sites`, {@link SITES_PER_TURN} at a time with a turn
 * of the event loop between — each site's features are its own, so the table is the one computed at once (the NYC
 * grid's 7,405 cells held the event loop ≈ 600 ms in one piece on a first forecast-mode request).
 */
async function locationFeaturesPaced(ctx: Parameters<typeof computeLocationFeatures>[0], sites: Parameters<typeof computeLocationFeatures>[1]): Promise<LocationFeatureTable> {
  if (sites.length <= SITES_PER_TURN) return computeLocationFeatures(ctx, sites);
  const n = sites.length, L = LOCATION_FEATURES.length;
  const out: LocationFeatureTable = { n, values: new Float64Array(n * L),
    factorRaw: { transit: new Float64Array(n), demand: new Float64Array(n), competition: new Float64Array(n) }, residents1000m: new Float64Array(n) };
  for (let at = 0; at < n; at += SITES_PER_TURN) {
    if (at > 0) await nextTurn();
    const part = computeLocationFeatures(ctx, sites.slice(at, at + SITES_PER_TURN));
    out.values.set(part.values, at * L);
    out.factorRaw.transit.set(part.factorRaw.transit, at);
    out.factorRaw.demand.set(part.factorRaw.demand, at);
    out.factorRaw.competition.set(part.factorRaw.competition, at);
    out.residents1000m.set(part.residents1000m, at);
  }
  return out;
}
