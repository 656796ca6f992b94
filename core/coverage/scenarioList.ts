/**
 * How saved scenarios are listed and how the optimiser names the scenarios it saves — one rule shared by the server
 * (`GET /api/scenarios`, the optimisation jobs) and the client (the scenario list after a local create or save).
 */

/** The fields of a scenario the list order reads (ISO-8601 UTC timestamps, as the server stores them). */
export interface ScenarioOrderKey { id: string; createdAt: string }

/**
 * Order of the scenario list: newest CREATED first (ISO timestamps compare as strings), ties by id. An edit (which
 * changes `updatedAt` only) never moves a scenario; a new one appears at the top, just under "Today".
 * Same order as the server's `ORDER BY created_at DESC, id`.
 */
export function compareNewestCreatedFirst(a: ScenarioOrderKey, b: ScenarioOrderKey): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A copy of `list` in {@link compareNewestCreatedFirst} order. */
export function sortNewestCreatedFirst<T extends ScenarioOrderKey>(list: readonly T[]): T[] {
  return [...list].sort(compareNewestCreatedFirst);
}

/** ` #<n>` (n ≥ 2) at the end of a name: the run number {@link nextRunName} appends. */
const RUN_SUFFIX = /^(.*\S) #([1-9]\d{0,5})$/;

/** A name without its run number: "+5 best sites (1 km) #3" → "+5 best sites (1 km)"; other names unchanged. */
export function baseRunName(name: string): string {
  const m = RUN_SUFFIX.exec(name);
  return m ? m[1] : name;
}

/** The run number of a name ("… #3" → 3), or 1 without one. */
export function runNumber(name: string): number {
  const m = RUN_SUFFIX.exec(name);
  return m ? Number(m[2]) : 1;
}

/**
 * The name for another run saved under `base` (e.g. "+5 best sites (1 km)"): `base` itself when no existing name
 * uses it, else `base #n` with n one above the highest run number among `existing` names of that base — so every
 * run of the optimiser gets a distinct name, in the order they were saved, even after an earlier one was deleted.
 * A `base` that already ends in ` #<n>` counts as a run of the name before it.
 */
export function nextRunName(base: string, existing: Iterable<string>): string {
  const root = baseRunName(base);
  let highest = 0;
  for (const name of existing) if (baseRunName(name) === root) highest = Math.max(highest, runNumber(name));
  if (highest === 0) return base;
  return `${root} #${highest + 1}`;
}
