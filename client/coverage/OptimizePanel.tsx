import { usePermissions } from '../auth/AuthContext';
import { useState } from 'react';
import { formatDelta, formatRadius } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';
import { formatLatLng, formatUsd, formatUsdRange } from '../sites/format';
import { localizeGeneratedName } from '../i18n/generatedName';

export interface OptimizeState {
  running: boolean;
  progress: number;
  phase: string;
  /** A translatable message (key + variables), rendered in the current language. */
  message: { key: string; vars?: Record<string, string | number> } | null;
  error: string | null;
  /** How good the answer is: proved optimal, or within a gap of the upper bound. */
  quality?: { key: string; vars?: Record<string, string | number> } | null;
  /** The last run's choices, best first, with the residents each adds (mclp) or loses (closure). */
  result?: { objective: 'mclp' | 'closure'; maximize?: Maximize;
    /** maximize "forecastDeposits": the total, its interval (independent draws) and the sum of the sites' interval ends, USD. */
    forecast?: { totalUsd: number; lowUsd: number | null; highUsd: number | null; allLowUsd: number; allHighUsd: number };
    selected: { id: string; lng: number; lat: number; name?: string; marginalPopulation: number; forecastDepositsUsd?: number }[] } | null;
}

/** What added sites maximise: residents newly covered (MCLP) or the sum of their deposit forecasts. */
export type Maximize = 'coverage' | 'forecastDeposits';

export interface OptimizePanelProps {
  state: OptimizeState;
  disabled: boolean;
  onRun: (objective: 'mclp' | 'closure', n: number, radiusM: number, solver: 'greedy' | 'exact', maximize: Maximize, minSpacingM: number) => void;
  onCancel: () => void;
}

/** "Institution — Branch" → "Branch" (the own network's name is already on screen). */
export function branchLabel(name: string): string {
  const i = name.indexOf(' — ');
  return i >= 0 ? name.slice(i + 3) : name;
}

/**
 * "Find the N best new sites" (MCLP over the NYC H3 grid) or "close the k outlets that matter least" (closure), with a
 * progress bar, a Cancel button and the chosen sites with their marginal residents.
 */
