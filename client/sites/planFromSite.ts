import { createPlan, getPlanVersion, listPlans, type PlanSummary } from '../api/plans';

/** The sample a new branch plan starts from (layouts/plans/community-150.plan.json). */
export const STARTER_PLAN_ID = 'community-150';

/** The starter sample among the listed plans: `community-150`, else any compliant community sample. */
export function pickStarterPlan(plans: PlanSummary[]): PlanSummary | undefined {
  return plans.find((p) => p.sample && p.id === STARTER_PLAN_ID)
    ?? plans.find((p) => p.sample && p.branchType === 'community' && !/noncompliant/.test(p.id));
}

/**
 * "Plan a branch here": copy the starter sample's SHIPPED version (version 1, the file in layouts/plans — never the
 * newest, which may carry someone's saved edits) as a new plan named `name`, linked to the saved site `siteId`
 * (`POST /api/plans`). Returns the new plan's id and version.
 * @throws Error when no starter sample is listed; ApiError from the server otherwise.
 */
export async function createPlanFromSavedSite(args: { siteId: string; name: string }): Promise<{ id: string; version: number }> {
  const starter = pickStarterPlan(await listPlans());
  if (!starter) throw new Error(`no "${STARTER_PLAN_ID}" sample plan`);
  const { plan: base } = await getPlanVersion(starter.id, 1);
  return createPlan({ ...base, name: args.name, siteId: args.siteId, source: `copy of sample ${starter.id} v1` },
    `planned from saved site ${args.siteId}`);
}
