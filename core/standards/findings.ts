/**
 * Findings: what a standards check reports. Findings are data, never exceptions (STYLE.md habit 4).
 * Every finding names the rule, where it is (in plan metres, y down), what was measured against what was
 * required (with the unit) and the source clause with its verification status.
 */
import type { PlanPoint } from '../floorplan/model';

export type Severity = 'error' | 'warning' | 'info';
/**
 * Verification status of a rule's source, as tagged in ../shared/docs/FLOORPLAN-STANDARDS.md:
 * verified (V: read in the source), secondary (S: only in a secondary source), unverified (K: background
 * knowledge, not re-read), derived (computed from verified inputs, e.g. Erlang C sizing), heuristic (product default).
 */
export type SourceStatus = 'verified' | 'secondary' | 'unverified' | 'derived' | 'heuristic';

/** Where a finding is, in plan metres. */
export type FindingLocation =
  | { type: 'point'; point: PlanPoint }
  | { type: 'segment'; a: PlanPoint; b: PlanPoint }
  | { type: 'polygon'; rings: PlanPoint[][] };

export interface RuleSource {
  document: string;
  clause: string;
  url?: string;
}

export interface Finding {
  ruleId: string;
  kind: string;
  title: string;
  severity: Severity;
  /** Verification status of the source; "unverified" findings are never errors. */
  status: SourceStatus;
  zoneIds: string[];
  /** Fixtures and doors involved, if any. */
  elementIds: string[];
  at: FindingLocation;
  measured: number | null;
  required: number | null;
  /** Unit of measured/required: m, m2, count, persons, min, share. */
  unit: string;
  message: string;
  /** Message template key (client/i18n/standards.ts `standards.msg.<key>`) and its values, for localised display. */
  messageKey?: string;
  messageVars?: Record<string, string | number>;
  source: RuleSource;
}

export interface FindingsSummary {
  errors: number;
  warnings: number;
  infos: number;
  rulesRun: number;
  /** Rule ids that produced no error or warning. */
  rulesPassed: string[];
  /** Rule ids skipped for this branch type or for missing context (e.g. no demand figure). */
  rulesSkipped: { ruleId: string; reason: string; reasonKey?: string; reasonVars?: Record<string, string | number> }[];
}

/** Count findings by severity and list the rules that passed. */
export function summarizeFindings(findings: Finding[], ruleIdsRun: string[], skipped: FindingsSummary['rulesSkipped']): FindingsSummary {
  const failing = new Set(findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId));
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
    rulesRun: ruleIdsRun.length,
    rulesPassed: ruleIdsRun.filter((id) => !failing.has(id)),
    rulesSkipped: skipped,
  };
}

/**
 * The centre of a finding's location, plan metres: the point itself; a segment's midpoint; for polygons the mean of
 * every ring's vertices. Rule for a location with no vertex at all (an empty polygon list): the plan origin [0, 0],
 * so callers (the editor's focus, the drag-window merge) always get a finite point.
 * @example findingCentre({ type: 'segment', a: [0, 0], b: [4, 2] }) // [2, 1]
 */
export function findingCentre(at: FindingLocation): PlanPoint {
  if (at.type === 'point') return at.point;
  if (at.type === 'segment') return [(at.a[0] + at.b[0]) / 2, (at.a[1] + at.b[1]) / 2];
  let x = 0, y = 0, n = 0;
  for (const ring of at.rings) for (const p of ring) { x += p[0]; y += p[1]; n++; }
  return n ? [x / n, y / n] : [0, 0];
}

/** Round a measured value for display/comparison (mm for metres, 0.01 m² for areas). */
export function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}
