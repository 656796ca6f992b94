import {
  coverageAtRadii, coverageByArea, coverageDifferenceHexes, gapHexes, huffExpectedResidents, nearestOutletCatchments,
  nearestOutletDistances, twoStepFca,
} from '../../core/coverage/coverage';
import type { HuffParams } from '../../core/scoring/huffModel';
import { createPointIndex } from '../../core/geo/pointIndex';
import {
  NYC_BOROUGHS, type AreaCoverageDto, type CatchmentDto, type CompareSideDto, type CoverageCompareResponse,
  type CoverageDetailResponse, type CoverageResponse, type coverageCompareRequest, type coverageDetailRequest,
  type coverageRequest,
} from '../../core/api/coverage';
import type { z } from 'zod';
import type { GeoData } from '../geo/geoData';
import type { WalkGraph } from '../../core/walk/walkGraph';
import { loadNetworkSource, resolveNetworkFrom, type NetworkSource, type NetworkStores, type ResolvedNetwork } from './network';
import { areaDemandPositions, areaForDemand, type AreaForDemand, type AreaResolver } from '../areas/areaResolver';
import { loadCompetitorLayers } from '../datasets/scoringLayers';
import { walkCoverage } from '../walk/walkService';

/**
 * Coverage services behind `/api/coverage*`: resolve the network and the area, compute nearest-outlet distances
 * for the area's block groups once, and derive every figure from them (core/coverage does the maths).
 */

/** What the coverage services need from the app (server/services.ts provides it). */
export interface CoverageEnv extends NetworkStores {
  geo(): Promise<GeoData>;
  countyNames(): Promise<Map<string, string>>;
  walkGraph(): Promise<WalkGraph>;
  /** Study areas (core/api/areas.ts): the request's `area` resolved to its block groups. */
  areas: AreaResolver;
}


function byAreaRowsFrom(names: ReadonlyMap<string, string>, geo: GeoData, distanceM: Float64Array, radiiM: number[], subset: Int32Array): AreaCoverageDto[] {
  const m = coverageByArea(geo.blockGroups.population, distanceM, geo.blockGroups.countyFips, radiiM, subset);
  const rows: AreaCoverageDto[] = [];
  for (const areaId of [...m.keys()].sort()) {
    const nyc = areaId in NYC_BOROUGHS;
    for (const r of m.get(areaId)!) rows.push({ areaType: nyc ? 'borough' : 'county', areaId, name: names.get(areaId) ?? areaId, ...r });
  }
  return rows;
}

/** What `POST /api/coverage` reads from the databases and boundaries (network, area, county names): plain data for a worker. */
export interface CoverageInput {
  req: z.output<typeof coverageRequest>;
  network: NetworkSource;
  area: AreaForDemand;
  /** County FIPS → name, for the per-county rows. */
  countyNames: Map<string, string>;
}

/** Read what a coverage request needs (scenario, datasets, area, county names): quick, on the main thread. */
export async function prepareCoverage(env: CoverageEnv, req: z.output<typeof coverageRequest>): Promise<CoverageInput> {
  return { req, network: await loadNetworkSource(env, req.network, req.ownNetwork), area: areaForDemand(await env.areas.resolve(req.area, 'area')),
    countyNames: await env.countyNames() };
}

/** `POST /api/coverage` on the calling thread (the route runs {@link coverageFrom} in a worker). */
export async function computeCoverage(env: CoverageEnv, req: z.output<typeof coverageRequest>): Promise<CoverageResponse> {
  return coverageFrom(await env.geo(), env.walkGraph, await prepareCoverage(env, req));
}

/**
 * Coverage at radii, per area and (mode "walk") by walk time from prepared input — pure computation over the geo data:
 * nationwide it held the event loop 0.4–0.6 s, so the server runs it in a worker thread.
 * @param walkGraph the Midtown pedestrian graph, read only for mode "walk".
 */
