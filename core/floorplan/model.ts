/**
 * The floor-plan model: zod schemas + TypeScript types for a bank branch plan.
 *
 * Conventions (read before drawing or checking anything):
 * - Plan coordinates are `PlanPoint = [xM, yM]` in metres, **y pointing down** (as in Konva / screen space).
 *   On disk every length (coordinates and every `…M` field) is in the envelope's `units` (m, cm or mm);
 *   `loadPlan` (units.ts + migrate.ts) converts the whole plan to metres and sets `units: "m"`.
 * - Rotations are in degrees, positive = clockwise on screen (Konva's convention in y-down space):
 *   a point (x, y) rotated by θ becomes (x cosθ − y sinθ, x sinθ + y cosθ).
 * - Polygons are rings of ≥ 3 vertices, either winding, with or without a repeated closing vertex.
 * - Sizes are stored as dimensions (`widthM`, `depthM`), never as a scale factor.
 * - Every element (wall, zone, door, fixture) has an `id` unique across the whole plan.
 *
 * Door geometry: `a` and `b` are the two jambs of the opening, on the wall line. The leaf is hinged at
 * `swing.hinge` and, opened 90°, lies on `swing.side` of the directed line a→b. "left" of a direction d = (dx, dy)
 * in y-down coordinates is the normal (dy, −dx) (e.g. walking +x, left is −y, i.e. up the screen).
 * `connects` names the two zones the door joins (`"outside"` for the exterior).
 *
 * Fixture geometry: `at` is the centre of the footprint; unrotated the footprint spans `widthM` along x and
 * `depthM` along y, and the **front** (where the customer or user stands) faces +y (down the screen).
 * Rotation turns both; see geometry.ts `fixtureFootprint` / `fixtureFrontNormal`.
 */
import { z } from 'zod';

/** Current on-disk version of the envelope. Older versions are upgraded by migrate.ts. */
export const PLAN_VERSION = 2 as const;
/** The envelope's `type` tag. */
export const PLAN_TYPE = 'outlet-planner/floorplan' as const;

/** Length units accepted in a plan file; every length in the file is in this unit. */
export const LengthUnit = z.enum(['m', 'cm', 'mm']);
export type LengthUnit = z.infer<typeof LengthUnit>;

/** Branch types; standards rules apply per type. */
export const BranchType = z.enum(['full-service', 'flagship', 'community', 'self-service-pod', 'advisory-hub', 'in-store']);
export type BranchType = z.infer<typeof BranchType>;

export const ElementId = z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'ids use letters, digits and . _ : -');

/** `[xM, yM]` in plan metres (y down). */
export const PlanPoint = z.tuple([z.number(), z.number()]);
export type PlanPoint = [number, number];

export const PlanRing = z.array(PlanPoint).min(3, 'a polygon needs at least 3 vertices');

/** A wall segment: outline edge or interior partition. `a`, `b` are the centreline end points. */
export const Wall = z.object({
  id: ElementId,
  a: PlanPoint,
  b: PlanPoint,
  /** Wall thickness (SEC-02 cash-area walls ≥ 0.16 m reinforced concrete). */
  thicknessM: z.number().positive(),
  /** Runs slab to slab (SEC-01 cash-area enclosure). */
  fullHeight: z.boolean().default(true),
  /** Glazed (window or glass partition / curtain wall; SEC-03, SEC-06). */
  glazed: z.boolean().default(false),
  /** On the building envelope (faces outside). */
  exterior: z.boolean().default(false),
  /** Free text, e.g. "reinforced concrete", "steel plate 4 mm", "anti-smash glass". */
  material: z.string().max(200).optional(),
});
export type Wall = z.infer<typeof Wall>;

/** The building outline: the interior face of the envelope as a polygon, plus every wall. */
export const Outline = z.object({
  polygon: PlanRing,
  walls: z.array(Wall).default([]),
});
export type Outline = z.infer<typeof Outline>;

/** Designer-entered zone attributes; unknown keys are kept (string, number or boolean). */
export const ZoneAttributes = z.object({
  /** Open 24 hours (BR-04: needs its own exterior door and a lockable separation from the hall). */
  open24h: z.boolean().optional(),
  /** Can be locked off (e.g. the 24-h lobby from the hall). */
  lockable: z.boolean().optional(),
  /** Sprinklered (IBC travel distances, exit separation). */
  sprinklered: z.boolean().optional(),
  /** Ceiling height (SEC-01 mesh above 3.5 m). */
  ceilingHeightM: z.number().positive().optional(),
}).catchall(z.union([z.string(), z.number(), z.boolean()]));
export type ZoneAttributes = z.infer<typeof ZoneAttributes>;

/** A zone: a polygon of one kind (kinds are data: layouts/zone-kinds.json). */
export const Zone = z.object({
  id: ElementId,
  /** A zone-kind id from layouts/zone-kinds.json (checked by `validatePlanKinds`). */
  kind: z.string().min(1),
  name: z.string().max(200).default(''),
  polygon: PlanRing,
  attributes: ZoneAttributes.default({}),
});
export type Zone = z.infer<typeof Zone>;

export const DoorSwing = z.object({
  /** single/double leaf swing doors, sliding, automatic (sliding, powered), revolving, or an opening with no leaf. */
  type: z.enum(['single', 'double', 'sliding', 'automatic', 'revolving', 'opening']).default('single'),
  /** Which jamb carries the hinge (single leaf). */
  hinge: z.enum(['a', 'b']).default('a'),
  /** Side of the directed line a→b the leaf opens into (left = normal (dy, −dx) in y-down space). */
  side: z.enum(['left', 'right']).default('left'),
});
export type DoorSwing = z.infer<typeof DoorSwing>;

