import { useSyncExternalStore } from 'react';
import type { Institution } from '../api/sites';

/** localStorage key of the shared own network (Sites and Network coverage tabs). */
export const OWN_NETWORK_KEY = 'op.ownNetwork';
/** Where the Network coverage tab kept its pick before the store existed (read once, as a fallback). */
const LEGACY_KEY = 'op.cov.own';

type Listener = () => void;

function storage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}

/** Parse a stored institution; anything without a string `id` and `name` is null. */
export function parseStoredInstitution(raw: string | null): Institution | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Institution> | null;
    return v && typeof v.id === 'string' && /^(cert|hc):\d+$/.test(v.id) && typeof v.name === 'string'
      ? { id: v.id, kind: v.kind ?? (v.id.startsWith('hc:') ? 'holdingCompany' : 'institution'), name: v.name, holdingCompany: v.holdingCompany ?? null, branches: Number(v.branches) || 0 } as Institution
      : null;
  } catch {
    return null;
  }
}

/**
 * The own network (an institution `cert:` or holding company `hc:`, or none), shared by the Sites and Network
 * coverage tabs and persisted in localStorage so a pick in one tab is the pick in the other and survives a reload.
 * A tiny external store: `get`, `set`, `subscribe`; React reads it with {@link useOwnNetwork}.
 */
export function createOwnNetworkStore(store: Storage | null = storage()) {
  let current: Institution | null = parseStoredInstitution(store?.getItem(OWN_NETWORK_KEY) ?? null)
    ?? parseStoredInstitution(store?.getItem(LEGACY_KEY) ?? null);
  const listeners = new Set<Listener>();
  return {
    get: (): Institution | null => current,
    /** Pick (or clear with null); persists and notifies subscribers when the id changes. */
    set(next: Institution | null) {
      if ((next?.id ?? null) === (current?.id ?? null)) return;
      current = next;
      try {
        if (next) store?.setItem(OWN_NETWORK_KEY, JSON.stringify(next));
        else store?.removeItem(OWN_NETWORK_KEY);
        store?.removeItem(LEGACY_KEY);
      } catch {
        /* storage full or blocked: the pick still holds for this page */
      }
      for (const l of listeners) l();
    },
    subscribe(l: Listener): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export type OwnNetworkStore = ReturnType<typeof createOwnNetworkStore>;

/** The app's one store (created on first use, so tests can build their own). */
let shared: OwnNetworkStore | null = null;
export function ownNetworkStore(): OwnNetworkStore {
  return (shared ??= createOwnNetworkStore());
}

/** `[institution | null, set]` for the shared own network; re-renders on every change from either tab. */
export function useOwnNetwork(): [Institution | null, (next: Institution | null) => void] {
  const s = ownNetworkStore();
  const value = useSyncExternalStore(s.subscribe, s.get, s.get);
  return [value, s.set];
}
