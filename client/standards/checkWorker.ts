/// <reference lib="webworker" />
import '../zodConfig';
/**
 * Web Worker running the standards check off the main thread (core/standards is pure). Messages:
 *  { type: 'full', seq, plan, profile, sizing } → checkPlan; remembered as the base for drag frames;
 *  { type: 'drag', seq, plan } → recheckZones against the last full result for the zones that differ
 *    (a full check if anything but zones changed).
 * Answers { seq, mode, result, ms } or { seq, error }.
 */
import type { FloorPlan } from '../../core/floorplan/model';
import type { BranchSizing } from '../../core/queueing/erlangC';
import { checkPlan, recheckZones, type CheckResult } from '../../core/standards/checkPlan';
import { RULE_SETS, type ProfileId } from '../../core/standards/ruleSets';

export type WorkerRequest =
  | { type: 'full'; seq: number; plan: FloorPlan; profile: ProfileId; sizing: BranchSizing | null }
  | { type: 'drag'; seq: number; plan: FloorPlan };
export type WorkerAnswer = { seq: number; mode: 'full' | 'drag'; result: CheckResult; ms: number } | { seq: number; error: string };

let base: { plan: FloorPlan; result: CheckResult; profile: ProfileId; sizing: BranchSizing | null } | null = null;

function changedZones(a: FloorPlan, b: FloorPlan): string[] | null {
  if (JSON.stringify(a.doors) !== JSON.stringify(b.doors) || JSON.stringify(a.fixtures) !== JSON.stringify(b.fixtures)
    || JSON.stringify(a.outline) !== JSON.stringify(b.outline)) return null;
  const before = new Map(a.zones.map((z) => [z.id, JSON.stringify(z)]));
  const ids = new Set<string>();
  for (const z of b.zones) if (before.get(z.id) !== JSON.stringify(z)) ids.add(z.id);
  for (const z of a.zones) if (!b.zones.some((y) => y.id === z.id)) ids.add(z.id);
  return [...ids];
}

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const msg = ev.data;
  const t = performance.now();
  try {
    if (msg.type === 'full') {
      const result = checkPlan(msg.plan, RULE_SETS[msg.profile], { sizing: msg.sizing });
      base = { plan: msg.plan, result, profile: msg.profile, sizing: msg.sizing };
      (self as unknown as Worker).postMessage({ seq: msg.seq, mode: 'full', result, ms: performance.now() - t } satisfies WorkerAnswer);
      return;
    }
    if (!base) return;
    const ids = changedZones(base.plan, msg.plan);
    const rs = RULE_SETS[base.profile];
    const result = ids === null
      ? checkPlan(msg.plan, rs, { sizing: base.sizing })
      : recheckZones(base.result, base.plan, msg.plan, rs, ids, { sizing: base.sizing });
    (self as unknown as Worker).postMessage({ seq: msg.seq, mode: 'drag', result, ms: performance.now() - t } satisfies WorkerAnswer);
  } catch (e) {
    (self as unknown as Worker).postMessage({ seq: msg.seq, error: String((e as Error)?.message ?? e) } satisfies WorkerAnswer);
  }
};
