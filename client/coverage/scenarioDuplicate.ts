import type { Scenario } from '../api/coverage';
import { baseRunName } from '../../core/coverage/scenarioList';

/** The sorted keys of what a scenario changes: added points (6 decimals ≈ 0.1 m), closed branches, moves. */
function changeKey(s: Scenario): string {
  const added = s.added.map((a) => `${a.lng.toFixed(6)},${a.lat.toFixed(6)}`).sort();
  const closed = [...s.closed].sort((x, y) => x - y);
  const moved = s.moved.map((m) => `${m.branchId}@${m.lng.toFixed(6)},${m.lat.toFixed(6)}`).sort();
  return JSON.stringify([s.baseNetwork, added, closed, moved]);
}

/**
 * An earlier scenario that the just-saved scenario `id` merely repeats — same name but for its run number ("… #2",
 * core/coverage/scenarioList.ts), same base network and the same added sites, closed and moved branches (an optimiser
 * run asked twice) — or null. The oldest such scenario is returned, so repeated runs keep pointing at the first one.
 */
export function earlierDuplicate(list: readonly Scenario[], id: string): Scenario | null {
  const fresh = list.find((s) => s.id === id);
  if (!fresh) return null;
  const key = changeKey(fresh);
  const name = baseRunName(fresh.name);
  const same = list.filter((s) => s.id !== id && baseRunName(s.name) === name && changeKey(s) === key);
  same.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return same[0] ?? null;
}
