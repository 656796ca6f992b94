import { randomUUID } from 'node:crypto';
import { spawnTsWorker } from '../work/tsWorker';
import { DEFAULT_WORKER_NICE } from '../work/threadPriority';
import type { ComputePool } from '../work/computePool';
import { fromPostedForm, packShared, toColumns } from '../work/sharedResource';
import type { z } from 'zod';
import { AppError } from '../errors';
import { isDiskFull } from '../http/problems';
import type { GeoData } from '../geo/geoData';
import type { H3CandidateCell } from '../../core/geo/h3Grid';
import { coveredValue, greedyMaxCover, marginalsInOrder, type CoverProblem } from '../../core/optimize/maxCover';
import type { ExactResult } from '../../core/optimize/exact';
import { totalWithInterval } from '../../core/forecast/siteSet';
import type { ForecastService } from '../forecast/forecastService';
import type { OptimizeJobDto, OptimizeResponse, optimizeRequest } from '../../core/api/coverage';
import { areaForDemand, type AreaResolver } from '../areas/areaResolver';
import { coverSearch, forecastDepositsSearch, prepareMclpFrom, problemFromLists, type CoverSearchInput, type CoverSearchResult,
  type ForecastDepositsSearchInput, type Prepared } from './coverSearch';
import type { ScenarioStore } from './scenarioStore';
import { NetworkInputError } from '../../core/network/ownNetwork';
import { nextTurn } from '../eventLoop';

type OptimizeInput = z.output<typeof optimizeRequest>;

/**
 * Largest MCLP MIP (cover-matrix nonzeros = candidate × demand pairs within R, after removing demand the fixed
 * outlets already cover) offered to the exact solver. Measured here (2 cores, `highs` 1.15 WebAssembly,
 * single-threaded; NYC, 7,405 res-9 grid candidates, p = 10, greedy+swap warm start), time to PROVEN optimality:
 *   Chase fixed,  R = 1 km:   36k pairs →  3.4 s      Chase fixed,  R = 500 m:  28k pairs →  9.5 s
 *   Apple fixed,  R = 500 m:  41k pairs →  4.3 s      Apple fixed,  R = 1 km:  121k pairs → 25.2 s
 *   Apple fixed,  R = 1.5 km: 193k pairs → 28.0 s
 *   Apple fixed,  R = 2 km:   248k pairs → NOT solved: 120 s limit hit with no dual bound yet (machine under load)
 * So up to 200k pairs the exact solver is offered (expect ≤ ~30 s; `timeLimitS` still bounds it and the gap is
 * reported if hit). Above it: greedy+swap with the submodular upper bound, and a note saying so.
 */
export const EXACT_MAX_PAIRS = 200_000;

/**
 * Above EXACT_MAX_PAIRS an `exact` request gets greedy+swap plus the LP-relaxation bound up to this size. Measured:
 * the LP solves in 1.2 s (36k pairs), 3.6 s (121k) and 6.3 s (248k; gap to greedy+swap 1.1 %), so 600k pairs
 * stays within ~20 s here. Above it only the cheap combinatorial bounds are reported.
 */
export const LP_BOUND_MAX_PAIRS = 600_000;

/** Greedy requests get the LP bound by default up to this size (36k pairs measured 1.2 s). */
export const LP_BOUND_DEFAULT_PAIRS = 50_000;

/** Progress/cancel hooks of one run. */
interface RunHooks {
  onProgress: (progress: number, phase: string) => void; cancelled: () => boolean; cancelFlag: Int32Array;
  /** True when nobody will read the result (the client of a synchronous run went away): nothing is saved. */
  abandoned?: () => boolean;
  /** Who runs it (the compute pool's per-user limit). */
  user?: string;
}

/** What optimisation needs from the app (server/services.ts provides it). */
export interface OptimizeEnv {
  geo(): Promise<GeoData>;
  nycGrid(resolution: number): Promise<H3CandidateCell[]>;
  basemap: { ntaNameAt(lng: number, lat: number): string | null };
  scenarios: Pick<ScenarioStore, 'createRun'>;
  /** The deposit forecast (objective "forecast deposits"). */
  forecast: Pick<ForecastService, 'siteSetForecast'>;
  /** Study areas (core/api/areas.ts): the request's `area`, its block groups and its land grid. */
  areas: AreaResolver;
  /**
   * The compute pool: the cover search (instance, greedy, swap) runs in it, and the exact solver's own worker thread
   * runs at its nice value (COMPUTE_NICE, default 10). Without it (tests, benchmarks) the search runs on the calling thread.
   */
  compute?: Pick<ComputePool, 'nice' | 'run'>;
}

