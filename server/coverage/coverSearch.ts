import { badRequest } from '../errors';
import type { GeoData } from '../geo/geoData';
import { forEachWithin, createPointIndex } from '../../core/geo/pointIndex';
import { coveredWithin } from '../../core/coverage/coverage';
import { greedyDrop, greedyGuaranteeBound, greedyMaxCover, greedySwapMultiStart, submodularUpperBound, swapImprove, type CoverProblem } from '../../core/optimize/maxCover';
import { optimizeForecastDeposits } from '../../core/optimize/forecastDeposits';
import type { SiteSetForecast } from '../../core/forecast/siteSet';
import { resolveOwnNetwork } from '../../core/network/ownNetwork';
import { areaDemandPositions, areaHolds, type AreaForDemand } from '../areas/areaResolver';

/**
 * The optimiser's search over cover sets (`POST /api/optimize`, server/coverage/optimize.ts), as plain data in and out
 * so that a compute worker runs it (server/work/tasks.ts): the instance (who covers whom within R), greedy, swap and the
 * bounds. Nationwide a closure instance held the event loop 0.3 s and greedy + swap run for up to `timeLimitS`: on the
 * main thread they froze every other request. It stops at the caller's flag or the wall-clock deadline with its best so far.
 */

/** A prepared MCLP/closure instance: the cover problem plus what maps it back to sites and people. */
export interface Prepared {
  problem: CoverProblem;
  /** Candidate position → site. */
  sites: { id: string; lng: number; lat: number; name?: string; branchPos?: number }[];
  coveredBefore: number;
  /** Population covered by the fixed outlets (mclp) / by the open own outlets outside the closable set (closure). */
  fixedCovered: number;
  p: number;
  notes: string[];
}

/** What the search needs, read on the main thread (the study area, the candidate sites). */
export interface CoverSearchInput {
  objective: 'mclp' | 'closure';
  /** Sites to add (mclp). */
  p?: number;
  /** Own outlets to close (closure). */
  k?: number;
  radiusM: number;
  ownNetwork: string;
  /** The study area (server/areas/areaResolver.ts areaForDemand). */
  area: AreaForDemand;
  /** mclp: the candidate sites (the area's land grid or the request's list). */
  sites?: { id: string; lng: number; lat: number; name?: string }[];
  /** mclp: where the candidates come from, for the notes (null for a listed set). */
  siteNote?: string | null;
  /** Only build the instance (the forecast-deposits objective then searches with its own model). */
  prepareOnly: boolean;
  /** Shared flag the caller sets to 1 to stop (a job's cancel, a closed request). */
  cancelFlag: Int32Array;
  /** Wall-clock deadline, ms since the epoch (`Date.now()`: the worker's clock): greedy and swap stop there with their best. */
  deadlineEpochMs: number;
}

/**
 * {@link CoverSearchInput} as posted to the compute pool's `coverSearch` task: the candidate sites as columns in shared
 * buffers (server/work/sharedResource.ts toColumns and packShared; 50,000 listed candidates cloned as objects held the
 * event loop ≈ 25 ms).
 */
export type CoverSearchPosted = Omit<CoverSearchInput, 'sites'> & { sites?: unknown };

/**
 * {@link CoverSearchResult} as the pool's `coverSearch` task answers it: `prep.sites` null when they are the posted
 * candidates themselves (the MCLP's), which the caller holds already (server/coverage/optimize.ts puts them back).
 */
export type CoverSearchAnswer = Omit<CoverSearchResult, 'prep'> & { prep: Omit<Prepared, 'sites'> & { sites: Prepared['sites'] | null } };

/** What the search found: the instance and, unless `prepareOnly`, greedy's and the best solution with the bound. */
export interface CoverSearchResult {
  prep: Prepared;
  search: null | {
    greedy: { value: number; selected: number[] };
    best: { value: number; selected: number[]; swaps: number };
    /** min(submodular bound of the best solution, greedy guarantee (mclp)), in covered population beyond the fixed outlets. */
    upperBound: number;
  };
  /** Wall time per phase, ms: prepare, and greedy and swapWithRestarts when searched. */
  timingsMs: Record<string, number>;
}

