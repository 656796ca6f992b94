import { useCallback, useEffect, useRef, useState } from 'react';
import type { FloorPlan, LengthUnit } from '../../../core/floorplan/model';
import { ApiError } from '../../api/http';
import { createPlan, getPlan, getPlanVersion, listPlans, saveVersion, type PlanSummary } from '../../api/plans';
import { exportPlan, importPlanFile, type ExportFormat } from '../io';
import type { EditorSnapshot, EditorStore } from '../state/editorStore';
import { blankPlan } from '../../../core/floorplan/elements';
import type { SetEditorStatus } from '../useEditorStatus';
import { planHash, planIdFromHash } from './planRoute';
import { lastOpenPlan, rememberOpenPlan } from './planDraft';

/** A save refused because someone saved first (409): the server's message and the plan that was not saved. */
export interface Conflict { message: string; plan: FloorPlan }

/** "New plan": name, branch type and units of a blank plan. */
export interface NewPlanOptions { name: string; branchType: FloorPlan['branchType']; units: LengthUnit }

export interface PlanDocument {
  /** Every stored plan (the plan picker). */
  plans: PlanSummary[];
  /** Newest version of the open plan. */
  latestVersion: number | null;
  /** An older version is open read-only. */
  isOldVersion: boolean;
  conflict: Conflict | null;
  dismissConflict: () => void;
  /** A request is in flight. */
  busy: boolean;
  /** Open a plan (its newest version, or `version`) without asking. */
  openPlan: (id: string, version?: number) => Promise<void>;
  /** Open a plan or version, asking first when there are unsaved edits. */
  choosePlan: (id: string, version?: number) => void;
  save: () => Promise<void>;
  saveAsCopy: () => Promise<void>;
  /** Reopen the newest stored version, dropping unsaved edits after asking (after a conflict). */
  reloadLatest: () => void;
  /** Store a blank plan and open it; `onCreated` runs as soon as it is stored. */
  createBlank: (o: NewPlanOptions, onCreated?: () => void) => Promise<void>;
  /** Our JSON opens as a new stored plan; GeoJSON zones replace the content as one undoable step. */
  importFile: (file: File | undefined) => Promise<void>;
  exportAs: (fmt: ExportFormat) => Promise<void>;
  /** Ask before dropping unsaved edits: true when there are none or the user agrees. */
  confirmDiscard: () => boolean;
}

/**
 * The open plan as a stored document: the plan list, opening a plan or version (following `#/floorplans/<id>`),
 * saving as a new version (a 409 becomes a conflict to resolve), save as copy, new blank plan, import and export,
 * and the browser's warning before unsaved edits are lost. `onOpened` runs after every plan is loaded into the store;
 * `onDiscard` when the user agrees to drop the unsaved edits (the draft goes with them, ./usePlanDraft.ts). Without a
 * plan in the address the editor reopens the plan open last (a switch to another tab and back), else the first.
 */
