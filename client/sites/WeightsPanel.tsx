import { FACTOR_NAMES, type Weights } from '../../core/scoring/siteScore';
import { useI18n } from '../i18n/i18n';
import { weightPercents } from './weights';

/**
 * Three sliders (transit, demand, competition) that always sum to 100 %. `disabled` (deposit-forecast mode, where the
 * weights rank nothing) greys them out with a one-line note saying why.
 */
export function WeightsPanel(props: { weights: Weights; onChange: (factor: keyof Weights, value: number) => void; onReset: () => void; disabled?: boolean }) {
  const { t } = useI18n();
  const pct = weightPercents(props.weights);
  return (
    <section className={'panel-section weights' + (props.disabled ? ' disabled' : '')}>
      <h2>
        {t('sites.weights')}
        <button type="button" className="link" onClick={props.onReset} disabled={props.disabled}>{t('sites.weights.reset')}</button>
      </h2>
      {FACTOR_NAMES.map((f) => (
        <label key={f} className={`weight weight-${f}`}>
          <span className="weight-name">{t(`sites.factor.${f}`)}</span>
          <input type="range" min={0} max={100} step={1} value={Math.round(props.weights[f] * 100)}
            disabled={props.disabled}
            onChange={(e) => props.onChange(f, Number(e.target.value) / 100)} data-testid={`weight-${f}`} aria-valuetext={`${pct[f]}%`} />
          <output>{pct[f]}%</output>
        </label>
      ))}
      <p className="hint" data-testid="weights-hint">{t(props.disabled ? 'sites.weights.hint.forecast' : 'sites.weights.hint')}</p>
    </section>
  );
}
