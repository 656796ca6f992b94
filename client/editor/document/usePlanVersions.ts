import { useState } from 'react';
import { listVersions, restoreVersion, type PlanVersionInfo } from '../../api/plans';
import type { PlanRef } from '../state/editorStore';
import type { SetEditorStatus } from '../useEditorStatus';
import type { PlanDocument } from './usePlanDocument';

export interface PlanVersions {
  /** The open plan's stored versions while the list is shown, else null. */
  versions: PlanVersionInfo[] | null;
  /** Show the list (fetched now) or hide it. */
  toggle: () => Promise<void>;
  /** Open version `v` read-only (asks before dropping unsaved edits). */
  open: (v: number) => void;
  /** Copy version `v` as the newest version and open it (nothing is deleted). */
  restore: (v: number) => Promise<void>;
}

/**
 * The version history of the open plan: the list (shown on demand, and dropped as soon as another plan or version is
 * open, or a save makes a new one), opening an old version and restoring it as the newest.
 */
export function usePlanVersions({ ref, doc, setStatus, t }: {
  /** The open plan (its identity changes on every load and save). */
  ref: PlanRef | null;
  doc: Pick<PlanDocument, 'openPlan' | 'choosePlan' | 'confirmDiscard' | 'latestVersion'>;
  setStatus: SetEditorStatus;
  t: (key: string, vars?: Record<string, string | number>) => string;
}): PlanVersions {
  const [listing, setListing] = useState<{ ref: PlanRef; versions: PlanVersionInfo[] } | null>(null);
  const versions = listing && listing.ref === ref ? listing.versions : null;

  return {
    versions,
    toggle: async () => {
      if (!ref) return;
      if (versions) { setListing(null); return; }
      try { setListing({ ref, versions: await listVersions(ref.id) }); } catch (err) { setStatus({ kind: 'error', text: (err as Error).message }); }
    },
    open: (v) => { if (ref) doc.choosePlan(ref.id, v); },
    restore: async (v) => {
      if (!ref || !doc.confirmDiscard()) return;
      try {
        // based on the newest version this editor has seen: a version saved meanwhile elsewhere → 409, nothing buried
        const r = await restoreVersion(ref.id, v, doc.latestVersion ?? ref.version);
        await doc.openPlan(r.id);
        setStatus({ kind: 'ok', text: t('editor.status.restored', { v, newV: r.version }) });
      } catch (err) {
        setStatus({ kind: 'error', text: (err as Error).message });
      }
    },
  };
}
