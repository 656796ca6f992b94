import { haversineM } from '../geo/haversine';
import { collectWithin, createNeighbourBuffer, nearest, pointIndexSteps, type PointIndex } from '../geo/pointIndex';
import { runSteps, type Steps } from '../steps';
import { customerDensity, demandQueryRadiusM } from '../scoring/customerDensity';
import { gaussianKernel } from '../scoring/distanceDecay';
import { createHuffContext, huffForCandidate, type HuffContext } from '../scoring/huffModel';
import type { ScoringParams } from '../scoring/params';
import { maxTransitRadiusM, transitAccess } from '../scoring/transitAccess';
import type { DemandPoints, OutletPoints, StopPoints } from '../scoring/types';
import type { BusinessDistrict } from './protocol';

/**
 * Location features of the deposit forecast — ONE function for both the training rows (every SOD branch of a year,
 * seen as a candidate at its own place with itself left out of that year's branch set) and candidate sites (against
 * today's branch set), so the model is fitted on exactly what it is later asked about. The factor code is the site
 * scoring's own (core/scoring: Gaussian density, transit access, the Huff model), with the defaults of SITE-MODEL.md.
 *
 * Counts and resident sums enter as ln(1 + x); distances as ln(max(d, 100 m)); the poverty share as a fraction.
 * `neighbourLogDeposits`: the deposit level of the place as the public SOD shows it — other institutions' retail
 * branches within 1.5 km, their ln deposits averaged with Gaussian weights (h = 500 m), shrunk toward the region's
 * median by one branch's weight (`logNeighbourWeight` = ln(1 + Σ weights)); `ownNeighbourLogDeposits` the same over
 * the site's own institution's branches. Never the site's own deposits: a training row leaves itself out.
 * The `…Wide` features are the same levels at a wide scale ({@link WIDE_NEIGHBOUR_BANDWIDTH_M}, h = 5 km, to 15 km):
 * the deposit level of the wider area, and how the own institution's branches do in it (the same bank's branches
 * nearest the site weigh most) with their total weight. At forecast time every existing branch's deposits are known,
 * so a candidate reads them exactly as a held-out training branch reads its neighbours'.
 * The branch set's history: `logAbsorbedClosures` = ln(1 + the own institution's offices closed since the earliest
 * survey whose nearest surviving retail branch of their institution is the site) — a closed branch's customers
 * mostly move to the nearest branch of the same bank, so a branch that absorbed closed siblings books their deposits
 * ({@link ClosedOffices}; counts, never their deposits); `logOwnYoungBranches1000m` = ln(1 + the own institution's
 * offices within 1 km opened less than {@link YOUNG_SIBLING_YEARS} years before the survey) — a new sibling nearby
 * takes customers. A candidate reads both against today's branch set: the closures it would be the nearest own branch
 * to (as if it had been open when they closed), the young own branches around it.
 */
export const LOCATION_FEATURES = [
  'logResidents500m', 'logResidents1000m', 'logResidents2000m', 'logResidentDensity', 'logHuffExpectedResidents',
  'logCompetitors250m', 'logCompetitors500m', 'logCompetitors1000m',
  'logOwnBranches250m', 'logOwnBranches500m', 'logOwnBranches1000m',
  'logAtms500m', 'logTransitAccess', 'povertyShare', 'logDistanceCoreDistrictM', 'logDistanceRegionalDistrictM',
  'neighbourLogDeposits', 'logNeighbourWeight', 'ownNeighbourLogDeposits', 'logOwnNeighbourWeight',
  'neighbourLogDepositsWide', 'ownNeighbourLogDepositsWide', 'logOwnNeighbourWeightWide',
  'logAbsorbedClosures', 'logOwnYoungBranches1000m',
] as const;
export type LocationFeature = (typeof LOCATION_FEATURES)[number];

/** The layers that do not change with the SOD year (residents 2020, GTFS, ATMs 2022, business districts). */
export interface ForecastLayers {
  params: ScoringParams;
  demand: DemandPoints;
  stops: StopPoints;
  /** Bank-owned ATMs (any bank). */
  atms: { index: PointIndex };
  districts: readonly BusinessDistrict[];
  /** Poverty share used where a site has none (outside every residential NTA): the median NTA share. */
  povertyFallback: number;
}

/** Gaussian bandwidth of the neighbours' deposit level, metres (summed to 3h). */
export const NEIGHBOUR_BANDWIDTH_M = 500;

