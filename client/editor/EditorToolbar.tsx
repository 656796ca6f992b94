import { FixtureKind } from '../../core/floorplan/model';
import { usePermissions } from '../auth/AuthContext';
import type { PlanSummary } from '../api/plans';
import type { ExportFormat } from './io';
import type { SnapSettings, ToolId } from './tools/toolController';
import { formatLengthM } from './viewport';

const EXPORT_FORMATS: ExportFormat[] = ['svg', 'png', 'pdf', 'dxf', 'geojson', 'json'];
const GRID_SIZES_M = [0.01, 0.05, 0.1, 0.25, 0.5, 1];

export interface EditorToolbarProps {
  plans: PlanSummary[];
  /** Id of the open plan, or null. */
  planId: string | null;
  onChoosePlan: (id: string) => void;
  onNewPlan: () => void;
  tool: ToolId;
  onTool: (id: ToolId) => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onFit: () => void;
  snap: SnapSettings;
  onSnap: (s: SnapSettings) => void;
  dirty: boolean;
  canSave: boolean;
  onSave: () => void;
  canListVersions: boolean;
  onVersions: () => void;
  onExport: (fmt: ExportFormat) => void;
  onImport: (file: File | undefined) => void;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

/**
 * The editor's toolbar: plan picker and New plan, the drawing tools and the fixture palette, undo / redo / fit,
 * snapping switches and grid size, Save, Versions and the File menu (export / import).
 */
export function EditorToolbar(p: EditorToolbarProps) {
  const { t, tool, snap } = p;
  const { gate } = usePermissions(); // saving and new plans need a designer: disabled with the reason otherwise
  const toolButtons: { id: ToolId; key: string; label: string; icon?: string }[] = [
    { id: 'select', key: 'V', label: t('editor.tool.select') },
    { id: 'rect', key: 'R', label: t('editor.tool.rect') },
    { id: 'polygon', key: 'P', label: t('editor.tool.polygon') },
    { id: 'outline', key: 'O', label: t('editor.tool.outline') },
    { id: 'outlineRect', key: '⇧O', label: t('editor.tool.outlineRectLong'), icon: '▭' },
    { id: 'door', key: 'D', label: t('editor.tool.door') },
  ];
  const closeMenu = (el: HTMLElement) => { (el.closest('details') as HTMLDetailsElement).open = false; };
  return (
    <div className="ed-toolbar" role="toolbar">
      <select className="ed-plan-select" value={p.planId ?? ''} onChange={(e) => p.onChoosePlan(e.target.value)} data-testid="ed-plan-select" aria-label={t('editor.plan')}
        title={p.plans.find((x) => x.id === p.planId)?.name ?? t('editor.plan')}>
        {!p.planId && <option value="">{t('editor.choosePlan')}</option>}
        {p.plans.map((x) => <option key={x.id} value={x.id}>{x.name}{x.sample ? ` · ${t('editor.sample')}` : ''} (v{x.version})</option>)}
      </select>
      <button onClick={p.onNewPlan} {...gate('designer')} data-testid="ed-new-plan">{t('editor.newPlan.button')}</button>
      <span className="ed-sep" />
      {toolButtons.map((b) => (
        <button key={b.id} className={`${tool === b.id ? 'on' : ''}${b.icon ? ' ed-icon' : ''}`.trim()} onClick={() => p.onTool(b.id)} title={`${b.label} (${b.key})`} aria-label={b.label} data-testid={`ed-tool-${b.id}`}>
          {b.icon ?? b.label} {!b.icon && <kbd>{b.key}</kbd>}
        </button>
      ))}
      <select className={tool.startsWith('fixture:') ? 'on' : ''} value={tool.startsWith('fixture:') ? tool : ''} onChange={(e) => e.target.value && p.onTool(e.target.value as ToolId)} data-testid="ed-fixture-palette" aria-label={t('editor.tool.fixture')}>
        <option value="">{t('editor.tool.fixture')}…</option>
        {FixtureKind.options.map((k) => <option key={k} value={`fixture:${k}`}>{t(`editor.fixture.${k}`)}</option>)}
      </select>
      <span className="ed-sep" />
      <button onClick={p.onUndo} disabled={!p.canUndo} title={`${t('editor.action.undo')} (Ctrl+Z)`} aria-label={t('editor.action.undo')} className="ed-icon" data-testid="ed-undo">↶</button>
      <button onClick={p.onRedo} disabled={!p.canRedo} title={`${t('editor.action.redo')} (Ctrl+Shift+Z / Ctrl+Y)`} aria-label={t('editor.action.redo')} className="ed-icon" data-testid="ed-redo">↷</button>
      <button onClick={p.onFit} title={`${t('editor.action.fit')} (F)`} data-testid="ed-fit">{t('editor.action.fit')}</button>
      <span className="ed-sep" />
      <label className="ed-inline"><input type="checkbox" checked={snap.grid} onChange={(e) => p.onSnap({ ...snap, grid: e.target.checked })} />{t('editor.snap.grid')}</label>
      <select value={snap.gridM} onChange={(e) => p.onSnap({ ...snap, gridM: parseFloat(e.target.value) })} aria-label={t('editor.snap.gridSize')}>
        {GRID_SIZES_M.map((g) => <option key={g} value={g}>{formatLengthM(g)}</option>)}
      </select>
      <label className="ed-inline"><input type="checkbox" checked={snap.vertex} onChange={(e) => p.onSnap({ ...snap, vertex: e.target.checked })} />{t('editor.snap.vertex')}</label>
      <label className="ed-inline"><input type="checkbox" checked={snap.edge} onChange={(e) => p.onSnap({ ...snap, edge: e.target.checked })} />{t('editor.snap.edge')}</label>
      <span className="ed-grow" />
      <button className="primary" onClick={p.onSave} {...gate('designer', !p.canSave, 'Ctrl+S')} data-testid="ed-save">
        {t('editor.action.save')}{p.dirty ? ' •' : ''}
      </button>
      <button onClick={p.onVersions} disabled={!p.canListVersions} data-testid="ed-versions">{t('editor.action.versions')}</button>
      <details className="ed-menu">
        <summary title={`${t('editor.action.export')} / ${t('editor.action.import')}`}>{t('editor.action.file')} ▾</summary>
        <div>
          <small className="ed-menu-head">{t('editor.action.export')}</small>
          {EXPORT_FORMATS.map((f) => (
            <button key={f} onClick={(e) => { closeMenu(e.currentTarget); p.onExport(f); }} data-testid={`ed-export-${f}`}>{f.toUpperCase()}</button>
          ))}
          <label className="ed-file">{t('editor.action.import')}
            <input type="file" accept=".json,.geojson,application/json,application/geo+json" onChange={(e) => { closeMenu(e.currentTarget); p.onImport(e.target.files?.[0]); e.target.value = ''; }} data-testid="ed-import" />
          </label>
        </div>
      </details>
    </div>
  );
}
