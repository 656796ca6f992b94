import type { BasemapResponse } from '../../core/api/basemap';
import type { DemandLayerResponse, StopResponse, StopsLayerResponse } from '../../core/api/layers';
import type { FactorName, Weights } from '../../core/scoring/siteScore';
import { getJson, postJson, query } from './http';
import type { Institution, Outlet, ScoreRequestInput, ScoreResponse, ScoredSite, SensitivityResponse } from '../../core/api/sites';
import type { SavedSite } from '../../core/api/plans';
import type { z } from 'zod';
import type { sensitivityRequestSchema } from '../../core/api/sites';

/** The score contract lives in core/api/sites.ts (zod, shared with the server); re-exported for the client. */
export type { Institution, Outlet, SavedSite, ScoreResponse, ScoredSite, SensitivityResponse };
export type ScoreRequest = ScoreRequestInput;
export type TransitFactor = ScoredSite['factors']['transit'];
export type DemandFactor = ScoredSite['factors']['demand'];
export type CompetitionFactor = ScoredSite['factors']['competition'];

export type Bbox = [number, number, number, number];
const bboxParam = (b: Bbox) => b.map((x) => +x.toFixed(5)).join(',');

export const fetchBasemap = () => getJson<BasemapResponse>('/api/basemap');
export const fetchDemandLayer = (bbox: Bbox) => getJson<DemandLayerResponse>('/api/layers/demand' + query({ bbox: bboxParam(bbox) }));
export const fetchStopsLayer = (bbox: Bbox) => getJson<StopsLayerResponse>('/api/layers/stops' + query({ bbox: bboxParam(bbox) }));
export const fetchStop = (stopId: string) => getJson<StopResponse>('/api/layers/stops/' + encodeURIComponent(stopId));
export const scoreSites = (req: ScoreRequest, signal?: AbortSignal) => postJson<ScoreResponse>('/api/sites/score', req, { signal });

/** `POST /api/sites/sensitivity` — Monte Carlo weight draws → P(top k) and the 5–95 % rank interval per site (request order). */
export const fetchSensitivity = (req: z.input<typeof sensitivityRequestSchema>, signal?: AbortSignal) =>
  postJson<SensitivityResponse>('/api/sites/sensitivity', req, { signal });

/**
 * `POST /api/sites` — save a scored site straight from a scoring answer (`{ name, site, params }`: coordinates,
 * own network, parameters and `expectedCustomers` are taken from them) → its new id (`site-<hex>`).
 */
export const saveScoredSite = (body: { name: string; site: ScoredSite; params: ScoreResponse['params'] | Record<string, unknown> }) =>
  postJson<{ id: string }>('/api/sites', body);

/** `GET /api/sites/:id` — a saved site snapshot. @throws ApiError 404 for an unknown id, 400 for a malformed one. */
export const fetchSavedSite = (id: string) => getJson<SavedSite>('/api/sites/' + encodeURIComponent(id));

/** `GET /api/institutions` — every institution and holding company (the picker filters on the client). */
export const fetchInstitutions = () => getJson<Institution[]>('/api/institutions' + query({ limit: 20000 }));

/** `GET /api/outlets?bbox=&network=` — branches in the bbox, each flagged `own` for the chosen network. */
export async function fetchOutlets(bbox: Bbox, network?: string): Promise<Outlet[]> {
  const body = await getJson<{ outlets: Outlet[] }>('/api/outlets' + query({ bbox: bboxParam(bbox), network, limit: 100000 }));
  return body.outlets;
}

export type { FactorName, Weights };