export function usePlanDocument({ store, snap, setStatus, t, locale, onOpened, onDiscard }: {
  store: EditorStore;
  snap: EditorSnapshot;
  setStatus: SetEditorStatus;
  t: (key: string, vars?: Record<string, string | number>) => string;
  locale: 'en' | 'zh';
  onOpened: () => void;
  onDiscard?: () => void;
}): PlanDocument {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [latestVersion, setLatestVersion] = useState<number | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const opened = useRef(onOpened);
  opened.current = onOpened;
  const discarded = useRef(onDiscard);
  discarded.current = onDiscard;

  const refreshPlans = useCallback(async () => {
    try {
      setPlans(await listPlans());
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    }
  }, [setStatus]);

  const openPlan = useCallback(async (id: string, version?: number) => {
    setBusy(true);
    try {
      const body = version ? await getPlanVersion(id, version) : await getPlan(id);
      store.load(body.plan, { id: body.id, version: body.version, readOnly: body.version !== body.latestVersion });
      rememberOpenPlan(localStorage, body.id);
      setStatus(version && body.version !== body.latestVersion
        ? { kind: 'info', text: t('editor.status.oldVersion', { v: body.version, latest: body.latestVersion }) }
        : null);
      opened.current(); // after the status: what it reports (e.g. a restored draft) stays shown
      setLatestVersion(body.latestVersion);
      setConflict(null);
      if (planIdFromHash(location.hash) !== id) history.replaceState(null, '', planHash(id));
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }, [store, t, setStatus]);

  /** Ask before dropping unsaved edits; when the user agrees, their draft is forgotten too. */
  const askDiscard = useCallback(() => {
    if (!confirm(t('editor.confirmDiscard'))) return false;
    discarded.current?.();
    return true;
  }, [t]);
  const confirmDiscard = useCallback(() => !store.getSnapshot().dirty || askDiscard(), [store, askDiscard]);

  useEffect(() => {
    void refreshPlans();
  }, [refreshPlans]);

  // nothing open yet: the plan in the address, else the first plan
  useEffect(() => {
    if (snap.plan || busy) return;
    const fromHash = planIdFromHash(location.hash);
    if (fromHash) { void openPlan(fromHash); return; }
    const last = lastOpenPlan(localStorage);
    if (plans.length) void openPlan(last && plans.some((p) => p.id === last) ? last : plans[0].id);
  }, [plans, snap.plan, busy, openPlan]);

  // follow the URL (#/floorplans/<id>): links, back/forward
  useEffect(() => {
    const onHash = () => {
      const id = planIdFromHash(location.hash);
      const cur = store.getSnapshot();
      if (!id || id === cur.ref?.id) return;
      if (cur.dirty && !askDiscard()) {
        if (cur.ref) history.replaceState(null, '', planHash(cur.ref.id));
        return;
      }
      void openPlan(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [store, openPlan, askDiscard]);

  // unsaved edits: the browser asks before the tab closes or reloads
  useEffect(() => {
    if (!snap.dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => { e.preventDefault(); e.returnValue = ''; };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [snap.dirty]);

  const save = useCallback(async () => {
    const s = store.getSnapshot();
    if (!s.plan || !s.ref) return;
    setBusy(true);
    try {
      const r = await saveVersion(s.ref.id, s.ref.version, s.plan);
      store.markSaved({ id: r.id, version: r.version });
      setLatestVersion(r.version);
      setStatus({ kind: 'ok', text: t('editor.status.saved', { v: r.version }) });
      void refreshPlans();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict({ message: err.message, plan: s.plan });
      else setStatus({ kind: 'error', text: t('editor.status.saveFailed', { message: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }, [store, t, refreshPlans, setStatus]);

  const saveAsCopy = useCallback(async () => {
    const s = store.getSnapshot();
    if (!s.plan) return;
    setBusy(true);
    try {
      const copy = { ...s.plan, name: t('editor.copyName', { name: s.plan.name }) };
      const r = await createPlan(copy, 'save as copy');
      discarded.current?.(); // the source plan's draft is saved now, as the copy: it must not reopen over that plan
      store.load(copy, { id: r.id, version: r.version });
      history.replaceState(null, '', planHash(r.id));
      setLatestVersion(r.version);
      setConflict(null);
      setStatus({ kind: 'ok', text: t('editor.status.copied', { id: r.id }) });
      void refreshPlans();
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }, [store, t, refreshPlans, setStatus]);

  const createBlank = useCallback(async (o: NewPlanOptions, onCreated?: () => void) => {
    if (!confirmDiscard()) return;
    setBusy(true);
    try {
      const r = await createPlan(blankPlan(o.name, o.branchType, o.units) as unknown as FloorPlan, 'new plan');
      onCreated?.();
      await refreshPlans();
      await openPlan(r.id);
      setStatus({ kind: 'ok', text: t('editor.newPlan.created', { name: o.name }) });
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }, [confirmDiscard, t, refreshPlans, openPlan, setStatus]);

  const importFile = async (file: File | undefined) => {
    const current = store.getSnapshot().plan;
    if (!file || !current) return;
    try {
      const res = await importPlanFile(file, current);
      if (res.kind === 'plan') {
        // the imported plan opens in place of this one: never drop unsaved edits silently
        if (!confirmDiscard()) return;
        const r = await createPlan(res.plan, `import ${file.name}`);
        await refreshPlans();
        await openPlan(r.id);
        setStatus({ kind: 'ok', text: t('editor.status.imported', { name: file.name, id: r.id }) });
      } else {
        store.replacePlan(res.plan);
        setStatus({ kind: 'ok', text: t('editor.status.importedZones', { n: res.count, name: file.name }) });
      }
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    }
  };

  const exportAs = async (fmt: ExportFormat) => {
    const { plan: current, ref: open, dirty } = store.getSnapshot();
    if (!current) return;
    try {
      await exportPlan(current, fmt, { locale, version: open?.version ?? null, edited: dirty });
    } catch (err) {
      setStatus({ kind: 'error', text: t('editor.status.exportFailed', { fmt, message: (err as Error).message }) });
    }
  };

  const ref = snap.ref;
  return {
    plans, latestVersion, conflict, busy, openPlan, save, saveAsCopy, createBlank, importFile, exportAs, confirmDiscard,
    isOldVersion: !!ref?.readOnly && latestVersion !== null && ref.version !== latestVersion,
    dismissConflict: () => setConflict(null),
    choosePlan: (id, version) => { if (confirmDiscard()) void openPlan(id, version); },
    reloadLatest: () => { if (ref && askDiscard()) void openPlan(ref.id); },
  };
}