/** The cover problem of candidate lists over demand weights (CSR: candidate j covers coverIdx[coverStart[j] … coverStart[j + 1])). */
export function problemFromLists(weights: number[], lists: number[][]): CoverProblem {
  const coverStart = new Int32Array(lists.length + 1);
  let nnz = 0;
  lists.forEach((l, j) => { nnz += l.length; coverStart[j + 1] = nnz; });
  const coverIdx = new Int32Array(nnz);
  let k = 0;
  for (const l of lists) for (const i of l) coverIdx[k++] = i;
  return { nCandidates: lists.length, nDemand: weights.length, weight: Float64Array.from(weights), coverStart, coverIdx };
}

/**
 * MCLP instance: demand = the area's block groups NOT already within R of an own outlet (own outlets are fixed);
 * candidate j covers demand within R. @throws 400 naming `p` when p exceeds the candidates, `ownNetwork` when unknown.
 */
export function prepareMclpFrom(geo: GeoData, input: CoverSearchInput): Prepared {
  const bg = geo.blockGroups;
  const subset = areaDemandPositions(geo, input.area);
  const ownPos = resolveOwnNetwork(geo.branches, input.ownNetwork).positions;
  const own = createPointIndex(ownPos.map((i) => geo.branches.lng[i]), ownPos.map((i) => geo.branches.lat[i]));
  const covered = coveredWithin(bg, own, input.radiusM, subset);
  let coveredBefore = 0;
  const uncovered: number[] = [];
  for (const i of subset) { if (covered[i]) coveredBefore += bg.population[i]; else if (bg.population[i] > 0) uncovered.push(i); }
  const local = createPointIndex(uncovered.map((i) => bg.lng[i]), uncovered.map((i) => bg.lat[i]));
  const weights = uncovered.map((i) => bg.population[i]);
  const sites = input.sites ?? [];
  if (input.p! > sites.length) throw badRequest(`p = ${input.p} exceeds the ${sites.length} candidates`, 'p');
  const lists = sites.map((s) => {
    const l: number[] = [];
    forEachWithin(local, s.lng, s.lat, input.radiusM, (i) => l.push(i));
    return l.sort((a, b) => a - b);
  });
  return { problem: problemFromLists(weights, lists), sites, coveredBefore, fixedCovered: coveredBefore, p: input.p!, notes: input.siteNote ? [input.siteNote] : [] };
}

/**
 * Closure instance: the closable outlets are the own outlets inside the area (outlets elsewhere stay open and
 * their coverage is fixed); demand = area block groups within R of some closable outlet and of no fixed one.
 * Keeping n − k of the n closable outlets to maximise coverage = MCLP with p = n − k over them.
 * @throws 400 naming `k` when k is not below the closable outlets.
 */
