import { useI18n } from '../i18n/i18n';

/**
 * Over the two maps while no own network is picked: what to do first (instead of "Today vs Today" over blank maps
 * and an empty KPI table), naming the study area. The button puts the cursor in the bank search of the side column.
 */
export function CoverageCta({ areaName }: { /** The study area's name in the UI language (null while it loads). */ areaName: string | null }) {
  const { t } = useI18n();
  return (
    <div className="cov-cta" role="note" data-testid="cov-cta">
      <div className="cov-cta-card">
        <h2>{t('cov.cta.title')}</h2>
        <p>{t('cov.cta.body', { area: areaName ?? t('cov.thisArea') })}</p>
        <button type="button" className="primary" data-testid="cov-cta-pick"
          onClick={() => (document.querySelector('[data-testid="cov-bank-search"]') as HTMLInputElement | null)?.focus()}>
          {t('cov.cta.pick')}
        </button>
      </div>
    </div>
  );
}
