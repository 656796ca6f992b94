import type { PlanCommand } from '../../../core/floorplan/commands';
import { pointSegmentDistance } from '../../../core/floorplan/geometry';
import type { FixtureKind, FloorPlan, PlanPoint } from '../../../core/floorplan/model';
import { hitTest, idsInBox } from '../hitTest';
import { snapPoint, snapTranslation, targetsFromPolygons, type SnapTargets } from '../snap';
import { elementRing, newDoor, newFixture, OUTLINE_ID, slideDoorDelta } from '../../../core/floorplan/elements';
import { pxToMetres, type Vec2, type Viewport } from '../viewport';
import { polygonApplyTypedLength, polygonCancel, polygonClose, polygonInitial, polygonTool, polygonUndoPoint, type PolygonState } from './polygonTool';
import { rectApplyTypedSize, rectCancel, rectInitial, rectTool, type RectState } from './rectTool';
import { selectCancel, selectInitial, selectTool, type SelectState } from './selectTool';
import type { Box, Intent, ToolContext, ToolPointer, ToolResult } from './types';

/**
 * The editor's tool controller, as pure functions (no React, no DOM, no store): which tool machine a
 * pointer event goes to, pointer and object snapping, placing doors and fixtures, vertex edits by
 * double-click, the typed-dimension box and the Escape / Enter / Backspace gestures. Each step takes
 * the current tool, the machine states and the plan, and returns a {@link ToolStep} — what the editor
 * must then do (apply a tool result to the store, execute one command, select, switch tool, open the
 * dimension box). `useToolController` applies the steps; the unit tests check them with real plans.
 */

/** The active tool: drawing machines, the outline tools (which reuse them), placement tools and trace calibration. */
export type ToolId = 'select' | 'rect' | 'polygon' | 'outline' | 'outlineRect' | 'door' | `fixture:${string}` | 'calibrate';

/** What the dimension box is asking for: a rectangle's size, a polygon's next side, a selected edge or fixture, a calibration length. */
export type DimMode = 'rect' | 'polygon' | 'edge' | 'fixture' | 'calibrate';

/** What the pointer snapped to (drawn as the snap indicator). */
export type SnapKind = 'vertex' | 'edge' | 'grid' | 'none';

/** The toolbar's snapping switches and grid spacing (metres). */
export interface SnapSettings { grid: boolean; vertex: boolean; edge: boolean; gridM: number }

export const DEFAULT_SNAP: SnapSettings = { grid: true, vertex: true, edge: true, gridM: 0.1 };

/** Vertex / edge snap reach in screen pixels (converted to metres at the current zoom). */
export const SNAP_PX = 8;

/** Snap-target id of the building outline (a zone may be called anything, but never this). */
const OUTLINE_TARGET = '__outline';

/** States of the three tool machines (the outline tools reuse the rectangle and polygon machines). */
export interface ToolMachines { select: SelectState; rect: RectState; polygon: PolygonState }

export function initialMachines(): ToolMachines {
  return { select: selectInitial, rect: rectInitial, polygon: polygonInitial };
}

const usesRect = (tool: ToolId) => tool === 'rect' || tool === 'outlineRect';
const usesPolygon = (tool: ToolId) => tool === 'polygon' || tool === 'outline';

/** The outline tools draw with the zone machines; what they draw becomes the building outline. */
export function drawsOutline(tool: ToolId): boolean {
  return tool === 'outline' || tool === 'outlineRect';
}

/** What the editor does after one controller step (fields absent = nothing to do). */
export interface ToolStep {
  /** The machine states after the step. */
  machines: ToolMachines;
  /** A tool result (preview / commit / guide) for the store. */
  result?: ToolResult<unknown>;
  /** A model command to execute as one undo step. */
  command?: PlanCommand;
  /** Select these ids: after `result`, or after `command` succeeded (or always, with `selectEvenIfRefused`). */
  select?: string[];
  selectEvenIfRefused?: boolean;
  /** Switch to this tool (drops any gesture in flight). */
  nextTool?: ToolId;
  /** The trace-calibration points picked so far (replace the previous ones). */
  calibration?: Vec2[];
  /** Open the dimension box in this mode next to plan point `atM`. */
  openDimension?: { mode: DimMode; atM: Vec2 };
  /** Scale the trace image so the two calibration points are this far apart (metres). */
  calibrateLengthM?: number;
  /** The object snap found for a move (overrides the pointer's snap indicator). */
  snapKind?: SnapKind;
}

