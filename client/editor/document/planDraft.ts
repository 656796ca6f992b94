import type { FloorPlan } from '../../../core/floorplan/model';

/**
 * The editor's autosaved drafts: unsaved edits of a plan kept in the browser's localStorage (one per plan), so a
 * reload, a crash or a switch to another tab loses nothing. A draft is only ever reopened as UNSAVED edits on top of
 * the version it started from: saving it goes through the server's version check like any save (a newer saved
 * version → 409 and the conflict banner), so a draft never overwrites a saved version.
 */

/** One plan's draft as stored. */
export interface PlanDraft {
  planId: string;
  /** The saved version the edits started from. */
  baseVersion: number;
  plan: FloorPlan;
  /** When it was written (ISO 8601). */
  savedAt: string;
}

/** The part of `Storage` the drafts use (localStorage in the page; a Map-backed stand-in in unit tests). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'outlet-planner:draft:';
const LAST_PLAN = 'outlet-planner:editor:lastPlan';

/** The localStorage key of a plan's draft. */
export function draftKey(planId: string): string {
  return PREFIX + planId;
}

/** The stored draft of a plan, or null (none, or unreadable: a damaged entry is dropped). */
export function readDraft(storage: DraftStorage, planId: string): PlanDraft | null {
  const text = storage.getItem(draftKey(planId));
  if (!text) return null;
  try {
    const d = JSON.parse(text) as PlanDraft;
    if (d && d.planId === planId && Number.isInteger(d.baseVersion) && d.plan && Array.isArray(d.plan.zones)) return d;
  } catch { /* fall through */ }
  storage.removeItem(draftKey(planId));
  return null;
}

/** Store a plan's draft. @returns false when the browser refused it (storage full or disabled). */
export function writeDraft(storage: DraftStorage, draft: PlanDraft): boolean {
  try {
    storage.setItem(draftKey(draft.planId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage, planId: string): void {
  storage.removeItem(draftKey(planId));
}

/** Remember the plan open in the editor (reopened when the editor tab comes back without a plan in the address). */
export function rememberOpenPlan(storage: DraftStorage, planId: string): void {
  try { storage.setItem(LAST_PLAN, planId); } catch { /* not essential */ }
}

export function lastOpenPlan(storage: DraftStorage): string | null {
  return storage.getItem(LAST_PLAN);
}

/**
 * What to do with a plan's draft when the plan's newest version `openedVersion` has just been opened:
 * - `none`: no draft, or it holds the same plan as the opened version (nothing unsaved);
 * - `apply`: the draft started from this version — reopen it as unsaved edits;
 * - `stale`: the draft started from an older version (someone saved since) — reopen it as unsaved edits ON ITS OWN
 *   base version, so that saving it meets the version check (409) instead of overwriting the newer version.
 */
export function draftAction(draft: PlanDraft | null, openedVersion: number, openedPlan: FloorPlan): 'none' | 'apply' | 'stale' {
  if (!draft) return 'none';
  if (draft.baseVersion === openedVersion && JSON.stringify(draft.plan) === JSON.stringify(openedPlan)) return 'none';
  return draft.baseVersion === openedVersion ? 'apply' : 'stale';
}
