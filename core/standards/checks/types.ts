/** Shared shapes for check modules: one module per rule kind (core/standards/checks/<kind>.ts). */
import type { BranchSizing } from '../../queueing/erlangC';
import type { Finding, FindingLocation } from '../findings';
import type { FreeSpace, PreparedPlan, PreparedZone } from '../prepare';
import { effectiveSeverity, type RuleOf } from '../ruleSet';
import type { RuleKind } from '../ruleKinds';

/** What a check may need beyond the plan. */
export interface CheckContext {
  /** Queue sizing for the plan's linked site (core/queueing); demand-capacity rules are skipped without it. */
  sizing?: BranchSizing | null;
  /** Why there is no sizing although the plan has a demand figure (e.g. the linked site's demand is beyond one branch); the demand rules' skip reason. */
  sizingNote?: string;
}

export interface CheckModule<K extends RuleKind> {
  kind: K;
  /**
   * zone: findings belong to one zone and can be re-run for a subset (onlyZoneIds);
   * pair: findings belong to a pair of zones, re-run for pairs touching onlyZoneIds;
   * plan: whole-plan results, re-run whenever a touched zone matters to the rule.
   */
  scope: 'zone' | 'pair' | 'plan';
  /** Why this rule cannot run (e.g. no demand figure); undefined when it can. */
  skipReason?(rule: RuleOf<K>, ctx: CheckContext): string | undefined;
  run(rule: RuleOf<K>, p: PreparedPlan, ctx: CheckContext, onlyZoneIds?: ReadonlySet<string>, freeSpace?: FreeSpace): Finding[];
  /** free-space rules can re-run inside a window around a change (drag frames) */
  windowed?: boolean;
  /** whole-plan rules too slow for a drag frame: recheckZones keeps their last findings and lists them as deferred */
  deferOnDrag?: boolean;
}

/** Build a finding from a rule (severity capped for unverified sources, source and status copied). */
export function finding(
  rule: RuleOf<RuleKind>,
  f: { zoneIds?: string[]; elementIds?: string[]; at: FindingLocation; measured: number | null; required: number | null; unit: string; message: string; severity?: 'error' | 'warning' | 'info'; key?: string; vars?: Record<string, string | number> },
): Finding {
  const sev = f.severity ?? effectiveSeverity(rule);
  const capped = rule.status === 'unverified' && sev === 'error' ? 'warning' : sev;
  const label = rule.status === 'unverified' ? ` [unverified source: verify against ${rule.source.document} ${rule.source.clause}]` : '';
  return {
    ruleId: rule.id, kind: rule.kind, title: rule.title, severity: capped, status: rule.status,
    zoneIds: f.zoneIds ?? [], elementIds: f.elementIds ?? [], at: f.at,
    measured: f.measured === null ? null : round6(f.measured), required: f.required === null ? null : round6(f.required),
    unit: f.unit, message: f.message + label, ...(f.key ? { messageKey: f.key, messageVars: f.vars ?? {} } : {}), source: rule.source,
  };
}

function round6(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
}

/** Zones a rule applies to (valid ones only): by kind list, customer zones, or all. */
export function zonesFor(rule: RuleOf<RuleKind>, p: PreparedPlan): PreparedZone[] {
  const a = rule.appliesTo ?? {};
  return p.zones.filter((z) => z.valid
    && (!a.zoneKinds || a.zoneKinds.includes(z.zone.kind))
    && (!a.customerZones || z.customerAccess));
}

/** Polygon location of a zone. */
export function zoneAt(z: PreparedZone): FindingLocation {
  return { type: 'polygon', rings: [z.ring] };
}

/** English count with its noun: `countNoun(1, 'seat')` → "1 seat", `countNoun(2, 'seat')` → "2 seats" (plural given when not noun + s). */
export function countNoun(n: number, one: string, other = `${one}s`): string {
  return `${n} ${n === 1 ? one : other}`;
}

/** Format metres for messages (to the millimetre). */
export function fmtM(v: number): string {
  const t = v.toFixed(3);
  return `${t.endsWith('0') ? v.toFixed(2) : t} m`;
}