/**
 * Gaussian bandwidth of the wide-area deposit levels (`…Wide`), metres (summed to 3h = 15 km). Chosen on the validation
 * report among 1.5, 3, 5 and 8 km (within-bank ρ 0.413, 0.427, 0.434, 0.437 with the age spline): the gain levels off
 * from 5 km, so the reported gain is mildly optimistic by that choice.
 */
export const WIDE_NEIGHBOUR_BANDWIDTH_M = 5000;

/** Offices younger than this at the survey (years) count in `logOwnYoungBranches1000m`. */
export const YOUNG_SIBLING_YEARS = 5;

/**
 * The offices of earlier surveys that are gone from a year's survey (UNINUMBR absent), at their last known place, and
 * where their customers went: each one's nearest and second-nearest retail branch (under the exclusion rule) of its
 * institution in the year's set. Deposits are never read.
 */
export interface ClosedOffices {
  lng: Float64Array;
  lat: Float64Array;
  /** The institution that closed it: its last CERT, or the CERT that took over most of that institution's offices when that CERT is gone (a merger). */
  cert: Int32Array;
  /** Distance to the nearest retail branch of `cert` in the year's set, metres (∞: none), and that branch's outlet index (−1: none). */
  nearestM: Float64Array;
  nearestOutlet: Int32Array;
  /** Distance to the second-nearest one, metres (∞: none): where the customers go when the nearest is the site itself left out. */
  secondM: Float64Array;
}

/** One year's branch set (every SOD office with valid coordinates, any service type). */
export interface YearOutlets {
  /** FDIC CERT per outlet. */
  cert: ArrayLike<number>;
  /** SIMS_ESTABLISHED_DATE per outlet, days since 1970-01-01 (NaN when unknown). */
  openedDay: Float64Array;
  /** The survey's date (30 June of its year), days since 1970-01-01: ages are taken at it. */
  asOfDay: number;
  /** Offices of earlier surveys gone by this one ({@link ClosedOffices}). */
  closed: ClosedOffices;
  /** ln(DEPSUMBR, USD thousands) of outlets that are retail branches under the exclusion rule; NaN for the others. */
  logDepositsK: ArrayLike<number>;
  /** The level the neighbours' deposits shrink toward (ln USD thousands): the median of the finite `logDepositsK`. */
  neighbourLogDepositsFallback: number;
  index: PointIndex;
}

/** Everything the features of one branch set read; build once per year with {@link createForecastFeatureContext}. */
export interface ForecastFeatureContext {
  layers: ForecastLayers;
  outlets: YearOutlets;
  /** Huff sums with every outlet competing at A = 1 (bank-agnostic, so one context serves every institution). */
  huff: HuffContext;
}

/** Build the feature context of one branch set. */
export function createForecastFeatureContext(layers: ForecastLayers, outlets: YearOutlets): ForecastFeatureContext {
  const n = outlets.index.size;
  const huffOutlets: OutletPoints = {
    own: new Uint8Array(n), competitor: new Uint8Array(n).fill(1), attractiveness: new Float64Array(n).fill(1), index: outlets.index,
  };
  return { layers, outlets, huff: createHuffContext(layers.demand, huffOutlets, layers.params) };
}

/** A site whose features are wanted. */
export interface ForecastSite {
  lng: number;
  lat: number;
  /** The outlet that IS this site (a training row's own branch), left out of every count and Huff sum; −1 for a candidate. */
  selfOutlet: number;
  /** Whether outlet k belongs to the site's own institution / network (own-branch counts; the rest are competitors). */
  isOwn: (k: number) => boolean;
  /** Whether a CERT is the site's own institution / one of its network's (for closed offices, which are no outlets). */
  isOwnCert: (cert: number) => boolean;
  /** Share of residents below the poverty line in the site's NTA (0–1), null when unknown. */
  povertyShare: number | null;
}

/** Features of many sites: `values[s·L + j]` = feature j of site s, plus the weighted-criteria factors (raw). */
export interface LocationFeatureTable {
  n: number;
  values: Float64Array;
  /** The site score's three raw factors (transit T, Gaussian density D, Huff-expected residents E with no own network). */
  factorRaw: { transit: Float64Array; demand: Float64Array; competition: Float64Array };
  /** Plain residents within 1 km (the first baseline). */
  residents1000m: Float64Array;
}

const log1p = Math.log1p;
const logDist = (m: number) => Math.log(Math.max(m, 100));

