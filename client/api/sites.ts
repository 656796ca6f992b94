import type { FactorName, Weights } from '../../core/scoring/siteScore';
import { api, enc, ok } from './http';
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

export const fetchBasemap = () => ok(api.basemap.$get());
export const fetchDemandLayer = (bbox: Bbox) => ok(api.layers.demand.$get({ query: { bbox: bboxParam(bbox) } }));
export const fetchStopsLayer = (bbox: Bbox) => ok(api.layers.stops.$get({ query: { bbox: bboxParam(bbox) } }));
export const fetchStop = (stopId: string) => ok(api.layers.stops[':stopId'].$get({ param: { stopId: enc(stopId) } }));
export const scoreSites = (req: ScoreRequest, signal?: AbortSignal) => ok(api.sites.score.$post({ json: req }, { init: { signal } }));

/** `POST /api/sites/sensitivity` — Monte Carlo weight draws → P(top k) and the 5–95 % rank interval per site (request order). */
export const fetchSensitivity = (req: z.input<typeof sensitivityRequestSchema>, signal?: AbortSignal) =>
  ok(api.sites.sensitivity.$post({ json: req }, { init: { signal } }));

/**
 * `POST /api/sites` — save a scored site straight from a scoring answer (`{ name, site, params }`: coordinates,
 * own network, parameters and `expectedCustomers` are taken from them) → its new id (`site-<hex>`).
 */
export const saveScoredSite = (body: { name: string; site: ScoredSite; params: ScoreResponse['params'] | Record<string, unknown> }) =>
  ok(api.sites.$post({ json: body }));

/** `GET /api/sites/:id` — a saved site snapshot. @throws ApiError 404 for an unknown id, 400 for a malformed one. */
export const fetchSavedSite = (id: string) => ok(api.sites[':id'].$get({ param: { id: enc(id) } }));

/** `GET /api/institutions` — every institution and holding company (the picker filters on the client). */
export const fetchInstitutions = () => ok(api.institutions.$get({ query: { limit: '20000' } }));

/** `GET /api/institutions?q=&limit=` — institutions and holding companies whose name or id matches `q`, largest first. */
export const searchInstitutions = (q: string | undefined, limit: number, signal?: AbortSignal) =>
  ok(api.institutions.$get({ query: { q: q || undefined, limit: String(limit) } }, { init: { signal } }));

/** `GET /api/outlets?bbox=&network=` — branches in the bbox, each flagged `own` for the chosen network. */
export async function fetchOutlets(bbox: Bbox, network?: string): Promise<Outlet[]> {
  const body = await ok(api.outlets.$get({ query: { bbox: bboxParam(bbox), network: network || undefined, limit: '100000' } }));
  return body.outlets;
}

export type { FactorName, Weights };
