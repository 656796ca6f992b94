import { formatRadius } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';
import { RADII_M } from './coverageArea';
import type { Overlay } from './mapSides';

/**
 * Above the maps: "A <name> vs B <name>" (with a spinner while loading; below 1500 px wide the two names on two
 * lines, so a long optimiser name stays readable beside the controls; each name's tooltip is the full name), the overlay and map radius, "+ Add site on
 * click", and the CSV / PDF exports.
 */
export function CoverageToolbar(p: {
  nameA: string;
  nameB: string;
  loading: boolean;
  overlay: Overlay;
  onOverlay: (o: Overlay) => void;
  mapRadiusM: number;
  onMapRadius: (m: number) => void;
  /** Offer "Add site on click" (a network is chosen). */
  canAdd: boolean;
  addMode: boolean;
  onToggleAdd: () => void;
  canExport: boolean;
  exporting: boolean;
  onExportCsv: () => void;
  onExportPdf: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="cov-toolbar">
      <div className="cov-compare-title" title={`A ${p.nameA} ${t('cov.vs')} B ${p.nameB}`} data-testid="cov-compare-title">
        <span className="side a"><span className="tag a">A</span> <span className="nm a" title={p.nameA}>{p.nameA}</span></span>
        <span className="vs"> {t('cov.vs')} </span>
        <span className="side b"><span className="tag b">B</span> <span className="nm b" title={p.nameB}>{p.nameB}</span></span>
        {p.loading && <span className="cov-spinner">{t('cov.loading')}</span>}
      </div>
      <label>
        <span className="lbl">{t('cov.overlay')}</span>
        <select title={t('cov.overlay')} value={p.overlay} onChange={(e) => p.onOverlay(e.target.value as Overlay)} data-testid="cov-overlay">
          <option value="change">{t('cov.overlay.change')}</option>
          <option value="gaps">{t('cov.overlay.gaps')}</option>
          <option value="none">{t('cov.overlay.none')}</option>
        </select>
      </label>
      <label>
        <span className="lbl">{t('cov.mapRadius')}</span>
        <select title={t('cov.mapRadius')} value={p.mapRadiusM} onChange={(e) => p.onMapRadius(Number(e.target.value))}>
          {RADII_M.map((x) => (
            <option key={x} value={x}>{formatRadius(x)}</option>
          ))}
        </select>
      </label>
      {p.canAdd && (
        <button type="button" className={`cov-btn${p.addMode ? ' on' : ''}`} aria-pressed={p.addMode} onClick={p.onToggleAdd}
          title={t('cov.addOnClick.title')} data-testid="cov-add-on-click">
          {p.addMode ? t('cov.addOnClick.stop') : `+ ${t('cov.addOnClick')}`}
        </button>
      )}
      <button type="button" className="cov-btn" onClick={p.onExportCsv} disabled={!p.canExport} data-testid="cov-export-csv">⤓ {t('cov.exportCsv')}</button>
      <button type="button" className="cov-btn primary" onClick={p.onExportPdf} disabled={!p.canExport || p.exporting} data-testid="cov-export-pdf">
        ⤓ {p.exporting ? t('cov.exporting') : t('cov.exportPdf')}
      </button>
    </div>
  );
}
