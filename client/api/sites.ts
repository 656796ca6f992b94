import type { BasemapResponse } from '../../core/api/basemap';
import type { DemandLayerResponse, StopsLayerResponse } from '../../core/api/layers';
import type { FactorName, Weights } from '../../core/scoring/siteScore';
import { getJson, postJson, query } from './http';

/** Common part of every factor in a score response (issue 2, item 5). */
export interface FactorBase {
  raw: number;
  /** 0–100 (percentile or min–max) or a z-score, per `params.normalization`. */
  normalized: number;
  weight: number;
  contribution: number;
}
export interface TransitFactor extends FactorBase {
  departuresWithinRadius: number;
  imputedDepartures: number;
  stopsWithinRadius: number;
  routesWithinRadius: number;
  nearestStopM: number | null;
  nearestStopId: string | null;
  nearestStopMode: string | null;
}
export interface DemandFactor extends FactorBase {
  populationWithin500m: number;
  populationWithin1000m: number;
  populationWithin2000m: number;
}
export interface CompetitionFactor extends FactorBase {
  competitorsWithin500m: number;
  competitorsWithin1000m: number;
  nearestCompetitorM: number | null;
  huffShare: number;
  expectedCustomers: number;
  cannibalizedFromOwn: number;
  netNewDemand: number;
}
/** One scored site as `POST /api/sites/score` returns it. */
export interface ScoredSite {
  id: string;
  lng: number;
  lat: number;
  score: number;
  rank: number;
  factors: { transit: TransitFactor; demand: DemandFactor; competition: CompetitionFactor };
}
export interface ScoreResponse {
  sites: ScoredSite[];
  params: Record<string, unknown> & { serviceDate?: string; weights?: Weights };
  vintage?: unknown;
}
export interface ScoreRequest {
  sites?: { id: string; lng: number; lat: number }[];
  grid?: { resolution: 9; area: 'nyc' };
  ownNetwork?: string;
  weights?: Weights;
}

/** `GET /api/institutions` row: an institution (`cert:<CERT>`) or a holding company (`hc:<RSSDHCR>`). */
export interface Institution {
  id: string;
  kind: 'institution' | 'holdingCompany' | string;
  name: string;
  holdingCompany: string | null;
  branches: number;
}

/** An outlet as `GET /api/outlets` returns it (fields we draw; extra fields are kept). */
export interface Outlet {
  branchId?: number | string;
  id?: number | string;
  lng: number;
  lat: number;
  institutionName?: string;
  branchName?: string;
  own?: boolean;
  depositsK?: number;
  [k: string]: unknown;
}

export type Bbox = [number, number, number, number];
const bboxParam = (b: Bbox) => b.map((x) => +x.toFixed(5)).join(',');

export const fetchBasemap = () => getJson<BasemapResponse>('/api/basemap');
export const fetchDemandLayer = (bbox: Bbox) => getJson<DemandLayerResponse>('/api/layers/demand' + query({ bbox: bboxParam(bbox) }));
export const fetchStopsLayer = (bbox: Bbox) => getJson<StopsLayerResponse>('/api/layers/stops' + query({ bbox: bboxParam(bbox) }));
export const scoreSites = (req: ScoreRequest, signal?: AbortSignal) => postJson<ScoreResponse>('/api/sites/score', req, { signal });

/** `GET /api/institutions`; accepts a bare array or `{ institutions: [...] }`. */
export async function fetchInstitutions(): Promise<Institution[]> {
  const body = await getJson<Institution[] | { institutions: Institution[] }>('/api/institutions');
  return Array.isArray(body) ? body : body.institutions;
}

/** `GET /api/outlets?bbox=&network=`; accepts an array, `{ outlets }` or a GeoJSON FeatureCollection. */
export async function fetchOutlets(bbox: Bbox, network?: string): Promise<Outlet[]> {
  const body = await getJson<unknown>('/api/outlets' + query({ bbox: bboxParam(bbox), network }));
  return normalizeOutlets(body);
}

/** Accept the shapes `/api/outlets` may answer with and return flat outlets with `lng`, `lat`. */
export function normalizeOutlets(body: unknown): Outlet[] {
  if (Array.isArray(body)) return body as Outlet[];
  const o = body as { outlets?: Outlet[]; type?: string; features?: GeoJSON.Feature<GeoJSON.Point>[] };
  if (Array.isArray(o?.outlets)) return o.outlets;
  if (o?.type === 'FeatureCollection' && Array.isArray(o.features)) {
    return o.features.map((f) => ({ ...(f.properties ?? {}), lng: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }) as Outlet);
  }
  throw new Error('GET /api/outlets: unexpected response shape');
}

export type { FactorName, Weights };
