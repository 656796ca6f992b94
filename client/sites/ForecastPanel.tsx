import { useEffect } from 'react';
import type { ParameterSet } from '../api/forecast';
import { useParameterSets } from '../model/useParameterSets';
import { targetLabel } from '../i18n/forecast';
import { useI18n } from '../i18n/i18n';
import type { ScoreResponse } from '../api/sites';

export type ScoringMode = 'criteria' | 'forecast';

/**
 * The scoring-mode switch of Site scoring: weighted criteria (today's index) or the deposit forecast, with the
 * parameter set to forecast with and its stated hold-out accuracy; after a forecast answer, which bank effect it used.
 */
export function ForecastPanel(props: {
  mode: ScoringMode;
  onMode: (m: ScoringMode) => void;
  parameterSet: string | null;
  onParameterSet: (name: string) => void;
  /** `params.forecast` of the latest forecast-mode answer. */
  echo: ScoreResponse['params']['forecast'] | null;
  /** Told the chosen parameter set once the sets are known (null while unknown): its model explains a breakdown's lines. */
  onSet?: (set: ParameterSet | null) => void;
}) {
  const { t } = useI18n();
  const { mode, onParameterSet, parameterSet } = props;
  // asked again every 2 s while the server still calibrates the forecast
  const { sets, error } = useParameterSets(mode === 'forecast');
  useEffect(() => {
    if (sets?.length && !sets.some((x) => x.name === parameterSet)) onParameterSet(sets[0].name);
  }, [sets, parameterSet, onParameterSet]);
  const current = sets?.find((s) => s.name === parameterSet) ?? null;
  // a set still being calibrated has no model yet: the breakdown is told once it is ready
  const ready = current?.status === 'ready' ? current : null;
  const { onSet } = props;
  useEffect(() => { onSet?.(ready); }, [ready, onSet]);
  const rho = ready?.fit.spearmanHoldout;
  const bank = props.echo?.bankEffect;
  return (
    <section className="panel-section forecast-panel" data-testid="forecast-panel">
      <h2>{t('forecast.mode.title')}</h2>
      <div className="segmented" role="radiogroup" aria-label={t('forecast.mode.title')}>
        {(['criteria', 'forecast'] as const).map((m) => (
          <label key={m} className={mode === m ? 'active' : ''}>
            <input type="radio" name="scoring-mode" value={m} checked={mode === m} onChange={() => props.onMode(m)} data-testid={`mode-${m}`} />
            {t(`forecast.mode.${m}`)}
          </label>
        ))}
      </div>
      <p className="hint">{mode === 'forecast' ? t('forecast.mode.hint.forecast', { age: props.echo?.matureAgeYears ?? 10, level: `${Math.round((props.echo?.level ?? 0.8) * 100)}%` }) : t('forecast.mode.hint.criteria')}</p>
      {mode === 'forecast' && (
        <>
          {error && <p className="field-error">{t('forecast.error', { message: error })}</p>}
          {!sets && !error && <p className="hint" data-testid="forecast-fitting">{t('forecast.fitting')}</p>}
          {sets && (
            <label className="field">
              <span>{t('forecast.parameterSet')}</span>
              <select value={parameterSet ?? ''} onChange={(e) => props.onParameterSet(e.target.value)} data-testid="parameter-set">
                {sets.map((s) => <option key={s.name} value={s.name}>{s.name} · {targetLabel(t, s.target)}</option>)}
              </select>
            </label>
          )}
          {current?.status === 'calibrating' && <p className="hint" role="status" data-testid="forecast-calibrating">{t('forecast.calibrating')}</p>}
          {rho != null && <p className="forecast-accuracy" data-testid="forecast-accuracy">{t('forecast.accuracy', { rho: rho.toFixed(2) })}</p>}
          {bank && (
            <p className="hint" data-testid="forecast-bank">
              {bank.source === 'area' ? t('forecast.bank.area', { name: bank.name ?? String(bank.cert) })
                : bank.source === 'elsewhere' ? t('forecast.bank.elsewhere')
                : bank.source === 'none' ? t('forecast.bank.none') : t('forecast.bank.overall')}
            </p>
          )}
        </>
      )}
    </section>
  );
}
