import type { ScoredSite } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { rgbHex, scoreColor, textColorOn, type Rgb } from '../map/colorRamp';
import { formatScore, formatUsd } from './format';
import { topRowLabels } from './topRows';

/** Top-N sites by rank, linked to the map: hovering a row highlights the site, clicking selects and flies to it. */
export function TopSitesTable(props: {
  sites: ScoredSite[];
  selectedId: string | null;
  hoveredId: string | null;
  labelOf: (s: ScoredSite) => string;
  onHover: (id: string | null) => void;
  onSelect: (s: ScoredSite) => void;
  /** Forecast mode: the last column shows the forecast deposits instead of the score. */
  forecast?: boolean;
  /** The site's colour on the map (its score class, or its forecast class in forecast mode); default: the score class. */
  fill?: (s: ScoredSite) => Rgb;
}) {
  const { t, locale } = useI18n();
  const labels = topRowLabels(props.sites, (s) => props.labelOf(s as ScoredSite));
  return (
    <section className="panel-section top-sites">
      <h2>{t('sites.top', { n: props.sites.length })}</h2>
      {props.sites.length === 0 ? (
        <p className="hint">{t('sites.empty')}</p>
      ) : (
        <table className="top-table" data-testid="top-table">
          <thead><tr><th>{t('sites.col.rank')}</th><th>{t('sites.col.site')}</th><th className="num">{t(props.forecast ? 'forecast.col' : 'sites.col.score')}</th></tr></thead>
          <tbody onMouseLeave={() => props.onHover(null)}>
            {props.sites.map((s, i) => (
              <tr key={s.id} data-site-id={s.id}
                className={(s.id === props.selectedId ? 'selected ' : '') + (s.id === props.hoveredId ? 'hovered' : '')}
                onMouseEnter={() => props.onHover(s.id)} onClick={() => props.onSelect(s)}>
                <td>{s.rank}</td>
                <td className="site-label" title={labels[i].title}>
                  <span className="name">{labels[i].name}</span>
                  <span className="detail" data-testid="top-row-detail">{labels[i].detail}</span>
                </td>
                <td className="num"><span className="score-chip" style={chipStyle(props.fill ? props.fill(s) : scoreColor(s.score))}
                  data-testid={props.forecast ? 'top-forecast' : undefined}>
                  {props.forecast && s.forecast ? formatUsd(locale, s.forecast.depositsUsd) : formatScore(locale, s.score)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A chip's background and legible text colour for a fill. */
export const chipStyle = (rgb: Rgb) => ({ background: rgbHex(rgb), color: textColorOn(rgb) });
