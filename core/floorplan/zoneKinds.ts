/**
 * Zone kinds are data (layouts/zone-kinds.json): id, labels (en/zh), fill colour, whether customers may
 * enter, whether the zone is secure (cash/security; reached only through access-controlled doors, GA 38 /
 * BR-11) and its functional group (the courseware's four customer zones, BR-01).
 */
import { z } from 'zod';
import kindsJson from '../../layouts/zone-kinds.json';
import type { FloorPlan, FloorPlanSpec } from './model';
import type { PlanIssue } from './migrate';

export const ZoneKind = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'zone kind ids are kebab-case'),
  label: z.object({ en: z.string().min(1), zh: z.string().min(1) }),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour is #rrggbb'),
  customerAccess: z.boolean(),
  secure: z.boolean(),
  functionalGroup: z.enum(['reception', 'counters', 'self-service', 'waiting', 'consultation', 'circulation', 'amenity', 'cash', 'staff']),
});
export type ZoneKind = z.infer<typeof ZoneKind>;

export const ZoneKindsFile = z.object({ $comment: z.string().optional(), kinds: z.array(ZoneKind).min(1) });

/** Every zone kind, in file order (parsed and validated once at module load). */
export const ZONE_KINDS: readonly ZoneKind[] = ZoneKindsFile.parse(kindsJson).kinds;

const BY_ID = new Map(ZONE_KINDS.map((k) => [k.id, k]));

/** The kind with this id, or undefined. */
export function zoneKind(id: string): ZoneKind | undefined {
  return BY_ID.get(id);
}

/** Fill colour for a kind (grey for unknown kinds). */
export function zoneKindColour(id: string): string {
  return BY_ID.get(id)?.colour ?? '#cccccc';
}

/** Issues for zones whose `kind` is not in layouts/zone-kinds.json (path `zones.<i>.kind`). */
export function validatePlanKinds(plan: FloorPlan | FloorPlanSpec): PlanIssue[] {
  return plan.zones.flatMap((z, i) => (BY_ID.has(z.kind) ? [] : [{ path: `zones.${i}.kind`, message: `unknown zone kind "${z.kind}" (see GET /api/zone-kinds)` }]));
}
