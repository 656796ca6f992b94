/**
 * Client calls for the floor-plan store (issue 4, item 3). Contracts: core/api/plans.ts, routes: server/routes/plans.ts.
 * Saving never overwrites: each save is a new version; a save whose base is no longer the newest
 * throws an ApiError with status 409 (code `version_conflict`) and the plan is left untouched.
 */
import type { PlanSummary, PlanVersionBody, PlanVersionInfo, PlanVersionRef } from '../../core/api/plans';
import type { FloorPlan } from '../../core/floorplan/model';
import { api, enc, ok } from './http';

export type { PlanSummary, PlanVersionBody, PlanVersionInfo, PlanVersionRef };

/** Every plan (samples first as the server lists them), newest version number in each row. */
export async function listPlans(): Promise<PlanSummary[]> {
  return (await ok(api.plans.$get())).plans;
}

/** The newest version of a plan. */
export function getPlan(id: string): Promise<PlanVersionBody> {
  return ok(api.plans[':id'].$get({ param: { id: enc(id) } }));
}

/** One stored version. */
export function getPlanVersion(id: string, version: number): Promise<PlanVersionBody> {
  return ok(api.plans[':id'].versions[':v'].$get({ param: { id: enc(id), v: String(version) } }));
}

/** The version list, as the server orders it. */
export async function listVersions(id: string): Promise<PlanVersionInfo[]> {
  return (await ok(api.plans[':id'].versions.$get({ param: { id: enc(id) } }))).versions;
}

/** Store a new plan (e.g. "save as copy"): its id and version 1. */
export function createPlan(plan: FloorPlan, message?: string): Promise<PlanVersionRef> {
  return ok(api.plans.$post({ json: { plan, message } }));
}

/** Save an edit as a new version on top of `baseVersion`. @throws ApiError 409 when someone saved first. */
export function saveVersion(id: string, baseVersion: number, plan: FloorPlan, message?: string): Promise<PlanVersionRef> {
  return ok(api.plans[':id'].versions.$post({ param: { id: enc(id) }, json: { baseVersion, plan, message } }));
}

/** Copy version `v` as the new newest version (nothing is deleted); 409 unless `baseVersion` is still the newest. */
export function restoreVersion(id: string, v: number, baseVersion: number): Promise<PlanVersionRef> {
  return ok(api.plans[':id'].versions[':v'].restore.$post({ param: { id: enc(id), v: String(v) } },
    { init: { body: JSON.stringify({ baseVersion }), headers: { 'Content-Type': 'application/json' } } }));
}
