import { applyCommand, CommandError, type PlanCommand } from '../../../core/floorplan/commands';
import { PlanHistory } from '../../../core/floorplan/history';
import type { FloorPlan, PlanPoint } from '../../../core/floorplan/model';
import type { Intent, ToolResult } from '../tools/types';
import { nextZoneName } from '../../../core/floorplan/zoneKinds';
import { doorsOfZones, elementsBounds, newZone, OUTLINE_ID, outlineWithWalls, slideDoorDelta } from '../../../core/floorplan/elements';

/**
 * The editor's state outside React: the committed plan (the truth), a preview plan while a
 * gesture is in flight, the selection, and the undo history (the model's {@link PlanHistory} of
 * inverse commands). Konva only draws `view()`; it never holds state.
 *
 * Capture policy (STYLE habit 8): `exec` records one step; tool previews are applied to a
 * throw-away copy and never recorded; the gesture's final intent is recorded as ONE step;
 * `load` records nothing and clears the history.
 */
export interface PlanRef {
  id: string;
  version: number;
  readOnly?: boolean;
}

export interface EditorSnapshot {
  plan: FloorPlan | null;
  /** What to draw: the preview while a gesture is in flight, else the plan. */
  view: FloorPlan | null;
  ref: PlanRef | null;
  selection: string[];
  selectedEdge: { id: string; index: number } | null;
  guide: ToolResult<unknown>['guide'] | null;
  undoDepth: number;
  redoDepth: number;
  /** Edits since the last load or save. */
  dirty: boolean;
  /** Bumped on every change (cheap change detection for React). */
  rev: number;
}

/** Map a tool intent to the model command that performs it (null when it changes nothing). */
export function intentToCommand(plan: FloorPlan, intent: Intent, newZoneKind: string, locale: 'en' | 'zh' = 'en'): PlanCommand | null {
  switch (intent.type) {
    case 'createZone':
      return { type: 'addZone', zone: newZone(plan, intent.ring as PlanPoint[], newZoneKind, nextZoneName(plan.zones, newZoneKind, locale)) };
    case 'translate': {
      const ids = elementIds(intent.ids);
      return (intent.dxM === 0 && intent.dyM === 0) || !ids.length ? null : { type: 'moveElements', ids, dxM: intent.dxM, dyM: intent.dyM };
    }
    case 'resize': {
      const { from, to } = intent;
      const ids = elementIds(intent.ids);
      if (!ids.length || !(from.maxX > from.minX && from.maxY > from.minY && to.maxX > to.minX && to.maxY > to.minY)) return null;
      return { type: 'resizeElements', ids, fromBox: from, toBox: to };
    }
    case 'rotate': {
      const ids = elementIds(intent.ids);
      return intent.angleRad === 0 || !ids.length ? null : { type: 'rotateElements', ids, about: intent.center as PlanPoint, angleDeg: (intent.angleRad * 180) / Math.PI };
    }
    case 'moveVertex':
      if (intent.id === OUTLINE_ID) return { type: 'moveOutlineVertex', index: intent.index, to: intent.to as PlanPoint };
      return { type: 'moveVertex', zoneId: intent.id, index: intent.index, to: intent.to as PlanPoint };
    case 'resizeFixture':
      return { type: 'setProperties', id: intent.id, patch: { at: intent.at as PlanPoint, widthM: intent.widthM, depthM: intent.depthM } };
    case 'createOutline':
      return { type: 'setOutline', outline: outlineWithWalls(plan, intent.ring as PlanPoint[]) };
    default:
      return null;
  }
}

/** Selection ids that are plan elements (the outline is edited by its vertices and edges only). */
function elementIds(ids: readonly string[]): string[] {
  return ids.filter((id) => id !== OUTLINE_ID);
}

/** Ids a selection may hold in `plan`: every element plus the outline. */
function selectableIds(plan: FloorPlan): Set<string> {
  return new Set([OUTLINE_ID, ...[...plan.zones, ...plan.doors, ...plan.fixtures, ...plan.outline.walls].map((e) => e.id)]);
}

/** Labels for history entries (i18n keys). */
function labelFor(cmd: PlanCommand): string {
  return `editor.history.${cmd.type}`;
}

