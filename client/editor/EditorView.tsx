import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type Konva from 'konva';
import type { PlanCommand } from '../../core/floorplan/commands';
import { useI18n } from '../i18n/i18n';
import { PlanCanvas, type CanvasGuide } from './canvas/PlanCanvas';
import { layoutZoneLabels } from './canvas/zoneLabels';
import { DimensionBox } from './DimensionBox';
import { NewPlanForm } from './document/NewPlanForm';
import { PlanBanners } from './document/PlanBanners';
import { usePlanDocument } from './document/usePlanDocument';
import { usePlanDraft } from './document/usePlanDraft';
import { usePlanVersions } from './document/usePlanVersions';
import { VersionsPanel } from './document/VersionsPanel';
import { EditorToolbar } from './EditorToolbar';
import { useEditorTestHook } from './editorTestHook';
import { editorExtensions, subscribeEditorExtensions, editorExtensionsVersion, type EditorExtensionContext } from './extensions';
import { useEditorKeyboard } from './keyboard/useEditorKeyboard';
import { PropertiesPanel } from './PropertiesPanel';
import { EditorStore } from './state/editorStore';
import { TracePanel } from './trace/TracePanel';
import { useTraceUnderlay } from './trace/useTraceUnderlay';
import { useToolController } from './tools/useToolController';
import { useEditorStatus } from './useEditorStatus';
import { useEditorViewport } from './useEditorViewport';
import { formatAreaM2, pxToMetres, scaleBar, worldToScreen } from './viewport';
import { polygonAreaM2, polygonContainsPoint } from '../../core/floorplan/geometry';
import { zoneKind } from '../../core/floorplan/zoneKinds';
import { ZoneLegend } from './ZoneLegend';
import './editor.css';

/**
 * The floor-plan editor tab (#/floorplans/<planId>): plan list, toolbar, Konva canvas, properties,
 * versions, trace underlay, import/export. State lives in {@link EditorStore}; tools are pure
 * state machines in ./tools driven by the pure tool controller; Konva only draws. Each concept has
 * its hook: the stored document (./document/usePlanDocument), versions, the viewport, the tool
 * controller, the keyboard, the trace underlay and the test hook.
 */