export async function coverageFrom(geo: GeoData, walkGraph: () => Promise<WalkGraph>, { req, network, area, countyNames }: CoverageInput): Promise<CoverageResponse> {
  const net = resolveNetworkFrom(geo, network);
  const subset = areaDemandPositions(geo, area, 'area');
  const radiiM = [...req.radiiM];
  const { distanceM } = nearestOutletDistances(geo.blockGroups, net.index, Math.max(...radiiM), subset);
  const radii = coverageAtRadii(geo.blockGroups.population, distanceM, radiiM, subset);
  const byArea = byAreaRowsFrom(countyNames, geo, distanceM, radiiM, subset);
  const notes = ['Straight-line (great-circle) distance from each block group\'s population-weighted centroid; ' +
    'outlets outside the area (e.g. New Jersey) count. Residents only: no workplace population.'];
  const res: CoverageResponse = {
    radii, byArea,
    params: { network: net.network, ownNetwork: net.ownNetwork, radiiM, area: req.area, mode: req.mode, distance: 'great-circle',
      outlets: net.id.length, demandPoints: subset.length, scenario: net.scenario, notes },
  };
  if (req.mode === 'walk') {
    res.walk = await walkCoverage(walkGraph, geo, net, subset, req.walkMinutes ?? [5, 10, 15], req.walkSpeedKmh ?? 4.8);
    notes.push(res.walk.note);
  }
  return res;
}

/** Outlets outside every network that compete with it: the users' competitor datasets (lng/lat degrees). */
interface ExtraCompetitors { lng: ArrayLike<number>; lat: ArrayLike<number> }

/** The users' competitor datasets a request names (`competitors`), or null. @throws AppError 400 naming `competitors.<k>`. */
async function extraCompetitors(env: CoverageEnv, ids: readonly string[] | undefined):
  Promise<{ points: ExtraCompetitors | null; echo: { id: string; name: string; outlets: number }[] }> {
  if (!ids?.length) return { points: null, echo: [] };
  return loadCompetitorLayers(env.datasets, ids, 'competitors');
}

/**
 * Huff-expected residents of a network's outlets for the area's demand, in the choice set network + competitors:
 * every FDIC branch outside the network and the users' competitor outlets (`extra`), all with attractiveness 1.
 */
function networkHuff(geo: GeoData, net: ResolvedNetwork, subset: Int32Array, huff: HuffParams, extra: ExtraCompetitors | null = null): Float64Array {
  const b = geo.branches;
  const n = net.id.length, c = net.competitorPos.length, u = extra?.lng.length ?? 0;
  const lng = new Float64Array(n + c + u), lat = new Float64Array(n + c + u);
  lng.set(net.lng); lat.set(net.lat);
  for (let k = 0; k < c; k++) { lng[n + k] = b.lng[net.competitorPos[k]]; lat[n + k] = b.lat[net.competitorPos[k]]; }
  for (let k = 0; k < u; k++) { lng[n + c + k] = extra!.lng[k]; lat[n + c + k] = extra!.lat[k]; }
  const market = createPointIndex(lng, lat);
  return huffExpectedResidents(geo.blockGroups, market, huff, undefined, subset).subarray(0, n);
}

/** The base network a scenario is compared with for cannibalisation, or null when it adds or moves nothing. */
function cannibalisationBase(geo: GeoData, net: ResolvedNetwork): ResolvedNetwork | null {
  if (!net.scenario || !(net.scenario.added.length || net.scenario.moved.length)) return null;
  const all = net.scenario.baseNetwork === 'all';
  return resolveNetworkFrom(geo, { network: all ? 'all' : 'own', ownNetwork: all ? null : net.scenario.baseNetwork, field: 'network', scenario: null, dataset: null });
}

/**
 * Expected demand of a network and, for a scenario, its cannibalisation: Σ over the base network's outlets that
 * the scenario keeps unmoved of (E_base − E_scenario), floored at 0 — residents the added/moved sites take from them.
 * `base` = {@link cannibalisationBase} (null: no cannibalisation).
 */
function huffTotalsFrom(geo: GeoData, net: ResolvedNetwork, base: ResolvedNetwork | null, subset: Int32Array, huff: HuffParams,
  extra: ExtraCompetitors | null = null): { expected: Float64Array; expectedDemand: number; cannibalisation: number } {
  const expected = networkHuff(geo, net, subset, huff, extra);
  let expectedDemand = 0;
  for (const e of expected) expectedDemand += e;
  let cannibalisation = 0;
  if (base) {
    const eBase = networkHuff(geo, base, subset, huff, extra);
    const baseByBranch = new Map<number, number>();
    base.branchPos.forEach((p, k) => baseByBranch.set(p, eBase[k]));
    let diff = 0;
    net.branchPos.forEach((p, k) => { if (p >= 0 && net.status[k] === 'existing') diff += (baseByBranch.get(p) ?? 0) - expected[k]; });
    cannibalisation = Math.max(0, diff);
  }
  return { expected, expectedDemand, cannibalisation };
}