/** What a tool needs from the plan and the view, for one event (see {@link ToolContext}). */
export interface ToolContextInput {
  /** The plan as drawn (preview included) — what the pointer hits. */
  view: FloorPlan | null;
  /** The committed plan — what a lone door slides along. */
  plan: FloorPlan | null;
  selection: readonly string[];
  selectionBox: Box | null;
  viewport: Viewport;
}

/** Tool context for one event: hit tests with a 6 px tolerance and a 24 px rotate knob, a 3 px drag threshold. */
export function toolContext({ view, plan, selection, selectionBox, viewport }: ToolContextInput): ToolContext {
  return {
    selection,
    hitTest: (q) => (view ? hitTest(view, q as PlanPoint, { selection, selectionBox, tolM: pxToMetres(viewport, 6), rotateKnobM: pxToMetres(viewport, 24) }) : null),
    selectionBox: () => selectionBox,
    idsInBox: (b) => (view ? idsInBox(view, b) : []),
    dragThresholdM: pxToMetres(viewport, 3),
    fixtureFrame: (id) => {
      const f = view?.fixtures.find((e) => e.id === id);
      return f ? { at: f.at, widthM: f.widthM, depthM: f.depthM, rotationDeg: f.rotationDeg } : null;
    },
    isBackground: (id) => id === OUTLINE_ID,
    // a lone door slides along the wall / edge it sits on, never off it
    constrainTranslate: (ids, dxM, dyM) =>
      plan && ids.length === 1 && plan.doors.some((d) => d.id === ids[0]) ? slideDoorDelta(plan, ids[0], dxM, dyM) : [dxM, dyM],
  };
}

/** Vertices and edges of the outline and every zone, except the ids in `exclude` (`'__outline'` excludes the outline). */
export function planSnapTargets(plan: FloorPlan, exclude: ReadonlySet<string>): SnapTargets {
  return targetsFromPolygons([{ id: OUTLINE_TARGET, ring: plan.outline.polygon }, ...plan.zones.map((z) => ({ id: z.id, ring: z.polygon }))], exclude);
}

/** Shapes the pointer must not snap to: with Select, what is selected (it is what moves), the outline included. */
export function pointerSnapExclusions(tool: ToolId, selection: readonly string[]): Set<string> {
  const exclude = new Set<string>(tool === 'select' ? selection : []);
  if (exclude.has(OUTLINE_ID)) exclude.add(OUTLINE_TARGET); // a dragged outline corner does not snap to the outline itself
  return exclude;
}

/**
 * Snap a raw pointer position (plan metres): vertex → edge → grid within `toleranceM` (see `snapPoint`).
 * Alt (or no plan) leaves it where it is.
 */
export function snapPointer(plan: FloorPlan | null, rawM: Vec2, exclude: ReadonlySet<string>, alt: boolean, settings: SnapSettings, toleranceM: number): { point: Vec2; kind: SnapKind } {
  if (alt || !plan) return { point: rawM, kind: 'none' };
  const r = snapPoint(rawM, planSnapTargets(plan, exclude), {
    gridM: settings.grid ? settings.gridM : 0, toleranceM, vertexSnap: settings.vertex, edgeSnap: settings.edge,
  });
  return { point: r.point, kind: r.kind };
}

/**
 * Object snap for moves: a translate intent (preview and commit) is corrected so a moved vertex lands exactly on
 * another shape's vertex or edge within `toleranceM`. A lone door is left alone (it slides on its wall).
 */