export default function EditorView() {
  const { t, locale } = useI18n();
  const store = useMemo(() => new EditorStore(), []);
  store.locale = locale;
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  useSyncExternalStore(subscribeEditorExtensions, editorExtensionsVersion);
  const ext = editorExtensions();
  const { status, setStatus } = useEditorStatus();
  const [newPlanOpen, setNewPlanOpen] = useState(false);
  const [newZoneKind, setNewZoneKindState] = useState('waiting');

  const wrapRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage | null>(null);
  const view = useEditorViewport(wrapRef, snap.plan, snap.ref);
  const trace = useTraceUnderlay({ getPlan: () => store.getSnapshot().plan, setStatus, t });

  const exec = useCallback((cmd: PlanCommand) => {
    const ok = store.exec(cmd);
    if (!ok && store.lastError) setStatus({ kind: 'error', text: store.lastError });
    return ok;
  }, [store, setStatus]);
  const tools = useToolController({ store, exec, viewport: view, trace, wrapRef, setStatus, t });
  const draft = usePlanDraft({ store, snap, setStatus, t });
  const doc = usePlanDocument({ store, snap, setStatus, t, locale, onOpened: () => { tools.reset(); view.refitNextPlan(); draft.restore(); },
    onDiscard: draft.discard });
  const versions = usePlanVersions({ ref: snap.ref, doc, setStatus, t });
  useEditorKeyboard({ store, tools, viewport: view, save: () => void doc.save() });
  useEditorTestHook({
    snap, busy: doc.busy, latestVersion: doc.latestVersion, tool: tools.tool, viewport: view.viewport,
    conflict: doc.conflict?.message ?? null, trace: trace.trace, fittedKey: view.fittedKey,
  });

  const setNewZoneKind = useCallback((k: string) => {
    store.newZoneKind = k;
    setNewZoneKindState(k);
  }, [store]);

  const { plan: committed, view: plan, ref } = snap;
  const { viewport, size } = view;

  // pointer: middle or Space drag pans, the left button drives the active tool
  const onPointerDown = (e: React.PointerEvent) => {
    if (!committed) return;
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    if (view.pan.start(e) || e.button !== 0) return;
    tools.pointerDown(e);
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (view.pan.move(e) || !committed) return;
    tools.pointerMove(e);
  };
  const onPointerUp = (e: React.PointerEvent) => {
    if (view.pan.end() || !committed || e.button !== 0) return;
    tools.pointerUp(e);
  };

  // the zone labels' one layout: drawn by the canvas, kept clear by the overlays (the standards badges)
  const zoneLabels = useMemo(() => (plan ? layoutZoneLabels(plan, viewport, locale) : []), [plan, viewport, locale]);
  const extCtx: EditorExtensionContext = {
    plan: committed, livePlan: plan, planId: ref?.id ?? null, version: ref?.version ?? null, dirty: snap.dirty, selection: snap.selection, viewport,
    toScreen: (q) => worldToScreen(viewport, q), select: (ids) => store.setSelection(ids), focus: view.focus, locale, zoneLabels,
  };
  const calib = trace.calibration;
  const guide: CanvasGuide | null = snap.guide || calib.length
    ? { ...(snap.guide ?? {}), calibration: calib.length ? calib : undefined, snapKind: tools.snapKind }
    : null;
  const bar = scaleBar(viewport, 120);
  const { tool, cursor, dim } = tools;
  // the zone under the pointer by its full name (a label too long for its zone is shortened on the canvas)
  const hoverZone = cursor && plan ? [...plan.zones].reverse().find((z) => polygonContainsPoint(z.polygon, cursor)) : undefined;
  const hoverTitle = hoverZone ? `${hoverZone.name || zoneKind(hoverZone.kind)?.label[locale] || hoverZone.kind} · ${formatAreaM2(polygonAreaM2(hoverZone.polygon))}` : undefined;

  return (
    <div className="ed" data-testid="editor">
      <EditorToolbar
        plans={doc.plans} planId={ref?.id ?? null} onChoosePlan={(id) => doc.choosePlan(id)} onNewPlan={() => setNewPlanOpen((o) => !o)}
        tool={tool} onTool={tools.setTool} canUndo={!!snap.undoDepth} canRedo={!!snap.redoDepth} onUndo={() => store.undo()} onRedo={() => store.redo()}
        onFit={view.fit} snap={tools.snap} onSnap={tools.setSnap} dirty={snap.dirty}
        canSave={!!committed && !doc.busy && !doc.isOldVersion} onSave={() => void doc.save()}
        canListVersions={!!ref} onVersions={() => void versions.toggle()}
        onExport={(f) => void doc.exportAs(f)} onImport={(f) => void doc.importFile(f)} t={t}
      />

      {newPlanOpen && (
        <NewPlanForm t={t} onCancel={() => setNewPlanOpen(false)} onCreate={(o) => void doc.createBlank(o, () => setNewPlanOpen(false))} />
      )}
      <PlanBanners doc={doc} current={ref} dirty={snap.dirty} onRestore={(v) => void versions.restore(v)} t={t} />

      <div className="ed-body">
        <div className="ed-canvas" ref={wrapRef} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}
          onDoubleClick={tools.doubleClick} onContextMenu={(e) => e.preventDefault()} data-testid="ed-canvas" title={hoverTitle}
          style={{ cursor: view.spaceHeld.current ? 'grab' : tool === 'select' ? 'default' : 'crosshair' }}>
          <PlanCanvas plan={plan} zoneLabels={zoneLabels} viewport={viewport} width={size.width} height={size.height} selection={snap.selection} selectedEdge={snap.selectedEdge}
            guide={guide} gridM={tools.snap.gridM} showGrid={view.showGrid} trace={trace.trace} locale={locale} rotateKnobM={pxToMetres(viewport, 24)} stageRef={stageRef} t={t}
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
          {dim && <DimensionBox dim={dim} onText={tools.setDimText} onApply={tools.applyDim} onCancel={tools.closeDim} t={t} />}
          {!committed && <div className="ed-empty">{doc.busy ? t('app.loading') : t('editor.noPlan')}</div>}
        </div>

        <aside className="ed-side">
          {committed && (
            <PropertiesPanel plan={committed} selection={snap.selection} exec={exec} newZoneKind={newZoneKind} setNewZoneKind={setNewZoneKind}
              onDelete={() => store.deleteSelection()} onDuplicate={() => store.duplicateSelection()}
              selectedEdge={snap.selectedEdge} select={(ids) => store.setSelection(ids)} selectEdge={(id, i) => store.selectEdge(id, i)} />
          )}
          {versions.versions && ref && (
            <VersionsPanel versions={versions.versions} current={ref} latestVersion={doc.latestVersion} locale={locale}
              onOpen={versions.open} onRestore={(v) => void versions.restore(v)} t={t} />
          )}
          {/* the live standards check comes before the trace tools, so it is on the first screen at 1280 × 720 */}
          {ext.sidePanels.map((sp) => (
            <section key={sp.id} className="ed-props ed-ext">
              <h3>{t(sp.title)}</h3>
              {sp.render(extCtx)}
            </section>
          ))}
          <TracePanel underlay={trace} calibrating={tool === 'calibrate'} t={t}
            onCalibrate={() => { tools.setTool('calibrate'); setStatus({ kind: 'info', text: t('editor.trace.calibrateHint') }); }} />
          {plan && plan.zones.length > 0 && <ZoneLegend plan={plan} locale={locale} t={t} />}
        </aside>
      </div>
      {status && (
        <div className={`ed-toast ${status.kind}`} role="status" data-testid="ed-status" onClick={() => setStatus(null)}>{status.text}</div>
      )}
    </div>
  );
}

function OverlaySlot({ render }: { render: () => React.ReactNode }) {
  return <>{render()}</>;
}