/**
 * Everything `POST /api/coverage/detail` computes from, once the databases and boundary files have been read: plain
 * data (it is posted to a worker thread, see server/work/computePool.ts, which resolves the network and the area's
 * demand on its own copy of the geo data — for a nationwide "all" that is seconds' worth of main-thread work otherwise).
 */
export interface CoverageDetailInput {
  req: z.output<typeof coverageDetailRequest>;
  network: NetworkSource;
  area: AreaForDemand;
  /** The users' competitor datasets the request names (points and echo). */
  competitors: { points: ExtraCompetitors | null; echo: { id: string; name: string; outlets: number }[] };
}

/** Read what a coverage detail needs from the databases and boundaries (scenario, datasets, area): quick, on the main thread. */
export async function prepareCoverageDetail(env: CoverageEnv, req: z.output<typeof coverageDetailRequest>): Promise<CoverageDetailInput> {
  return { req, network: await loadNetworkSource(env, req.network, req.ownNetwork), area: areaForDemand(await env.areas.resolve(req.area, 'area')),
    competitors: await extraCompetitors(env, req.competitors) };
}

/** `POST /api/coverage/detail` on the calling thread (the route runs {@link coverageDetailFrom} in a worker). */
export async function computeCoverageDetail(env: CoverageEnv, req: z.output<typeof coverageDetailRequest>): Promise<CoverageDetailResponse> {
  return coverageDetailFrom(await env.geo(), await prepareCoverageDetail(env, req));
}

/**
 * The coverage detail (catchments, gap hexes, Huff totals, 2SFCA) from prepared input — pure computation, the part
 * that takes seconds on a nationwide request, so the server runs it in a worker thread.
 */
export function coverageDetailFrom(geo: GeoData, { req, network, area, competitors }: CoverageDetailInput): CoverageDetailResponse {
  const bg = geo.blockGroups;
  const net = resolveNetworkFrom(geo, network);
  const base = cannibalisationBase(geo, net);
  const subset = areaDemandPositions(geo, area, 'area');
  const { distanceM } = nearestOutletDistances(geo.blockGroups, net.index, Math.max(req.radiusM, req.catchmentMaxM), subset);
  const catch_ = nearestOutletCatchments(bg, net.index, req.catchmentMaxM, subset);
  const { expected, expectedDemand, cannibalisation } = huffTotalsFrom(geo, net, base, subset, req.huff, competitors.points);
  const catchments: CatchmentDto[] = [];
  for (const c of catch_) {
    const k = c.outlet;
    if (c.population <= 0 && expected[k] < 0.5) continue;
    catchments.push({ outletId: net.id[k], name: net.name[k], lng: net.lng[k], lat: net.lat[k], status: net.status[k],
      population: c.population, demandPoints: c.demandPoints, expectedResidents: expected[k] });
  }
  catchments.sort((a, b) => b.population - a.population || a.outletId.localeCompare(b.outletId));
  const gap = gapHexes(bg, distanceM, req.radiusM, req.h3Resolution, subset);
  let uncoveredPopulation = 0;
  for (const g of gap) uncoveredPopulation += g.uncoveredPopulation;
  const res: CoverageDetailResponse = {
    catchments, gapHexes: gap,
    totals: { networkOutlets: net.id.length, expectedDemand, cannibalisation, uncoveredPopulation },
    params: { network: net.network, ownNetwork: net.ownNetwork, area: req.area, radiusM: req.radiusM, h3Resolution: req.h3Resolution,
      catchmentMaxM: req.catchmentMaxM, huff: req.huff, twoSfcaD0M: req.twoSfcaD0M ?? null, scenario: net.scenario, competitors: competitors.echo,
      notes: ['Catchment = residents whose nearest network outlet this is (great-circle, within catchmentMaxM).',
        'expectedResidents: Huff model among network outlets and every competitor within Dmax — FDIC branches outside the network and the users\' competitor datasets (SITE-MODEL.md).'] },
  };
  if (req.twoSfcaD0M != null) {
    const sub = { population: Float64Array.from(subset, (i) => bg.population[i]),
      index: createPointIndex(Float64Array.from(subset, (i) => bg.lng[i]), Float64Array.from(subset, (i) => bg.lat[i])) };
    const { accessibility } = twoStepFca(sub, net.index, req.twoSfcaD0M);
    res.twoSfca = Array.from(subset, (i, k) => ({ geoid: bg.geoid[i], lng: bg.lng[i], lat: bg.lat[i], population: bg.population[i], accessibility: accessibility[k] }));
  }
  return res;
}

