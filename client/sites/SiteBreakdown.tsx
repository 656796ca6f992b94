import { useEffect, useState } from 'react';
import { FACTOR_NAMES } from '../../core/scoring/siteScore';
import { fetchStop } from '../api/sites';
import type { ScoreResponse, ScoredSite } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { FACTOR_COLORS, scoreColor, type Rgb } from '../map/colorRamp';
import { chipStyle } from './TopSitesTable';
import { formatDistanceM, formatFeatureValue, formatInt, formatLogChangePct, formatScore, formatShare, formatUsd, formatUsdRange, shortId } from './format';
import { featureValueInUnits } from '../../core/forecast/featureUnits';
import type { ReactNode } from 'react';
import type { ParameterSet } from '../api/forecast';
import { contributionDirection } from './forecastDirection';

const stopNames = new Map<string, string>();

/** The name of a transit stop by id (fetched once, then cached); null until known or when unknown. */
function useStopName(stopId: string | null): string | null {
  const [name, setName] = useState<string | null>(stopId ? stopNames.get(stopId) ?? null : null);
  useEffect(() => {
    if (!stopId) { setName(null); return; }
    const known = stopNames.get(stopId);
    if (known) { setName(known); return; }
    setName(null);
    let live = true;
    fetchStop(stopId).then((s) => { stopNames.set(stopId, s.name); if (live) setName(s.name); }, () => undefined);
    return () => { live = false; };
  }, [stopId]);
  return name;
}

/**
 * The breakdown of one scored site: score and rank, the contribution of each factor (w · normalised, stacked to
 * the score), and the raw stats behind each factor — transit departures, residents within rings, the Huff share,
 * expected customers, cannibalisation of the own network and net new demand.
 */
