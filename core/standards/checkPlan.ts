/**
 * The standards checker: run a rule set over a floor plan and return findings + a summary.
 * `checkPlan` runs every rule for the plan's branch type; `recheckZones` re-runs only what a change to some
 * zones touches (zone-scoped rules for those zones, pair rules for pairs involving them, plan rules whose
 * subject the changed zones are), keeping every other finding from the previous result.
 */
import type { FloorPlan } from '../floorplan/model';
import { findingCentre, summarizeFindings, type Finding, type FindingsSummary } from './findings';
import { preparePlan, type PreparedPlan } from './prepare';
import { ruleAppliesToBranch, type AnyRule, type RuleSet } from './ruleSet';
import type { RuleKind } from './ruleKinds';
import type { CheckContext, CheckModule } from './checks/types';
import { zoneValidity } from './checks/zoneValidity';
import { requiredZones } from './checks/requiredZones';
import { zoneArea } from './checks/zoneArea';
import { zoneOverlap } from './checks/zoneOverlap';
import { zoneContainment } from './checks/zoneContainment';
import { adjacency } from './checks/adjacency';
import { clearWidth } from './checks/clearWidth';
import { turningCircle } from './checks/turningCircle';
import { clearFloorSpace } from './checks/clearFloorSpace';
import { reachability } from './checks/reachability';
import { travelDistance } from './checks/travelDistance';
import { exitCount } from './checks/exitCount';
import { egressWidth } from './checks/egressWidth';
import { doorWidth } from './checks/doorWidth';
import { privacyBand } from './checks/privacyBand';
import { secureAccess } from './checks/secureAccess';
import { demandCapacity, NO_DEMAND_REASON } from './checks/demandCapacity';
import { waitingAreaPerSeat } from './checks/waitingAreaPerSeat';
import { lowCounter } from './checks/lowCounter';
import { enclosureWalls } from './checks/enclosureWalls';
import { accessibleDevice } from './checks/accessibleDevice';
import { open24hSeparation } from './checks/open24hSeparation';
import { fixtureAttribute } from './checks/fixtureAttribute';
import { alarmCoverage } from './checks/alarmCoverage';
import { throughWallDevice } from './checks/throughWallDevice';
import { entranceSightline } from './checks/entranceSightline';

export type { CheckContext } from './checks/types';

/** One module per rule kind. */
export const CHECKS: { [K in RuleKind]: CheckModule<K> } = {
  'zone-validity': zoneValidity, 'required-zones': requiredZones, 'zone-area': zoneArea, 'zone-overlap': zoneOverlap,
  'zone-containment': zoneContainment, adjacency, 'clear-width': clearWidth, 'turning-circle': turningCircle,
  'clear-floor-space': clearFloorSpace, reachability, 'travel-distance': travelDistance, 'exit-count': exitCount,
  'egress-width': egressWidth, 'door-width': doorWidth, 'privacy-band': privacyBand, 'secure-access': secureAccess,
  'demand-capacity': demandCapacity, 'waiting-area-per-seat': waitingAreaPerSeat, 'low-counter': lowCounter,
  'enclosure-walls': enclosureWalls, 'accessible-device': accessibleDevice, 'open24h-separation': open24hSeparation,
  'fixture-attribute': fixtureAttribute, 'alarm-coverage': alarmCoverage,
  'through-wall-device': throughWallDevice, 'entrance-sightline': entranceSightline,
};

export interface CheckResult {
  ruleSetId: string;
  branchType: string;
  findings: Finding[];
  summary: FindingsSummary;
  /** rules whose findings were carried over from the previous full check during a drag (re-run by checkPlan) */
  deferredRuleIds?: string[];
}

/** Margin (m) around changed zones for windowed free-space re-checks; findings within half of it are replaced. */
export const DRAG_WINDOW_MARGIN_M = 4;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function sortFindings(f: Finding[]): Finding[] {
  return f.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId));
}

function applicable(ruleSet: RuleSet, plan: FloorPlan, ctx: CheckContext) {
  const run: AnyRule[] = [];
  const skipped: FindingsSummary['rulesSkipped'] = [];
  for (const rule of ruleSet.rules) {
    if (!ruleAppliesToBranch(rule, plan.branchType)) { skipped.push({ ruleId: rule.id, reason: `not for branch type ${plan.branchType}`, reasonKey: 'branchType', reasonVars: { type: plan.branchType } }); continue; }
    const mod = CHECKS[rule.kind] as CheckModule<RuleKind>;
    const reason = mod.skipReason?.(rule as never, ctx);
    if (reason) { skipped.push({ ruleId: rule.id, reason, ...(reason === NO_DEMAND_REASON ? { reasonKey: 'noDemand' } : {}) }); continue; }
    run.push(rule);
  }
  return { run, skipped };
}

function runRule(rule: AnyRule, p: PreparedPlan, ctx: CheckContext, only?: ReadonlySet<string>): Finding[] {
  const mod = CHECKS[rule.kind] as CheckModule<RuleKind>;
  return mod.run(rule as never, p, ctx, only);
}

/**
 * Check a plan (in metres, from core/floorplan/load.ts) against a rule set.
 * Degenerate zones yield zone-validity findings and are skipped by the geometric checks; nothing throws
 * on odd geometry.
 */