export function snapMoveResult(plan: FloorPlan | null, r: ToolResult<unknown>, settings: SnapSettings, toleranceM: number): { result: ToolResult<unknown>; snapKind?: SnapKind } {
  let snapKind: SnapKind | undefined;
  const fix = (i: Intent | null | undefined): Intent | null | undefined => {
    if (!plan || !i || i.type !== 'translate' || (!settings.vertex && !settings.edge)) return i;
    if (i.ids.length === 1 && plan.doors.some((d) => d.id === i.ids[0])) return i; // a door slides on its wall
    const ids = new Set(i.ids);
    const moving: Vec2[] = [];
    for (const id of i.ids) moving.push(...((elementRing(plan, id) ?? []) as Vec2[]));
    const sn = snapTranslation(moving, i.dxM, i.dyM, planSnapTargets(plan, ids), { toleranceM, vertexSnap: settings.vertex, edgeSnap: settings.edge });
    if (sn.kind !== 'none') snapKind = sn.kind;
    return { ...i, dxM: sn.dxM, dyM: sn.dyM };
  };
  const result = { ...r, ...(r.preview !== undefined ? { preview: fix(r.preview) } : {}), ...(r.commit !== undefined ? { commit: fix(r.commit) } : {}) };
  return snapKind ? { result, snapKind } : { result };
}

/** A drawing-machine result as a step: with an outline tool a drawn ring becomes the outline, selected, and Select comes back. */
function drawStep(tool: ToolId, machines: ToolMachines, r: ToolResult<unknown>): ToolStep {
  if (drawsOutline(tool) && r.commit && r.commit.type === 'createZone') {
    return { machines, result: { ...r, commit: { type: 'createOutline', ring: r.commit.ring } }, select: [OUTLINE_ID], nextTool: 'select' };
  }
  return { machines, result: r };
}

export interface PointerStepInput {
  tool: ToolId;
  machines: ToolMachines;
  pointer: ToolPointer;
  ctx: ToolContext;
  /** The committed plan (null: nothing open). */
  plan: FloorPlan | null;
  snap: SnapSettings;
  /** Object-snap reach for moves, metres. */
  snapToleranceM: number;
  /** Calibration points picked so far, or null when there is no trace image to calibrate. */
  calibration: Vec2[] | null;
}

/**
 * One pointer event through the active tool. Select / rectangle / polygon (and the outline tools) advance their
 * machine; Door places a door on the nearest edge at the raw point and Fixture a catalogue fixture at the snapped
 * point (one command each, then Select); Calibrate collects two points on the trace image and then asks for their
 * real distance.
 */
export function pointerStep({ tool, machines, pointer: ev, ctx, plan, snap, snapToleranceM, calibration }: PointerStepInput): ToolStep {
  const m = { ...machines };
  if (tool === 'select') {
    const r = selectTool(m.select, ev, ctx);
    m.select = r.state;
    if (ev.alt) return { machines: m, result: r };
    return { machines: m, ...snapMoveResult(plan, r, snap, snapToleranceM) };
  }
  if (usesRect(tool)) {
    const r = rectTool(m.rect, ev, ctx);
    m.rect = r.state;
    return drawStep(tool, m, r);
  }
  if (usesPolygon(tool)) {
    const r = polygonTool(m.polygon, ev, ctx);
    m.polygon = r.state;
    return drawStep(tool, m, r);
  }
  if (ev.type !== 'down' || !plan) return { machines: m };
  if (tool === 'door') {
    const d = newDoor(plan, ev.raw as PlanPoint);
    return { machines: m, command: { type: 'addDoor', door: d }, select: [d.id], nextTool: 'select' };
  }
  if (tool.startsWith('fixture:')) {
    const f = newFixture(plan, tool.slice('fixture:'.length) as FixtureKind, ev.world as PlanPoint);
    return { machines: m, command: { type: 'addFixture', fixture: f }, select: [f.id], nextTool: 'select' };
  }
  if (tool === 'calibrate' && calibration) {
    const pts = [...calibration, ev.raw].slice(-2);
    return { machines: m, calibration: pts, ...(pts.length === 2 ? { openDimension: { mode: 'calibrate' as const, atM: pts[1] } } : {}) };
  }
  return { machines: m };
}