/**
 * Compute {@link LOCATION_FEATURES} for every site. Radius queries go through the point indexes (never all-pairs);
 * the Huff term is `huffForCandidate` with the site's own outlet left out, i.e. for an existing branch exactly its
 * Huff-expected residents among that year's branches.
 */
export function computeLocationFeatures(ctx: ForecastFeatureContext, sites: readonly ForecastSite[]): LocationFeatureTable {
  const n = sites.length, L = LOCATION_FEATURES.length;
  const out: LocationFeatureTable = {
    n, values: new Float64Array(n * L),
    factorRaw: { transit: new Float64Array(n), demand: new Float64Array(n), competition: new Float64Array(n) },
    residents1000m: new Float64Array(n),
  };
  const p = ctx.layers.params;
  const nearStops = createNeighbourBuffer(), nearDemand = createNeighbourBuffer(4096), nearOutlets = createNeighbourBuffer(),
    nearAtms = createNeighbourBuffer(), wideOutlets = createNeighbourBuffer(4096);
  const transitR = maxTransitRadiusM(p);
  const demandR = Math.max(demandQueryRadiusM(p.kernelBandwidthM), p.huffDMaxM);
  const core = ctx.layers.districts.filter((d) => d.tier === 'core');
  const regional = ctx.layers.districts.filter((d) => d.tier === 'regional');
  const nearestDistrictM = (list: readonly BusinessDistrict[], x: number, y: number) =>
    list.reduce((best, d) => Math.min(best, haversineM(x, y, d.lng, d.lat)), Infinity);
  for (let s = 0; s < n; s++) {
    const site = sites[s];
    const x = site.lng, y = site.lat;
    collectWithin(ctx.layers.stops.index, x, y, transitR, nearStops);
    collectWithin(ctx.layers.demand.index, x, y, demandR, nearDemand);
    collectWithin(ctx.outlets.index, x, y, 3 * NEIGHBOUR_BANDWIDTH_M, nearOutlets);
    collectWithin(ctx.layers.atms.index, x, y, 500, nearAtms);
    collectWithin(ctx.outlets.index, x, y, 3 * WIDE_NEIGHBOUR_BANDWIDTH_M, wideOutlets);
    const t = transitAccess(ctx.layers.stops, nearStops, x, y, p, nearest(ctx.layers.stops.index, x, y, 50_000));
    const d = customerDensity(ctx.layers.demand, nearDemand, p.kernelBandwidthM);
    const huff = huffForCandidate(ctx.huff, nearDemand, 1, site.selfOutlet);
    let c250 = 0, c500 = 0, c1000 = 0, o250 = 0, o500 = 0, o1000 = 0, wSum = 0, wLog = 0, oSum = 0, oLog = 0, young1000 = 0;
    for (let m = 0; m < nearOutlets.count; m++) {
      const k = nearOutlets.i[m];
      if (k === site.selfOutlet) continue;
      const dm = nearOutlets.distanceM[m];
      const own = site.isOwn(k);
      if (own && dm <= 1000 && ctx.outlets.asOfDay - ctx.outlets.openedDay[k] < YOUNG_SIBLING_YEARS * 365.25) young1000++;
      const ld = ctx.outlets.logDepositsK[k];
      if (Number.isFinite(ld)) {
        const w = gaussianKernel(dm, NEIGHBOUR_BANDWIDTH_M);
        if (own) { oSum += w; oLog += w * ld; } else { wSum += w; wLog += w * ld; }
      }
      if (dm > 1000) continue;
      if (own) { o1000++; if (dm <= 500) o500++; if (dm <= 250) o250++; }
      else { c1000++; if (dm <= 500) c500++; if (dm <= 250) c250++; }
    }
    let wwSum = 0, wwLog = 0, owSum = 0, owLog = 0;
    for (let m = 0; m < wideOutlets.count; m++) {
      const k = wideOutlets.i[m];
      if (k === site.selfOutlet) continue;
      const ld = ctx.outlets.logDepositsK[k];
      if (!Number.isFinite(ld)) continue;
      const w = gaussianKernel(wideOutlets.distanceM[m], WIDE_NEIGHBOUR_BANDWIDTH_M);
      if (site.isOwn(k)) { owSum += w; owLog += w * ld; } else { wwSum += w; wwLog += w * ld; }
    }
    const absorbed = absorbedClosures(ctx.outlets.closed, site);
    const row = s * L;
    const v = out.values;
    v[row] = log1p(d.populationWithin500m);
    v[row + 1] = log1p(d.populationWithin1000m);
    v[row + 2] = log1p(d.populationWithin2000m);
    v[row + 3] = log1p(d.raw);
    v[row + 4] = log1p(huff.expectedCustomers);
    v[row + 5] = log1p(c250); v[row + 6] = log1p(c500); v[row + 7] = log1p(c1000);
    v[row + 8] = log1p(o250); v[row + 9] = log1p(o500); v[row + 10] = log1p(o1000);
    v[row + 11] = log1p(nearAtms.count);
    v[row + 12] = log1p(t.raw);
    v[row + 13] = site.povertyShare ?? ctx.layers.povertyFallback;
    v[row + 14] = logDist(nearestDistrictM(core, x, y));
    v[row + 15] = logDist(nearestDistrictM(regional, x, y));
    // Retail branches nearby (other institutions', own): kernel-weighted mean ln deposits, shrunk toward the fallback
    // level by one branch's weight (so one distant neighbour does not decide it), and how much weight there was.
    v[row + 16] = (wLog + ctx.outlets.neighbourLogDepositsFallback) / (wSum + 1);
    v[row + 17] = log1p(wSum);
    v[row + 18] = (oLog + ctx.outlets.neighbourLogDepositsFallback) / (oSum + 1);
    v[row + 19] = log1p(oSum);
    // The same at district scale (h = 1.5 km): the deposit level of the wider area, and the own institution's there.
    v[row + 20] = (wwLog + ctx.outlets.neighbourLogDepositsFallback) / (wwSum + 1);
    v[row + 21] = (owLog + ctx.outlets.neighbourLogDepositsFallback) / (owSum + 1);
    v[row + 22] = log1p(owSum);
    v[row + 23] = log1p(absorbed);
    v[row + 24] = log1p(young1000);
    out.factorRaw.transit[s] = t.raw;
    out.factorRaw.demand[s] = d.raw;
    out.factorRaw.competition[s] = huff.netNewDemand;
    out.residents1000m[s] = d.populationWithin1000m;
  }
  return out;
}

