/**
 * Readiness flags for browser tests and debugging: merged into `window.__status` (see client/e2e/harness.ts
 * `waitForAppReady`). Fields used by the Sites view: mapIdle, scoring, candidates, gridCells, addedSites,
 * selectedId, topIds, weights, locale, addMode, error, fontEpoch, ownNetwork, outlets, deckFrames.
 */
export function publishStatus(patch: Record<string, unknown>): void {
  const w = window as unknown as { __status?: Record<string, unknown> };
  w.__status = { ...(w.__status ?? {}), ...patch };
}
