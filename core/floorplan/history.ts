/**
 * Undo/redo of plan edits as stacks of inverse commands (Excalidraw's History / tldraw marks).
 * Capture policy: `execute` / `push` record one step; a gesture (a drag) groups every command applied
 * between `beginGesture()` and `endGesture()` into ONE step; loads are never recorded.
 * The history holds commands, never plans; the plan stays the caller's immutable value.
 */
import { applyCommand, type PlanCommand } from './commands';
import type { FloorPlan } from './model';

interface Entry { inverse: PlanCommand; label?: string }

/** Undo/redo stacks of inverse commands. */
export class PlanHistory {
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  private gesture: PlanCommand[] | null = null;
  private gestureLabel?: string;

  /** @param maxDepth oldest steps are dropped beyond this many (default 500). */
  constructor(readonly maxDepth = 500) {}

  /** Apply `cmd` to `plan`, record its inverse as one step (or into the open gesture), clear redo. */
  execute(plan: FloorPlan, cmd: PlanCommand, label?: string): FloorPlan {
    const r = applyCommand(plan, cmd);
    this.push(r.inverse, label);
    return r.plan;
  }

  /** Record an inverse you obtained from applyCommand yourself. Clears the redo stack. */
  push(inverse: PlanCommand, label?: string): void {
    if (this.gesture) { this.gesture.push(inverse); return; }
    this.undoStack.push({ inverse, label });
    if (this.undoStack.length > this.maxDepth) this.undoStack.shift();
    this.redoStack = [];
  }

  /** Start grouping (e.g. pointer-down of a drag). Nested calls are ignored. */
  beginGesture(label?: string): void {
    if (this.gesture) return;
    this.gesture = [];
    this.gestureLabel = label;
  }

  /** End grouping: everything pushed since beginGesture becomes one undo step (none if nothing changed). */
  endGesture(): void {
    const g = this.gesture;
    this.gesture = null;
    if (!g || !g.length) return;
    this.push(g.length === 1 ? g[0] : { type: 'batch', commands: g.slice().reverse() }, this.gestureLabel);
  }

  /** True while a gesture is open. */
  get inGesture(): boolean { return this.gesture !== null; }

  canUndo(): boolean { return this.undoStack.length > 0; }
  canRedo(): boolean { return this.redoStack.length > 0; }
  /** Number of undo steps available. */
  depth(): number { return this.undoStack.length; }
  /** Number of redo steps available. */
  redoDepth(): number { return this.redoStack.length; }
  /** Label of the step undo would revert. */
  undoLabel(): string | undefined { return this.undoStack.at(-1)?.label; }

  /** Undo one step: returns the plan before it (or `plan` unchanged when there is nothing to undo). */
  undo(plan: FloorPlan): FloorPlan {
    if (this.gesture) this.endGesture();
    const e = this.undoStack.pop();
    if (!e) return plan;
    const r = applyCommand(plan, e.inverse);
    this.redoStack.push({ inverse: r.inverse, label: e.label });
    return r.plan;
  }

  /** Redo one undone step (or return `plan` unchanged). */
  redo(plan: FloorPlan): FloorPlan {
    const e = this.redoStack.pop();
    if (!e) return plan;
    const r = applyCommand(plan, e.inverse);
    this.undoStack.push({ inverse: r.inverse, label: e.label });
    return r.plan;
  }

  /** Forget everything (after loading another plan). */
  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.gesture = null;
  }
}
