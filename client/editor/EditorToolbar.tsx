import { FixtureKind } from '../../core/floorplan/model';
import { usePermissions } from '../auth/AuthContext';
import type { PlanSummary } from '../api/plans';
import type { ExportFormat } from './io';
import type { SnapSettings, ToolId } from './tools/toolController';
import { formatLengthM } from './viewport';
import { planLabel } from './document/planLabel';
import { useI18n } from '../i18n/i18n';

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

/** 16 px line icons of the toolbar (stroke = currentColor), by tool or action. */
const ICONS: Record<string, React.ReactNode> = {
  select: <path d="M4 2v11l3-3 2.5 5 2-1-2.5-4.8H13z" fill="currentColor" stroke="none" />,
  rect: <rect x="2.5" y="4" width="11" height="8.5" />,
  polygon: <path d="M8 2l6 4.5-2.3 7.5H4.3L2 6.5z" />,
  outline: <path d="M2 2h12v12H8V9H2z" strokeWidth="2" />,
  outlineRect: <rect x="2" y="3" width="12" height="10" strokeWidth="2" />,
  door: <path d="M1.5 14h3M11.5 14h3M4.5 14V4a10 10 0 0 1 7 10" />,
  fit: <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" />,
  newPlan: <path d="M8 3v10M3 8h10" strokeWidth="2" />,
};

/** An icon of {@link ICONS}, hidden from assistive technology (the button carries the name). */
function Icon({ id }: { id: string }) {
  return <svg className="ed-ico" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" aria-hidden="true">{ICONS[id]}</svg>;
}

/**
 * The editor's toolbar, one row down to 1280 px in either language: plan picker (samples grouped) and New plan, the
 * drawing tools and the fixture palette, undo / redo / fit, grid snapping and the other snaps in a menu, Save, the
 * open version (opens the version list) and the File menu (export / import). Tools and actions are icons with a
 * tooltip and an accessible name; their text labels show from 1600 px (editor.css).
 */