export function prepareClosureFrom(geo: GeoData, input: CoverSearchInput): Prepared {
  const bg = geo.blockGroups, br = geo.branches;
  const subset = areaDemandPositions(geo, input.area);
  const ownPos = resolveOwnNetwork(geo.branches, input.ownNetwork).positions;
  const inArea = (i: number) => areaHolds(input.area, br.lng[i], br.lat[i], br.countyFips[i]);
  const closable = ownPos.filter(inArea);
  const fixed = ownPos.filter((i) => !inArea(i));
  if (input.k! >= closable.length) throw badRequest(`k = ${input.k} must be below the ${closable.length} own outlets inside the area`, 'k');
  const fixedIdx = createPointIndex(fixed.map((i) => br.lng[i]), fixed.map((i) => br.lat[i]));
  const allOwn = createPointIndex(ownPos.map((i) => br.lng[i]), ownPos.map((i) => br.lat[i]));
  const coveredAll = coveredWithin(bg, allOwn, input.radiusM, subset);
  const coveredFixed = coveredWithin(bg, fixedIdx, input.radiusM, subset);
  let coveredBefore = 0, fixedCovered = 0;
  const dem: number[] = [];
  for (const i of subset) {
    if (coveredAll[i]) coveredBefore += bg.population[i];
    if (coveredFixed[i]) fixedCovered += bg.population[i];
    else if (coveredAll[i] && bg.population[i] > 0) dem.push(i);
  }
  const local = createPointIndex(dem.map((i) => bg.lng[i]), dem.map((i) => bg.lat[i]));
  const lists = closable.map((j) => { const l: number[] = []; forEachWithin(local, br.lng[j], br.lat[j], input.radiusM, (i) => l.push(i)); return l.sort((a, b) => a - b); });
  const sites = closable.map((j) => ({ id: String(br.branchId[j]), lng: br.lng[j], lat: br.lat[j], name: `${br.institutionName[j]} — ${br.branchName[j]}`, branchPos: j }));
  return { problem: problemFromLists(dem.map((i) => bg.population[i]), lists), sites, coveredBefore, fixedCovered,
    p: closable.length - input.k!, notes: [`Closable: the ${closable.length} own outlets inside the area; ${fixed.length} elsewhere stay open.`] };
}

/** Whether the caller asked to stop or the deadline passed (wall clock: the same in every thread). */
function stopper(input: Pick<CoverSearchInput, 'cancelFlag' | 'deadlineEpochMs'>): () => boolean {
  return () => Atomics.load(input.cancelFlag, 0) === 1 || Date.now() > input.deadlineEpochMs;
}

/**
 * Build the instance, then (unless `prepareOnly`) greedy (mclp: add p; closure: drop k), swap improvement (mclp: four
 * restarts) and the upper bound — what `POST /api/optimize` did on the event loop before the exact solver. Stops at
 * the flag or deadline with the best so far (the caller tells a cancel from a deadline). @throws 400 as the prepare step.
 */
export function coverSearch(geo: GeoData, input: CoverSearchInput): CoverSearchResult {
  let t = Date.now();
  const prep = input.objective === 'mclp' ? prepareMclpFrom(geo, input) : prepareClosureFrom(geo, input);
  const timingsMs: Record<string, number> = { prepare: Date.now() - t };
  if (input.prepareOnly) return { prep, search: null, timingsMs };
  const { problem, p } = prep;
  const stop = { shouldStop: stopper(input) };
  t = Date.now();
  const greedy = input.objective === 'mclp' ? greedyMaxCover(problem, p, stop) : greedyDrop(problem, problem.nCandidates - p, stop);
  timingsMs.greedy = Date.now() - t;
  t = Date.now();
  const best = input.objective === 'mclp' ? greedySwapMultiStart(problem, p, 4, stop) : swapImprove(problem, greedy.selected, stop);
  timingsMs.swapWithRestarts = Date.now() - t;
  let upperBound = submodularUpperBound(problem, best.selected, p);
  if (input.objective === 'mclp') upperBound = Math.min(upperBound, greedyGuaranteeBound(greedy.value, p));
  return { prep, timingsMs, search: { greedy: { value: greedy.value, selected: [...greedy.selected] },
    best: { value: best.value, selected: [...best.selected], swaps: best.swaps ?? 0 }, upperBound } };
}

/** What the forecast-deposits search needs: the candidates' site-set forecast and the run's limits. */
export interface ForecastDepositsSearchInput extends Pick<CoverSearchInput, 'cancelFlag' | 'deadlineEpochMs'> {
  siteSet: SiteSetForecast;
  p: number;
  minSpacingM?: number;
}

/** `maximize: "forecastDeposits"`: greedy + swap over the site-set forecast (core/optimize/forecastDeposits.ts), stopping as {@link coverSearch}. */
export function forecastDepositsSearch(input: ForecastDepositsSearchInput) {
  return optimizeForecastDeposits(input.siteSet, input.p, { shouldStop: stopper(input), minSpacingM: input.minSpacingM });
}
