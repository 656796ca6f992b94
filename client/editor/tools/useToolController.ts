import { useCallback, useRef, useState, type RefObject } from 'react';
import type { PlanCommand } from '../../../core/floorplan/commands';
import { parseLengthInput } from '../lengthInput';
import type { EditorStore } from '../state/editorStore';
import type { TraceUnderlay } from '../trace/useTraceUnderlay';
import type { EditorViewport } from '../useEditorViewport';
import type { SetEditorStatus } from '../useEditorStatus';
import { pxToMetres, screenToWorld, worldToScreen, type Vec2 } from '../viewport';
import {
  cancelStep, closePolygonStep, DEFAULT_SNAP, dimensionAnchorM, dimensionStep, doubleClickStep, drawingMode, initialMachines,
  pointerSnapExclusions, pointerStep, snapPointer, SNAP_PX, toolContext, undoPolygonPointStep,
  type DimMode, type SnapKind, type SnapSettings, type ToolId, type ToolStep,
} from './toolController';
import type { ToolPointer } from './types';

/** The open dimension box: what it sizes, the text typed so far and where it sits (canvas px). */
export interface DimInput { mode: DimMode; text: string; at: Vec2 }

/** A pointer or mouse event as the controller reads it. */
type PointerLike = { clientX: number; clientY: number; shiftKey: boolean; altKey: boolean };

export interface ToolController {
  tool: ToolId;
  setTool: (id: ToolId) => void;
  /** Back to Select with nothing in flight (a plan was opened). */
  reset: () => void;
  snap: SnapSettings;
  setSnap: (s: SnapSettings) => void;
  /** Snapped pointer position (plan metres) and what it snapped to. */
  cursor: Vec2 | null;
  snapKind: SnapKind;
  dim: DimInput | null;
  setDimText: (text: string) => void;
  closeDim: () => void;
  applyDim: (d: DimInput) => void;
  /** Open the dimension box with `text` typed, at the selected edge, else the pointer, else mid-canvas. */
  openDim: (mode: DimMode, text: string) => void;
  /** The drawing in flight ('rect' | 'polygon') or null. */
  drawing: () => 'rect' | 'polygon' | null;
  pointerDown: (e: PointerLike) => void;
  pointerMove: (e: PointerLike) => void;
  pointerUp: (e: PointerLike) => void;
  doubleClick: (e: PointerLike) => void;
  /** Escape, Enter and Backspace gestures. */
  cancel: () => void;
  closePolygon: () => void;
  undoPolygonPoint: () => void;
}

/**
 * React side of the pure tool controller (./toolController.ts): holds the active tool, the machine states, snapping
 * switches, the pointer and the dimension box, turns DOM events into controller steps and applies each step to the store.
 */