export function SiteBreakdown(props: {
  site: ScoredSite; total: number; label: string; onClose: () => void; children?: ReactNode;
  /** The site's colour on the map (score class, or forecast class in forecast mode); default: its score class. */
  fill?: Rgb;
  /** The site's row of the open weight-sensitivity run (P(top k), 5–95 % rank range), when there is one. */
  sensitivity?: { pTopK: number; rankP5: number; rankP95: number; topK: number; concentration: number } | null;
  /** `params.forecast` of the forecast-mode answer the site came from (its accuracy and bank effect). */
  forecastEcho?: ScoreResponse['params']['forecast'] | null;
  /** Share (0–1) of the reference cells this site's score beats under the current weights, and what they are. */
  meaning?: { shareBelow: number; reference: string; percentile: boolean } | null;
  /** True when the sites are ranked by the deposit forecast: the headline is then the forecast in dollars and the
   * weighted-criteria contributions (which do not rank in that mode) are not shown. */
  forecastMode?: boolean;
  /** The parameter set's model the forecast came from: its feature means say why each line moves the forecast. */
  forecastModel?: ParameterSet['params'] | null;
}) {
  const { t, locale } = useI18n();
  const s = props.site;
  const tr = s.factors.transit, de = s.factors.demand, co = s.factors.competition;
  const stopName = useStopName(tr.nearestStopId);
  const byForecast = !!props.forecastMode && !!s.forecast;
  const row = (key: string, value: string, testid?: string) => (
    <tr key={key}><th scope="row">{t(`breakdown.${key}`)}</th><td data-testid={testid}>{value}</td></tr>
  );
  return (
    <aside className="breakdown" data-testid="breakdown" aria-label={t('breakdown.title')}>
      <header>
        <div>
          <h2>{t('breakdown.title')}</h2>
          <p className="breakdown-site" title={s.id}>{props.label}</p>
        </div>
        <button type="button" className="icon-button" onClick={props.onClose} aria-label={t('breakdown.close')}>✕</button>
      </header>
      <div className="breakdown-score">
        <span className="score-badge" style={chipStyle(props.fill ?? scoreColor(s.score))} data-testid="breakdown-score">
          {byForecast ? formatUsd(locale, s.forecast!.depositsUsd) : formatScore(locale, s.score)}
        </span>
        <span data-testid="breakdown-rank">{t(byForecast ? 'breakdown.rank.forecast' : 'breakdown.rank', { rank: formatInt(locale, s.rank), n: formatInt(locale, props.total) })}</span>
      </div>
      {s.forecast && <ForecastBlock forecast={s.forecast} echo={props.forecastEcho ?? null} model={props.forecastModel ?? null} />}
      {props.meaning && (
        <p className="breakdown-meaning" data-testid="score-meaning">
          {t('breakdown.meaning', { score: formatScore(locale, s.score), p: formatShare(locale, props.meaning.shareBelow), reference: props.meaning.reference })}
          {' '}{t('breakdown.meaning.blend')}
        </p>
      )}
      {props.sensitivity && (
        <p className="breakdown-sensitivity" data-testid="breakdown-sensitivity">
          {t('breakdown.sensitivity', {
            p: `${Math.round(props.sensitivity.pTopK * 100)}%`, k: props.sensitivity.topK,
            p5: formatInt(locale, props.sensitivity.rankP5), p95: formatInt(locale, props.sensitivity.rankP95),
          })}
        </p>
      )}

      {(s.warnings ?? []).length > 0 && (
        <ul className="breakdown-warnings" data-testid="breakdown-warnings" role="note">
          {s.warnings.map((w) => <li key={w.code} data-code={w.code}>⚠ {t(`coverage.warning.${w.code}`)}</li>)}
        </ul>
      )}
      {!byForecast && (<>
      <h3>{t('breakdown.contributions')}</h3>
      <div className="stacked-bar" aria-hidden>
        {FACTOR_NAMES.map((f) => (
          <span key={f} style={{ width: `${Math.max(0, s.factors[f].contribution)}%`, background: FACTOR_COLORS[f] }} />
        ))}
      </div>
      <ul className="contributions">
        {FACTOR_NAMES.map((f) => {
          const x = s.factors[f];
          return (
            <li key={f} data-testid={`contribution-${f}`}>
              <div className="contribution-head">
                <span><i style={{ background: FACTOR_COLORS[f] }} />{t(`sites.factor.${f}`)}</span>
                <strong>{x.scored === false ? t('coverage.notScored') : `+${formatScore(locale, x.contribution)}`}</strong>
              </div>
              <div className="bar"><span style={{ width: `${Math.min(100, Math.max(0, x.normalized))}%`, background: FACTOR_COLORS[f] }} /></div>
              <small>
                <span title={props.meaning?.percentile ? t('breakdown.normalized.title', { v: formatScore(locale, x.normalized) }) : undefined} className="has-tip">
                  {t('breakdown.normalized', { v: formatScore(locale, x.normalized) })}</span> · {t('breakdown.weight', { v: `${Math.round(x.weight * 100)}%` })} ·{' '}
                <span data-testid={`raw-${f}`}>{t(`breakdown.raw.${f}`, { v: formatInt(locale, x.raw) })}</span>
              </small>
            </li>
          );
        })}
      </ul>
      </>)}

      <h3>{t('breakdown.transit')}</h3>
      <table className="stats"><tbody>
        {row('departuresWithinRadius', t('breakdown.perDay', { n: formatInt(locale, tr.departuresWithinRadius) }))}
        {row('imputedDepartures', t('breakdown.perDay', { n: formatInt(locale, tr.imputedDepartures) }))}
        {row('stopsWithinRadius', formatInt(locale, tr.stopsWithinRadius))}
        {row('routesWithinRadius', formatInt(locale, tr.routesWithinRadius))}
        {row('nearestStop', tr.nearestStopM == null ? '—' : `${formatDistanceM(locale, tr.nearestStopM)} · ${tr.nearestStopMode ? t(`mode.${tr.nearestStopMode}`) : ''}`, 'nearest-stop')}
        {tr.nearestStopId && (
          <tr><td colSpan={2} className="stop-name" title={tr.nearestStopId} data-testid="nearest-stop-name">{stopName ?? tr.nearestStopId}</td></tr>
        )}
      </tbody></table>
      {tr.imputedDepartures > 0 && <p className="hint">{t('breakdown.imputedNote')}</p>}

      <h3>{t('breakdown.demand')}</h3>
      <table className="stats"><tbody>
        {row('populationWithin500m', formatInt(locale, de.populationWithin500m))}
        {row('populationWithin1000m', formatInt(locale, de.populationWithin1000m))}
        {row('populationWithin2000m', formatInt(locale, de.populationWithin2000m))}
      </tbody></table>
      {de.layers && (
        <table className="stats demand-layers" data-testid="demand-layers"><tbody>
          {de.layers.map((l) => (
            <tr key={l.layer}><td>{l.name} × {l.weight}</td><td>{t('breakdown.layer', { raw: formatInt(locale, l.raw), n: formatInt(locale, l.within1000m) })}</td></tr>
          ))}
        </tbody></table>
      )}

      <h3>{t('breakdown.competition')}</h3>
      <table className="stats"><tbody>
        {row('competitorsWithin500m', formatInt(locale, co.competitorsWithin500m))}
        {row('competitorsWithin1000m', formatInt(locale, co.competitorsWithin1000m))}
        {row('nearestCompetitorM', formatDistanceM(locale, co.nearestCompetitorM))}
        {row('huffShare', formatShare(locale, co.huffShare), 'huff-share')}
        {row('expectedCustomers', formatInt(locale, co.expectedCustomers))}
        {row('cannibalizedFromOwn', formatInt(locale, co.cannibalizedFromOwn))}
        {row('netNewDemand', formatInt(locale, co.netNewDemand))}
      </tbody></table>
      <p className="hint" data-testid="help-huff">{t('breakdown.help.huff')}</p>
      <p className="hint" data-testid="help-cannibalization">{t('breakdown.help.cannibalization')}</p>
      <p className="breakdown-location"><small>{t('breakdown.location')}: {s.lat.toFixed(5)}, {s.lng.toFixed(5)} · {shortId(s.id)}</small></p>
      {props.children}
    </aside>
  );
}