/** Everything `POST /api/coverage/compare` computes from (plain data, posted to a worker like {@link CoverageDetailInput}). */
export interface CoverageCompareInput {
  req: z.output<typeof coverageCompareRequest>;
  a: NetworkSource;
  b: NetworkSource;
  area: AreaForDemand;
  competitors: { points: ExtraCompetitors | null; echo: { id: string; name: string; outlets: number }[] };
  /** County names by FIPS (the per-area rows). */
  countyNames: ReadonlyMap<string, string>;
}

/** Read what a comparison needs from the databases and boundaries: quick, on the main thread. */
export async function prepareCoverageCompare(env: CoverageEnv, req: z.output<typeof coverageCompareRequest>): Promise<CoverageCompareInput> {
  return { req, a: await loadNetworkSource(env, req.a.network, req.a.ownNetwork, 'a.network'), b: await loadNetworkSource(env, req.b.network, req.b.ownNetwork, 'b.network'),
    area: areaForDemand(await env.areas.resolve(req.area, 'area')), competitors: await extraCompetitors(env, req.competitors), countyNames: await env.countyNames() };
}

/** `POST /api/coverage/compare` on the calling thread (the route runs {@link coverageCompareFrom} in a worker). */
export async function computeCoverageCompare(env: CoverageEnv, req: z.output<typeof coverageCompareRequest>): Promise<CoverageCompareResponse> {
  return coverageCompareFrom(await env.geo(), await prepareCoverageCompare(env, req));
}

/**
 * The comparison of two networks (coverage at radii per side and area, Huff totals, gained/lost hexes) from prepared
 * input: pure computation, seconds nationwide, so the server runs it in a worker thread.
 */
export function coverageCompareFrom(geo: GeoData, { req, a: srcA, b: srcB, area, competitors, countyNames }: CoverageCompareInput): CoverageCompareResponse {
  const subset = areaDemandPositions(geo, area, 'area');
  const radiiM = [...req.radiiM];
  const sorted = [...radiiM].sort((x, y) => x - y);
  const diffRadiusM = req.diffRadiusM ?? sorted[Math.floor((sorted.length - 1) / 2)];
  const huff: HuffParams = { beta: 2, dMinM: 100, dMaxM: 3000 };
  const side = (src: NetworkSource) => {
    const net = resolveNetworkFrom(geo, src);
    const { distanceM } = nearestOutletDistances(geo.blockGroups, net.index, Math.max(diffRadiusM, ...radiiM), subset);
    const t = huffTotalsFrom(geo, net, cannibalisationBase(geo, net), subset, huff, competitors.points);
    const dto: CompareSideDto = { radii: coverageAtRadii(geo.blockGroups.population, distanceM, radiiM, subset),
      byArea: byAreaRowsFrom(countyNames, geo, distanceM, radiiM, subset), expectedDemand: t.expectedDemand,
      cannibalisation: t.cannibalisation, outlets: net.id.length };
    return { net, distanceM, dto };
  };
  const a = side(srcA);
  const b = side(srcB);
  return {
    a: a.dto, b: b.dto,
    diffHexes: coverageDifferenceHexes(geo.blockGroups, a.distanceM, b.distanceM, diffRadiusM, req.h3Resolution, subset),
    params: { a: { network: a.net.network, ownNetwork: a.net.ownNetwork, scenario: a.net.scenario },
      b: { network: b.net.network, ownNetwork: b.net.ownNetwork, scenario: b.net.scenario },
      area: req.area, radiiM, diffRadiusM, h3Resolution: req.h3Resolution, huff, competitors: competitors.echo },
  };
}
