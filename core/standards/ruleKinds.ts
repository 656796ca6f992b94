/**
 * The check kinds and their parameters (zod). A rule in layouts/standards/*.json names one kind and gives
 * its params; a new rule of an existing kind is a data edit. Units are in the key names (M, M2, Persons …).
 * Each kind is implemented by one module in ./checks/.
 */
import { z } from 'zod';

const kinds = z.array(z.string().min(1)).min(1);
const pos = z.number().positive();

export const RULE_PARAMS = {
  /** Degenerate or invalid zone polygons (zero area, collinear, self-intersecting, spike). */
  'zone-validity': z.object({ minAreaM2: z.number().min(0).default(0.01), spikeAngleDeg: z.number().min(0).max(30).default(1) }),
  /** Each group must be present at least minCount times (by zone kind or functional group). */
  'required-zones': z.object({
    groups: z.array(z.object({
      label: z.string().min(1),
      zoneKinds: kinds.optional(),
      functionalGroups: kinds.optional(),
      minCount: z.number().int().positive().default(1),
    })).min(1),
  }),
  /** Zone area within [minAreaM2, maxAreaM2]. */
  'zone-area': z.object({ minAreaM2: z.number().min(0).optional(), maxAreaM2: pos.optional() }),
  /** No two zones overlap by more than toleranceM2 (touching is not overlapping). */
  'zone-overlap': z.object({ toleranceM2: z.number().min(0).default(0.01) }),
  /** Every zone lies inside the outline (area outside ≤ toleranceM2). */
  'zone-containment': z.object({ toleranceM2: z.number().min(0).default(0.01) }),
  /** Zones of kindsA must share ≥ minSharedEdgeM of boundary (or a door) with a zone of kindsB. */
  'adjacency': z.object({ kindsA: kinds, kindsB: kinds, minSharedEdgeM: z.number().min(0).default(0.9) }),
  /** Customer route free space eroded by half the width stays connected (necks and eroded-away zones reported). */
  'clear-width': z.object({
    minWidthM: pos,
    minZoneAreaM2: z.number().min(0).default(1),
    /** a part counts as a place to reach when its eroded area is at least this (a junction blob between seats is not) */
    minWideAreaM2: z.number().min(0).default(0.25),
  }),
  /** Largest inscribed circle of the zone's free space has at least this diameter. */
  'turning-circle': z.object({ diameterM: pos }),
  /** Obstacle-free rectangle in front of each fixture of the given kinds, inside customer space and on the route. */
  'clear-floor-space': z.object({ fixtureKinds: kinds, widthM: pos, depthM: pos }),
  /** Every customer zone is reachable from the main entrance through doors or open shared edges. */
  'reachability': z.object({ minOpeningM: pos.default(0.8) }),
  /** From any point of the customer zones to the nearest exit door: walking path or straight line. */
  'travel-distance': z.object({
    method: z.enum(['path', 'straight']),
    maxM: pos,
    maxSprinkleredM: pos.optional(),
    gridM: pos.default(0.25),
  }),
  /** Occupant load (area ÷ factor per zone kind) → number of exits required, and their separation. */
  'exit-count': z.object({
    loadFactorsM2PerPerson: z.record(z.string(), pos),
    defaultLoadFactorM2PerPerson: pos,
    /** occupants ≥ minOccupants → exits (the largest matching row wins). */
    exitsByOccupants: z.array(z.object({ minOccupants: z.number().int().min(0), exits: z.number().int().positive() })).min(1),
    /** Separation of two required exits: a fraction of the outline's diagonal, or a fixed distance. */
    separation: z.union([
      z.object({ mode: z.literal('diagonal-fraction'), fraction: pos, fractionSprinklered: pos.optional() }),
      z.object({ mode: z.literal('min-distance'), minM: pos }),
    ]).optional(),
  }),
  /** Sum of exit clear widths ≥ occupants × widthPerOccupantM. */
  'egress-width': z.object({
    loadFactorsM2PerPerson: z.record(z.string(), pos),
    defaultLoadFactorM2PerPerson: pos,
    widthPerOccupantM: pos,
    minExitWidthM: z.number().min(0).default(0),
  }),
  /** Doors' clear width. */
  'door-width': z.object({ minClearWidthM: pos, automaticMinClearWidthM: pos.optional(), exitsOnly: z.boolean().default(false) }),
  /** A band in front of counters and devices: no seats inside, no overlap with another device's band. */
  'privacy-band': z.object({ fixtureKinds: kinds, bandDepthM: pos, forbiddenFixtureKinds: kinds.default(['seat']), toleranceM2: z.number().min(0).default(0.01) }),
  /** Secure / staff zones reachable from customer space only through access-controlled doors. */
  'secure-access': z.object({ zoneKinds: kinds.optional(), secureOnly: z.boolean().default(true), minOpeningM: pos.default(0.3) }),
  /** Counters, ATMs or waiting seats against the demand sized by Erlang C (core/queueing). */
  'demand-capacity': z.object({ channel: z.enum(['counters', 'atms', 'seats']), fixtureKinds: kinds }),
  /** Waiting area per seat. */
  'waiting-area-per-seat': z.object({ zoneKinds: kinds, minM2PerSeat: pos }),
  /** Low (accessible) counters present with top height in range. */
  'low-counter': z.object({ fixtureKinds: kinds, minHeightM: z.number().min(0).default(0), maxHeightM: pos, minCount: z.number().int().positive().default(1) }),
  /** Zones of these kinds enclosed by full-height walls at least minThicknessM thick on every edge (door openings excepted). */
  'enclosure-walls': z.object({ zoneKinds: kinds, minThicknessM: pos, allowGlazed: z.boolean().default(true), minGapM: pos.default(0.05) }),
  /** At least minCount fixtures of these kinds with the attribute `attribute` true, in every zone holding such fixtures. */
  'accessible-device': z.object({ fixtureKinds: kinds, attribute: z.string().min(1).default('accessible'), minCount: z.number().int().positive().default(1) }),
  /** Zones open 24 h have their own exterior door, and every door from them into the branch is lockable. */
  'open24h-separation': z.object({ attribute: z.string().min(1).default('open24h') }),
  /** Fixture attributes: height/depth limits and flags that must be true, optionally only for fixtures with a flag set (`when`). */
  'fixture-attribute': z.object({
    fixtureKinds: kinds,
    when: z.string().min(1).optional(),
    minHeightM: pos.optional(),
    maxHeightM: pos.optional(),
    minDepthM: pos.optional(),
    requireTrue: z.array(z.string().min(1)).default([]),
  }),
  /** An emergency alarm within maxDistanceM of every (cash) counter position, and at least one in a customer (non-cash) zone. */
  'alarm-coverage': z.object({
    counterKinds: kinds, cashOnly: z.boolean().default(true), alarmKind: z.string().min(1).default('alarm'),
    maxDistanceM: pos.default(1.5), customerAreaAlarm: z.boolean().default(true),
  }),
  /** Through-wall devices sit on an edge shared by a customer zone (front) and a zone of backKinds (body), e.g. cash loading (SEC-09). */
  'through-wall-device': z.object({ fixtureKinds: kinds, attribute: z.string().min(1).default('throughWall'), backKinds: kinds, toleranceM: pos.default(0.15) }),
  /** No counter of these kinds (cash only) lies in front of the main entrance within maxDistanceM, along its inward normal ± halfAngleDeg (SEC-06). */
  'entrance-sightline': z.object({ fixtureKinds: kinds, cashOnly: z.boolean().default(true), maxDistanceM: pos.default(30), halfWidthM: z.number().min(0).default(0) }),
} as const;

export type RuleKind = keyof typeof RULE_PARAMS;
export const RULE_KINDS = Object.keys(RULE_PARAMS) as RuleKind[];
export type RuleParams<K extends RuleKind> = z.infer<(typeof RULE_PARAMS)[K]>;