/** A door or opening on a wall / zone edge between two zones (or a zone and the outside). */
export const Door = z.object({
  id: ElementId,
  name: z.string().max(200).default(''),
  /** Jambs of the opening on the wall line; |b − a| is the opening (leaf) width. */
  a: PlanPoint,
  b: PlanPoint,
  /** Clear width with the door open 90° (ADA 404.2.3 ≥ 0.815 m; GB 50763 3.5.3 ≥ 0.80 m). */
  clearWidthM: z.number().positive(),
  swing: DoorSwing.default({ type: 'single', hinge: 'a', side: 'left' }),
  /** The two zones joined: zone ids, or "outside". */
  connects: z.tuple([z.string().min(1), z.string().min(1)]),
  /** An exit / exit-access door counted for egress (IBC 1006, GB 50016 5.5.8). */
  exit: z.boolean().default(false),
  mainEntrance: z.boolean().default(false),
  /** Card / PIN / remote release (BR-11: staff and cash zones only through controlled doors). */
  accessControlled: z.boolean().default(false),
  /** Part of an anti-tailgating interlocked pair (GA 38 cash-area entry, SEC-05). */
  interlocked: z.boolean().default(false),
  lockable: z.boolean().default(true),
  /** Threshold height (CNA-05 ≤ 15 mm). */
  thresholdM: z.number().min(0).optional(),
});
export type Door = z.infer<typeof Door>;

/** Fixture kinds the checks know about. */
export const FixtureKind = z.enum([
  'counter', 'low-counter', 'atm', 'kiosk', 'seat', 'camera', 'alarm', 'queue-barrier', 'desk', 'table', 'enquiry-desk', 'cabinet',
]);
export type FixtureKind = z.infer<typeof FixtureKind>;

export const FixtureAttributes = z.object({
  /** Counter or device serves cash (teller positions behind glazing). */
  cash: z.boolean().optional(),
  /** Security glazing above a counter (ADA 904.6 voice communication needed). */
  glazed: z.boolean().optional(),
  voiceComm: z.boolean().optional(),
  /** Accessible device / counter portion (ADA 220.1, 904.4). */
  accessible: z.boolean().optional(),
  /** Through-wall ATM (SEC-09). */
  throughWall: z.boolean().optional(),
  /** Number of teller / service positions along a counter (default 1). */
  positions: z.number().int().positive().optional(),
  /** Camera field of view and range (SEC-07). */
  fieldOfViewDeg: z.number().positive().max(360).optional(),
  rangeM: z.number().positive().optional(),
}).catchall(z.union([z.string(), z.number(), z.boolean()]));
export type FixtureAttributes = z.infer<typeof FixtureAttributes>;

/** A fixture: counter, ATM, seat, camera … A footprint (w × d) centred on `at`, rotated, with a front. */
export const Fixture = z.object({
  id: ElementId,
  kind: FixtureKind,
  name: z.string().max(200).default(''),
  /** Centre of the footprint. */
  at: PlanPoint,
  /** Footprint along the front (local x). */
  widthM: z.number().positive(),
  /** Footprint front-to-back (local y). */
  depthM: z.number().positive(),
  /** Degrees, clockwise on screen; the front faces local +y rotated by this. */
  rotationDeg: z.number().default(0),
  /** Height of the top / operable parts above the floor (counters: ADA 904.4 ≤ 0.915 m; GB 50763 0.70–0.85 m). */
  heightM: z.number().positive(),
  attributes: FixtureAttributes.default({}),
});
export type Fixture = z.infer<typeof Fixture>;

/** The plan as stored (current version), before unit conversion: lengths in `units`. */
export const FloorPlanSpec = z.object({
  type: z.literal(PLAN_TYPE),
  version: z.literal(PLAN_VERSION),
  units: LengthUnit,
  name: z.string().min(1).max(200),
  branchType: BranchType,
  /** The saved site (POST /api/sites) this plan belongs to. */
  siteId: z.string().min(1).optional(),
  /** Where the plan came from (sample, import, editor). */
  source: z.string().max(500).optional(),
  description: z.string().max(4000).optional(),
  outline: Outline,
  zones: z.array(Zone).default([]),
  doors: z.array(Door).default([]),
  fixtures: z.array(Fixture).default([]),
}).superRefine((plan, ctx) => {
  const seen = new Map<string, string>();
  const note = (id: string, path: (string | number)[]) => {
    const prev = seen.get(id);
    if (prev) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate id "${id}" (already used at ${prev})` });
    else seen.set(id, path.join('.'));
  };
  plan.outline.walls.forEach((w, i) => note(w.id, ['outline', 'walls', i]));
  plan.zones.forEach((z, i) => note(z.id, ['zones', i]));
  plan.doors.forEach((d, i) => note(d.id, ['doors', i]));
  plan.fixtures.forEach((f, i) => note(f.id, ['fixtures', i]));
  plan.doors.forEach((d, i) => d.connects.forEach((c, j) => {
    if (c !== 'outside' && !plan.zones.some((z) => z.id === c)) {
      ctx.addIssue({ code: 'custom', path: ['doors', i, 'connects', j], message: `door connects unknown zone "${c}" (use a zone id or "outside")` });
    }
  }));
});
export type FloorPlanSpec = z.infer<typeof FloorPlanSpec>;

/** A loaded plan: always in metres (`units: "m"`). Same shape as the spec. */
export type FloorPlan = FloorPlanSpec & { units: 'm' };

/** Element collections inside a plan (walls live in outline.walls). */
export type PlanElement = Wall | Zone | Door | Fixture;
export type ElementCollection = 'walls' | 'zones' | 'doors' | 'fixtures';
