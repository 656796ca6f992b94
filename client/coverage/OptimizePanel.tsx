import { useState } from 'react';
import { formatRadius } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';

export interface OptimizeState {
  running: boolean;
  progress: number;
  phase: string;
  /** A translatable message (key + variables), rendered in the current language. */
  message: { key: string; vars?: Record<string, string | number> } | null;
  error: string | null;
}

export interface OptimizePanelProps {
  state: OptimizeState;
  disabled: boolean;
  onRun: (p: number, radiusM: number) => void;
  onCancel: () => void;
}

/** "Find the N best new sites" (MCLP over the NYC H3 grid) with a progress bar and a Cancel button. */
export function OptimizePanel({ state, disabled, onRun, onCancel }: OptimizePanelProps) {
  const { t } = useI18n();
  const [p, setP] = useState(5);
  const [radiusM, setRadiusM] = useState(1000);
  return (
    <div className="cov-optimize" data-testid="cov-optimize">
      <p className="cov-hint">{t('cov.optimizeHelp')}</p>
      <div className="cov-row">
        <label>
          {t('cov.sitesToAdd')}
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
        <button type="button" className="cov-btn primary" disabled={disabled} onClick={() => onRun(p, radiusM)} data-testid="cov-opt-run">
          {t('cov.run', { p })}
        </button>
      )}
      {state.message && <p className="cov-ok" data-testid="cov-opt-message">{t(state.message.key, state.message.vars)}</p>}
      {state.error && <p className="cov-error">{state.error}</p>}
    </div>
  );
}
