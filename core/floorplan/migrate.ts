/**
 * Upgrade older plan envelopes to the current version ({@link PLAN_VERSION}), one step per version,
 * like style-spec `migrate/v8.ts` / Excalidraw `restore.ts`. A fixture for every past version lives in
 * core/floorplan/fixtures/plan.v<N>.json and is loaded by the tests.
 *
 * Version history:
 * - v1 (STYLE.md's first envelope): `{ type, version: 1, units, name?, source?, siteId?, zones: [{ id, type, name?, points }] }`
 *   — zones only, the zone kind under `type`, vertices under `points`, no outline, doors, fixtures or branch type.
 * - v2 (current): zones use `kind` and `polygon`; `outline`, `doors`, `fixtures`, `branchType` and `name` are added.
 *   Migrating v1 takes the outline as the bounding rectangle of the zones (no walls known), branchType
 *   "full-service", and records `source: "migrated from v1 …"`.
 */
import { PLAN_VERSION, type PlanPoint } from './model';

/** A problem with a plan file: where (dotted path) and what. */
export interface PlanIssue { path: string; message: string }

/** Thrown by loadPlan when a plan cannot be read; `issues` names every bad field. */
export class PlanFormatError extends Error {
  readonly code = 'plan_format';
  constructor(readonly issues: PlanIssue[], context = 'plan') {
    super(`Invalid ${context}: ` + issues.slice(0, 6).map((i) => `${i.path}: ${i.message}`).join('; ') + (issues.length > 6 ? ` (+${issues.length - 6} more)` : ''));
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Bounding box of every finite vertex of the migrated zones, with loops: `Math.min(...xs)` spreads one argument per
 * vertex and overflows the stack on a zone of ~150,000 vertices. Malformed zones/vertices are skipped here
 * (the schema check after migration names them). All zeros when there is no finite vertex.
 */
function zonesBounds(zones: unknown[]): [number, number, number, number] {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const z of zones) {
    const ring = isObject(z) ? z.polygon : undefined;
    if (!Array.isArray(ring)) continue;
    for (const p of ring as unknown[]) {
      if (!Array.isArray(p)) continue;
      const [x, y] = p as PlanPoint;
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x0 <= x1 ? [x0, x1, y0, y1] : [0, 0, 0, 0];
}

function migrateV1toV2(raw: Json): Json {
  const zonesIn: unknown[] = Array.isArray(raw.zones) ? raw.zones : [];
  // a zone that is not an object (null, a number …) is passed through unchanged, so validation names `zones.<i>`
  const zones = zonesIn.map((z) => {
    if (!isObject(z)) return z;
    const { type, points, ...rest } = z;
    return { ...rest, kind: z.kind ?? type, polygon: z.polygon ?? points };
  });
  const [x0, x1, y0, y1] = zonesBounds(zones);
  return {
    ...raw,
    version: 2,
    name: raw.name ?? 'Untitled plan',
    branchType: raw.branchType ?? 'full-service',
    source: `migrated from v1${raw.source ? ': ' + String(raw.source) : ''}`,
    outline: raw.outline ?? { polygon: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], walls: [] },
    zones,
    doors: raw.doors ?? [],
    fixtures: raw.fixtures ?? [],
  };
}

const STEPS: Record<number, (raw: Json) => Json> = { 1: migrateV1toV2 };

/**
 * Upgrade a parsed plan envelope to the current version. Does not validate fields (loadPlan does that after).
 * @throws PlanFormatError if `version` is missing, not an integer, or newer than this build understands.
 * @example migratePlan({ type: 'outlet-planner/floorplan', version: 1, units: 'm', zones: [] }).version // 2
 */
export function migratePlan(raw: Json): Json {
  const v = raw.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new PlanFormatError([{ path: 'version', message: `expected an integer plan version 1…${PLAN_VERSION}, got ${JSON.stringify(v)}` }]);
  }
  if (v > PLAN_VERSION) {
    throw new PlanFormatError([{ path: 'version', message: `plan version ${v} is newer than this app understands (${PLAN_VERSION})` }]);
  }
  let out = raw;
  for (let from = v; from < PLAN_VERSION; from++) out = STEPS[from](out);
  return out;
}
