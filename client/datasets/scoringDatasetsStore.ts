import { useSyncExternalStore } from 'react';
import type { ScoringDatasets } from '../../core/api/sites';

type Listener = () => void;

/**
 * The users' datasets picked for scoring in the Sites tab's "Your data" panel (demand layers, transit feeds, own
 * outlets, competitors), shared with the Network coverage tab — whose Huff model counts the picked competitor datasets
 * as competitors too. Kept for the page's life (not persisted: a dataset deleted meanwhile is never sent again).
 */
export function createScoringDatasetsStore() {
  let current: ScoringDatasets | undefined;
  const listeners = new Set<Listener>();
  return {
    get: (): ScoringDatasets | undefined => current,
    set(next: ScoringDatasets | undefined) {
      if (next === current) return;
      current = next;
      for (const l of listeners) l();
    },
    subscribe(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export type ScoringDatasetsStore = ReturnType<typeof createScoringDatasetsStore>;

let shared: ScoringDatasetsStore | null = null;
/** The app's one store (created on first use). */
export function scoringDatasetsStore(): ScoringDatasetsStore {
  return (shared ??= createScoringDatasetsStore());
}

/** `[datasets | undefined, set]` for the shared scoring datasets; re-renders on every change. */
export function useScoringDatasets(): [ScoringDatasets | undefined, (next: ScoringDatasets | undefined) => void] {
  const s = scoringDatasetsStore();
  return [useSyncExternalStore(s.subscribe, s.get, s.get), s.set];
}
