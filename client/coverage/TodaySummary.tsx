import type { CoverageResponse } from '../api/coverage';
import { formatPeople, formatRadius, formatShare } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';

/** Walk minutes offered by the "Walk (Midtown only)" toggle. */
export const WALK_MINUTES = [5, 10, 15] as const;

/** The walk part of the today card: off, or on at some minutes with the API's walk coverage (null while loading). */
export interface WalkView {
  on: boolean;
  minutes: number;
  coverage: NonNullable<CoverageResponse['walk']> | null;
  /** Walk catchments drawn on map A and map B (outlets and added sites inside the extract; null while loading). */
  catchments: [number, number] | null;
  error: string | null;
}

/**
 * Today's coverage of the study area by the own network: share and residents covered per radius, as bars. Below, a
 * "Walk (Midtown only)" toggle: walk-time coverage (4.8 km/h on the OSM pedestrian network) of the block groups
 * inside the Midtown extract, with the note that everywhere else uses straight-line radius (no drive network).
 */
export function TodaySummary({ coverage, areaName, walk, onWalkChange }: {
  coverage: CoverageResponse;
  /** The study area's name in the UI language (null while it resolves). */
  areaName: string | null;
  walk?: WalkView;
  onWalkChange?: (on: boolean, minutes: number) => void;
}) {
  const { t, locale } = useI18n();
  const w = walk?.coverage ?? null;
  return (
    <div className="cov-today" data-testid="cov-today">
      <h3>{t('cov.todayCoverage', { area: areaName ?? '…' })}</h3>
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
      <p className="cov-hint">{t('cov.todayOf', { n: formatPeople(coverage.radii[0]?.totalPopulation ?? 0, locale), area: areaName ?? '…' })}</p>
      {walk && onWalkChange && (
        <div className={`cov-walk${walk.on ? ' on' : ''}`} data-testid="cov-walk">
          <div className="cov-walk-head">
            <label className="cov-walk-toggle">
              <input type="checkbox" checked={walk.on} onChange={(e) => onWalkChange(e.target.checked, walk.minutes)} data-testid="cov-walk-toggle" />
              {t('cov.walk.toggle')}
            </label>
            <select value={walk.minutes} onChange={(e) => onWalkChange(true, Number(e.target.value))} aria-label={t('cov.walk.minutes')} data-testid="cov-walk-minutes">
              {WALK_MINUTES.map((m) => (
                <option key={m} value={m}>{t('cov.walk.min', { n: m })}</option>
              ))}
            </select>
          </div>
          {walk.on && (
            <>
              {walk.error && <p className="cov-error">{t('cov.error', { msg: walk.error })}</p>}
              {!w && !walk.error && <p className="cov-hint">{t('cov.loading')}</p>}
              {w && (
                <>
                  <p className="cov-walk-area">{t('cov.walk.area', { n: formatPeople(w.byMinutes[0]?.totalPopulation ?? 0, locale), bg: w.demandPoints, outlets: w.outletsInExtract, speed: w.speedKmh })}</p>
                  {w.byMinutes.map((m) => (
                    <div key={m.walkMinutes} className={`cov-today-row walk${m.walkMinutes === walk.minutes ? ' picked' : ''}`} data-walk={m.walkMinutes}>
                      <span className="r">{t('cov.walk.min', { n: m.walkMinutes })}</span>
                      <span className="bar"><i style={{ width: `${(m.share * 100).toFixed(1)}%` }} /></span>
                      <span className="pct">{formatShare(m.share)}</span>
                      <span className="pop">{t('cov.walk.residents', { n: formatPeople(m.coveredPopulation, locale) })}</span>
                    </div>
                  ))}
                  {walk.catchments != null && <p className="cov-hint">{t('cov.walk.drawn', { m: walk.minutes, a: walk.catchments[0], b: walk.catchments[1] })}</p>}
                </>
              )}
              <p className="cov-walk-note" role="note" data-testid="cov-walk-note">{t('cov.walk.note')}</p>
            </>
          )}
        </div>
      )}
    </div>
  );
}