export class EditorStore {
  private plan: FloorPlan | null = null;
  private preview: FloorPlan | null = null;
  private ref: PlanRef | null = null;
  private selection: string[] = [];
  private selectedEdge: { id: string; index: number } | null = null;
  private guide: ToolResult<unknown>['guide'] | null = null;
  private history = new PlanHistory(500);
  /** Position in the history (steps applied since load) and the position last saved (-1: unreachable). */
  private pos = 0;
  private savedPos = 0;
  private rev = 0;
  private snap: EditorSnapshot;
  private listeners = new Set<() => void>();
  /** Zone kind given to newly drawn zones. */
  newZoneKind = 'waiting';
  /** UI language: a drawn zone is named from its kind in it ("Waiting area 2" / "休息等候区 2"). */
  locale: 'en' | 'zh' = 'en';
  /** Last error from a command (shown in the status bar). */
  lastError: string | null = null;

  constructor() {
    this.snap = this.makeSnapshot();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): EditorSnapshot => this.snap;

  private makeSnapshot(): EditorSnapshot {
    return {
      plan: this.plan,
      view: this.preview ?? this.plan,
      ref: this.ref,
      selection: this.selection,
      selectedEdge: this.selectedEdge,
      guide: this.guide,
      undoDepth: this.history.depth(),
      redoDepth: this.history.redoDepth(),
      dirty: this.pos !== this.savedPos,
      rev: this.rev,
    };
  }

