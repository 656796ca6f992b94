/**
 * Read a plan file: envelope checks → migrate → validate every field → convert to metres.
 */
import { FloorPlanSpec, LengthUnit, PLAN_TYPE, type FloorPlan } from './model';
import { migratePlan, PlanFormatError, type PlanIssue } from './migrate';
import { convertPlanUnits } from './units';
import { validatePlanKinds } from './zoneKinds';
import { planLimitIssues } from './limits';

export { PlanFormatError, type PlanIssue } from './migrate';

/** Result of {@link parsePlan}: the plan in metres, or every issue found (path + message). */
export type ParsePlanResult = { plan: FloorPlan; issues: [] } | { plan?: undefined; issues: PlanIssue[] };

/**
 * Parse an untrusted plan (already JSON-decoded) into a metric {@link FloorPlan}. Never throws.
 * A plan without `units` is rejected with an issue on `units` (the plan cannot be measured); so is one beyond
 * the plausibility limits of limits.ts (e.g. 1 km wide: drawn in cm, sent as "m").
 * @example parsePlan({ ...plan, units: 'mm' }).plan?.units // 'm'
 */
export function parsePlan(raw: unknown): ParsePlanResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { issues: [{ path: '(root)', message: 'a plan must be a JSON object' }] };
  }
  const obj = raw as Record<string, unknown>;
  const issues: PlanIssue[] = [];
  if (obj.type !== PLAN_TYPE) issues.push({ path: 'type', message: `expected "${PLAN_TYPE}", got ${JSON.stringify(obj.type)}` });
  if (obj.units === undefined) issues.push({ path: 'units', message: 'units is required: one of "m", "cm", "mm" (every length in the plan is in this unit)' });
  else if (!LengthUnit.safeParse(obj.units).success) issues.push({ path: 'units', message: `units must be "m", "cm" or "mm", got ${JSON.stringify(obj.units)}` });
  if (issues.length) return { issues };
  let migrated: Record<string, unknown>;
  try {
    migrated = migratePlan(obj);
  } catch (err) {
    if (err instanceof PlanFormatError) return { issues: err.issues };
    throw err;
  }
  const parsed = FloorPlanSpec.safeParse(migrated);
  if (!parsed.success) {
    return { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })) };
  }
  const kindIssues = validatePlanKinds(parsed.data);
  if (kindIssues.length) return { issues: kindIssues };
  const plan = convertPlanUnits(parsed.data, 'm') as FloorPlan;
  const limitIssues = planLimitIssues(plan); // sizes and vertex counts a branch plan can have (limits.ts)
  if (limitIssues.length) return { issues: limitIssues };
  return { plan, issues: [] };
}

/**
 * Like {@link parsePlan} but throws.
 * @throws PlanFormatError naming every bad field (`units`, `zones.2.polygon` …).
 */
export function loadPlan(raw: unknown, context = 'plan'): FloorPlan {
  const r = parsePlan(raw);
  if (!r.plan) throw new PlanFormatError(r.issues, context);
  return r.plan;
}