/**
 * How many of the site's own institution's closed offices have the site as their nearest retail branch of that
 * institution: a closed office j counts when its distance to the site is at most the distance to its nearest other
 * such branch (the second nearest when the nearest is the site's own outlet, left out). Every closed office of the
 * region is looked at (no distance cap: customers go to the nearest branch, however far).
 */
export function absorbedClosures(closed: ClosedOffices, site: Pick<ForecastSite, 'lng' | 'lat' | 'selfOutlet' | 'isOwnCert'>): number {
  let count = 0;
  for (let j = 0; j < closed.cert.length; j++) {
    if (!site.isOwnCert(closed.cert[j])) continue;
    if (closed.nearestOutlet[j] === site.selfOutlet && site.selfOutlet >= 0) { count++; continue; }
    if (haversineM(closed.lng[j], closed.lat[j], site.lng, site.lat) <= closed.nearestM[j]) count++;
  }
  return count;
}

/**
 * Age of a branch in years at a survey date (both as days since 1970-01-01): (asOf − opened) / 365.25, floored at 0.
 * null opened → null.
 */
export function ageYears(openedDay: number | null, asOfDay: number): number | null {
  if (openedDay === null || !Number.isFinite(openedDay)) return null;
  return Math.max(0, (asOfDay - openedDay) / 365.25);
}

/** Ages above this count as this, years: SOD gives some branches their institution's founding date (1800, 1812). */
export const MAX_AGE_YEARS = 60;

/**
 * ln(age) with a three-month floor (a branch opened days before the survey stays finite) and a {@link MAX_AGE_YEARS}
 * cap (placeholder founding dates; deposits do not keep growing with age beyond decades).
 */
export function logAge(ageYearsValue: number): number {
  return Math.log(Math.min(Math.max(ageYearsValue, 0.25), MAX_AGE_YEARS));
}

/** What a branch set knows of its history (all optional: without it no office is young and none closed). */
export interface BranchSetHistory {
  /** SIMS_ESTABLISHED_DATE per outlet, days since 1970-01-01 (NaN or null when unknown). */
  openedDay?: ArrayLike<number | null>;
  /** The survey's date, days since 1970-01-01. */
  asOfDay?: number;
  /** Offices of earlier surveys gone by this one: last known place and the CERT whose customers they were. */
  closed?: { lng: ArrayLike<number>; lat: ArrayLike<number>; cert: ArrayLike<number> };
}