/**
 * What the cover search (server/coverage/coverSearch.ts) needs, read on the main thread: the study area and, for MCLP,
 * the candidates — the NYC area's shared grid, any other area's own land grid (capped, 400 naming `candidates`), or
 * the request's list.
 */
async function coverSearchInput(env: Pick<OptimizeEnv, 'nycGrid' | 'areas'>, req: OptimizeInput, cancelFlag: Int32Array,
  deadlineEpochMs: number): Promise<CoverSearchInput> {
  const area = await env.areas.resolve(req.area);
  let sites: CoverSearchInput['sites'], siteNote: string | null = null;
  if (req.objective === 'mclp') {
    if (req.candidates === 'grid') {
      const cells = req.area === 'nyc' ? await env.nycGrid(9) : await env.areas.grid(area, 9, 'candidates');
      sites = cells.map((c) => ({ id: c.id, lng: c.lng, lat: c.lat }));
      siteNote = `Candidates: the ${sites.length} H3 resolution-9 cells over the land of ${area.name} (${area.boundarySource}).`;
    } else {
      sites = req.candidates; // not copied: 50,000 copies in one piece added to the event loop's longest block
    }
  }
  return { objective: req.objective, p: req.p, k: req.k, radiusM: req.radiusM, ownNetwork: req.ownNetwork, area: areaForDemand(area), sites, siteNote,
    prepareOnly: req.maximize === 'forecastDeposits', cancelFlag, deadlineEpochMs };
}

/**
 * MCLP instance on the calling thread (server/coverage/coverSearch.ts prepareMclpFrom): demand = the area's block
 * groups not already within R of an own outlet; candidate j covers demand within R. For benchmarks and tests.
 */
export async function prepareMclp(env: Pick<OptimizeEnv, 'nycGrid' | 'areas'>, geo: GeoData, req: OptimizeInput): Promise<Prepared> {
  return prepareMclpFrom(geo, await coverSearchInput(env, req, new Int32Array(new SharedArrayBuffer(4)), Infinity));
}

/** The cover search in the compute pool when the app has one, else on the calling thread. */
async function runCoverSearch(env: OptimizeEnv, input: CoverSearchInput, hooks: RunHooks, timeLimitS: number): Promise<CoverSearchResult> {
  if (!env.compute) return coverSearch(await env.geo(), input);
  // the search stops itself at the deadline; the pool's own deadline only catches a prepare step that never ends
  // the candidates go as columns and the answer's arrays of objects come back as columns (50,000 listed candidates
  // cloned as objects each way held the event loop 25–90 ms)
  const posted = { ...input, sites: input.sites && await packShared(toColumns(input.sites)) };
  const found = await fromPostedForm(await env.compute.run('coverSearch', posted, { user: hooks.user ?? 'system:optimize', timeoutMs: (timeLimitS + 300) * 1000 }));
  return { ...found, prep: { ...found.prep, sites: found.prep.sites ?? input.sites! } };
}

/**
 * Run HiGHS in a worker thread (see exactWorker.ts); resolves with its result. On cancel the shared flag asks HiGHS
 * to interrupt at its next callback; if it has not returned 1.5 s later (e.g. deep inside presolve), the worker is
 * terminated and `null` is returned (the caller keeps its greedy+swap solution).
 */
