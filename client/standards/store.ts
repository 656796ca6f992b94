/**
 * Shared state of the standards checker in the editor: the profile, the sizing, the latest result and the
 * picked finding. The side panel drives the worker; the canvas overlay reads the same store.
 */
import type { SizingResponse } from '../../core/api/standards';
import type { CheckResult } from '../../core/standards/checkPlan';
import type { ProfileId } from '../../core/standards/ruleSets';

export interface StandardsState {
  profile: ProfileId;
  sizing: SizingResponse | null;
  result: CheckResult | null;
  mode: 'full' | 'drag' | null;
  ms: number | null;
  running: boolean;
  error: string | null;
  /** index into result.findings of the finding the user picked */
  picked: number | null;
}

let state: StandardsState = { profile: 'us-ada-ibc', sizing: null, result: null, mode: null, ms: null, running: false, error: null, picked: null };
const listeners = new Set<() => void>();

export const standardsStore = {
  get: () => state,
  set(patch: Partial<StandardsState>) {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  },
  subscribe(fn: () => void) {
    listeners.add(fn);
    return () => { listeners.delete(fn); };
  },
};
