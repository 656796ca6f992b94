/**
 * Client calls for the coverage tab: coverage, scenarios (CRUD) and MCLP optimisation (issue 3).
 * Shapes follow the pinned contracts; the detail endpoints (catchments, gap and difference hexes) follow
 * `core/api/coverage.ts` written by the coverage API helper.
 */
import { ApiError, getJson, postJson } from './http';

import type {
  CoverageCompareRequest, CoverageCompareResponse, CoverageDetailRequest, CoverageDetailResponse, CoverageRequest,
  CoverageResponse, OptimizeJobDto, OptimizeRequest, OptimizeResponse, ScenarioDto, ScenarioInput,
} from '../../core/api/coverage';

export type { CoverageCompareResponse, CoverageDetailResponse, CoverageResponse, OptimizeJobDto, OptimizeRequest, OptimizeResponse };
export type Scenario = ScenarioDto;
export type { ScenarioInput };

export const postCoverage = (req: CoverageRequest, signal?: AbortSignal) => postJson<CoverageResponse>('/api/coverage', req, { signal });
/** Two networks side by side: coverage of each, network totals and the gained/lost hexagons. */
export const postCoverageCompare = (req: CoverageCompareRequest, signal?: AbortSignal) =>
  postJson<CoverageCompareResponse>('/api/coverage/compare', req, { signal });
/** Catchments and the gap map of one network. */
export const postCoverageDetail = (req: CoverageDetailRequest, signal?: AbortSignal) =>
  postJson<CoverageDetailResponse>('/api/coverage/detail', req, { signal });

/** `GET /api/scenarios`; accepts a bare array or `{ scenarios }`. */
export async function listScenarios(): Promise<Scenario[]> {
  const body = await getJson<Scenario[] | { scenarios: Scenario[] }>('/api/scenarios');
  return Array.isArray(body) ? body : body.scenarios;
}
export const getScenario = (id: string) => getJson<Scenario>(`/api/scenarios/${encodeURIComponent(id)}`);
export const createScenario = (s: ScenarioInput) => postJson<Scenario>('/api/scenarios', s);

/**
 * `PUT /api/scenarios/:id` with the whole scenario, on top of the version it was read at (`If-Match`).
 * @throws ApiError 409 `version_conflict` when someone saved the scenario in between (nothing is overwritten).
 */
export async function updateScenario(s: Scenario): Promise<Scenario> {
  const { id, createdAt: _c, updatedAt: _u, version, ...body } = s;
  return sendJson<Scenario>('PUT', `/api/scenarios/${encodeURIComponent(id)}`, body, undefined, { 'If-Match': `"${version}"` });
}
export async function deleteScenario(id: string): Promise<void> {
  await sendJson<unknown>('DELETE', `/api/scenarios/${encodeURIComponent(id)}`);
}

async function sendJson<T>(method: string, url: string, body?: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, {
    method,
    signal,
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = {};
  }
  if (!res.ok) {
    const err = (parsed as { error?: { code?: string; message?: string; field?: string } }).error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `${method} ${url} failed: HTTP ${res.status}`, err?.field);
  }
  return parsed as T;
}

export const postOptimize = (req: OptimizeRequest, signal?: AbortSignal) => postJson<OptimizeResponse>('/api/optimize', req, { signal });
/** Start an optimisation as a background job (`async: true` → 202 `{ jobId }`). */
export const startOptimizeJob = (req: OptimizeRequest) => postJson<{ jobId: string }>('/api/optimize', { ...req, async: true });
export const getOptimizeJob = (id: string, signal?: AbortSignal) => getJson<OptimizeJobDto>(`/api/optimize/jobs/${encodeURIComponent(id)}`, { signal });
export const cancelOptimizeJob = (id: string) => sendJson<unknown>('DELETE', `/api/optimize/jobs/${encodeURIComponent(id)}`);

/** One walk-time catchment from `POST /api/coverage/walk` (server/walk/walkService.ts WalkCatchmentDto). */
export interface WalkCatchment {
  id: string;
  lng: number;
  lat: number;
  /** False outside the Midtown extract or > 200 m from its walk network. */
  routable: boolean;
  population: number;
  demandPoints: number;
  nodesReached: number;
  isochrone: import('geojson').Feature<import('geojson').Polygon | import('geojson').MultiPolygon> | null;
}
/** Walk-time catchments of points and/or a network's outlets inside the Midtown extract. */
export const postWalkCatchments = (
  req: { points?: { id: string; lng: number; lat: number }[]; network?: import('../../core/api/coverage').NetworkRef; ownNetwork?: string; minutes?: number; speedKmh?: number },
  signal?: AbortSignal,
) => postJson<{ catchments: WalkCatchment[]; params: Record<string, unknown> }>('/api/coverage/walk', req, { signal });
