import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type Konva from 'konva';
import type { PlanCommand } from '../../core/floorplan/commands';
import { BranchType, FixtureKind, LengthUnit, type FloorPlan, type PlanPoint } from '../../core/floorplan/model';
import { pointSegmentDistance, pointsBounds, polygonAreaM2 } from '../../core/floorplan/geometry';
import { zoneKind, zoneKindColour } from '../../core/floorplan/zoneKinds';
import { ApiError } from '../api/http';
import { createPlan, getPlan, getPlanVersion, listPlans, listVersions, restoreVersion, saveVersion, type PlanSummary, type PlanVersionInfo } from '../api/plans';
import { useI18n } from '../i18n/i18n';
import { PlanCanvas, useElementSize, type CanvasGuide, type TraceImage } from './canvas/PlanCanvas';
import { editorExtensions, subscribeEditorExtensions, editorExtensionsVersion, type EditorExtensionContext } from './extensions';
import { hitTest, idsInBox } from './hitTest';
import { exportPlan, importPlanFile, type ExportFormat } from './io';
import { parseLengthInput } from './lengthInput';
import { PropertiesPanel } from './PropertiesPanel';
import { snapPoint, snapTranslation, targetsFromPolygons } from './snap';
import { EditorStore } from './state/editorStore';
import { blankPlan, elementRing, newDoor, newFixture, OUTLINE_ID, slideDoorDelta } from '../../core/floorplan/elements';
import { polygonApplyTypedLength, polygonCancel, polygonClose, polygonInitial, polygonTool, polygonUndoPoint, type PolygonState } from './tools/polygonTool';
import { rectApplyTypedSize, rectCancel, rectInitial, rectTool, type RectState } from './tools/rectTool';
import { selectCancel, selectInitial, selectTool, type SelectState } from './tools/selectTool';
import type { Intent, ToolContext, ToolPointer, ToolResult } from './tools/types';
import { fitBounds, formatLengthM, panBy, pxToMetres, scaleBar, screenToWorld, wheelZoomFactor, worldToScreen, zoomAbout, type Vec2, type Viewport } from './viewport';
import './editor.css';

/**
 * The floor-plan editor tab (#/floorplans/<planId>): plan list, toolbar, Konva canvas, properties,
 * versions, trace underlay, import/export. State lives in {@link EditorStore}; tools are pure
 * state machines in ./tools; Konva only draws.
 */
type ToolId = 'select' | 'rect' | 'polygon' | 'outline' | 'outlineRect' | 'door' | `fixture:${string}` | 'calibrate';

interface DimInput { mode: 'rect' | 'polygon' | 'edge' | 'fixture' | 'calibrate'; text: string; at: Vec2 }

interface Conflict { message: string; plan: FloorPlan }

declare global {
  interface Window { __editor?: Record<string, unknown> }
}

const SNAP_PX = 8;

function planIdFromHash(): string | null {
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  return parts[0] === 'floorplans' && parts[1] ? decodeURIComponent(parts[1]) : null;
}