/** Round a plan coordinate to 0.1 mm (what a double-click inserts). */
const r4 = (c: Vec2): PlanPoint => [Math.round(c[0] * 1e4) / 1e4, Math.round(c[1] * 1e4) / 1e4];

export interface DoubleClickInput {
  tool: ToolId;
  machines: ToolMachines;
  /** The plan as drawn. */
  view: FloorPlan | null;
  ctx: ToolContext;
  /** The raw (unsnapped) pointer position and that position snapped with nothing excluded. */
  rawM: Vec2;
  snappedM: Vec2;
}

/**
 * Double-click: closes the ring being drawn (polygon / outline tools); with Select, vertex editing of the hit shape —
 * on an edge a vertex is inserted at the (snapped) point nearest the pointer, on a vertex it is removed (a zone keeps at
 * least three). Outline edits keep the outline selected; a zone with a new vertex becomes the selection.
 */
export function doubleClickStep({ tool, machines, view, ctx, rawM, snappedM }: DoubleClickInput): ToolStep {
  if (usesPolygon(tool)) {
    const r = polygonClose(machines.polygon);
    return drawStep(tool, { ...machines, polygon: r.state }, r);
  }
  if (tool !== 'select' || !view) return { machines };
  const hit = ctx.hitTest(rawM);
  if (!hit || (hit.kind !== 'vertex' && hit.kind !== 'edge')) return { machines };
  if (hit.id === OUTLINE_ID) {
    const ring = view.outline.polygon;
    const command: PlanCommand = hit.kind === 'vertex'
      ? { type: 'deleteOutlineVertex', index: hit.index }
      : { type: 'insertOutlineVertex', index: hit.index + 1, at: r4(pointSegmentDistance(snappedM, ring[hit.index], ring[(hit.index + 1) % ring.length]).closest) };
    return { machines, command, select: [OUTLINE_ID], selectEvenIfRefused: true };
  }
  const z = view.zones.find((q) => q.id === hit.id);
  if (!z) return { machines };
  if (hit.kind === 'vertex') return z.polygon.length > 3 ? { machines, command: { type: 'deleteVertex', zoneId: z.id, index: hit.index } } : { machines };
  const a = z.polygon[hit.index], b = z.polygon[(hit.index + 1) % z.polygon.length];
  return { machines, command: { type: 'insertVertex', zoneId: z.id, index: hit.index + 1, at: r4(pointSegmentDistance(snappedM, a, b).closest) }, select: [z.id] };
}

/** Enter (or a double-click) with a polygon / outline tool: close the ring. */
export function closePolygonStep(tool: ToolId, machines: ToolMachines): ToolStep {
  const r = polygonClose(machines.polygon);
  return drawStep(tool, { ...machines, polygon: r.state }, r);
}

/** Backspace with a polygon / outline tool: drop the last vertex. */
export function undoPolygonPointStep(tool: ToolId, machines: ToolMachines): ToolStep {
  const r = polygonUndoPoint(machines.polygon);
  return drawStep(tool, { ...machines, polygon: r.state }, r);
}

/** Escape: abandon the gesture in flight; with Select also clear the selection; any other tool returns to Select. */
export function cancelStep(tool: ToolId, machines: ToolMachines): ToolStep {
  const next: Partial<ToolStep> = tool !== 'select' ? { nextTool: 'select' } : {};
  if (usesRect(tool)) return { ...drawStep(tool, { ...machines, rect: rectInitial }, rectCancel()), ...next };
  if (usesPolygon(tool)) return { ...drawStep(tool, { ...machines, polygon: polygonInitial }, polygonCancel()), ...next };
  return { machines: { ...machines, select: selectInitial }, result: selectCancel(), select: [], ...next };
}

/** Which drawing is in flight (a typed number then sizes it), or null. */
export function drawingMode(tool: ToolId, machines: ToolMachines): 'rect' | 'polygon' | null {
  if (usesRect(tool) && machines.rect.mode !== 'idle') return 'rect';
  if (usesPolygon(tool) && machines.polygon.mode !== 'idle') return 'polygon';
  return null;
}