function runExactInWorker(problem: CoverProblem, p: number, timeLimitS: number, warmStart: number[], hooks: RunHooks,
  relaxation = false, deadlineAt = Infinity, nice = DEFAULT_WORKER_NICE): Promise<ExactResult | null> {
  // HiGHS stops on this flag: set when the caller cancels (job cancel, client gone) or the run's deadline passes —
  // HiGHS's own time_limit is not enough (measured: asked 20 s, ran 100 s)
  const stopFlag = new Int32Array(new SharedArrayBuffer(4));
  const shouldStop = () => hooks.cancelled() || performance.now() > deadlineAt;
  timeLimitS = Math.max(0.1, Math.min(timeLimitS, (deadlineAt - performance.now()) / 1000));
  return new Promise((resolve, reject) => {
    // a TypeScript worker (server/work/tsWorker.ts), below the event loop's thread like the compute pool's
    const worker = spawnTsWorker(new URL('./exactWorker.ts', import.meta.url), { problem, p, timeLimitS, warmStart, cancel: stopFlag, relaxation },
      { nice });
    let cancelSeenAt = 0;
    const watch = setInterval(() => {
      if (!shouldStop()) return;
      Atomics.store(stopFlag, 0, 1);
      if (!cancelSeenAt) cancelSeenAt = Date.now();
      else if (Date.now() - cancelSeenAt > 1500) { clearInterval(watch); void worker.terminate(); resolve(null); }
    }, 100);
    const finish = () => clearInterval(watch);
    worker.on('message', (m: { type: string; result?: ExactResult; message?: string; gap?: number }) => {
      if (m.type === 'progress') hooks.onProgress(0.5 + 0.45 * Math.max(0, 1 - (m.gap ?? 1)), `exact: gap ${((m.gap ?? 1) * 100).toFixed(2)} %`);
      else if (m.type === 'done') { finish(); resolve(m.result!); void worker.terminate(); }
      else if (m.type === 'error') { finish(); reject(new Error(m.message)); void worker.terminate(); }
    });
    worker.on('error', (e) => { finish(); reject(e); });
  });
}

/**
 * `POST /api/optimize`: MCLP (add p sites) or closure (close k own outlets), greedy+swap or exact, saved as a new
 * scenario. Timings per phase in `params.timingsMs`.
 */
