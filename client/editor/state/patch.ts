import type { Door, Fixture, FloorPlan, Zone } from '../../../core/floorplan/model';

/**
 * Element-level patches between two plans, and the undo/redo history built from them
 * (Excalidraw's Store → deltas → History, STYLE habit 8). A patch records, per element, the value
 * before and after an edit (null = absent) and where it sat; applying it "backward" is the exact
 * inverse. Because every edit is diffed into a patch, every edit is undoable and a drag is ONE
 * entry (it is diffed once, from the plan at pointer-down to the plan at pointer-up).
 */
type Collection = 'zones' | 'doors' | 'fixtures';
type El = Zone | Door | Fixture;

export interface ElementChange {
  collection: Collection;
  id: string;
  before: El | null;
  after: El | null;
  /** Index in the collection before (for re-insertion on undo) and after (for redo). */
  indexBefore: number;
  indexAfter: number;
}

export interface PlanPatch {
  /** Short label shown in the history ("Move 2 elements"). */
  label: string;
  changes: ElementChange[];
  /** Plan-level fields (name, branchType, outline, siteId, description) before/after, only when they changed. */
  meta?: { before: Partial<FloorPlan>; after: Partial<FloorPlan> };
}

const COLLECTIONS: Collection[] = ['zones', 'doors', 'fixtures'];
const META_KEYS = ['name', 'branchType', 'outline', 'siteId', 'description', 'source'] as const;

/** The patch turning plan `a` into plan `b` (elements compared by id, by reference first, then by JSON). */
export function diffPlans(a: FloorPlan, b: FloorPlan, label: string): PlanPatch {
  const changes: ElementChange[] = [];
  for (const c of COLLECTIONS) {
    const before = new Map<string, [El, number]>((a[c] as El[]).map((e, i) => [e.id, [e, i]]));
    const after = new Map<string, [El, number]>((b[c] as El[]).map((e, i) => [e.id, [e, i]]));
    for (const [id, [eb, ib]] of before) {
      const aft = after.get(id);
      if (!aft) changes.push({ collection: c, id, before: eb, after: null, indexBefore: ib, indexAfter: -1 });
      else if (aft[0] !== eb && JSON.stringify(aft[0]) !== JSON.stringify(eb)) {
        changes.push({ collection: c, id, before: eb, after: aft[0], indexBefore: ib, indexAfter: aft[1] });
      }
    }
    for (const [id, [ea, ia]] of after) {
      if (!before.has(id)) changes.push({ collection: c, id, before: null, after: ea, indexBefore: -1, indexAfter: ia });
    }
  }
  const mb: Partial<FloorPlan> = {};
  const ma: Partial<FloorPlan> = {};
  let metaChanged = false;
  for (const k of META_KEYS) {
    if (a[k] !== b[k] && JSON.stringify(a[k]) !== JSON.stringify(b[k])) {
      (mb as Record<string, unknown>)[k] = a[k];
      (ma as Record<string, unknown>)[k] = b[k];
      metaChanged = true;
    }
  }
  return metaChanged ? { label, changes, meta: { before: mb, after: ma } } : { label, changes };
}

/** True when the patch changes nothing. */
export function isEmptyPatch(p: PlanPatch): boolean {
  return p.changes.length === 0 && !p.meta;
}

/** Apply a patch forward (redo) or backward (undo). Pure: returns a new plan. */
export function applyPatch(plan: FloorPlan, p: PlanPatch, direction: 'forward' | 'backward'): FloorPlan {
  const fwd = direction === 'forward';
  const next: FloorPlan = { ...plan };
  for (const c of COLLECTIONS) {
    const ch = p.changes.filter((x) => x.collection === c);
    if (!ch.length) continue;
    let list = (plan[c] as El[]).slice();
    // remove what the target state lacks, replace what changed
    const target = new Map(ch.map((x) => [x.id, fwd ? x.after : x.before]));
    list = list.filter((e) => !target.has(e.id) || target.get(e.id) !== null).map((e) => (target.has(e.id) ? (target.get(e.id) as El) : e));
    // insert what the target state adds, at its recorded index (ascending so indices stay right)
    const adds = ch
      .filter((x) => (fwd ? x.before === null && x.after : x.after === null && x.before))
      .map((x) => ({ el: (fwd ? x.after : x.before) as El, index: fwd ? x.indexAfter : x.indexBefore }))
      .sort((u, v) => u.index - v.index);
    for (const { el, index } of adds) {
      if (list.some((e) => e.id === el.id)) continue;
      list.splice(Math.min(Math.max(index, 0), list.length), 0, el);
    }
    (next as Record<Collection, El[]>)[c] = list;
  }
  if (p.meta) Object.assign(next, fwd ? p.meta.after : p.meta.before);
  return next;
}

/** Linear undo/redo history of patches (the industry-standard stack; a new edit clears redo). */
export interface History {
  undo: PlanPatch[];
  redo: PlanPatch[];
}

export const emptyHistory: History = { undo: [], redo: [] };

/** Most entries kept; the oldest are dropped beyond this. */
export const HISTORY_LIMIT = 500;

/** Record an edit (an empty patch is not recorded). */
export function historyPush(h: History, p: PlanPatch): History {
  if (isEmptyPatch(p)) return h;
  const undo = h.undo.length >= HISTORY_LIMIT ? h.undo.slice(1) : h.undo.slice();
  undo.push(p);
  return { undo, redo: [] };
}

/** Undo the newest edit: `{ plan, history }`, or null when there is nothing to undo. */
export function historyUndo(h: History, plan: FloorPlan): { plan: FloorPlan; history: History; patch: PlanPatch } | null {
  const p = h.undo[h.undo.length - 1];
  if (!p) return null;
  return { plan: applyPatch(plan, p, 'backward'), history: { undo: h.undo.slice(0, -1), redo: [...h.redo, p] }, patch: p };
}

/** Redo the newest undone edit, or null. */
export function historyRedo(h: History, plan: FloorPlan): { plan: FloorPlan; history: History; patch: PlanPatch } | null {
  const p = h.redo[h.redo.length - 1];
  if (!p) return null;
  return { plan: applyPatch(plan, p, 'forward'), history: { undo: [...h.undo, p], redo: h.redo.slice(0, -1) }, patch: p };
}