export function EditorToolbar(p: EditorToolbarProps) {
  const { t, tool, snap } = p;
  const { gate } = usePermissions(); // saving and new plans need a designer: disabled with the reason otherwise
  const toolButtons: { id: ToolId; key: string; label: string }[] = [
    { id: 'select', key: 'V', label: t('editor.tool.select') },
    { id: 'rect', key: 'R', label: t('editor.tool.rect') },
    { id: 'polygon', key: 'P', label: t('editor.tool.polygon') },
    { id: 'outline', key: 'O', label: t('editor.tool.outline') },
    { id: 'outlineRect', key: 'Shift+O', label: t('editor.tool.outlineRectLong') },
    { id: 'door', key: 'D', label: t('editor.tool.door') },
  ];
  const closeMenu = (el: HTMLElement) => { (el.closest('details') as HTMLDetailsElement).open = false; };
  const current = p.plans.find((x) => x.id === p.planId);
  const own = p.plans.filter((x) => !x.sample), samples = p.plans.filter((x) => x.sample);
  const { locale } = useI18n();
  const option = (x: PlanSummary) => <option key={x.id} value={x.id}>{planLabel(x, locale)}</option>;
  return (
    <div className="ed-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <select className="ed-plan-select" value={p.planId ?? ''} onChange={(e) => p.onChoosePlan(e.target.value)} data-testid="ed-plan-select" aria-label={t('editor.plan')}
        title={current ? `${planLabel(current, locale)}${current.sample ? ` · ${t('editor.sample')}` : ''} · v${current.version}` : t('editor.plan')}>
        {!p.planId && <option value="">{t('editor.choosePlan')}</option>}
        {samples.length > 0 && own.length > 0
          ? <><optgroup label={t('editor.plans.own')}>{own.map(option)}</optgroup><optgroup label={t('editor.plans.samples')}>{samples.map(option)}</optgroup></>
          : p.plans.map(option)}
      </select>
      <button onClick={p.onNewPlan} {...gate('designer', false, t('editor.newPlan.button'))} aria-label={t('editor.newPlan.button')} data-testid="ed-new-plan">
        <Icon id="newPlan" /><span className="ed-label">{t('editor.newPlan.button')}</span>
      </button>
      <span className="ed-sep" />
      <span className="ed-group" role="group" aria-label={t('editor.tools')}>
        {toolButtons.map((b) => (
          <button key={b.id} className={tool === b.id ? 'on' : ''} onClick={() => p.onTool(b.id)} title={`${b.label} (${b.key})`} aria-label={b.label} aria-pressed={tool === b.id} data-testid={`ed-tool-${b.id}`}>
            <Icon id={b.id} /><span className="ed-label">{b.id === 'outlineRect' ? t('editor.tool.outlineRect') : b.label}</span><kbd>{b.key}</kbd>
          </button>
        ))}
      </span>
      <select className={`ed-fixtures${tool.startsWith('fixture:') ? ' on' : ''}`} value={tool.startsWith('fixture:') ? tool : ''} onChange={(e) => e.target.value && p.onTool(e.target.value as ToolId)} data-testid="ed-fixture-palette" aria-label={t('editor.tool.fixture')} title={t('editor.tool.fixture')}>
        <option value="">{t('editor.tool.fixture')}…</option>
        {FixtureKind.options.map((k) => <option key={k} value={`fixture:${k}`}>{t(`editor.fixture.${k}`)}</option>)}
      </select>
      <span className="ed-sep" />
      <button onClick={p.onUndo} disabled={!p.canUndo} title={`${t('editor.action.undo')} (Ctrl+Z)`} aria-label={t('editor.action.undo')} className="ed-icon" data-testid="ed-undo">↶</button>
      <button onClick={p.onRedo} disabled={!p.canRedo} title={`${t('editor.action.redo')} (Ctrl+Shift+Z / Ctrl+Y)`} aria-label={t('editor.action.redo')} className="ed-icon" data-testid="ed-redo">↷</button>
      <button onClick={p.onFit} title={`${t('editor.action.fit')} (F)`} aria-label={t('editor.action.fit')} data-testid="ed-fit"><Icon id="fit" /><span className="ed-label">{t('editor.action.fit')}</span></button>
      <span className="ed-sep" />
      <label className="ed-inline" title={t('editor.snap.gridTitle')}><input type="checkbox" checked={snap.grid} onChange={(e) => p.onSnap({ ...snap, grid: e.target.checked })} />{t('editor.snap.grid')}</label>
      <select value={snap.gridM} onChange={(e) => p.onSnap({ ...snap, gridM: parseFloat(e.target.value) })} aria-label={t('editor.snap.gridSize')} title={t('editor.snap.gridSize')}>
        {GRID_SIZES_M.map((g) => <option key={g} value={g}>{formatLengthM(g)}</option>)}
      </select>
      <details className="ed-pop" data-testid="ed-snap-menu">
        <summary title={t('editor.snap.more')}>{t('editor.snap.menu')} ▾</summary>
        <div>
          <label className="ed-inline"><input type="checkbox" checked={snap.vertex} onChange={(e) => p.onSnap({ ...snap, vertex: e.target.checked })} />{t('editor.snap.vertex')}</label>
          <label className="ed-inline"><input type="checkbox" checked={snap.edge} onChange={(e) => p.onSnap({ ...snap, edge: e.target.checked })} />{t('editor.snap.edge')}</label>
        </div>
      </details>
      <span className="ed-grow" />
      <button className="primary" onClick={p.onSave} {...gate('designer', !p.canSave, 'Ctrl+S')} data-testid="ed-save">
        {t('editor.action.save')}{p.dirty ? ' •' : ''}
      </button>
      <button onClick={p.onVersions} disabled={!p.canListVersions} data-testid="ed-versions" aria-label={t('editor.action.versions')}
        title={current ? t('editor.action.versionsOpen', { v: current.version }) : t('editor.action.versions')}>
        {current ? <><span className="ed-label">{t('editor.action.versions')} · </span>v{current.version}</> : t('editor.action.versions')}
      </button>
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