export async function runOptimize(env: OptimizeEnv, req: OptimizeInput, hooks: RunHooks): Promise<OptimizeResponse> {
  const t0 = performance.now();
  // the whole run honours timeLimitS: greedy/swap stop at it with their best so far, HiGHS gets what is left
  const deadlineAt = t0 + req.timeLimitS * 1000;
  const deadlineEpochMs = Date.now() + req.timeLimitS * 1000;
  const pastDeadline = () => performance.now() > deadlineAt;
  hooks.onProgress(0.02, 'preparing cover sets');
  const input = await coverSearchInput(env, req, hooks.cancelFlag, deadlineEpochMs);
  if (req.maximize !== 'forecastDeposits') hooks.onProgress(0.05, 'cover sets, greedy and swap');
  const found = await runCoverSearch(env, input, hooks, req.timeLimitS);
  const prep = found.prep;
  if (hooks.cancelled()) throw new Cancelled();
  if (req.maximize === 'forecastDeposits') return runForecastDeposits(env, req, prep, hooks, t0, deadlineAt, deadlineEpochMs);
  const { problem, p } = prep;
  const timingsMs: Record<string, number> = { ...found.timingsMs };
  const pairs = problem.coverIdx.length;
  const { greedy, best } = found.search!;
  let upperBound = found.search!.upperBound;
  let t = performance.now();
  let solver: OptimizeResponse['solver'] = 'greedy+swap';
  let value = best.value;
  let selected = best.selected;
  const notes = [...prep.notes];
  if (req.solver === 'greedy' && pairs <= LP_BOUND_MAX_PAIRS && (req.lpBound ?? pairs <= LP_BOUND_DEFAULT_PAIRS)) {
    hooks.onProgress(0.6, 'LP relaxation bound (HiGHS)');
    t = performance.now();
    const lp = pastDeadline() ? null : await runExactInWorker(problem, p, Math.min(req.timeLimitS, 60), selected, hooks, true, deadlineAt, env.compute?.nice);
    timingsMs.lpBound = performance.now() - t;
    if (lp && Number.isFinite(lp.upperBound)) {
      upperBound = Math.min(upperBound, lp.upperBound);
      notes.push(`Upper bound from the LP relaxation (HiGHS, ${lp.seconds.toFixed(1)} s)` +
        (upperBound - value <= 1e-6 * Math.max(1, upperBound) ? ': the greedy+swap solution is proved optimal.' : '.'));
    }
  }
  if (req.solver === 'exact') {
    if (pairs > EXACT_MAX_PAIRS) {
      notes.push(`Exact solver not run: ${pairs} candidate×demand pairs exceed the measured limit of ${EXACT_MAX_PAIRS}; greedy+swap instead.`);
      if (pairs <= LP_BOUND_MAX_PAIRS) {
        hooks.onProgress(0.5, 'LP relaxation bound (HiGHS)');
        t = performance.now();
        const lp = pastDeadline() ? null : await runExactInWorker(problem, p, Math.min(req.timeLimitS, 60), selected, hooks, true, deadlineAt, env.compute?.nice);
        timingsMs.lpBound = performance.now() - t;
        if (lp && Number.isFinite(lp.upperBound)) {
          upperBound = Math.min(upperBound, lp.upperBound);
          notes.push(`Upper bound from the LP relaxation (HiGHS, ${lp.seconds.toFixed(1)} s).`);
        }
      } else notes.push('Upper bound: the smaller of the submodular and greedy-guarantee bounds.');
    } else {
      hooks.onProgress(0.5, 'exact (HiGHS)');
      t = performance.now();
      const ex = pastDeadline() ? null : await runExactInWorker(problem, p, req.timeLimitS, selected, hooks, false, deadlineAt, env.compute?.nice);
      timingsMs.exact = performance.now() - t;
      if (!ex) {
        notes.push(pastDeadline() && !hooks.cancelled()
          ? `Exact solve stopped at the time limit (${req.timeLimitS} s): the greedy+swap solution is returned.`
          : 'Exact solve cancelled (HiGHS stopped): the greedy+swap solution is returned.');
      } else {
        if (hooks.cancelled()) notes.push('Exact solve cancelled: the best solution found so far is returned.');
        if (ex.value >= value) { value = ex.value; selected = ex.selected; }
        upperBound = Math.min(upperBound, ex.upperBound);
        solver = 'exact';
        notes.push(`HiGHS: ${ex.status}, ${ex.model.columns} columns, ${ex.model.rows} rows, ${ex.model.nonzeros} nonzeros, ${ex.seconds.toFixed(2)} s.`);
      }
    }
  }
  if (pastDeadline()) notes.push(`Stopped at the time limit of ${req.timeLimitS} s: the best solution found by then is returned.`);
  const gap = upperBound > 0 ? Math.max(0, (upperBound - value) / upperBound) : 0;
  // Map back to sites.
  let out: OptimizeResponse['selected'];
  let coveredAfter: number;
  if (req.objective === 'mclp') {
    // Report in greedy order of marginal gain.
    const ranked = reorderByMarginal(problem, selected);
    // Unnamed candidates (grid cells, typed points) are named by the NTA neighbourhood they fall in.
    out = ranked.map(({ j, gain }) => {
      const s = prep.sites[j];
      const name = s.name ?? env.basemap.ntaNameAt(s.lng, s.lat) ?? undefined;
      return { id: s.id, lng: s.lng, lat: s.lat, marginalPopulation: gain, ...(name ? { name } : {}) };
    });
    coveredAfter = prep.coveredBefore + value;
  } else {
    const kept = new Set(selected);
    const closed = Array.from({ length: problem.nCandidates }, (_, j) => j).filter((j) => !kept.has(j));
    const losses = closureLosses(problem, closed);
    out = losses.map(({ j, loss }) => ({ id: prep.sites[j].id, lng: prep.sites[j].lng, lat: prep.sites[j].lat, marginalPopulation: loss, name: prep.sites[j].name }));
    coveredAfter = prep.fixedCovered + value;
  }
  timingsMs.total = performance.now() - t0;
  const params = {
    objective: req.objective, p: req.p ?? null, k: req.k ?? null, radiusM: req.radiusM, ownNetwork: req.ownNetwork, area: req.area,
    candidates: req.candidates === 'grid' ? 'grid' : `${req.candidates.length} listed`, solverRequested: req.solver,
    timeLimitS: req.timeLimitS, problem: { candidates: problem.nCandidates, demandPoints: problem.nDemand, pairs },
    exactMaxPairs: EXACT_MAX_PAIRS, upperBound, greedyValue: greedy.value, swaps: (best as { swaps?: number }).swaps ?? 0,
    timingsMs, notes,
  };
  if (hooks.abandoned?.()) throw new Cancelled();
  const scenario = await env.scenarios.createRun({
    name: req.scenarioName ?? (req.objective === 'mclp' ? `MCLP: +${req.p} sites within ${req.radiusM} m (${req.ownNetwork})`
      : `Closure: −${req.k} outlets, ${req.radiusM} m (${req.ownNetwork})`),
    baseNetwork: req.ownNetwork,
    added: req.objective === 'mclp' ? out.map((s) => ({ id: s.id, lng: s.lng, lat: s.lat, ...(s.name ? { name: s.name } : {}) })) : [],
    closed: req.objective === 'closure' ? out.map((s) => Number(s.id)) : [],
    moved: [],
    params: { optimize: params, coveredPopulationBefore: prep.coveredBefore, coveredPopulationAfter: coveredAfter, solver, gap,
      // Residents each added site gains (mclp) or each closed outlet loses (closure), for the brief's site table.
      marginalPopulation: Object.fromEntries(out.map((s) => [s.id, s.marginalPopulation])) },
  });
  hooks.onProgress(1, 'done');
  return { scenarioId: scenario.id, scenarioName: scenario.name, selected: out, coveredPopulationBefore: prep.coveredBefore, coveredPopulationAfter: coveredAfter,
    solver, gap, upperBound: (req.objective === 'mclp' ? prep.coveredBefore : prep.fixedCovered) + upperBound, maximize: 'coverage', params };
}

