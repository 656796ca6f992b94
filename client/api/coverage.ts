/**
 * Client calls for the coverage tab: coverage, scenarios (CRUD), MCLP optimisation and walk catchments (issue 3).
 * Contracts: core/api/coverage.ts; routes: server/routes/{coverage,scenarios,optimize}.ts, called through the typed
 * client (client/api/http.ts).
 */
import { ApiError, api, enc, ok } from './http';

import type {
  CoverageCompareRequest, CoverageCompareResponse, CoverageDetailRequest, CoverageDetailResponse, CoverageRequest,
  CoverageResponse, OptimizeJobDto, OptimizeRequest, OptimizeResponse, ScenarioDto, ScenarioInput,
} from '../../core/api/coverage';

export type { CoverageCompareResponse, CoverageDetailResponse, CoverageResponse, OptimizeJobDto, OptimizeRequest, OptimizeResponse };
export type Scenario = ScenarioDto;
export type { ScenarioInput };

export const postCoverage = (req: CoverageRequest, signal?: AbortSignal) => ok(api.coverage.$post({ json: req }, { init: { signal } }));
/** Two networks side by side: coverage of each, network totals and the gained/lost hexagons. */
export const postCoverageCompare = (req: CoverageCompareRequest, signal?: AbortSignal) =>
  ok(api.coverage.compare.$post({ json: req }, { init: { signal } }));
/** Catchments and the gap map of one network. */
export const postCoverageDetail = (req: CoverageDetailRequest, signal?: AbortSignal) =>
  ok(api.coverage.detail.$post({ json: req }, { init: { signal } }));

/** `GET /api/scenarios`, newest first. */
export const listScenarios = () => ok(api.scenarios.$get());
export const getScenario = (id: string) => ok(api.scenarios[':id'].$get({ param: { id: enc(id) } }));
export const createScenario = (s: ScenarioInput) => ok(api.scenarios.$post({ json: s }));

/**
 * `PUT /api/scenarios/:id` with the whole scenario, on top of the version it was read at (`If-Match`).
 * @throws ApiError 409 `version_conflict` when someone saved the scenario in between (nothing is overwritten).
 */
export async function updateScenario(s: Scenario): Promise<Scenario> {
  const { id, createdAt: _c, updatedAt: _u, version, ...body } = s;
  return ok(api.scenarios[':id'].$put({ param: { id: enc(id) }, json: body }, { headers: { 'If-Match': `"${version}"` } }));
}
export async function deleteScenario(id: string): Promise<void> {
  await ok(api.scenarios[':id'].$delete({ param: { id: enc(id) } }));
}

export const postOptimize = async (req: OptimizeRequest, signal?: AbortSignal): Promise<OptimizeResponse> => {
  const body = await ok(api.optimize.$post({ json: req }, { init: { signal } }));
  if ('jobId' in body) throw new ApiError(202, 'bad_response', 'POST /api/optimize: answered with a job instead of the result');
  return body;
};
/** Start an optimisation as a background job (`async: true` → 202 `{ jobId }`). */
export const startOptimizeJob = async (req: OptimizeRequest): Promise<{ jobId: string }> => {
  const body = await ok(api.optimize.$post({ json: { ...req, async: true } }));
  if (!('jobId' in body)) throw new ApiError(200, 'bad_response', 'POST /api/optimize: answered with a result instead of a job id');
  return body;
};
export const getOptimizeJob = (id: string, signal?: AbortSignal) => ok(api.optimize.jobs[':id'].$get({ param: { id: enc(id) } }, { init: { signal } }));
export const cancelOptimizeJob = (id: string) => ok(api.optimize.jobs[':id'].$delete({ param: { id: enc(id) } }));

/** Walk-time catchments of points and/or a network's outlets inside the Midtown extract. */
export const postWalkCatchments = (req: Parameters<typeof api.coverage.walk.$post>[0]['json'], signal?: AbortSignal) =>
  ok(api.coverage.walk.$post({ json: req }, { init: { signal } }));

/** One walk-time catchment from `POST /api/coverage/walk`. */
export type WalkCatchment = Awaited<ReturnType<typeof postWalkCatchments>>['catchments'][number];
