import { useCallback, useEffect, useRef } from 'react';
import type { EditorSnapshot, EditorStore } from '../state/editorStore';
import type { SetEditorStatus } from '../useEditorStatus';
import { clearDraft, draftAction, readDraft, writeDraft, type DraftStorage } from './planDraft';

export interface PlanDraftControl {
  /** After a plan was opened (its newest version): reopen its draft as unsaved edits, if there is one. */
  restore: () => void;
  /** The user agreed to drop the unsaved edits of the open plan: forget its draft too. */
  discard: () => void;
}

/**
 * The autosaved draft of the open plan (./planDraft.ts): every committed edit of a plan with unsaved changes is kept
 * in localStorage; the draft is reopened when the plan opens again (after a reload or a switch to another tab and
 * back); it is forgotten once the edits are saved, undone back to the saved state, or discarded by the user.
 * The browser's leave-page warning for unsaved edits stays in ./usePlanDocument.ts.
 */
export function usePlanDraft({ store, snap, setStatus, t, storage = localStorage }: {
  store: EditorStore;
  snap: EditorSnapshot;
  setStatus: SetEditorStatus;
  t: (key: string, vars?: Record<string, string | number>) => string;
  storage?: DraftStorage;
}): PlanDraftControl {
  const warned = useRef(false);

  // keep the draft in step with the committed plan (not the pointer preview)
  const { plan, dirty, ref } = snap;
  useEffect(() => {
    if (!plan || !ref || ref.readOnly) return;
    if (dirty) {
      const ok = writeDraft(storage, { planId: ref.id, baseVersion: ref.version, plan, savedAt: new Date().toISOString() });
      if (!ok && !warned.current) { warned.current = true; setStatus({ kind: 'error', text: t('editor.draft.storageFull') }); }
    } else {
      clearDraft(storage, ref.id); // saved, or undone back to the saved version
    }
  }, [plan, dirty, ref, storage, setStatus, t]);

  const restore = useCallback(() => {
    const s = store.getSnapshot();
    if (!s.plan || !s.ref || s.ref.readOnly) return;
    const draft = readDraft(storage, s.ref.id);
    const action = draftAction(draft, s.ref.version, s.plan);
    if (!draft || action === 'none') return;
    const time = new Date(draft.savedAt).toLocaleTimeString();
    if (action === 'stale') {
      // edits on an older version: reopened on that version, so saving them meets the version check (409)
      const latest = s.ref.version;
      store.load(s.plan, { id: s.ref.id, version: draft.baseVersion });
      store.replacePlan(draft.plan);
      setStatus({ kind: 'info', text: t('editor.draft.restoredStale', { time, base: draft.baseVersion, latest }) });
    } else {
      store.replacePlan(draft.plan);
      setStatus({ kind: 'info', text: t('editor.draft.restored', { time, base: draft.baseVersion }) });
    }
  }, [store, storage, setStatus, t]);

  const discard = useCallback(() => {
    const id = store.getSnapshot().ref?.id;
    if (id) clearDraft(storage, id);
  }, [store, storage]);

  return { restore, discard };
}
