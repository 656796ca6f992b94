import type { ReactNode } from 'react';
import type { FloorPlan, PlanPoint } from '../../core/floorplan/model';
import type { Viewport } from './viewport';
import type { ZoneLabelBox } from './canvas/zoneLabels';

/**
 * Extension slots of the floor-plan editor (see client/editor/README.md). Other areas (the
 * standards checker) register here; the editor never imports them, so they can land separately.
 *
 * - An **overlay** draws on the Konva stage above the plan (react-konva nodes, `listening` off is
 *   recommended); it gets the committed plan and a metres → screen function.
 * - A **side panel** renders in the editor's right column under the properties panel.
 * Both receive the editor context and may call `select` / `focus` to point at elements.
 */
export interface EditorExtensionContext {
  /** The committed plan (what would be saved), or null before one is open. */
  plan: FloorPlan | null;
  /** The plan as drawn right now (includes a drag in flight) — use for live overlays. */
  livePlan: FloorPlan | null;
  /** Id and version of the open plan. */
  planId: string | null;
  version: number | null;
  /** The plan has edits not saved as a version (its exports are named "-edited", client/editor/io.ts exportFileName). */
  dirty: boolean;
  selection: readonly string[];
  viewport: Viewport;
  /** Plan metres → stage pixels. */
  toScreen: (p: PlanPoint) => [number, number];
  /** Select these element ids (e.g. from a finding). */
  select: (ids: string[]) => void;
  /** Centre the view on a plan point (metres). */
  focus: (p: PlanPoint) => void;
  locale: 'en' | 'zh';
  /** The zone labels (name + area) as the canvas placed them, screen px (client/editor/canvas/zoneLabels.ts): overlays keep off them. */
  zoneLabels: readonly ZoneLabelBox[];
}

export interface EditorOverlay {
  id: string;
  /** Render react-konva nodes (a `<Group>` is a good root). Return null to draw nothing. */
  render: (ctx: EditorExtensionContext) => ReactNode;
}

export interface EditorSidePanel {
  id: string;
  /** i18n key or plain text for the panel heading. */
  title: string;
  render: (ctx: EditorExtensionContext) => ReactNode;
}

const overlays = new Map<string, EditorOverlay>();
const sidePanels = new Map<string, EditorSidePanel>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  for (const l of listeners) l();
}

/** Add (or replace, by id) an overlay drawn above the plan. Returns an unregister function. */
export function registerEditorOverlay(o: EditorOverlay): () => void {
  overlays.set(o.id, o);
  changed();
  return () => { if (overlays.get(o.id) === o) { overlays.delete(o.id); changed(); } };
}

/** Add (or replace, by id) a side panel. Returns an unregister function. */
export function registerEditorSidePanel(p: EditorSidePanel): () => void {
  sidePanels.set(p.id, p);
  changed();
  return () => { if (sidePanels.get(p.id) === p) { sidePanels.delete(p.id); changed(); } };
}

/** Current registrations (for the editor). */
export function editorExtensions(): { overlays: EditorOverlay[]; sidePanels: EditorSidePanel[]; version: number } {
  return { overlays: [...overlays.values()], sidePanels: [...sidePanels.values()], version };
}

/** Subscribe to registration changes (useSyncExternalStore). */
export function subscribeEditorExtensions(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Registration counter (useSyncExternalStore snapshot). */
export function editorExtensionsVersion(): number {
  return version;
}