/**
 * MCLP with `maximize: "forecastDeposits"`: the same candidates, but the p sites maximise the sum of their 10-year
 * deposit forecasts for the own network, each re-forecast against today's network plus the other chosen sites
 * (core/optimize/forecastDeposits.ts: greedy with exact marginal gains, then 1-swap; what is re-forecast and what is
 * held at today's network is stated in core/forecast/siteSet.ts). No exact solver and no optimality bound (the
 * objective is not linear); the coverage the chosen sites add at `radiusM` is reported beside it.
 */
async function runForecastDeposits(env: OptimizeEnv, req: OptimizeInput, prep: Prepared, hooks: RunHooks, t0: number,
  deadlineAt: number, deadlineEpochMs: number): Promise<OptimizeResponse> {
  const { problem, p } = prep;
  const notes = [...prep.notes];
  const timingsMs: Record<string, number> = { prepare: performance.now() - t0 };
  hooks.onProgress(0.05, 'forecasting candidates');
  let t = performance.now();
  // features and stand-alone forecasts of every candidate: in the compute pool (7,405 grid cells held the event loop ≈ 230 ms here)
  const fc = await env.forecast.siteSetForecast(prep.sites, req.ownNetwork, req.parameterSet, 'candidates', { user: hooks.user ?? 'system:optimize' });
  timingsMs.forecastCandidates = performance.now() - t;
  await nextTurn();
  if (hooks.cancelled()) throw new Cancelled();
  hooks.onProgress(0.2, 'greedy + swap (forecast deposits)');
  t = performance.now();
  const pastDeadline = () => performance.now() > deadlineAt;
  // greedy with exact marginal gains + swap: seconds over a city's grid, in the compute pool (it held every request before)
  const searchInput: ForecastDepositsSearchInput = { siteSet: fc.siteSet, p, minSpacingM: req.minSpacingM, cancelFlag: hooks.cancelFlag, deadlineEpochMs };
  const sol = env.compute
    ? await env.compute.run('forecastDepositsSearch', searchInput, { user: hooks.user ?? 'system:optimize', timeoutMs: (req.timeLimitS + 300) * 1000 })
    : forecastDepositsSearch(searchInput);
  if (sol.selected.length < p) notes.push(`Only ${sol.selected.length} of ${p} sites: no further candidate is at least ${req.minSpacingM} m from every chosen site.`);
  timingsMs.greedyAndSwap = performance.now() - t;
  if (hooks.cancelled()) throw new Cancelled();
  if (pastDeadline()) notes.push(`Stopped at the time limit of ${req.timeLimitS} s: the best set found by then is returned.`);
  if (req.solver === 'exact') notes.push('Exact solver not run: the forecast-deposits objective is not linear in the choices (a chosen site changes its neighbours\' forecasts); greedy + swap instead, with no optimality bound.');
  notes.push('Forecasts: each chosen site against today\'s network plus the other chosen sites (own branches within 250 m / 500 m / 1 km and the own-neighbour deposit level, the others entering at their stand-alone forecast); the Huff crowding term, competitors and the network profile stay at today\'s network; deposits drawn from existing own branches are not subtracted.');
  // best forecast first
  const order = sol.selected.map((j, k) => ({ j, log: sol.logForecast[k] })).sort((a, b) => b.log - a.log || a.j - b.j);
  const selected = order.map((o) => o.j);
  const scale = fc.siteSet.scale;
  const popGain = marginalsInOrder(problem, selected);
  const out: OptimizeResponse['selected'] = order.map(({ j, log }, k) => {
    const s = prep.sites[j];
    const name = s.name ?? env.basemap.ntaNameAt(s.lng, s.lat) ?? undefined;
    return { id: s.id, lng: s.lng, lat: s.lat, marginalPopulation: popGain[k], forecastDepositsUsd: Math.round(Math.exp(log) * scale), ...(name ? { name } : {}) };
  });
  const total = totalWithInterval(order.map((o) => o.log), scale, fc.residualsLog, fc.siteSet.residualQuantilesLog);
  const standaloneTotalUsd = selected.reduce((sum, j) => sum + Math.exp(fc.siteSet.standaloneLog[j]) * scale, 0);
  const forecastDeposits: NonNullable<OptimizeResponse['forecastDeposits']> = {
    totalUsd: Math.round(total.totalUsd), level: total.level, ageYears: fc.siteSet.ageYears, parameterSet: fc.parameterSet,
    independent: total.independent && { lowUsd: Math.round(total.independent.lowUsd), highUsd: Math.round(total.independent.highUsd),
      meanUsd: Math.round(total.independent.meanUsd) },
    comonotone: { lowUsd: Math.round(total.comonotone.lowUsd), highUsd: Math.round(total.comonotone.highUsd) },
    standaloneTotalUsd: Math.round(standaloneTotalUsd), bankEffect: fc.bank,
  };
  const coveredAfter = prep.coveredBefore + coveredValue(problem, selected);
  timingsMs.total = performance.now() - t0;
  const params = {
    objective: req.objective, maximize: req.maximize, p: req.p ?? null, radiusM: req.radiusM, ownNetwork: req.ownNetwork, area: req.area,
    candidates: req.candidates === 'grid' ? 'grid' : `${req.candidates.length} listed`, solverRequested: req.solver, timeLimitS: req.timeLimitS,
    parameterSet: fc.parameterSet, minSpacingM: req.minSpacingM, problem: { candidates: problem.nCandidates }, greedyValueUsd: Math.round(sol.greedyValueUsd), swaps: sol.swaps,
    timingsMs, notes,
  };
  if (hooks.abandoned?.()) throw new Cancelled();
  const scenario = await env.scenarios.createRun({
    name: req.scenarioName ?? `Forecast deposits: +${req.p} sites (${req.ownNetwork})`,
    baseNetwork: req.ownNetwork,
    added: out.map((s) => ({ id: s.id, lng: s.lng, lat: s.lat, ...(s.name ? { name: s.name } : {}) })),
    closed: [], moved: [],
    params: { optimize: params, coveredPopulationBefore: prep.coveredBefore, coveredPopulationAfter: coveredAfter, solver: 'greedy+swap', forecastDeposits,
      marginalPopulation: Object.fromEntries(out.map((s) => [s.id, s.marginalPopulation])),
      forecastDepositsUsd: Object.fromEntries(out.map((s) => [s.id, s.forecastDepositsUsd!])) },
  });
  hooks.onProgress(1, 'done');
  return { scenarioId: scenario.id, scenarioName: scenario.name, selected: out, coveredPopulationBefore: prep.coveredBefore, coveredPopulationAfter: coveredAfter,
    solver: 'greedy+swap', maximize: 'forecastDeposits', forecastDeposits, params };
}

