/**
 * Zone kinds are data (layouts/zone-kinds.json): id, labels (en/zh), fill colour, whether customers may
 * enter, whether the zone is secure (cash/security; reached only through access-controlled doors, GA 38 /
 * BR-11) and its functional group (the courseware's four customer zones, BR-01).
 */
import { z } from 'zod';
import kindsJson from '../../layouts/zone-kinds.json' with { type: 'json' };
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

/**
 * The name a new zone of `kind` gets when it is drawn: the kind's label in `locale` and the next free
 * index among the plan's zones, e.g. "Waiting area 2" / "等候区 2" when one waiting zone exists. An index
 * already taken by a zone's name is skipped, so the name is unique in the plan.
 * @param zones the plan's existing zones (name and kind read)
 * @param locale 'en' or 'zh' (label language); unknown kinds use the kind id as the label
 */
export function nextZoneName(zones: readonly { name: string; kind: string }[], kind: string, locale: 'en' | 'zh' = 'en'): string {
  const label = BY_ID.get(kind)?.label[locale] ?? kind;
  const names = new Set(zones.map((z) => z.name));
  let n = zones.filter((z) => z.kind === kind).length + 1;
  while (names.has(`${label} ${n}`)) n++;
  return `${label} ${n}`;
}

/**
 * How findings and labels name a zone: its own name, or — when it has none — its kind's English label and its
 * 1-based position among the plan's zones of that kind ("Waiting area 2"), never an internal id like "zone-48".
 * The id is the last resort only for a zone whose kind is unknown and unnamed.
 * @param zones every zone of the plan, in plan order (for the index)
 */
export function zoneDisplayName(zone: { id: string; name: string; kind: string }, zones: readonly { id: string; kind: string }[]): string {
  if (zone.name.trim()) return zone.name;
  const k = BY_ID.get(zone.kind);
  if (!k) return zone.id;
  const sameKind = zones.filter((z) => z.kind === zone.kind);
  const i = sameKind.findIndex((z) => z.id === zone.id);
  return `${k.label.en} ${i >= 0 ? i + 1 : sameKind.length + 1}`;
}
