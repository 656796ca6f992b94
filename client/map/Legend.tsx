import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatInt, formatUsd, formatUsdRange } from '../sites/format';
import { classColor, demandColors, LAYER_COLORS, rgbHex, scoreLegend, type RampName } from './colorRamp';
import { LAYER_KEYS, type LayerKey } from './siteLayers';

const swatch = (hex: string, hollow = false) => (
  <span className={'legend-swatch' + (hollow ? ' hollow' : '')} style={hollow ? { borderColor: hex } : { background: hex }} />
);

export interface LegendProps {
  visible: Record<LayerKey, boolean>;
  onToggle: (k: LayerKey) => void;
  loading: Partial<Record<LayerKey, boolean>>;
  /** Class breaks (lower bounds, residents per hexagon) of the residents layer, and the hexagons' average area, km². */
  demandBreaks: readonly number[];
  hexAreaKm2: number;
  /** The transit service date (departures are counted on it), or null when unknown. */
  serviceDate: string | null;
  /** Branches drawn per layer (null while loading). */
  counts: { competitors: number | null; own: number | null };
  /** The colour ramp picked in Map settings (the legend draws its classes). */
  ramp: RampName;
  /** In deposit-forecast mode, the branch age (years) the forecast is at. */
  forecastAgeYears?: number | null;
  /** In deposit-forecast mode, the dollar classes the hexagons are coloured by: lower bounds (USD, the first 0),
   * how many grid cells they are quintiles of, and whether those are the cells in view (else every cell). */
  forecastClasses?: { breaks: readonly number[]; cells: number; inView: boolean } | null;
  /** Sites in the top list (ringed and numbered on the map). */
  topN?: number;
  /** A site's breakdown is open beside the map: on a narrow map the legend folds to its title while it is (below). */
  siteOpen?: boolean;
}

/** A map narrower than this (px) folds the legend while a site is open: opened, it covered ≈ 45% of the 580 px map at 1280 px (at 1400 px the map is 700 px). */
const LEGEND_FOLD_MAP_PX = 640;

/**
 * Layer toggles with a titled legend per layer in real units: score classes (0–100, a blend of factor percentiles),
 * residents per hexagon with its class breaks, departures per stop on the service date (marker size), branch counts
 * (the opacity and colour ramp are set in Map settings).
 */
