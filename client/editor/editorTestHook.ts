import { useEffect } from 'react';
import { polygonAreaM2 } from '../../core/floorplan/geometry';
import { testHooksEnabled } from '../testHooks';
import type { TraceImage } from './canvas/PlanCanvas';
import type { EditorSnapshot } from './state/editorStore';
import type { ToolId } from './tools/toolController';
import type { Viewport } from './viewport';

declare global {
  interface Window { __editor?: Record<string, unknown> }
}

export interface EditorTestState {
  snap: EditorSnapshot;
  busy: boolean;
  latestVersion: number | null;
  tool: ToolId;
  viewport: Viewport;
  conflict: string | null;
  trace: TraceImage | null;
  /** `id@version` of the plan the view was last fitted to. */
  fittedKey: string | null;
}

/** What browser tests read from `window.__editor` (see client/editor/README.md, "Test hooks"). */
export function editorTestView({ snap, busy, latestVersion, tool, viewport, conflict, trace, fittedKey }: EditorTestState): Record<string, unknown> {
  const p = snap.plan;
  const ref = snap.ref;
  return {
    ready: !!p && !busy && !!ref && fittedKey === `${ref.id}@${ref.version}`,
    planId: ref?.id ?? null,
    version: ref?.version ?? null,
    latestVersion,
    dirty: snap.dirty,
    tool,
    selection: snap.selection,
    historyDepth: snap.undoDepth,
    redoDepth: snap.redoDepth,
    zoneCount: p?.zones.length ?? 0,
    zones: p?.zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, areaM2: polygonAreaM2(z.polygon), polygon: z.polygon })) ?? [],
    viewport,
    conflict,
    trace: trace ? { originM: trace.originM, mPerPx: trace.mPerPx, opacity: trace.opacity } : null,
    fixtures: p?.fixtures.map((f) => ({ id: f.id, kind: f.kind, at: f.at, widthM: f.widthM, rotationDeg: f.rotationDeg })) ?? [],
    doors: p?.doors.map((d) => ({ id: d.id, a: d.a, b: d.b, connects: d.connects })) ?? [],
    outline: p ? { polygon: p.outline.polygon, areaM2: polygonAreaM2(p.outline.polygon) } : null,
    walls: p?.outline.walls.map((w) => ({ id: w.id, a: w.a, b: w.b, thicknessM: w.thicknessM, fullHeight: w.fullHeight, glazed: w.glazed, exterior: w.exterior })) ?? [],
    selectedEdge: snap.selectedEdge,
    fixturesFull: p?.fixtures.map((f) => ({ id: f.id, at: f.at, widthM: f.widthM, depthM: f.depthM, rotationDeg: f.rotationDeg })) ?? [],
  };
}

/** Publish the editor's state as `window.__editor` after every change — only when test hooks are on (../testHooks.ts). */
export function useEditorTestHook(state: EditorTestState): void {
  const { snap, busy, latestVersion, tool, viewport, conflict, trace, fittedKey } = state;
  useEffect(() => {
    if (!testHooksEnabled()) return;
    window.__editor = editorTestView({ snap, busy, latestVersion, tool, viewport, conflict, trace, fittedKey });
  }, [snap, busy, latestVersion, tool, viewport, conflict, trace, fittedKey]);
}