  private emit(): void {
    this.rev++;
    this.snap = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  /** Open a plan (not recorded; clears history and selection). */
  load(plan: FloorPlan, ref: PlanRef | null): void {
    this.plan = plan;
    this.preview = null;
    this.ref = ref;
    this.selection = [];
    this.selectedEdge = null;
    this.guide = null;
    this.history.clear();
    this.pos = 0;
    this.savedPos = 0;
    this.emit();
  }

  /** After a successful save: the plan now is version `version` of `id`. */
  markSaved(ref: PlanRef): void {
    this.ref = ref;
    this.savedPos = this.pos;
    this.emit();
  }

  /** Apply one command as one undo step. Returns false (and sets lastError) when the model refuses it. */
  exec(cmd: PlanCommand): boolean {
    if (!this.plan) return false;
    try {
      this.plan = this.history.execute(this.plan, cmd, labelFor(cmd));
      this.lastError = null;
    } catch (err) {
      if (!(err instanceof CommandError)) throw err;
      this.lastError = err.message;
      this.emit();
      return false;
    }
    this.preview = null;
    if (this.savedPos > this.pos) this.savedPos = -1; // the saved state was on the redo branch, now gone
    this.pos++;
    // drop selection of elements that no longer exist
    const ids = selectableIds(this.plan);
    this.selection = this.selection.filter((id) => ids.has(id));
    if (this.selectedEdge && !ids.has(this.selectedEdge.id)) this.selectedEdge = null;
    this.emit();
    return true;
  }

  /** Handle a tool step: preview, commit (one step), selection, guide. */
  applyTool(r: ToolResult<unknown>): void {
    if (!this.plan) return;
    if (r.guide !== undefined) this.guide = r.guide;
    if (r.preview !== undefined) {
      if (r.preview === null) this.preview = null;
      else {
        const cmd = intentToCommand(this.plan, r.preview, this.newZoneKind, this.locale);
        try {
          this.preview = cmd ? applyCommand(this.plan, cmd).plan : null;
        } catch (err) {
          if (!(err instanceof CommandError)) throw err;
        }
      }
    }
    if (r.commit) {
      const c = r.commit;
      if (c.type === 'select') this.setSelection(c.ids, c.mode, false);
      else if (c.type === 'selectEdge') {
        this.selection = [c.id];
        this.selectedEdge = { id: c.id, index: c.index };
      } else {
        this.preview = null;
        const cmd = intentToCommand(this.plan, c, this.newZoneKind, this.locale);
        if (cmd && this.exec(cmd)) {
          if (cmd.type === 'addZone') this.setSelection([cmd.zone.id], 'replace');
          return;
        }
      }
    } else if (r.commit === null) {
      this.preview = null;
    }
    this.emit();
  }

  /** Change the selection (not an undo step). */
  setSelection(ids: string[], mode: 'replace' | 'add' | 'toggle' = 'replace', emit = true): void {
    if (mode === 'replace') this.selection = [...new Set(ids)];
    else if (mode === 'add') this.selection = [...new Set([...this.selection, ...ids])];
    else {
      const s = new Set(this.selection);
      for (const id of ids) (s.has(id) ? s.delete(id) : s.add(id));
      this.selection = [...s];
    }
    this.selectedEdge = null;
    if (emit) this.emit();
  }

  selectEdge(id: string, index: number): void {
    this.selection = [id];
    this.selectedEdge = { id, index };
    this.emit();
  }

  /** Drop any in-flight preview and guide (Escape, tool switch). */
  cancelGesture(): void {
    this.preview = null;
    this.guide = null;
    this.emit();
  }

  undo(): void {
    if (!this.plan || !this.history.canUndo()) return;
    this.preview = null;
    this.plan = this.history.undo(this.plan);
    this.pos--;
    this.pruneSelection();
    this.emit();
  }

  redo(): void {
    if (!this.plan || !this.history.canRedo()) return;
    this.preview = null;
    this.plan = this.history.redo(this.plan);
    this.pos++;
    this.pruneSelection();
    this.emit();
  }

  private pruneSelection(): void {
    if (!this.plan) return;
    const ids = selectableIds(this.plan);
    this.selection = this.selection.filter((id) => ids.has(id));
    if (this.selectedEdge && !ids.has(this.selectedEdge.id)) this.selectedEdge = null;
  }

  /** Delete the selection (and the doors of deleted zones) as one step. */
  deleteSelection(): void {
    if (!this.plan || !this.selection.length) return;
    const ids = elementIds([...new Set([...this.selection, ...doorsOfZones(this.plan, this.selection)])]);
    if (!ids.length) return;
    if (this.exec({ type: 'deleteElements', ids })) this.setSelection([]);
  }

  /** Duplicate the selection 0.5 m down-right as one step and select the copies. */
  duplicateSelection(): void {
    if (!this.plan || !this.selection.length) return;
    const before = new Set([...this.plan.zones, ...this.plan.doors, ...this.plan.fixtures].map((e) => e.id));
    const ids = elementIds(this.selection);
    if (!ids.length) return;
    if (this.exec({ type: 'duplicateElements', ids, offset: [0.5, 0.5] })) {
      const after = [...this.plan.zones, ...this.plan.doors, ...this.plan.fixtures].map((e) => e.id).filter((id) => !before.has(id));
      this.setSelection(after);
    }
  }

  /** Move the selection by (dx, dy) metres as one step (arrow-key nudge); a lone door only slides along its wall. */
  nudge(dxM: number, dyM: number): void {
    const ids = elementIds(this.selection);
    if (!ids.length || !this.plan) return;
    // a lone door slides along its wall (an arrow across the wall does nothing)
    if (ids.length === 1 && this.plan.doors.some((d) => d.id === ids[0])) {
      [dxM, dyM] = slideDoorDelta(this.plan, ids[0], dxM, dyM).map((x) => Math.round(x * 1e9) / 1e9);
      if (dxM === 0 && dyM === 0) return;
    }
    this.exec({ type: 'moveElements', ids, dxM, dyM });
  }

  /** Bounds of the current selection in the drawn plan. */
  selectionBox() {
    const v = this.preview ?? this.plan;
    return v ? elementsBounds(v, this.selection) : null;
  }

  /** Replace the whole plan as one undoable step (imports). */
  replacePlan(next: FloorPlan): void {
    if (!this.plan) return;
    const p = this.plan;
    const cmds: PlanCommand[] = [];
    const allIds = [...p.zones, ...p.doors, ...p.fixtures, ...p.outline.walls].map((e) => e.id);
    if (allIds.length) cmds.push({ type: 'deleteElements', ids: allIds });
    cmds.push({ type: 'setOutline', outline: { polygon: next.outline.polygon } });
    for (const w of next.outline.walls) cmds.push({ type: 'addWall', wall: w });
    for (const z of next.zones) cmds.push({ type: 'addZone', zone: z });
    for (const d of next.doors) cmds.push({ type: 'addDoor', door: d });
    for (const f of next.fixtures) cmds.push({ type: 'addFixture', fixture: f });
    this.exec({ type: 'batch', commands: cmds });
  }
}