export function Legend(props: LegendProps) {
  const { t, locale } = useI18n();
  // open unless folded for a site on a narrow map; the user's own click wins until the site closes
  const ref = useRef<HTMLElement>(null);
  const [mapPx, setMapPx] = useState<number>(Infinity);
  useEffect(() => {
    const map = ref.current?.parentElement;
    if (!map || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setMapPx(map.clientWidth));
    ro.observe(map);
    setMapPx(map.clientWidth);
    return () => ro.disconnect();
  }, []);
  const folded = !!props.siteOpen && mapPx < LEGEND_FOLD_MAP_PX;
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  useEffect(() => { if (!props.siteOpen) setUserOpen(null); }, [props.siteOpen]);
  const open = userOpen ?? !folded;
  const setOpen = (o: boolean) => setUserOpen(o);
  const n = (v: number) => formatInt(locale, v);
  const breaks = props.demandBreaks;
  const dColors = demandColors(props.ramp);
  return (
    <section ref={ref} className={'map-legend' + (open ? '' : ' collapsed')} aria-label={t('map.layers')} data-testid="legend">
      <h3>
        <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="legend-toggle">
          {t('map.layers')} <span aria-hidden>{open ? '▾' : '▸'}</span>
        </button>
      </h3>
      {open && LAYER_KEYS.map((k) => (
        <div key={k} className="legend-layer">
          <label>
            <input type="checkbox" checked={props.visible[k]} onChange={() => props.onToggle(k)} data-testid={`layer-${k}`} />
            {k === 'competitors' && swatch(rgbHex(LAYER_COLORS.competitor))}
            {k === 'own' && swatch(rgbHex(LAYER_COLORS.own))}
            <span>{t(`map.layer.${k}`)}</span>
            {(k === 'competitors' || k === 'own') && props.visible[k] && props.counts[k] != null && <small className="legend-count">({n(props.counts[k]!)})</small>}
            {props.loading[k] && <span className="legend-spinner" aria-hidden>…</span>}
          </label>
          {props.visible[k] && k === 'candidates' && props.forecastClasses && (
            <div className="legend-body" data-testid="legend-score">
              <p className="legend-title">{t('map.legend.forecastTitle', { age: props.forecastAgeYears ?? 10 })}</p>
              <ul className="legend-classes usd" data-testid="legend-forecast-classes">
                {props.forecastClasses.breaks.map((b, i, all) => (
                  <li key={b}>
                    <span style={{ background: rgbHex(classColor(i, all.length, props.ramp)) }} />
                    {all.length === 1 ? t('map.legend.oneClass') : i === 0 ? t('map.legend.under', { to: formatUsd(locale, all[1]) })
                      : i + 1 < all.length ? formatUsdRange(locale, b, all[i + 1]) : t('map.legend.atLeast', { from: formatUsd(locale, b) })}
                  </li>
                ))}
              </ul>
              <small className="legend-note">{t(props.forecastClasses.inView ? 'map.legend.forecastNote' : 'map.legend.forecastNoteAll', { n: n(props.forecastClasses.cells) })}</small>
              {props.topN ? <small className="legend-note legend-top" data-testid="legend-top">
                <span className="legend-top-ring" aria-hidden>1</span>{t('map.legend.top', { n: props.topN })}</small> : null}
            </div>
          )}
          {props.visible[k] && k === 'candidates' && !props.forecastClasses && (
            <div className="legend-body" data-testid="legend-score">
              <p className="legend-title">{t('map.legend.scoreTitle')}</p>
              <div className="legend-ramp">
                {scoreLegend(props.ramp).map((c) => (
                  <div key={c.from} className="legend-ramp-step">
                    <span style={{ background: c.hex }} />
                    <small>{c.from}</small>
                  </div>
                ))}
                <small className="legend-ramp-end">100</small>
              </div>
              <small className="legend-note">{t('map.legend.scoreNote')}</small>
              {props.topN ? <small className="legend-note legend-top" data-testid="legend-top">
                <span className="legend-top-ring" aria-hidden>1</span>{t('map.legend.top', { n: props.topN })}</small> : null}
            </div>
          )}
          {props.visible[k] && k === 'demand' && (
            <div className="legend-body" data-testid="legend-demand">
              <p className="legend-title">{t('map.legend.demandTitle', { area: props.hexAreaKm2.toFixed(2) })}</p>
              {breaks.length > 1 ? (
                <ul className="legend-classes">
                  {breaks.map((b, i) => (
                    <li key={b}>
                      <span style={{ background: rgbHex(dColors[Math.min(dColors.length - 1, i)] as [number, number, number]) }} />
                      {i + 1 < breaks.length ? `${n(b)}–${n(breaks[i + 1])}` : t('map.legend.atLeast', { from: n(b) })}
                    </li>
                  ))}
                </ul>
              ) : <small>{t('map.loading')}</small>}
              <small className="legend-note">{t('map.legend.demandNote')}</small>
            </div>
          )}
          {props.visible[k] && k === 'stops' && (
            <div className="legend-body" data-testid="legend-stops">
              <p className="legend-title">{props.serviceDate ? t('map.legend.stopsTitle', { date: props.serviceDate }) : t('map.legend.stopsTitleNoDate')}</p>
              <div className="legend-modes">
                {(['subway', 'bus', 'rail', 'ferry'] as const).map((m) => (
                  <span key={m}>{swatch(rgbHex(LAYER_COLORS[m]))}{t(`mode.${m}`)}</span>
                ))}
              </div>
              <small className="legend-note">{t('map.legend.stopSize')} · {swatch(rgbHex(LAYER_COLORS.bus), true)} {t('map.legend.imputed')}</small>
            </div>
          )}
        </div>
      ))}
      {open && <p className="legend-limits">{t('map.legend.limits')}</p>}
    </section>
  );
}