export function checkPlan(plan: FloorPlan, ruleSet: RuleSet, ctx: CheckContext = {}, prepared?: PreparedPlan): CheckResult {
  const p = prepared ?? preparePlan(plan);
  const { run, skipped } = applicable(ruleSet, plan, ctx);
  const findings = run.flatMap((rule) => runRule(rule, p, ctx));
  return { ruleSetId: ruleSet.id, branchType: plan.branchType, findings: sortFindings(findings), summary: summarizeFindings(findings, run.map((r) => r.id), skipped) };
}

/** Whether a plan-scoped rule's outcome can depend on the changed zones. */
function planRuleTouched(rule: AnyRule, p: PreparedPlan, prevPlan: FloorPlan, changed: ReadonlySet<string>): boolean {
  const kinds = new Set<string>();
  for (const id of changed) {
    const now = p.zoneById.get(id)?.zone.kind;
    const before = prevPlan.zones.find((z) => z.id === id)?.kind;
    if (now) kinds.add(now);
    if (before) kinds.add(before);
  }
  if (!kinds.size) return true; // added/removed unknown zone: be safe
  const a = rule.appliesTo;
  if (rule.kind === 'required-zones') return true;
  if (rule.kind === 'adjacency') return [...kinds].some((k) => rule.params.kindsA.includes(k) || rule.params.kindsB.includes(k));
  if (rule.kind === 'waiting-area-per-seat') return [...kinds].some((k) => rule.params.zoneKinds.includes(k));
  if (rule.kind === 'demand-capacity' || rule.kind === 'door-width' || rule.kind === 'low-counter' || rule.kind === 'privacy-band'
    || rule.kind === 'fixture-attribute' || rule.kind === 'alarm-coverage') return false; // fixtures and doors only
  if (a.zoneKinds) return [...kinds].some((k) => a.zoneKinds!.includes(k));
  return true;
}

/**
 * Re-check after some zones changed (e.g. one dragged zone): re-runs zone rules for those zones, pair rules
 * for pairs involving them and the plan rules they touch; keeps the other findings of `prev`. Free-space rules
 * (clear width, clear floor space) re-run inside a window DRAG_WINDOW_MARGIN_M around the change and replace
 * only findings near it; whole-plan walking distances are deferred (kept, listed in deferredRuleIds) until the
 * next checkPlan — the editor runs a full check in its worker when the drag ends.
 * Fixture or door edits should call checkPlan (they are not zone changes).
 */
export function recheckZones(prev: CheckResult, prevPlan: FloorPlan, plan: FloorPlan, ruleSet: RuleSet, changedZoneIds: readonly string[], ctx: CheckContext = {}): CheckResult {
  const changed = new Set(changedZoneIds);
  const p = preparePlan(plan);
  // the window around the change: old and new bounds of the changed zones
  let win = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const z of [...prevPlan.zones, ...plan.zones]) {
    if (!changed.has(z.id)) continue;
    for (const [x, y] of z.polygon) win = { minX: Math.min(win.minX, x), minY: Math.min(win.minY, y), maxX: Math.max(win.maxX, x), maxY: Math.max(win.maxY, y) };
  }
  const haveWin = Number.isFinite(win.minX);
  const M = DRAG_WINDOW_MARGIN_M;
  const inner = { minX: win.minX - M / 2, minY: win.minY - M / 2, maxX: win.maxX + M / 2, maxY: win.maxY + M / 2 };
  const inInner = (f: Finding) => { const [x, y] = findingCentre(f.at); return x >= inner.minX && x <= inner.maxX && y >= inner.minY && y <= inner.maxY; };
  let winFs: ReturnType<PreparedPlan['freeSpaceIn']> | undefined;
  const deferred: string[] = [];
  const { run, skipped } = applicable(ruleSet, plan, ctx);
  const runIds = new Set(run.map((r) => r.id));
  const kept: Finding[] = [];
  const fresh: Finding[] = [];
  const byRule = new Map<string, Finding[]>();
  for (const f of prev.findings) if (runIds.has(f.ruleId)) (byRule.get(f.ruleId) ?? byRule.set(f.ruleId, []).get(f.ruleId)!).push(f);
  for (const rule of run) {
    const mod = CHECKS[rule.kind] as CheckModule<RuleKind>;
    const old = byRule.get(rule.id) ?? [];
    if (mod.scope === 'zone' || mod.scope === 'pair') {
      kept.push(...old.filter((f) => !f.zoneIds.some((z) => changed.has(z))));
      fresh.push(...runRule(rule, p, ctx, changed));
    } else if (planRuleTouched(rule, p, prevPlan, changed)) {
      if (mod.deferOnDrag) { kept.push(...old); deferred.push(rule.id); continue; }
      if (mod.windowed && haveWin) {
        winFs ??= p.freeSpaceIn({ minX: win.minX - M, minY: win.minY - M, maxX: win.maxX + M, maxY: win.maxY + M });
        kept.push(...old.filter((f) => !inInner(f)));
        fresh.push(...mod.run(rule as never, p, ctx, undefined, winFs).filter(inInner));
        continue;
      }
      fresh.push(...runRule(rule, p, ctx));
    } else {
      kept.push(...old);
    }
  }
  const findings = [...kept, ...fresh];
  return { ruleSetId: ruleSet.id, branchType: plan.branchType, findings: sortFindings(findings), summary: summarizeFindings(findings, run.map((r) => r.id), skipped), deferredRuleIds: deferred };
}