/** The editor's selection as the dimension box and the keyboard see it. */
export interface SelectionState {
  selection: readonly string[];
  selectedEdge: { id: string; index: number } | null;
}

/**
 * A typed length for the single selected element, as one command: the outline or a zone — the selected edge (else edge
 * 1→2) gets length `aM`, and with `WxD` the next edge gets `bM`; a fixture — its width (and depth). Null when nothing fits.
 */
export function typedEdgeCommand(plan: FloorPlan, { selection, selectedEdge }: SelectionState, aM: number, bM?: number): PlanCommand | null {
  if (selection.length !== 1) return null;
  const id = selection[0];
  const i = selectedEdge?.id === id ? selectedEdge.index : 0;
  const one = (cmds: PlanCommand[]): PlanCommand => (cmds.length === 1 ? cmds[0] : { type: 'batch', commands: cmds });
  if (id === OUTLINE_ID) {
    const cmds: PlanCommand[] = [{ type: 'setOutlineEdgeLength', edgeIndex: i, lengthM: aM }];
    if (bM !== undefined) cmds.push({ type: 'setOutlineEdgeLength', edgeIndex: i + 1, lengthM: bM });
    return one(cmds);
  }
  const z = plan.zones.find((e) => e.id === id);
  if (z) {
    const cmds: PlanCommand[] = [{ type: 'setEdgeLength', zoneId: id, edgeIndex: i, lengthM: aM }];
    if (bM !== undefined) cmds.push({ type: 'setEdgeLength', zoneId: id, edgeIndex: (i + 1) % z.polygon.length, lengthM: bM });
    return one(cmds);
  }
  if (plan.fixtures.some((e) => e.id === id)) {
    return { type: 'setProperties', id, patch: bM !== undefined ? { widthM: aM, depthM: bM } : { widthM: aM } };
  }
  return null;
}

export interface DimensionStepInput extends SelectionState {
  mode: DimMode;
  /** The parsed typed value (`3.5` → aM; `3.5x2` → aM, bM), metres. */
  aM: number;
  bM?: number;
  tool: ToolId;
  machines: ToolMachines;
  plan: FloorPlan | null;
  calibration: Vec2[] | null;
}

/**
 * Apply a typed dimension: the rectangle being drawn gets that size, the polygon its next side, the selected edge or
 * fixture its length / size; two calibration points get their real distance (then Select).
 */
export function dimensionStep({ mode, aM, bM, tool, machines, plan, selection, selectedEdge, calibration }: DimensionStepInput): ToolStep {
  if (mode === 'rect') {
    const r = rectApplyTypedSize(machines.rect, aM, bM);
    return r ? drawStep(tool, { ...machines, rect: r.state }, r) : { machines };
  }
  if (mode === 'polygon') {
    const r = polygonApplyTypedLength(machines.polygon, aM);
    return r ? drawStep(tool, { ...machines, polygon: r.state }, r) : { machines };
  }
  if (mode === 'edge' && plan) {
    const command = typedEdgeCommand(plan, { selection, selectedEdge }, aM, bM);
    return command ? { machines, command } : { machines };
  }
  if (mode === 'calibrate' && calibration && calibration.length === 2) {
    return { machines, calibrateLengthM: aM, calibration: [], nextTool: 'select' };
  }
  return { machines };
}

/** Where the dimension box opens (plan metres): the middle of the selected edge, else the pointer; null = mid-screen. */
export function dimensionAnchorM(view: FloorPlan | null, selectedEdge: SelectionState['selectedEdge'], cursorM: Vec2 | null): Vec2 | null {
  if (selectedEdge && view) {
    const ring = selectedEdge.id === OUTLINE_ID ? view.outline.polygon : view.zones.find((e) => e.id === selectedEdge.id)?.polygon;
    if (ring) {
      const a = ring[selectedEdge.index], b = ring[(selectedEdge.index + 1) % ring.length];
      return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    }
  }
  return cursorM;
}