/**
 * The forecast of a site in its breakdown: "Forecast $182 M (80 %: $90–360 M) · this model ranked held-out branches
 * at ρ = 0.70", the age and bank effect it assumes, and the features that move it most (as % of the forecast).
 */
function ForecastBlock(props: { forecast: NonNullable<ScoredSite['forecast']>; echo: ScoreResponse['params']['forecast'] | null; model: ParameterSet['params'] | null }) {
  const { t, locale } = useI18n();
  const f = props.forecast;
  const rho = props.echo?.spearmanHoldout;
  const level = `${Math.round(f.level * 100)}%`;
  const bank = props.echo?.bankEffect;
  return (
    <div className="breakdown-forecast" data-testid="breakdown-forecast">
      <p className="forecast-line" data-testid="forecast-line">
        {t('forecast.line', { value: formatUsd(locale, f.depositsUsd), level, range: formatUsdRange(locale, f.lowUsd, f.highUsd), rho: rho == null ? '—' : rho.toFixed(2) })}
      </p>
      <p className="hint">
        {t('forecast.atAge', { age: f.ageYears })}
        {bank && ' · ' + (bank.source === 'area' ? t('forecast.bank.area', { name: bank.name ?? String(bank.cert) })
          : bank.source === 'elsewhere' ? t('forecast.bank.elsewhere') : bank.source === 'none' ? t('forecast.bank.none') : t('forecast.bank.overall'))}
      </p>
      <h3>{t('forecast.contributions')}</h3>
      <p className="hint" data-testid="forecast-contributions-hint">{t('forecast.contributionsHint')}</p>
      <ul className="forecast-contributions" data-testid="forecast-contributions">
        {f.contributions.slice(0, 6).map((c) => {
          const why = props.model ? contributionDirection(props.model, c) : null;
          // the site's value in its unit, beside the fitted branches' typical one (assumed terms — age, year — have none shown)
          const value = why?.side === 'assumed' ? null : featureValueInUnits(c.feature, c.value);
          const col = props.model?.features.indexOf(c.feature) ?? -1;
          const typical = value && col >= 0 ? featureValueInUnits(c.feature, props.model!.means[col]) : null;
          return (
            <li key={c.feature} className={c.contributionLog >= 0 ? 'up' : 'down'} data-feature={c.feature}>
              <span>{t(`forecast.feature.${c.feature}`)}{c.clamped ? <em title={t('forecast.clamped')}> *</em> : null}</span>
              <span className="num">{formatLogChangePct(c.contributionLog)}</span>
              {value && <small className="val" data-testid="contribution-value">{typical
                ? t('forecast.value', { value: formatFeatureValue(locale, value), typical: formatFeatureValue(locale, typical) })
                : t('forecast.valueOnly', { value: formatFeatureValue(locale, value) })}</small>}
              {why && <small className="why" data-testid="contribution-why">{t(`forecast.direction.${why.side}.${why.effect}`, { age: f.ageYears })}</small>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
