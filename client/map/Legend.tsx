import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { DEMAND_COLORS, LAYER_COLORS, rgbHex, scoreLegend } from './colorRamp';
import { LAYER_KEYS, type LayerKey } from './siteLayers';

const swatch = (hex: string, hollow = false) => (
  <span className={'legend-swatch' + (hollow ? ' hollow' : '')} style={hollow ? { borderColor: hex } : { background: hex }} />
);

/** Layer toggles with each layer's legend (score classes, demand ramp, stop modes, branch colours). */
export function Legend(props: { visible: Record<LayerKey, boolean>; onToggle: (k: LayerKey) => void; loading: Partial<Record<LayerKey, boolean>> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  return (
    <section className={'map-legend' + (open ? '' : ' collapsed')} aria-label={t('map.layers')} data-testid="legend">
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
            {props.loading[k] && <span className="legend-spinner" aria-hidden>…</span>}
          </label>
          {props.visible[k] && k === 'candidates' && (
            <div className="legend-ramp" aria-label={t('map.legend.score')}>
              {scoreLegend().map((c) => (
                <div key={c.from} className="legend-ramp-step">
                  <span style={{ background: c.hex }} />
                  <small>{c.from}</small>
                </div>
              ))}
              <small className="legend-ramp-end">100</small>
            </div>
          )}
          {props.visible[k] && k === 'demand' && (
            <div className="legend-gradient">
              <span style={{ background: `linear-gradient(to right, ${DEMAND_COLORS.map(rgbHex).join(',')})` }} />
              <small>{t('map.legend.demand')}</small>
            </div>
          )}
          {props.visible[k] && k === 'stops' && (
            <div className="legend-modes">
              {(['subway', 'bus', 'rail', 'ferry'] as const).map((m) => (
                <span key={m}>{swatch(rgbHex(LAYER_COLORS[m]))}{t(`mode.${m}`)}</span>
              ))}
              <small>{t('map.legend.stopSize')} · {swatch(rgbHex(LAYER_COLORS.bus), true)} {t('map.legend.imputed')}</small>
            </div>
          )}
        </div>
      ))}
      {open && <p className="legend-limits">{t('map.legend.limits')}</p>}
    </section>
  );
}