export default function EditorView() {
  const { t, locale } = useI18n();
  const store = useMemo(() => new EditorStore(), []);
  store.locale = locale;
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  useSyncExternalStore(subscribeEditorExtensions, editorExtensionsVersion);
  const ext = editorExtensions();

  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [versions, setVersions] = useState<PlanVersionInfo[] | null>(null);
  const [latestVersion, setLatestVersion] = useState<number | null>(null);
  const [status, setStatus] = useState<{ kind: 'info' | 'error' | 'ok'; text: string } | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  const [tool, setToolState] = useState<ToolId>('select');
  const [newZoneKind, setNewZoneKindState] = useState('waiting');
  const [gridM, setGridM] = useState(0.1);
  const [showGrid, setShowGrid] = useState(true);
  const [snapOn, setSnapOn] = useState({ grid: true, vertex: true, edge: true });
  const [trace, setTrace] = useState<TraceImage | null>(null);
  const [dim, setDim] = useState<DimInput | null>(null);
  const [cursor, setCursor] = useState<Vec2 | null>(null);
  const [snapKind, setSnapKind] = useState<string>('none');
  const [calib, setCalib] = useState<Vec2[]>([]);

  const wrapRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage | null>(null);
  const size = useElementSize(wrapRef);
  const [viewport, setViewport] = useState<Viewport>({ pxPerM: 40, offsetXPx: 40, offsetYPx: 40 });
  const vpRef = useRef(viewport);
  vpRef.current = viewport;

  const toolRef = useRef<{ select: SelectState; rect: RectState; polygon: PolygonState }>({ select: selectInitial, rect: rectInitial, polygon: polygonInitial });
  const panRef = useRef<{ x: number; y: number } | null>(null);
  const spaceRef = useRef(false);
  const fittedFor = useRef<string | null>(null);
  /** Key (`id@version`) of the plan the view was last fitted to; the editor reports ready only after that. */
  const [fittedKey, setFittedKey] = useState<string | null>(null);

  const plan = snap.view;
  const ref = snap.ref;

  // ── loading ──
  const refreshPlans = useCallback(async () => {
    try {
      setPlans(await listPlans());
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    }
  }, []);

  const openPlan = useCallback(async (id: string, version?: number) => {
    setBusy(true);
    try {
      const body = version ? await getPlanVersion(id, version) : await getPlan(id);
      store.load(body.plan, { id: body.id, version: body.version, readOnly: body.version !== body.latestVersion });
      // a drawing tool never carries over to another plan: back to Select, no half-drawn gesture
      toolRef.current = { select: selectInitial, rect: rectInitial, polygon: polygonInitial };
      setToolState('select');
      setDim(null);
      setCalib([]);
      setLatestVersion(body.latestVersion);
      setConflict(null);
      fittedFor.current = null;
      if (planIdFromHash() !== id) history.replaceState(null, '', `#/floorplans/${encodeURIComponent(id)}`);
      setStatus(version && body.version !== body.latestVersion
        ? { kind: 'info', text: t('editor.status.oldVersion', { v: body.version, latest: body.latestVersion }) }
        : null);
      setVersions(null);
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }, [store, t]);

  useEffect(() => {
    void refreshPlans();
  }, [refreshPlans]);

  useEffect(() => {
    if (snap.plan || busy) return;
    const fromHash = planIdFromHash();
    if (fromHash) { void openPlan(fromHash); return; }
    if (plans.length) void openPlan(plans[0].id);
  }, [plans, snap.plan, busy, openPlan]);

  // follow the URL (#/floorplans/<id>): links, back/forward
  useEffect(() => {
    const onHash = () => {
      const id = planIdFromHash();
      const cur = store.getSnapshot();
      if (!id || id === cur.ref?.id) return;
      if (cur.dirty && !confirm(t('editor.confirmDiscard'))) {
        if (cur.ref) history.replaceState(null, '', `#/floorplans/${encodeURIComponent(cur.ref.id)}`);
        return;
      }
      void openPlan(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [store, openPlan, t]);

  // unsaved edits: the browser asks before the tab closes or reloads
  useEffect(() => {
    if (!snap.dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => { e.preventDefault(); e.returnValue = ''; };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [snap.dirty]);

  // fit the view once per opened plan
  useEffect(() => {
    if (!snap.plan || !ref || size.width < 50) return;
    const key = `${ref.id}@${ref.version}`;
    if (fittedFor.current === key) return;
    fittedFor.current = key;
    setViewport(fitBounds(boundsOf(snap.plan), size.width, size.height, 48));
    setFittedKey(key);
  }, [snap.plan, ref, size.width, size.height]);

  // ── tool plumbing ──
  const toolCtx = useCallback((): ToolContext => {
    const v = vpRef.current;
    const p = store.getSnapshot().view;
    const selBox = store.selectionBox();
    return {
      selection: store.getSnapshot().selection,
      hitTest: (q) => (p ? hitTest(p, q as PlanPoint, { selection: store.getSnapshot().selection, selectionBox: selBox, tolM: pxToMetres(v, 6), rotateKnobM: pxToMetres(v, 24) }) : null),
      selectionBox: () => selBox,
      idsInBox: (b) => (p ? idsInBox(p, b) : []),
      dragThresholdM: pxToMetres(v, 3),
      fixtureFrame: (id) => {
        const f = p?.fixtures.find((e) => e.id === id);
        return f ? { at: f.at, widthM: f.widthM, depthM: f.depthM, rotationDeg: f.rotationDeg } : null;
      },
      isBackground: (id) => id === OUTLINE_ID,
      // a lone door slides along the wall / edge it sits on, never off it
      constrainTranslate: (ids, dxM, dyM) => {
        const base = store.getSnapshot().plan;
        return base && ids.length === 1 && base.doors.some((d) => d.id === ids[0]) ? slideDoorDelta(base, ids[0], dxM, dyM) : [dxM, dyM];
      },
    };
  }, [store]);

  const snapWorld = useCallback((raw: Vec2, exclude: ReadonlySet<string>, alt: boolean): { p: Vec2; kind: string } => {
    const p = store.getSnapshot().view;
    if (alt || !p) return { p: raw, kind: 'none' };
    const targets = targetsFromPolygons([{ id: '__outline', ring: p.outline.polygon }, ...p.zones.map((z) => ({ id: z.id, ring: z.polygon }))], exclude);
    const r = snapPoint(raw, targets, {
      gridM: snapOn.grid ? gridM : 0, toleranceM: pxToMetres(vpRef.current, SNAP_PX), vertexSnap: snapOn.vertex, edgeSnap: snapOn.edge,
    });
    return { p: r.point, kind: r.kind };
  }, [store, snapOn, gridM]);

  const drawsOutline = tool === 'outline' || tool === 'outlineRect';
  const applyResult = useCallback((r: ToolResult<unknown>) => {
    // the outline tools reuse the zone drawing machines; what they draw becomes the building outline
    const asOutline = (i: Intent | null | undefined): Intent | null | undefined => (i && i.type === 'createZone' ? { type: 'createOutline', ring: i.ring } : i);
    if (drawsOutline && r.commit && r.commit.type === 'createZone') {
      store.applyTool({ ...r, commit: asOutline(r.commit) });
      store.setSelection([OUTLINE_ID]);
      setToolState('select');
      return;
    }
    store.applyTool(r);
  }, [store, drawsOutline]);

  const setTool = useCallback((id: ToolId) => {
    toolRef.current = { select: selectInitial, rect: rectInitial, polygon: polygonInitial };
    store.cancelGesture();
    setDim(null);
    setCalib([]);
    setToolState(id);
  }, [store]);

  const setNewZoneKind = useCallback((k: string) => {
    store.newZoneKind = k;
    setNewZoneKindState(k);
  }, [store]);

  const exec = useCallback((cmd: PlanCommand) => {
    const ok = store.exec(cmd);
    if (!ok && store.lastError) setStatus({ kind: 'error', text: store.lastError });
    return ok;
  }, [store]);

  function localPoint(e: { clientX: number; clientY: number }): Vec2 {
    const r = wrapRef.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  function toolPointer(type: ToolPointer['type'], e: React.PointerEvent): ToolPointer {
    const sp = localPoint(e);
    const raw = screenToWorld(vpRef.current, sp);
    const exclude = new Set<string>(tool === 'select' ? store.getSnapshot().selection : []);
    if (exclude.has(OUTLINE_ID)) exclude.add('__outline'); // a dragged outline corner does not snap to the outline itself
    const s = snapWorld(raw, exclude, e.altKey);
    setSnapKind(s.kind);
    setCursor(s.p);
    return { type, world: s.p, raw, shift: e.shiftKey, alt: e.altKey };
  }

  function runTool(ev: ToolPointer) {
    const ctx = toolCtx();
    const tr = toolRef.current;
    if (tool === 'select') { const r = selectTool(tr.select, ev, ctx); tr.select = r.state; applyResult(ev.alt ? r : snapMove(r)); }
    else if (tool === 'rect' || tool === 'outlineRect') { const r = rectTool(tr.rect, ev, ctx); tr.rect = r.state; applyResult(r); }
    else if (tool === 'polygon' || tool === 'outline') { const r = polygonTool(tr.polygon, ev, ctx); tr.polygon = r.state; applyResult(r); }
    else if (ev.type === 'down' && snap.plan) {
      if (tool === 'door') {
        const d = newDoor(snap.plan, ev.raw as PlanPoint);
        if (exec({ type: 'addDoor', door: d })) store.setSelection([d.id]);
        setTool('select');
      } else if (tool.startsWith('fixture:')) {
        const kind = tool.slice('fixture:'.length) as FixtureKind;
        const f = newFixture(snap.plan, kind, ev.world as PlanPoint);
        if (exec({ type: 'addFixture', fixture: f })) store.setSelection([f.id]);
        setTool('select');
      } else if (tool === 'calibrate' && trace) {
        const pts = [...calib, ev.raw].slice(-2);
        setCalib(pts);
        if (pts.length === 2) setDim({ mode: 'calibrate', text: '', at: localScreen(pts[1]) });
      }
    }
  }

  /** Object snap for moves: a moved vertex lands exactly on another shape's vertex or edge when it comes close. */
  function snapMove(r: ToolResult<unknown>): ToolResult<unknown> {
    const base = store.getSnapshot().plan;
    const fix = (i: ToolResult<unknown>['preview']) => {
      if (!base || !i || i.type !== 'translate' || (!snapOn.vertex && !snapOn.edge)) return i;
      if (i.ids.length === 1 && base.doors.some((d) => d.id === i.ids[0])) return i; // a door slides on its wall
      const ids = new Set(i.ids);
      const moving: Vec2[] = [];
      for (const id of i.ids) moving.push(...((elementRing(base, id) ?? []) as Vec2[]));
      const targets = targetsFromPolygons([{ id: '__outline', ring: base.outline.polygon }, ...base.zones.map((z) => ({ id: z.id, ring: z.polygon }))], ids);
      const sn = snapTranslation(moving, i.dxM, i.dyM, targets, { toleranceM: pxToMetres(vpRef.current, SNAP_PX), vertexSnap: snapOn.vertex, edgeSnap: snapOn.edge });
      if (sn.kind !== 'none') setSnapKind(sn.kind);
      return { ...i, dxM: sn.dxM, dyM: sn.dyM };
    };
    return { ...r, ...(r.preview !== undefined ? { preview: fix(r.preview) } : {}), ...(r.commit !== undefined ? { commit: fix(r.commit) } : {}) };
  }

  function localScreen(p: Vec2): Vec2 {
    return worldToScreen(vpRef.current, p);
  }

  const onPointerDown = (e: React.PointerEvent) => {
    if (!snap.plan) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    if (e.button === 1 || (e.button === 0 && spaceRef.current)) {
      e.preventDefault();
      panRef.current = { x: e.clientX, y: e.clientY };
      return;
    }
    if (e.button !== 0) return;
    if (dim && dim.mode !== 'rect' && dim.mode !== 'polygon') setDim(null);
    runTool(toolPointer('down', e));
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (panRef.current) {
      const dx = e.clientX - panRef.current.x, dy = e.clientY - panRef.current.y;
      panRef.current = { x: e.clientX, y: e.clientY };
      setViewport((v) => panBy(v, dx, dy));
      return;
    }
    if (!snap.plan) return;
    runTool(toolPointer('move', e));
  };
  const onPointerUp = (e: React.PointerEvent) => {
    if (panRef.current) { panRef.current = null; return; }
    if (!snap.plan || e.button !== 0) return;
    runTool(toolPointer('up', e));
  };
  const onDoubleClick = (e: React.MouseEvent) => {
    if (tool === 'polygon' || tool === 'outline') {
      const r = polygonClose(toolRef.current.polygon);
      toolRef.current.polygon = r.state;
      applyResult(r);
    } else if (tool === 'select' && snap.view) {
      // vertex editing: double-click an edge of the selected zone to add a vertex there, a vertex to remove it
      const raw = screenToWorld(vpRef.current, localPoint(e));
      const hit = toolCtx().hitTest(raw);
      if (hit && (hit.kind === 'vertex' || hit.kind === 'edge') && hit.id === OUTLINE_ID) {
        const ring = snap.view.outline.polygon;
        if (hit.kind === 'vertex') exec({ type: 'deleteOutlineVertex', index: hit.index });
        else {
          const a = ring[hit.index], b = ring[(hit.index + 1) % ring.length];
          const c = pointSegmentDistance(snapWorld(raw, new Set(), e.altKey).p, a, b).closest;
          exec({ type: 'insertOutlineVertex', index: hit.index + 1, at: [Math.round(c[0] * 1e4) / 1e4, Math.round(c[1] * 1e4) / 1e4] });
        }
        store.setSelection([OUTLINE_ID]);
        return;
      }
      const z = hit && (hit.kind === 'vertex' || hit.kind === 'edge') ? snap.view.zones.find((q) => q.id === hit.id) : undefined;
      if (hit?.kind === 'vertex' && z) {
        if (z.polygon.length > 3) exec({ type: 'deleteVertex', zoneId: z.id, index: hit.index });
      } else if (hit?.kind === 'edge' && z) {
        const a = z.polygon[hit.index], b = z.polygon[(hit.index + 1) % z.polygon.length];
        const c = pointSegmentDistance(snapWorld(raw, new Set(), e.altKey).p, a, b).closest;
        if (exec({ type: 'insertVertex', zoneId: z.id, index: hit.index + 1, at: [Math.round(c[0] * 1e4) / 1e4, Math.round(c[1] * 1e4) / 1e4] })) store.setSelection([z.id]);
      }
    }
  };

  // wheel zoom about the cursor (native listener: React's is passive)
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const anchor: Vec2 = [e.clientX - r.left, e.clientY - r.top];
      if (e.ctrlKey || !e.shiftKey) setViewport((v) => zoomAbout(v, anchor, wheelZoomFactor(e.deltaY * (e.deltaMode === 1 ? 33 : 1))));
      else setViewport((v) => panBy(v, -e.deltaY, 0));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // ── dimension input ──
  const applyDim = useCallback((d: DimInput) => {
    const parsed = parseLengthInput(d.text);
    if (!parsed) { setStatus({ kind: 'error', text: t('editor.dim.invalid', { text: d.text }) }); return; }
    const tr = toolRef.current;
    const s = store.getSnapshot();
    if (d.mode === 'rect') {
      const r = rectApplyTypedSize(tr.rect, parsed.aM, parsed.bM);
      if (r) { tr.rect = r.state; applyResult(r); }
    } else if (d.mode === 'polygon') {
      const r = polygonApplyTypedLength(tr.polygon, parsed.aM);
      if (r) { tr.polygon = r.state; applyResult(r); }
    } else if (d.mode === 'edge' && s.plan && s.selection.length === 1 && s.selection[0] === OUTLINE_ID) {
      const i = s.selectedEdge?.id === OUTLINE_ID ? s.selectedEdge.index : 0;
      const cmds: PlanCommand[] = [{ type: 'setOutlineEdgeLength', edgeIndex: i, lengthM: parsed.aM }];
      if (parsed.bM !== undefined) cmds.push({ type: 'setOutlineEdgeLength', edgeIndex: i + 1, lengthM: parsed.bM });
      exec(cmds.length === 1 ? cmds[0] : { type: 'batch', commands: cmds });
    } else if (d.mode === 'edge' && s.plan && s.selection.length === 1) {
      const id = s.selection[0];
      const z = s.plan.zones.find((e) => e.id === id);
      const f = s.plan.fixtures.find((e) => e.id === id);
      if (z) {
        const i = s.selectedEdge?.id === id ? s.selectedEdge.index : 0;
        const cmds: PlanCommand[] = [{ type: 'setEdgeLength', zoneId: id, edgeIndex: i, lengthM: parsed.aM }];
        if (parsed.bM !== undefined) cmds.push({ type: 'setEdgeLength', zoneId: id, edgeIndex: (i + 1) % z.polygon.length, lengthM: parsed.bM });
        exec(cmds.length === 1 ? cmds[0] : { type: 'batch', commands: cmds });
      } else if (f) {
        exec({ type: 'setProperties', id, patch: parsed.bM !== undefined ? { widthM: parsed.aM, depthM: parsed.bM } : { widthM: parsed.aM } });
      }
    } else if (d.mode === 'calibrate' && trace && calib.length === 2) {
      const [p1, p2] = calib;
      const measured = Math.hypot(p2[0] - p1[0], p2[1] - p1[1]);
      if (measured > 1e-9) {
        const k = parsed.aM / measured;
        setTrace({ ...trace, mPerPx: trace.mPerPx * k, originM: [p1[0] - (p1[0] - trace.originM[0]) * k, p1[1] - (p1[1] - trace.originM[1]) * k] });
        setStatus({ kind: 'ok', text: t('editor.trace.calibrated', { len: formatLengthM(parsed.aM) }) });
      }
      setCalib([]);
      setTool('select');
    }
    setDim(null);
  }, [store, applyResult, exec, trace, calib, t, setTool]);

  // ── keyboard ──
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      if (location.hash.indexOf('#/floorplans') !== 0) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (e.key === ' ') { spaceRef.current = true; e.preventDefault(); return; }
      if (mod && key === 'z' && !e.shiftKey) { e.preventDefault(); store.undo(); return; }
      if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) { e.preventDefault(); store.redo(); return; }
      if (mod && key === 'd') { e.preventDefault(); store.duplicateSelection(); return; }
      if (mod && key === 's') { e.preventDefault(); void save(); return; }
      if (mod) return;
      if (e.key === 'Escape') {
        setDim(null);
        const tr = toolRef.current;
        if (tool === 'rect' || tool === 'outlineRect') applyResult(rectCancel()), (tr.rect = rectInitial);
        else if (tool === 'polygon' || tool === 'outline') applyResult(polygonCancel()), (tr.polygon = polygonInitial);
        else { applyResult(selectCancel()); tr.select = selectInitial; store.setSelection([]); }
        if (tool !== 'select') setTool('select');
        return;
      }
      if ((tool === 'polygon' || tool === 'outline') && e.key === 'Enter') { const r = polygonClose(toolRef.current.polygon); toolRef.current.polygon = r.state; applyResult(r); return; }
      if ((tool === 'polygon' || tool === 'outline') && e.key === 'Backspace') { e.preventDefault(); const r = polygonUndoPoint(toolRef.current.polygon); toolRef.current.polygon = r.state; applyResult(r); return; }
      if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); store.deleteSelection(); return; }
      if (e.key.startsWith('Arrow')) {
        const step = e.shiftKey ? 1 : 0.1;
        const d: Record<string, Vec2> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
        if (store.getSnapshot().selection.length) { e.preventDefault(); store.nudge(d[e.key][0], d[e.key][1]); }
        return;
      }
      const drawing = ((tool === 'rect' || tool === 'outlineRect') && toolRef.current.rect.mode !== 'idle') ? 'rect'
        : ((tool === 'polygon' || tool === 'outline') && toolRef.current.polygon.mode !== 'idle') ? 'polygon' : null;
      const canEdge = tool === 'select' && store.getSnapshot().selection.length === 1;
      if (/^[0-9.]$/.test(e.key) && (drawing || canEdge)) {
        e.preventDefault();
        const at = cursorScreen();
        setDim({ mode: drawing ?? 'edge', text: e.key, at });
        return;
      }
      if (e.key === 'Enter' && canEdge) { e.preventDefault(); setDim({ mode: 'edge', text: '', at: cursorScreen() }); return; }
      if (key === 'v') setTool('select');
      else if (key === 'r') setTool('rect');
      else if (key === 'p') setTool('polygon');
      else if (key === 'o') setTool(e.shiftKey ? 'outlineRect' : 'outline');
      else if (key === 'd') setTool('door');
      else if (key === 'g') setShowGrid((g) => !g);
      else if (key === 'f' && snap.plan) setViewport(fitBounds(boundsOf(snap.plan), size.width, size.height, 48));
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ') return;
      spaceRef.current = false;
      // a focused toolbar button would otherwise be "clicked" by the Space used for panning
      const target = e.target as HTMLElement | null;
      if (target && target.tagName !== 'INPUT' && target.tagName !== 'TEXTAREA' && location.hash.indexOf('#/floorplans') === 0) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => { window.removeEventListener('keydown', onKey); window.removeEventListener('keyup', onKeyUp); };
  });

  function cursorScreen(): Vec2 {
    const s = store.getSnapshot();
    if (s.selectedEdge && s.view) {
      const z = s.selectedEdge.id === OUTLINE_ID ? { polygon: s.view.outline.polygon } : s.view.zones.find((e) => e.id === s.selectedEdge!.id);
      if (z) {
        const a = z.polygon[s.selectedEdge.index], b = z.polygon[(s.selectedEdge.index + 1) % z.polygon.length];
        return localScreen([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
      }
    }
    if (cursor) return localScreen(cursor);
    return [size.width / 2, size.height / 2];
  }

  // ── saving ──
  const save = useCallback(async () => {
    const s = store.getSnapshot();
    if (!s.plan || !s.ref) return;
    setBusy(true);
    try {
      const r = await saveVersion(s.ref.id, s.ref.version, s.plan);
      store.markSaved({ id: r.id, version: r.version });
      setLatestVersion(r.version);
      setStatus({ kind: 'ok', text: t('editor.status.saved', { v: r.version }) });
      setVersions(null);
      void refreshPlans();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict({ message: err.message, plan: s.plan });
      else setStatus({ kind: 'error', text: t('editor.status.saveFailed', { message: (err as Error).message }) });
    } finally {
      setBusy(false);
    }
  }, [store, t, refreshPlans]);

  const saveAsCopy = useCallback(async () => {
    const s = store.getSnapshot();
    if (!s.plan) return;
    setBusy(true);
    try {
      const copy = { ...s.plan, name: t('editor.copyName', { name: s.plan.name }) };
      const r = await createPlan(copy, 'save as copy');
      store.load(copy, { id: r.id, version: r.version });
      history.replaceState(null, '', `#/floorplans/${encodeURIComponent(r.id)}`);
      setLatestVersion(r.version);
      setConflict(null);
      setStatus({ kind: 'ok', text: t('editor.status.copied', { id: r.id }) });
      void refreshPlans();
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }, [store, t, refreshPlans]);

  const showVersions = useCallback(async () => {
    if (!ref) return;
    if (versions) { setVersions(null); return; }
    try { setVersions(await listVersions(ref.id)); } catch (err) { setStatus({ kind: 'error', text: (err as Error).message }); }
  }, [ref, versions]);

  const restore = useCallback(async (v: number) => {
    if (!ref) return;
    if (snap.dirty && !confirm(t('editor.confirmDiscard'))) return;
    try {
      const r = await restoreVersion(ref.id, v);
      await openPlan(r.id);
      setStatus({ kind: 'ok', text: t('editor.status.restored', { v, newV: r.version }) });
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    }
  }, [ref, snap.dirty, openPlan, t]);

  const [newPlanOpen, setNewPlanOpen] = useState(false);
  const createBlank = useCallback(async (o: NewPlanOptions) => {
    if (store.getSnapshot().dirty && !confirm(t('editor.confirmDiscard'))) return;
    setBusy(true);
    try {
      const r = await createPlan(blankPlan(o.name, o.branchType, o.units) as unknown as FloorPlan, 'new plan');
      setNewPlanOpen(false);
      await refreshPlans();
      await openPlan(r.id);
      setStatus({ kind: 'ok', text: t('editor.newPlan.created', { name: o.name }) });
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }, [store, t, refreshPlans, openPlan]);

  const choosePlan = (id: string) => {
    if (snap.dirty && !confirm(t('editor.confirmDiscard'))) return;
    void openPlan(id);
  };

  // ── trace image ──
  const onTraceFile = (file: File | undefined) => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      const b = snap.plan ? boundsOf(snap.plan) : [0, 0, 20, 20];
      const mPerPx = (b[2] - b[0]) / img.naturalWidth;
      setTrace({ image: img, originM: [b[0], b[1]], mPerPx, opacity: 0.5 });
      setStatus({ kind: 'info', text: t('editor.trace.loaded') });
    };
    img.onerror = () => setStatus({ kind: 'error', text: t('editor.trace.bad', { name: file.name }) });
    img.src = url;
  };

  // ── import / export ──
  const onImport = async (file: File | undefined) => {
    if (!file || !snap.plan) return;
    try {
      const res = await importPlanFile(file, snap.plan);
      if (res.kind === 'plan') {
        // the imported plan opens in place of this one: never drop unsaved edits silently
        if (store.getSnapshot().dirty && !confirm(t('editor.confirmDiscard'))) return;
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

  const onExport = async (fmt: ExportFormat) => {
    if (!snap.plan) return;
    try {
      await exportPlan(snap.plan, fmt, { locale });
    } catch (err) {
      setStatus({ kind: 'error', text: t('editor.status.exportFailed', { fmt, message: (err as Error).message }) });
    }
  };

  // ── test hook ──
  useEffect(() => {
    const p = snap.plan;
    window.__editor = {
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
      conflict: conflict?.message ?? null,
      trace: trace ? { originM: trace.originM, mPerPx: trace.mPerPx, opacity: trace.opacity } : null,
      fixtures: p?.fixtures.map((f) => ({ id: f.id, kind: f.kind, at: f.at, widthM: f.widthM, rotationDeg: f.rotationDeg })) ?? [],
      doors: p?.doors.map((d) => ({ id: d.id, a: d.a, b: d.b, connects: d.connects })) ?? [],
      outline: p ? { polygon: p.outline.polygon, areaM2: polygonAreaM2(p.outline.polygon) } : null,
      walls: p?.outline.walls.map((w) => ({ id: w.id, a: w.a, b: w.b, thicknessM: w.thicknessM, fullHeight: w.fullHeight, glazed: w.glazed, exterior: w.exterior })) ?? [],
      selectedEdge: snap.selectedEdge,
      fixturesFull: p?.fixtures.map((f) => ({ id: f.id, at: f.at, widthM: f.widthM, depthM: f.depthM, rotationDeg: f.rotationDeg })) ?? [],
    };
  }, [snap, busy, ref, latestVersion, tool, viewport, conflict, trace, fittedKey]);

  // ── extension context ──
  const extCtx: EditorExtensionContext = {
    plan: snap.plan, livePlan: snap.view, planId: ref?.id ?? null, version: ref?.version ?? null, selection: snap.selection, viewport,
    toScreen: (q) => worldToScreen(viewport, q), select: (ids) => store.setSelection(ids),
    focus: (q) => setViewport((v) => ({ ...v, offsetXPx: size.width / 2 - q[0] * v.pxPerM, offsetYPx: size.height / 2 - q[1] * v.pxPerM })),
    locale,
  };

  const guide: CanvasGuide | null = snap.guide || calib.length
    ? { ...(snap.guide ?? {}), calibration: calib.length ? calib : undefined, snapKind }
    : null;
  const bar = scaleBar(viewport, 120);
  const readOnlyOld = ref?.readOnly && latestVersion !== null && ref.version !== latestVersion;

  const toolButtons: { id: ToolId; key: string; label: string; icon?: string }[] = [
    { id: 'select', key: 'V', label: t('editor.tool.select') },
    { id: 'rect', key: 'R', label: t('editor.tool.rect') },
    { id: 'polygon', key: 'P', label: t('editor.tool.polygon') },
    { id: 'outline', key: 'O', label: t('editor.tool.outline') },
    { id: 'outlineRect', key: '⇧O', label: t('editor.tool.outlineRectLong'), icon: '▭' },
    { id: 'door', key: 'D', label: t('editor.tool.door') },
  ];

  return (
    <div className="ed" data-testid="editor">
      <div className="ed-toolbar" role="toolbar">
        <select className="ed-plan-select" value={ref?.id ?? ''} onChange={(e) => choosePlan(e.target.value)} data-testid="ed-plan-select" aria-label={t('editor.plan')}
          title={plans.find((p) => p.id === ref?.id)?.name ?? t('editor.plan')}>
          {!ref && <option value="">{t('editor.choosePlan')}</option>}
          {plans.map((p) => <option key={p.id} value={p.id}>{p.name}{p.sample ? ` · ${t('editor.sample')}` : ''} (v{p.version})</option>)}
        </select>
        <button onClick={() => setNewPlanOpen((o) => !o)} data-testid="ed-new-plan">{t('editor.newPlan.button')}</button>
        <span className="ed-sep" />
        {toolButtons.map((b) => (
          <button key={b.id} className={`${tool === b.id ? 'on' : ''}${b.icon ? ' ed-icon' : ''}`.trim()} onClick={() => setTool(b.id)} title={`${b.label} (${b.key})`} aria-label={b.label} data-testid={`ed-tool-${b.id}`}>
            {b.icon ?? b.label} {!b.icon && <kbd>{b.key}</kbd>}
          </button>
        ))}
        <select className={tool.startsWith('fixture:') ? 'on' : ''} value={tool.startsWith('fixture:') ? tool : ''} onChange={(e) => e.target.value && setTool(e.target.value as ToolId)} data-testid="ed-fixture-palette" aria-label={t('editor.tool.fixture')}>
          <option value="">{t('editor.tool.fixture')}…</option>
          {FixtureKind.options.map((k) => <option key={k} value={`fixture:${k}`}>{t(`editor.fixture.${k}`)}</option>)}
        </select>
        <span className="ed-sep" />
        <button onClick={() => store.undo()} disabled={!snap.undoDepth} title={`${t('editor.action.undo')} (Ctrl+Z)`} aria-label={t('editor.action.undo')} className="ed-icon" data-testid="ed-undo">↶</button>
        <button onClick={() => store.redo()} disabled={!snap.redoDepth} title={`${t('editor.action.redo')} (Ctrl+Shift+Z / Ctrl+Y)`} aria-label={t('editor.action.redo')} className="ed-icon" data-testid="ed-redo">↷</button>
        <button onClick={() => snap.plan && setViewport(fitBounds(boundsOf(snap.plan), size.width, size.height, 48))} title={`${t('editor.action.fit')} (F)`} data-testid="ed-fit">{t('editor.action.fit')}</button>
        <span className="ed-sep" />
        <label className="ed-inline"><input type="checkbox" checked={snapOn.grid} onChange={(e) => setSnapOn({ ...snapOn, grid: e.target.checked })} />{t('editor.snap.grid')}</label>
        <select value={gridM} onChange={(e) => setGridM(parseFloat(e.target.value))} aria-label={t('editor.snap.gridSize')}>
          {[0.01, 0.05, 0.1, 0.25, 0.5, 1].map((g) => <option key={g} value={g}>{formatLengthM(g)}</option>)}
        </select>
        <label className="ed-inline"><input type="checkbox" checked={snapOn.vertex} onChange={(e) => setSnapOn({ ...snapOn, vertex: e.target.checked })} />{t('editor.snap.vertex')}</label>
        <label className="ed-inline"><input type="checkbox" checked={snapOn.edge} onChange={(e) => setSnapOn({ ...snapOn, edge: e.target.checked })} />{t('editor.snap.edge')}</label>
        <span className="ed-grow" />
        <button className="primary" onClick={() => void save()} disabled={!snap.plan || busy || !!readOnlyOld} data-testid="ed-save" title="Ctrl+S">
          {t('editor.action.save')}{snap.dirty ? ' •' : ''}
        </button>
        <button onClick={() => void showVersions()} disabled={!ref} data-testid="ed-versions">{t('editor.action.versions')}</button>
        <details className="ed-menu">
          <summary title={`${t('editor.action.export')} / ${t('editor.action.import')}`}>{t('editor.action.file')} ▾</summary>
          <div>
            <small className="ed-menu-head">{t('editor.action.export')}</small>
            {(['svg', 'png', 'pdf', 'dxf', 'geojson', 'json'] as ExportFormat[]).map((f) => (
              <button key={f} onClick={(e) => { (e.currentTarget.closest('details') as HTMLDetailsElement).open = false; void onExport(f); }} data-testid={`ed-export-${f}`}>{f.toUpperCase()}</button>
            ))}
            <label className="ed-file">{t('editor.action.import')}
              <input type="file" accept=".json,.geojson,application/json,application/geo+json" onChange={(e) => { (e.currentTarget.closest('details') as HTMLDetailsElement).open = false; void onImport(e.target.files?.[0]); e.target.value = ''; }} data-testid="ed-import" />
            </label>
          </div>
        </details>
      </div>

      {newPlanOpen && (
        <NewPlanForm t={t} onCancel={() => setNewPlanOpen(false)} onCreate={(o) => void createBlank(o)} />
      )}
      {conflict && (
        <div className="ed-banner error" role="alert" data-testid="ed-conflict">
          <strong>{t('editor.conflict.title')}</strong> {conflict.message} <em>{t('editor.conflict.kept')}</em>
          <button onClick={() => void saveAsCopy()}>{t('editor.conflict.saveCopy')}</button>
          <button onClick={() => { if (ref && confirm(t('editor.confirmDiscard'))) void openPlan(ref.id); }}>{t('editor.conflict.reload')}</button>
          <button onClick={() => setConflict(null)}>{t('editor.conflict.keepEditing')}</button>
        </div>
      )}
      {readOnlyOld && ref && (
        <div className="ed-banner info" data-testid="ed-old-version">
          {t('editor.status.oldVersion', { v: ref.version, latest: latestVersion ?? '?' })}
          <button onClick={() => void restore(ref.version)}>{t('editor.versions.restore')}</button>
          <button onClick={() => void openPlan(ref.id)}>{t('editor.versions.openLatest')}</button>
          {snap.dirty && <button onClick={() => void saveAsCopy()}>{t('editor.conflict.saveCopy')}</button>}
        </div>
      )}

      <div className="ed-body">
        <div className="ed-canvas" ref={wrapRef} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}
          onDoubleClick={onDoubleClick} onContextMenu={(e) => e.preventDefault()} data-testid="ed-canvas"
          style={{ cursor: spaceRef.current ? 'grab' : tool === 'select' ? 'default' : 'crosshair' }}>
          <PlanCanvas plan={plan} viewport={viewport} width={size.width} height={size.height} selection={snap.selection} selectedEdge={snap.selectedEdge}
            guide={guide} gridM={gridM} showGrid={showGrid} trace={trace} locale={locale} rotateKnobM={pxToMetres(viewport, 24)} stageRef={stageRef} t={t}
            overlays={ext.overlays.map((o) => <OverlaySlot key={o.id} render={() => o.render(extCtx)} />)} />
          <div className="ed-scalebar" data-testid="ed-scalebar">
            <div style={{ width: bar.lengthPx }} />
            <span>{bar.label}</span>
          </div>
          <div className="ed-statusline">
            {cursor && <span>x {cursor[0].toFixed(2)} m · y {cursor[1].toFixed(2)} m</span>}
            <span>{t('editor.zoom', { px: viewport.pxPerM.toFixed(0) })}</span>
            <span className="ed-hint">{t(`editor.hint.${tool.startsWith('fixture:') ? 'fixture' : tool}`)}</span>
          </div>
          {dim && (
            <form className="ed-dim" style={{ left: dim.at[0] + 12, top: dim.at[1] + 12 }} onSubmit={(e) => { e.preventDefault(); applyDim(dim); }} data-testid="ed-dim">
              <label>{t(`editor.dim.${dim.mode}`)}</label>
              <DimField value={dim.text} onChange={(text) => setDim({ ...dim, text })} onCancel={() => setDim(null)} />
            </form>
          )}
          {!snap.plan && <div className="ed-empty">{busy ? t('app.loading') : t('editor.noPlan')}</div>}
        </div>

        <aside className="ed-side">
          {snap.plan && (
            <PropertiesPanel plan={snap.plan} selection={snap.selection} exec={exec} newZoneKind={newZoneKind} setNewZoneKind={setNewZoneKind}
              onDelete={() => store.deleteSelection()} onDuplicate={() => store.duplicateSelection()}
              selectedEdge={snap.selectedEdge} select={(ids) => store.setSelection(ids)} selectEdge={(id, i) => store.selectEdge(id, i)} />
          )}
          {versions && ref && (
            <section className="ed-props" data-testid="ed-versions-list">
              <h3>{t('editor.versions.title')}</h3>
              <ol className="ed-versions">
                {versions.map((v) => (
                  <li key={v.version} className={v.version === ref.version ? 'current' : ''}>
                    <span>v{v.version}</span>
                    <small>{new Date(v.createdAt).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en-GB')}{v.restoredFrom ? ` · ${t('editor.versions.restoredFrom', { v: v.restoredFrom })}` : ''}{v.message ? ` · ${v.message}` : ''}</small>
                    <button onClick={() => choosePlan2(v.version)}>{t('editor.versions.open')}</button>
                    {v.version !== latestVersion && <button onClick={() => void restore(v.version)}>{t('editor.versions.restore')}</button>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <section className="ed-props">
            <h3>{t('editor.trace.title')}</h3>
            <label className="ed-file">{t('editor.trace.load')}
              <input type="file" accept="image/png,image/jpeg" onChange={(e) => { onTraceFile(e.target.files?.[0]); e.target.value = ''; }} data-testid="ed-trace-file" />
            </label>
            {trace && (
              <>
                <label className="ed-field"><span>{t('editor.trace.opacity')}</span>
                  <input type="range" min={0} max={1} step={0.05} value={trace.opacity} onChange={(e) => setTrace({ ...trace, opacity: parseFloat(e.target.value) })} />
                </label>
                <div className="ed-row-buttons">
                  <button className={tool === 'calibrate' ? 'on' : ''} onClick={() => { setTool('calibrate'); setStatus({ kind: 'info', text: t('editor.trace.calibrateHint') }); }}>{t('editor.trace.calibrate')}</button>
                  <button onClick={() => setTrace(null)}>{t('editor.trace.remove')}</button>
                </div>
                <small>{t('editor.trace.scale', { mm: (trace.mPerPx * 1000).toFixed(1) })}</small>
              </>
            )}
          </section>
          {plan && plan.zones.length > 0 && (
            <details className="ed-props ed-legend" data-testid="ed-legend">
              <summary>{t('editor.legend')}</summary>
              <ul>
                {[...new Set(plan.zones.map((z) => z.kind))].map((k) => (
                  <li key={k}><i style={{ background: zoneKindColour(k) }} />{zoneKind(k)?.label[locale] ?? k}</li>
                ))}
              </ul>
            </details>
          )}
          {ext.sidePanels.map((sp) => (
            <section key={sp.id} className="ed-props ed-ext">
              <h3>{t(sp.title)}</h3>
              {sp.render(extCtx)}
            </section>
          ))}
        </aside>
      </div>
      {status && (
        <div className={`ed-toast ${status.kind}`} role="status" data-testid="ed-status" onClick={() => setStatus(null)}>{status.text}</div>
      )}
    </div>
  );

  function choosePlan2(v: number) {
    if (!ref) return;
    if (snap.dirty && !confirm(t('editor.confirmDiscard'))) return;
    void openPlan(ref.id, v);
  }
}

function OverlaySlot({ render }: { render: () => React.ReactNode }) {
  return <>{render()}</>;
}

function DimField({ value, onChange, onCancel }: { value: string; onChange: (s: string) => void; onCancel: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) { el.focus(); el.setSelectionRange(el.value.length, el.value.length); }
  }, []);
  return (
    <input ref={ref} value={value} onChange={(e) => onChange(e.target.value)} onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}
      placeholder="3.5 · 350cm · 3.5x2" data-testid="ed-dim-input" autoComplete="off" />
  );
}

function boundsOf(plan: FloorPlan): [number, number, number, number] {
  const pts = [...plan.outline.polygon, ...plan.zones.flatMap((z) => z.polygon)];
  const b = pointsBounds(pts.length ? pts : [[0, 0], [10, 10]]);
  return [b.minX, b.minY, b.maxX, b.maxY];
}

interface NewPlanOptions { name: string; branchType: FloorPlan['branchType']; units: LengthUnit }

/** "New plan": name, branch type and units of a blank plan (a 12 × 10 m outline to redraw with the Outline tool). */
function NewPlanForm({ t, onCreate, onCancel }: { t: (k: string, v?: Record<string, string | number>) => string; onCreate: (o: NewPlanOptions) => void; onCancel: () => void }) {
  const [name, setName] = useState(t('editor.newPlan.defaultName'));
  const [branchType, setBranchType] = useState<FloorPlan['branchType']>('community');
  const [units, setUnits] = useState<LengthUnit>('m');
  return (
    <form className="ed-banner info ed-newplan" data-testid="ed-new-plan-form" onSubmit={(e) => { e.preventDefault(); if (name.trim()) onCreate({ name: name.trim(), branchType, units }); }}>
      <strong>{t('editor.newPlan.title')}</strong>
      <label>{t('editor.props.name')} <input value={name} onChange={(e) => setName(e.target.value)} data-testid="ed-new-plan-name" /></label>
      <label>{t('editor.props.branchType')}
        <select value={branchType} onChange={(e) => setBranchType(e.target.value as FloorPlan['branchType'])} data-testid="ed-new-plan-type">
          {BranchType.options.map((b) => <option key={b} value={b}>{t(`editor.branchType.${b}`)}</option>)}
        </select>
      </label>
      <label>{t('editor.newPlan.units')}
        <select value={units} onChange={(e) => setUnits(e.target.value as LengthUnit)} data-testid="ed-new-plan-units">
          {LengthUnit.options.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
      </label>
      <button type="submit" className="primary" data-testid="ed-new-plan-create">{t('editor.newPlan.create')}</button>
      <button type="button" onClick={onCancel}>{t('editor.newPlan.cancel')}</button>
    </form>
  );
}