/** Selected sites ordered greedily by marginal gain (the order an executive reads: best first). */
function reorderByMarginal(problem: CoverProblem, selected: number[]): { j: number; gain: number }[] {
  const res = greedyMaxCover(restrict(problem, selected), selected.length);
  const ranked = res.selected.map((k, n) => ({ j: selected[k], gain: res.marginal[n] }));
  for (const j of selected) if (!ranked.some((r) => r.j === j)) ranked.push({ j, gain: 0 });
  return ranked;
}

function restrict(problem: CoverProblem, cands: number[]): CoverProblem {
  const lists = cands.map((j) => Array.from(problem.coverIdx.subarray(problem.coverStart[j], problem.coverStart[j + 1])));
  return problemFromLists(Array.from(problem.weight), lists);
}

/** Loss of each closed outlet when closed one after another (largest-first order is not implied: closing order). */
function closureLosses(problem: CoverProblem, closed: number[]): { j: number; loss: number }[] {
  const count = new Int32Array(problem.nDemand);
  for (let j = 0; j < problem.nCandidates; j++) for (let t = problem.coverStart[j]; t < problem.coverStart[j + 1]; t++) count[problem.coverIdx[t]]++;
  return closed.map((j) => {
    let loss = 0;
    for (let t = problem.coverStart[j]; t < problem.coverStart[j + 1]; t++) { const i = problem.coverIdx[t]; if (--count[i] === 0) loss += problem.weight[i]; }
    return { j, loss };
  });
}

