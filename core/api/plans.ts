import { z } from 'zod';
import { BranchType } from '../floorplan/model';
import { boundedJsonRecord } from './jsonBounds';
import { networkId } from './sites';

/**
 * Request/response contracts of the floor-plan store (issue 4 item 3) and saved sites, shared by the server
 * (validation) and the client (types). The plan body itself is validated by core/floorplan/load.ts
 * (`parsePlan`), so its errors name the field inside the plan (`plan.units`, `plan.zones.2.polygon`).
 */

/** Plan ids: samples use their file stem (`sample-community-150`), new plans `plan-<8 hex>`. */
export const planIdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'plan ids are letters, digits, . _ -') });
/**
 * A version number in a path or query string: decimal digits only (`0x1`, `1e3`, ` 1`, `1.0` are refused — `Number()`
 * would read them as 1, 1000, 1, 1), then an integer 1 … 2^31−1.
 */
export const versionNumberText = z.string()
  .regex(/^[0-9]{1,10}$/, 'a version is a decimal integer ≥ 1 (digits only)')
  .transform(Number)
  .pipe(z.number().int().min(1, 'versions start at 1').max(2 ** 31 - 1, 'version too large'));
export const planVersionParam = planIdParam.extend({ v: versionNumberText });

/** `POST /api/plans` body: a plan in any supported units/version (converted to metres before storing). */
export const createPlanRequest = z.object({
  plan: z.unknown().refine((v) => v !== undefined, 'plan is required'),
  message: z.string().max(500).optional(),
});
export type CreatePlanRequest = z.infer<typeof createPlanRequest>;

/** `POST /api/plans/:id/versions` body: the version the edit started from, and the edited plan. */
export const saveVersionRequest = z.object({
  baseVersion: z.number().int().min(1),
  plan: z.unknown().refine((v) => v !== undefined, 'plan is required'),
  message: z.string().max(500).optional(),
});
export type SaveVersionRequest = z.infer<typeof saveVersionRequest>;

/**
 * `POST /api/plans/:id/versions/:v/restore` body: `baseVersion` = the newest version the caller has seen (required, as for
 * a save): 409 unless it is still the newest, so a restore never silently buries a version saved meanwhile.
 */
export const restoreVersionRequest = z.object({ baseVersion: z.number().int().min(1) });

/** `POST /api/plans/:id/versions/prune` body: how many of the newest versions to keep (older ones are deleted). */
export const pruneVersionsRequest = z.object({ keepLatest: z.number().int().min(1).max(100_000) }).strict();

/** Answer of a prune: which versions were deleted and which remain. */
export interface PruneVersionsResponse { id: string; pruned: number[]; kept: number[] }

/** Answer of create / save / restore: the plan id and the version just written. */
export interface PlanVersionRef { id: string; version: number }

/** One row of `GET /api/plans`. */
export interface PlanSummary {
  id: string;
  name: string;
  branchType: z.infer<typeof BranchType>;
  siteId: string | null;
  /** Newest version number. */
  version: number;
  /** True for the read-only samples shipped in layouts/plans/ (their version 1 is the file). */
  sample: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One row of `GET /api/plans/:id/versions`. */
export interface PlanVersionInfo {
  version: number;
  name: string;
  createdAt: string;
  message: string | null;
  /** Set when this version was written by restoring an older one. */
  restoredFrom: number | null;
}

/** `GET /api/plans/:id` and `GET /api/plans/:id/versions/:v`: one stored version, plan in metres. */
export interface PlanVersionBody extends PlanVersionInfo {
  id: string;
  /** The newest version at the time of reading (so a client knows whether it is looking at an old one). */
  latestVersion: number;
  sample: boolean;
  plan: import('../floorplan/model').FloorPlan;
}

// ── saved sites ──

/** The scoring network the site was scored for (`params.ownNetwork` of the scoring response fits: id, name, branches). */
export const ownNetwork = z.object({
  /** `cert:<CERT>` or `hc:<RSSDHCR>` as in the scoring API (checked), or null for a new entrant. */
  id: networkId.nullable().default(null),
  name: z.string().max(300).optional(),
  /** Number of own branches at the time of scoring. */
  branches: z.number().int().min(0).optional(),
  /** Branch ids (UNINUMBR) of the own network at the time of scoring (optional snapshot). */
  branchIds: z.array(z.number().int()).max(20_000).optional(),
});

/** `POST /api/sites` body (flat form): a snapshot of a scored site. */
export const saveSiteFlat = z.object({
  name: z.string().min(1).max(200).default('Saved site'),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  ownNetwork: ownNetwork.nullable().default(null),
  /** Scoring parameters and weights used (echo of the scoring response's `params`). */
  parameters: boundedJsonRecord().default({}),
  /** Expected customers (residents in the catchment expected to bank here), drives queue sizing (issue 5). */
  expectedCustomers: z.number().min(0).max(1e8),
  /** The scored site as returned by `POST /api/sites/score` (opaque snapshot). */
  score: boundedJsonRecord().optional(),
  notes: z.string().max(4000).optional(),
});

/**
 * `POST /api/sites` body: the flat form, or straight from a scoring response —
 * `{ name?, site: <one of response.sites>, params: response.params, notes? }` — from which lng, lat,
 * `expectedCustomers` (= `site.factors.competition.expectedCustomers`), `ownNetwork` and `parameters` are taken.
 */
export const saveSiteRequest = z.preprocess((raw) => {
  if (!raw || typeof raw !== 'object' || !('site' in raw)) return raw;
  const { site, params, ...rest } = raw as { site?: Record<string, any>; params?: Record<string, any> };
  if (!site || typeof site !== 'object') return raw;
  return {
    name: site.id !== undefined ? `Site ${site.id}` : undefined,
    ...rest,
    lng: site.lng, lat: site.lat,
    expectedCustomers: site.factors?.competition?.expectedCustomers,
    ownNetwork: params?.ownNetwork ?? null,
    parameters: params ?? {},
    score: site,
  };
}, saveSiteFlat);
export type SaveSiteRequest = z.infer<typeof saveSiteFlat>;

export const siteIdParam = z.object({ id: z.string().regex(/^site-[0-9a-f]{8,32}$/, 'saved site ids look like site-<hex>') });

/** `GET /api/sites/:id`. */
export type SavedSite = SaveSiteRequest & { id: string; createdAt: string };