/**
 * A year's branch set for {@link createForecastFeatureContext}: positions, CERT, and ln deposits of the branches the
 * exclusion rule keeps (`retail[k]`), with their median as the neighbours' fallback level; opening dates and closed
 * offices from `history`, each closed office with its nearest two retail branches of its institution.
 */
export function yearOutlets(lng: ArrayLike<number>, lat: ArrayLike<number>, cert: ArrayLike<number>, depositsK: ArrayLike<number>,
  retail: (k: number) => boolean, history: BranchSetHistory = {}): YearOutlets {
  return runSteps(yearOutletsSteps(lng, lat, cert, depositsK, retail, history));
}

/** Closed offices matched to their institution's branches in one piece of {@link yearOutletsSteps}. */
export const CLOSED_OFFICES_STEP = 200;

/**
 * {@link yearOutlets} as a generator (core/steps.ts) that yields between its pieces: the deposits' median, every
 * {@link CLOSED_OFFICES_STEP} closed offices' nearest branches (≈ 4 ms each over New York's 2018–2023 closures), and the
 * point index's passes — the whole held a server's event loop ≈ 40 ms at start-up. Same arguments and value.
 */
export function* yearOutletsSteps(lng: ArrayLike<number>, lat: ArrayLike<number>, cert: ArrayLike<number>, depositsK: ArrayLike<number>,
  retail: (k: number) => boolean, history: BranchSetHistory = {}): Steps<YearOutlets> {
  const n = lng.length;
  const logDepositsK = new Float64Array(n);
  const finite: number[] = [];
  for (let k = 0; k < n; k++) {
    logDepositsK[k] = retail(k) ? Math.log(depositsK[k]) : NaN;
    if (Number.isFinite(logDepositsK[k])) finite.push(logDepositsK[k]);
  }
  finite.sort((a, b) => a - b);
  const m = finite.length >> 1;
  const fallback = finite.length === 0 ? 0 : finite.length % 2 ? finite[m] : (finite[m - 1] + finite[m]) / 2;
  const openedDay = Float64Array.from({ length: n }, (_, k) => history.openedDay?.[k] ?? NaN);
  yield;
  const closed = yield* closedOfficesSteps(lng, lat, cert, logDepositsK, history.closed);
  yield;
  const index = yield* pointIndexSteps(lng, lat);
  return { cert: Int32Array.from(cert), openedDay, asOfDay: history.asOfDay ?? NaN, closed,
    logDepositsK, neighbourLogDepositsFallback: fallback, index };
}

/**
 * {@link ClosedOffices} of a branch set: each closed office's two nearest retail branches (finite `logDepositsK`) of its
 * CERT; yields after every {@link CLOSED_OFFICES_STEP} offices.
 */
function* closedOfficesSteps(lng: ArrayLike<number>, lat: ArrayLike<number>, cert: ArrayLike<number>, logDepositsK: Float64Array,
  closed: BranchSetHistory['closed']): Steps<ClosedOffices> {
  const m = closed ? closed.cert.length : 0;
  const out: ClosedOffices = { lng: new Float64Array(m), lat: new Float64Array(m), cert: new Int32Array(m), nearestM: new Float64Array(m).fill(Infinity),
    nearestOutlet: new Int32Array(m).fill(-1), secondM: new Float64Array(m).fill(Infinity) };
  if (!closed || m === 0) return out;
  const retailOf = new Map<number, number[]>();
  for (let k = 0; k < cert.length; k++) {
    if (!Number.isFinite(logDepositsK[k])) continue;
    let l = retailOf.get(cert[k]);
    if (!l) retailOf.set(cert[k], (l = []));
    l.push(k);
  }
  for (let j = 0; j < m; j++) {
    if (j > 0 && j % CLOSED_OFFICES_STEP === 0) yield;
    out.lng[j] = closed.lng[j]; out.lat[j] = closed.lat[j]; out.cert[j] = closed.cert[j];
    for (const k of retailOf.get(closed.cert[j]) ?? []) {
      const d = haversineM(closed.lng[j], closed.lat[j], lng[k], lat[k]);
      if (d < out.nearestM[j]) { out.secondM[j] = out.nearestM[j]; out.nearestM[j] = d; out.nearestOutlet[j] = k; }
      else if (d < out.secondM[j]) out.secondM[j] = d;
    }
  }
  return out;
}