/** A run stopped by its caller (job cancel, client gone). */
export class Cancelled extends Error { constructor() { super('cancelled'); } }

// ── background jobs ──
interface Job { dto: OptimizeJobDto; cancelFlag: Int32Array; owner: string }

/** Background optimisations one user may have running at once (a third is refused with 429 until one ends). */
export const MAX_RUNNING_JOBS_PER_USER = 2;
/** Background optimisation jobs of one app (server/services.ts). Jobs live in memory (lost on restart). */
export class OptimizeJobs {
  private jobs = new Map<string, Job>();

  /** Start a background optimisation for `owner` (a user id); returns the job id at once. @throws 429 above the per-user limit. */
  start(env: OptimizeEnv, req: OptimizeInput, onSaved?: (scenarioId: string) => Promise<void>, owner = 'local'): string {
    const running = [...this.jobs.values()].filter((j) => j.owner === owner && j.dto.status === 'running').length;
    if (running >= MAX_RUNNING_JOBS_PER_USER) {
      throw new AppError(429, 'too_many_jobs', `You have ${running} optimisations running; at most ${MAX_RUNNING_JOBS_PER_USER} at once: wait for one to finish or cancel it`);
    }
    // Forget finished jobs after an hour (their results live on as scenarios).
    const cutoff = Date.now() - 3_600_000;
    for (const [k, j] of this.jobs) if (j.dto.finishedAt && Date.parse(j.dto.finishedAt) < cutoff) this.jobs.delete(k);
    const id = randomUUID();
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const job: Job = { dto: { id, status: 'running', progress: 0, phase: 'queued', startedAt: new Date().toISOString() }, cancelFlag, owner };
    this.jobs.set(id, job);
    const hooks: RunHooks = {
      onProgress: (progress, phase) => { job.dto.progress = progress; job.dto.phase = phase; },
      cancelled: () => Atomics.load(cancelFlag, 0) === 1,
      cancelFlag,
      user: owner,
    };
    void (async () => {
      await nextTurn();
      try {
        const result = await runOptimize(env, req, hooks);
        await onSaved?.(result.scenarioId);
        job.dto.result = result;
        job.dto.status = hooks.cancelled() ? 'cancelled' : 'done';
      } catch (err) {
        if (err instanceof Cancelled) job.dto.status = 'cancelled';
        else {
          job.dto.status = 'failed';
          if (err instanceof AppError && err.status < 500) job.dto.error = { code: err.code, message: err.message };
          else if (err instanceof NetworkInputError) job.dto.error = { code: err.code, message: err.message };
          else {
            // internals (paths, engine messages) stay in the log, under the job id
            console.error(`[optimize job ${id}] failed:`, err);
            job.dto.error = { code: isDiskFull(err) ? 'insufficient_storage' : 'internal',
              message: isDiskFull(err) ? `The server's disk is full: the result was not saved (job ${id}).` : `Optimisation failed (job ${id}); the details are in the server log.` };
          }
        }
      }
      job.dto.finishedAt = new Date().toISOString();
    })();
    return id;
  }

  get(id: string): OptimizeJobDto | null {
    return this.jobs.get(id)?.dto ?? null;
  }

  /** Ask a running job to stop (greedy/swap stop at the next step, HiGHS at its next interrupt check). */
  cancel(id: string): OptimizeJobDto | null {
    const job = this.jobs.get(id);
    if (!job) return null;
    Atomics.store(job.cancelFlag, 0, 1);
    return job.dto;
  }
}

/**
 * `POST /api/optimize` without `async`: answered with the result. Stops at `timeLimitS`, and when `signal` aborts (the
 * client went away) — then the search and HiGHS are interrupted (or HiGHS's worker terminated) and nothing is saved.
 * `user`: who asks (the compute pool's per-user limit).
 */
export async function runOptimizeNow(env: OptimizeEnv, req: OptimizeInput, signal?: AbortSignal, user?: string): Promise<OptimizeResponse> {
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const onAbort = () => Atomics.store(cancelFlag, 0, 1);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await runOptimize(env, req, { onProgress: () => undefined, cancelled: () => Atomics.load(cancelFlag, 0) === 1, cancelFlag,
      abandoned: () => signal?.aborted === true, user });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
