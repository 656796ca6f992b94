/**
 * Client calls for the floor-plan store (issue 4, item 3). Contracts: core/api/plans.ts.
 * Saving never overwrites: each save is a new version; a save whose base is no longer the newest
 * throws an ApiError with status 409 (code `version_conflict`) and the plan is left untouched.
 */
import type { PlanSummary, PlanVersionBody, PlanVersionInfo, PlanVersionRef } from '../../core/api/plans';
import type { FloorPlan } from '../../core/floorplan/model';
import { getJson, postJson } from './http';

export type { PlanSummary, PlanVersionBody, PlanVersionInfo, PlanVersionRef };

const enc = encodeURIComponent;

/** Every plan (samples first as the server lists them), newest version number in each row. */
export async function listPlans(): Promise<PlanSummary[]> {
  const body = await getJson<PlanSummary[] | { plans: PlanSummary[] }>('/api/plans');
  return Array.isArray(body) ? body : body.plans;
}

/** The newest version of a plan. */
export function getPlan(id: string): Promise<PlanVersionBody> {
  return getJson<PlanVersionBody>(`/api/plans/${enc(id)}`);
}

/** One stored version. */
export function getPlanVersion(id: string, version: number): Promise<PlanVersionBody> {
  return getJson<PlanVersionBody>(`/api/plans/${enc(id)}/versions/${version}`);
}

/** The version list, as the server orders it. */
export async function listVersions(id: string): Promise<PlanVersionInfo[]> {
  const body = await getJson<PlanVersionInfo[] | { versions: PlanVersionInfo[] }>(`/api/plans/${enc(id)}/versions`);
  return Array.isArray(body) ? body : body.versions;
}

/** Store a new plan (e.g. "save as copy"): its id and version 1. */
export function createPlan(plan: FloorPlan, message?: string): Promise<PlanVersionRef> {
  return postJson<PlanVersionRef>('/api/plans', { plan, message });
}

/** Save an edit as a new version on top of `baseVersion`. @throws ApiError 409 when someone saved first. */
export function saveVersion(id: string, baseVersion: number, plan: FloorPlan, message?: string): Promise<PlanVersionRef> {
  return postJson<PlanVersionRef>(`/api/plans/${enc(id)}/versions`, { baseVersion, plan, message });
}

/** Copy version `v` as the new newest version (nothing is deleted). */
export function restoreVersion(id: string, v: number, baseVersion?: number): Promise<PlanVersionRef> {
  return postJson<PlanVersionRef>(`/api/plans/${enc(id)}/versions/${v}/restore`, baseVersion ? { baseVersion } : {});
}
