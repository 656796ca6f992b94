/**
 * API contracts of the standards checker (shared by client and server).
 * POST /api/standards/check  { plan, profile, sizing? } → { findings, summary, profile, units, sizing }
 * POST /api/standards/sizing { siteId? | expectedCustomers? | visitsPerDay?, …assumptions } → SizingResponse
 * GET  /api/standards/profiles → the rule sets (id, title, rules with source and status)
 */
import { z } from 'zod';
import type { Finding, FindingsSummary } from '../standards/findings';
import type { BranchSizing } from '../queueing/erlangC';

export const ProfileId = z.enum(['us-ada-ibc', 'cn-gb-ga']);

const Share = z.number().gt(0).max(1);
const Target = z.object({ serviceLevelShare: z.number().gt(0).lt(1), targetWaitMin: z.number().min(0).max(240) });
const Channel = z.object({ useShare: Share, meanServiceMin: z.number().positive().max(240), target: Target }).partial();

/** Demand input: a saved site, its expected customers, or typed visits per day; every assumption overridable. */
export const SizingRequest = z.object({
  siteId: z.string().min(1).max(100).optional(),
  expectedCustomers: z.number().min(0).max(10_000_000).optional(),
  visitsPerDay: z.number().min(0).max(1_000_000).optional(),
  visitsPerResidentPerYear: z.number().min(0).max(1000).optional(),
  openDaysPerYear: z.number().positive().max(366).optional(),
  peakHourShare: Share.optional(),
  companionFactor: z.number().min(1).max(5).optional(),
  waitingAreaPerSeatM2: z.number().positive().max(20).optional(),
  counters: Channel.optional(),
  atms: Channel.optional(),
}).refine((r) => r.siteId !== undefined || r.expectedCustomers !== undefined || r.visitsPerDay !== undefined, {
  message: 'give siteId, expectedCustomers or visitsPerDay', path: ['visitsPerDay'],
});
export type SizingRequest = z.infer<typeof SizingRequest>;

export const CheckRequest = z.object({
  /** Our plan JSON (outlet-planner/floorplan, any units) or a planar GeoJSON FeatureCollection with top-level `units`. */
  plan: z.unknown(),
  profile: ProfileId,
  /** Optional demand for the counters/ATMs/seats rules (BR-07/BR-08); without it those rules are skipped. */
  sizing: SizingRequest.optional(),
});
export type CheckRequest = z.infer<typeof CheckRequest>;

/** One labelled assumption behind the sizing (shown to the user, to replace with the bank's own data). */
export interface SizingAssumption { key: string; value: number; unit: string; label: string; source: string }

export interface SizingResponse {
  /** where the visits came from */
  demandSource: 'site' | 'expectedCustomers' | 'visitsPerDay';
  siteId?: string;
  expectedCustomers?: number;
  sizing: BranchSizing;
  assumptions: SizingAssumption[];
}

export interface CheckResponse {
  profile: z.infer<typeof ProfileId>;
  /** units of the plan as sent; findings are always in metres */
  units: 'm' | 'cm' | 'mm';
  findings: Finding[];
  summary: FindingsSummary;
  sizing: SizingResponse | null;
}
