/**
 * Client calls for the coverage tab: coverage, scenarios (CRUD) and MCLP optimisation (issue 3).
 * Shapes follow the pinned contracts; the detail endpoints (catchments, gap and difference hexes) follow
 * `core/api/coverage.ts` written by the coverage API helper.
 */
import { ApiError, getJson, postJson } from './http';

export type NetworkRef = 'own' | 'all' | { scenarioId: string };
export type AreaRef = 'nyc' | { bbox: [number, number, number, number] } | { counties: string[] };

export interface RadiusCoverage {
  radiusM: number;
  coveredPopulation: number;
  totalPopulation: number;
  share: number;
}
export interface AreaCoverage extends RadiusCoverage {
  areaType: string;
  areaId: string;
  name: string;
}
export interface CoverageRequest {
  network?: NetworkRef;
  ownNetwork?: string;
  radiiM: number[];
  area: AreaRef;
}
export interface CoverageResponse {
  radii: RadiusCoverage[];
  byArea: AreaCoverage[];
  params: Record<string, unknown>;
}

/** A saved scenario: a base network plus changes (issue 3, item 3). */
export interface Scenario {
  id: string;
  name: string;
  /** `cert:<CERT>` / `hc:<RSSDHCR>` or `"all"`. */
  baseNetwork: string;
  added: { id: string; lng: number; lat: number; name?: string }[];
  closed: number[];
  moved: { branchId: number; lng: number; lat: number }[];
  params: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
}
export type ScenarioInput = Omit<Scenario, 'id' | 'createdAt' | 'updatedAt'>;

export interface OptimizeRequest {
  objective: 'mclp' | 'closure';
  p?: number;
  k?: number;
  radiusM: number;
  ownNetwork: string;
  area: AreaRef;
  candidates: 'grid' | { id: string; lng: number; lat: number }[];
  solver?: 'greedy' | 'exact';
  timeLimitS?: number;
  name?: string;
}
export interface OptimizeResponse {
  scenarioId: string;
  selected: { id: string; lng: number; lat: number; marginalPopulation: number }[];
  coveredPopulationBefore: number;
  coveredPopulationAfter: number;
  solver: string;
  gap?: number;
  params: Record<string, unknown>;
}

export const postCoverage = (req: CoverageRequest, signal?: AbortSignal) => postJson<CoverageResponse>('/api/coverage', req, { signal });

/** `GET /api/scenarios`; accepts a bare array or `{ scenarios }`. */
export async function listScenarios(): Promise<Scenario[]> {
  const body = await getJson<Scenario[] | { scenarios: Scenario[] }>('/api/scenarios');
  return Array.isArray(body) ? body : body.scenarios;
}
export const getScenario = (id: string) => getJson<Scenario>(`/api/scenarios/${encodeURIComponent(id)}`);
export const createScenario = (s: ScenarioInput) => postJson<Scenario>('/api/scenarios', s);

/** `PUT /api/scenarios/:id` with the whole scenario. */
export async function updateScenario(s: Scenario): Promise<Scenario> {
  const { id, createdAt: _c, updatedAt: _u, ...body } = s;
  return sendJson<Scenario>('PUT', `/api/scenarios/${encodeURIComponent(id)}`, body);
}
export async function deleteScenario(id: string): Promise<void> {
  await sendJson<unknown>('DELETE', `/api/scenarios/${encodeURIComponent(id)}`);
}

async function sendJson<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    method,
    signal,
    headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
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
