/** Walkable zone graph helpers over PreparedPlan.links(): BFS from the main entrance. */
import type { PreparedPlan, ZoneLink } from './prepare';

/** Zones reachable from "outside" through main-entrance / exit doors and links passing `allow`. */
export function reachableFromEntrance(p: PreparedPlan, allow: (l: ZoneLink) => boolean): { reached: Set<string>; parent: Map<string, ZoneLink> } {
  const links = p.links();
  const adj = new Map<string, ZoneLink[]>();
  for (const l of links) {
    (adj.get(l.from) ?? adj.set(l.from, []).get(l.from)!).push(l);
    (adj.get(l.to) ?? adj.set(l.to, []).get(l.to)!).push({ ...l, from: l.to, to: l.from });
  }
  const reached = new Set<string>(['outside']);
  const parent = new Map<string, ZoneLink>();
  const queue = ['outside'];
  while (queue.length) {
    const z = queue.shift()!;
    for (const l of adj.get(z) ?? []) {
      if (reached.has(l.to) || !allow(l)) continue;
      // from outside, customers enter only through the main entrance (or any exterior door if none is marked)
      if (z === 'outside' && l.door && hasMainEntrance(p) && !l.door.mainEntrance) continue;
      reached.add(l.to); parent.set(l.to, l); queue.push(l.to);
    }
  }
  reached.delete('outside');
  return { reached, parent };
}

function hasMainEntrance(p: PreparedPlan): boolean {
  return p.plan.doors.some((d) => d.mainEntrance);
}