export function OptimizePanel({ state, disabled, onRun, onCancel, areaName }: OptimizePanelProps & { /** The study area's name in the UI language (the grid the sites are chosen from). */ areaName?: string | null }) {
  const { t, locale } = useI18n();
  const { gate } = usePermissions(); // actions the caller's role cannot do: disabled, the tooltip names the role
  const [objective, setObjective] = useState<'mclp' | 'closure'>('mclp');
  const [p, setP] = useState(5);
  const [radiusM, setRadiusM] = useState(1000);
  const [solver, setSolver] = useState<'greedy' | 'exact'>('greedy');
  const [maximize, setMaximize] = useState<Maximize>('coverage');
  const [minSpacingM, setMinSpacingM] = useState(1000);
  const byForecast = objective === 'mclp' && maximize === 'forecastDeposits';
  // amounts are formatted here, in the language shown now (a switch of language re-renders them)
  const f = state.result?.forecast;
  const money: Record<string, string> = f ? { total: formatUsd(locale, f.totalUsd), range: f.lowUsd != null && f.highUsd != null ? formatUsdRange(locale, f.lowUsd, f.highUsd) : '—',
    allRange: formatUsdRange(locale, f.allLowUsd, f.allHighUsd) } : {};
  // the saved scenario's name as the list shows it, in the language shown now
  const named = (vars?: Record<string, string | number>): Record<string, string> => (typeof vars?.name === 'string' ? { name: localizeGeneratedName(vars.name, t) } : {});
  return (
    <div className="cov-optimize" data-testid="cov-optimize">
      <div className="cov-seg" role="radiogroup">
        {(['mclp', 'closure'] as const).map((o) => (
          <button key={o} type="button" role="radio" aria-checked={objective === o} className={objective === o ? 'on' : ''} onClick={() => setObjective(o)} data-testid={`cov-opt-${o}`}>
            {t(`cov.objective.${o}`)}
          </button>
        ))}
      </div>
      {objective === 'mclp' && (
        <div className="cov-row">
          <label>
            {t('cov.maximize')}
            <select value={maximize} onChange={(e) => setMaximize(e.target.value as Maximize)} data-testid="cov-opt-maximize" className="wide">
              <option value="coverage">{t('cov.maximize.coverage')}</option>
              <option value="forecastDeposits">{t('cov.maximize.forecastDeposits')}</option>
            </select>
          </label>
        </div>
      )}
      <p className="cov-hint">{t(objective === 'closure' ? 'cov.closureHelp' : byForecast ? 'cov.forecastHelp' : 'cov.optimizeHelp', { area: areaName ?? '…' })}</p>
      <div className="cov-row">
        <label>
          {t(objective === 'mclp' ? 'cov.sitesToAdd' : 'cov.outletsToClose')}
          <input type="number" min={1} max={50} value={p} onChange={(e) => setP(Math.max(1, Math.min(50, Number(e.target.value) || 1)))} data-testid="cov-opt-p" />
        </label>
        <label>
          {t('cov.radius')}
          <select value={radiusM} onChange={(e) => setRadiusM(Number(e.target.value))}>
            {[500, 1000, 2000].map((r) => (
              <option key={r} value={r}>{formatRadius(r)}</option>
            ))}
          </select>
        </label>
        {byForecast && (
          <label>
            {t('cov.minSpacing')}
            <select value={minSpacingM} onChange={(e) => setMinSpacingM(Number(e.target.value))} data-testid="cov-opt-spacing">
              <option value={0}>{t('cov.minSpacing.none')}</option>
              {[500, 1000, 2000].map((r) => (
                <option key={r} value={r}>{formatRadius(r)}</option>
              ))}
            </select>
          </label>
        )}
        {!byForecast && (
          <label>
            {t('cov.solver')}
            <select value={solver} onChange={(e) => setSolver(e.target.value as 'greedy' | 'exact')} data-testid="cov-opt-solver" className="wide">
              <option value="greedy">{t('cov.solver.greedy')}</option>
              <option value="exact">{t('cov.solver.exact')}</option>
            </select>
          </label>
        )}
      </div>
      {state.running ? (
        <div className="cov-progress" data-testid="cov-opt-progress">
          <div className="bar">
            <div style={{ width: `${Math.round(state.progress * 100)}%` }} />
          </div>
          <span>{t('cov.running', { pct: `${Math.round(state.progress * 100)}%` })}</span>
          <button type="button" className="cov-btn secondary" onClick={onCancel} data-testid="cov-opt-cancel">{t('cov.cancel')}</button>
        </div>
      ) : (
        <button type="button" className="cov-btn primary" {...gate('analyst', disabled)} onClick={() => onRun(objective, p, radiusM, byForecast ? 'greedy' : solver, objective === 'mclp' ? maximize : 'coverage', byForecast ? minSpacingM : 0)} data-testid="cov-opt-run">
          {t(objective === 'mclp' ? 'cov.run' : 'cov.runClosure', { p })}
        </button>
      )}
      {state.message && <p className="cov-ok" data-testid="cov-opt-message">{t(state.message.key, { ...state.message.vars, ...money, ...named(state.message.vars) })}</p>}
      {state.quality && <p className="cov-hint" data-testid="cov-opt-quality">{t(state.quality.key, { ...state.quality.vars, ...money })}</p>}
      {state.error && <p className="cov-error">{state.error}</p>}
      {state.result && state.result.selected.length > 0 && (
        <ol className="cov-opt-result" data-testid="cov-opt-result">
          {state.result.selected.map((s, i) => (
            <li key={s.id}>
              <span className="txt" title={`${s.name ?? s.id}\n${formatLatLng(s.lat, s.lng)}`}>
                {s.name ? branchLabel(s.name) : t('cov.gridSite', { n: i + 1 })}
                <small className="coord" data-testid="cov-opt-coord">{formatLatLng(s.lat, s.lng)}</small>
              </span>
              {state.result!.maximize === 'forecastDeposits' && s.forecastDepositsUsd != null ? (
                <span className="gain" data-testid="cov-opt-forecast">{formatUsd(locale, s.forecastDepositsUsd)}</span>
              ) : (
                <span className={Math.round(s.marginalPopulation) === 0 ? 'zero' : state.result!.objective === 'mclp' ? 'gain' : 'loss'}>
                  {formatDelta(state.result!.objective === 'mclp' ? s.marginalPopulation : -s.marginalPopulation, 'people', locale)}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
