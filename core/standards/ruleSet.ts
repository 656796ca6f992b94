/**
 * Rule sets as data: the zod schema of layouts/standards/*.json (ruleset.schema.json is generated from it).
 * Each rule: id, kind (a check module), appliesTo (zone / fixture kinds), params with units in their names,
 * severity, source (document + clause), the source's verification status from FLOORPLAN-STANDARDS.md and the
 * branch types it applies to. Rules whose status is "unverified" report warnings labelled unverified, never errors.
 */
import { z } from 'zod';
import { RULE_PARAMS, type RuleKind, type RuleParams } from './ruleKinds';
import type { Severity, SourceStatus } from './findings';

const Status = z.enum(['verified', 'secondary', 'unverified', 'derived', 'heuristic']);
const SeverityZ = z.enum(['error', 'warning', 'info']);
const Source = z.object({ document: z.string().min(1), clause: z.string().min(1), url: z.string().optional() });
const AppliesTo = z.object({
  zoneKinds: z.array(z.string().min(1)).optional(),
  /** all zones customers may enter (zone-kinds.json customerAccess) */
  customerZones: z.boolean().optional(),
  fixtureKinds: z.array(z.string().min(1)).optional(),
}).default({});

const ruleVariants = (Object.keys(RULE_PARAMS) as RuleKind[]).map((kind) => z.object({
  id: z.string().regex(/^[A-Z]+-[0-9A-Za-z.-]+$/, 'rule ids look like ADA-01 or BR-07'),
  kind: z.literal(kind),
  title: z.string().min(1),
  appliesTo: AppliesTo,
  /** Branch types (core/floorplan/model.ts BranchType) or ["*"] for all. */
  branchTypes: z.array(z.string().min(1)).min(1).default(['*']),
  params: RULE_PARAMS[kind],
  severity: SeverityZ,
  source: Source,
  status: Status,
  doc: z.string().optional(),
}));

export const Rule = z.discriminatedUnion('kind', ruleVariants as unknown as [typeof ruleVariants[0], ...typeof ruleVariants]);

export const RuleSetFile = z.object({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+$/),
  version: z.number().int().positive(),
  title: z.string().min(1),
  jurisdiction: z.string().min(1),
  description: z.string().optional(),
  rules: z.array(Rule).min(1),
}).superRefine((rs, ctx) => {
  const seen = new Set<string>();
  rs.rules.forEach((r, i) => {
    if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
    seen.add(r.id);
  });
});

/** A rule after parsing; `params` typed by its kind. */
export interface RuleOf<K extends RuleKind = RuleKind> {
  id: string;
  kind: K;
  title: string;
  appliesTo: { zoneKinds?: string[]; customerZones?: boolean; fixtureKinds?: string[] };
  branchTypes: string[];
  params: RuleParams<K>;
  severity: Severity;
  source: { document: string; clause: string; url?: string };
  status: SourceStatus;
  doc?: string;
}
export type AnyRule = { [K in RuleKind]: RuleOf<K> }[RuleKind];
export interface RuleSet { id: string; version: number; title: string; jurisdiction: string; description?: string; rules: AnyRule[] }

/** Issues found parsing a rule set: path + message. */
export class RuleSetError extends Error {
  constructor(public readonly issues: { path: string; message: string }[], context: string) {
    super(`${context}: invalid rule set — ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'RuleSetError';
  }
}

/**
 * Validate and normalise a rule set (defaults filled in).
 * @throws RuleSetError naming every bad field (e.g. `rules.3.params.minWidthM`).
 */
export function parseRuleSet(raw: unknown, context = 'rule set'): RuleSet {
  const r = RuleSetFile.safeParse(raw);
  if (!r.success) throw new RuleSetError(r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })), context);
  return r.data as unknown as RuleSet;
}

/**
 * Severity a rule's findings carry: "unverified" sources are capped at warning (issue 5: reported as warnings
 * labelled unverified, never errors).
 */
export function effectiveSeverity(rule: Pick<AnyRule, 'severity' | 'status'>): Severity {
  if (rule.status === 'unverified' && rule.severity === 'error') return 'warning';
  return rule.severity;
}

/** Whether a rule applies to a plan's branch type. */
export function ruleAppliesToBranch(rule: Pick<AnyRule, 'branchTypes'>, branchType: string): boolean {
  return rule.branchTypes.includes('*') || rule.branchTypes.includes(branchType);
}

/** JSON Schema of a rule-set file, generated from the zod schema (layouts/standards/ruleset.schema.json; editor autocomplete). */
export function ruleSetJsonSchema(): unknown {
  return { ...z.toJSONSchema(RuleSetFile, { io: 'input', unrepresentable: 'any' }), title: 'Outlet Planner standards rule set' };
}
