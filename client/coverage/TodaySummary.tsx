import type { CoverageResponse } from '../api/coverage';
import { formatPeople, formatRadius, formatShare } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';

/** Today's NYC coverage of the own network: share and residents covered per radius, as bars. */
export function TodaySummary({ coverage }: { coverage: CoverageResponse }) {
  const { t, locale } = useI18n();
  return (
    <div className="cov-today" data-testid="cov-today">
      <h3>{t('cov.todayCoverage')}</h3>
      {[...coverage.radii]
        .sort((a, b) => a.radiusM - b.radiusM)
        .map((r) => (
          <div key={r.radiusM} className="cov-today-row">
            <span className="r">{formatRadius(r.radiusM)}</span>
            <span className="bar">
              <i style={{ width: `${(r.share * 100).toFixed(1)}%` }} />
            </span>
            <span className="pct">{formatShare(r.share)}</span>
            <span className="pop">{t('cov.residentsN', { n: formatPeople(r.coveredPopulation, locale) })}</span>
          </div>
        ))}
      <p className="cov-hint">{t('cov.todayOf', { n: formatPeople(coverage.radii[0]?.totalPopulation ?? 0, locale) })}</p>
    </div>
  );
}