export function useToolController({ store, exec, viewport, trace, wrapRef, setStatus, t }: {
  store: EditorStore;
  /** Execute one command as one undo step (false, with a status, when the model refuses it). */
  exec: (cmd: PlanCommand) => boolean;
  viewport: EditorViewport;
  trace: TraceUnderlay;
  wrapRef: RefObject<HTMLDivElement | null>;
  setStatus: SetEditorStatus;
  t: (key: string, vars?: Record<string, string | number>) => string;
}): ToolController {
  const [tool, setToolState] = useState<ToolId>('select');
  const [snap, setSnap] = useState<SnapSettings>(DEFAULT_SNAP);
  const [dim, setDim] = useState<DimInput | null>(null);
  const [cursor, setCursor] = useState<Vec2 | null>(null);
  const [snapKind, setSnapKind] = useState<SnapKind>('none');
  const machines = useRef(initialMachines());
  const { setCalibration } = trace;

  const setTool = useCallback((id: ToolId) => {
    machines.current = initialMachines();
    store.cancelGesture();
    setDim(null);
    setCalibration([]);
    setToolState(id);
  }, [store, setCalibration]);

  const reset = useCallback(() => {
    // a drawing tool never carries over to another plan: back to Select, no half-drawn gesture
    machines.current = initialMachines();
    setToolState('select');
    setDim(null);
    setCalibration([]);
  }, [setCalibration]);

  const toleranceM = () => pxToMetres(viewport.current(), SNAP_PX);
  const ctxNow = () => {
    const s = store.getSnapshot();
    return toolContext({ view: s.view, plan: s.plan, selection: s.selection, selectionBox: store.selectionBox(), viewport: viewport.current() });
  };
  const toCanvas = (e: { clientX: number; clientY: number }): Vec2 => {
    const r = wrapRef.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const calibration = () => (trace.trace ? trace.calibration : null);

  const apply = (step: ToolStep) => {
    machines.current = step.machines;
    if (step.snapKind) setSnapKind(step.snapKind);
    if (step.result) store.applyTool(step.result);
    if (step.command) {
      const ok = exec(step.command);
      if (step.select && (ok || step.selectEvenIfRefused)) store.setSelection(step.select);
    } else if (step.select) store.setSelection(step.select);
    if (step.calibrateLengthM !== undefined) trace.calibrate(step.calibrateLengthM);
    if (step.calibration) setCalibration(step.calibration);
    if (step.openDimension) setDim({ mode: step.openDimension.mode, text: '', at: worldToScreen(viewport.current(), step.openDimension.atM) });
    if (step.nextTool) setTool(step.nextTool);
  };

  const pointer = (type: ToolPointer['type'], e: PointerLike): ToolPointer => {
    const raw = screenToWorld(viewport.current(), toCanvas(e));
    const s = store.getSnapshot();
    const snapped = snapPointer(s.view, raw, pointerSnapExclusions(tool, s.selection), e.altKey, snap, toleranceM());
    setSnapKind(snapped.kind);
    setCursor(snapped.point);
    return { type, world: snapped.point, raw, shift: e.shiftKey, alt: e.altKey };
  };
  const run = (ev: ToolPointer) => apply(pointerStep({
    tool, machines: machines.current, pointer: ev, ctx: ctxNow(), plan: store.getSnapshot().plan, snap, snapToleranceM: toleranceM(), calibration: calibration(),
  }));

  const applyDim = (d: DimInput) => {
    const parsed = parseLengthInput(d.text);
    if (!parsed) { setStatus({ kind: 'error', text: t('editor.dim.invalid', { text: d.text }) }); return; }
    const s = store.getSnapshot();
    apply(dimensionStep({
      mode: d.mode, aM: parsed.aM, bM: parsed.bM, tool, machines: machines.current, plan: s.plan, selection: s.selection, selectedEdge: s.selectedEdge, calibration: calibration(),
    }));
    setDim(null);
  };

  return {
    tool, setTool, reset, snap, setSnap, cursor, snapKind, dim, applyDim,
    setDimText: (text) => setDim((d) => (d ? { ...d, text } : d)),
    closeDim: () => setDim(null),
    openDim: (mode, text) => {
      const s = store.getSnapshot();
      const atM = dimensionAnchorM(s.view, s.selectedEdge, cursor);
      setDim({ mode, text, at: atM ? worldToScreen(viewport.current(), atM) : [viewport.size.width / 2, viewport.size.height / 2] });
    },
    drawing: () => drawingMode(tool, machines.current),
    pointerDown: (e) => {
      if (dim && dim.mode !== 'rect' && dim.mode !== 'polygon') setDim(null);
      run(pointer('down', e));
    },
    pointerMove: (e) => run(pointer('move', e)),
    pointerUp: (e) => run(pointer('up', e)),
    doubleClick: (e) => {
      const raw = screenToWorld(viewport.current(), toCanvas(e));
      const view = store.getSnapshot().view;
      apply(doubleClickStep({ tool, machines: machines.current, view, ctx: ctxNow(), rawM: raw, snappedM: snapPointer(view, raw, new Set(), e.altKey, snap, toleranceM()).point }));
    },
    cancel: () => {
      setDim(null);
      apply(cancelStep(tool, machines.current));
    },
    closePolygon: () => apply(closePolygonStep(tool, machines.current)),
    undoPolygonPoint: () => apply(undoPolygonPointStep(tool, machines.current)),
  };
}
