import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { RAMP_NAMES, type RampName } from './colorRamp';
import { MIN_OPACITY, type MapDisplay } from './mapDisplay';
import { isStyleUrl, STREETS_STYLE_URL, styleReachable } from './offlineStyle';

const KEY = 'op.basemapUrl';

/** The saved online basemap style URL, or null for the offline style. */
export function loadBasemapUrl(): string | null {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return v && isStyleUrl(v) ? v : null;
}

type Choice = 'offline' | 'streets' | 'custom';

/**
 * Map settings, the one home of how a map tab draws (Site scoring and Network coverage): the hexagon layers' opacity
 * and colour ramp (`display`, applied as they change; the tab keeps them in its address), and the basemap — the
 * offline basemap (default), a streets style (OpenFreeMap) when it can be reached from this computer (checked each
 * time the popover opens, so offline it is shown as unavailable) or any online MapLibre style URL, applied with
 * "Apply" and stored in localStorage for both tabs.
 */
export function MapSettings(props: {
  url: string | null;
  onChange: (url: string | null) => void;
  display: MapDisplay;
  onDisplay: (d: MapDisplay) => void;
  className?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const initial: Choice = props.url == null ? 'offline' : props.url === STREETS_STYLE_URL ? 'streets' : 'custom';
  const [choice, setChoice] = useState<Choice>(initial);
  const [draft, setDraft] = useState(initial === 'custom' ? props.url ?? '' : '');
  // null: checking; true/false: the streets style loads / does not load from here
  const [streets, setStreets] = useState<boolean | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setStreets(null);
    void styleReachable(STREETS_STYLE_URL).then((ok) => { if (live) setStreets(ok); });
    return () => { live = false; };
  }, [open]);
  const valid = choice !== 'custom' || isStyleUrl(draft.trim());
  const apply = () => {
    if (!valid) return;
    const url = choice === 'offline' ? null : choice === 'streets' ? STREETS_STYLE_URL : draft.trim();
    if (url) localStorage.setItem(KEY, url);
    else localStorage.removeItem(KEY);
    props.onChange(url);
    setOpen(false);
  };
  return (
    <div className={'map-settings' + (props.className ? ` ${props.className}` : '')}>
      <button type="button" className="icon-button" aria-expanded={open} onClick={() => setOpen(!open)} title={t('map.settings')} data-testid="map-settings">
        ⚙ <span>{t('map.settings')}</span>
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label={t('map.settings')} data-testid="map-settings-popover">
          <h3>{t('map.settings.layers')}</h3>
          <div className="map-settings-layers">
            <label>
              <span>{t('map.legend.opacity', { v: `${Math.round(props.display.opacity * 100)}%` })}</span>
              <input type="range" min={MIN_OPACITY} max={1} step={0.05} value={props.display.opacity}
                onChange={(e) => props.onDisplay({ ...props.display, opacity: Number(e.target.value) })} data-testid="layer-opacity" />
            </label>
            <label>
              <span>{t('map.legend.ramp')}</span>
              <select value={props.display.ramp} onChange={(e) => props.onDisplay({ ...props.display, ramp: e.target.value as RampName })} data-testid="layer-ramp">
                {RAMP_NAMES.map((r) => <option key={r} value={r}>{t(`map.ramp.${r}`)}</option>)}
              </select>
            </label>
          </div>
          <h3>{t('map.settings.basemap')}</h3>
          <label className="radio"><input type="radio" checked={choice === 'offline'} onChange={() => setChoice('offline')} /> {t('map.settings.offline')}</label>
          <label className={'radio' + (streets === false ? ' disabled' : '')} data-testid="map-settings-streets">
            <input type="radio" checked={choice === 'streets'} disabled={streets !== true && choice !== 'streets'} onChange={() => setChoice('streets')} />{' '}
            {t('map.settings.streets')}{' '}
            <small>{streets == null ? t('map.settings.streets.checking') : streets ? '' : t('map.settings.streets.unreachable')}</small>
          </label>
          <label className="radio"><input type="radio" checked={choice === 'custom'} onChange={() => setChoice('custom')} /> {t('map.settings.online')}</label>
          {choice === 'custom' && (
            <input type="url" value={draft} placeholder={t('map.settings.online.placeholder')} onChange={(e) => setDraft(e.target.value)} aria-invalid={!valid} />
          )}
          {!valid && <p className="field-error">{t('map.settings.invalidUrl')}</p>}
          <div className="popover-actions">
            <button type="button" className="primary" disabled={!valid} onClick={apply}>{t('map.settings.apply')}</button>
          </div>
        </div>
      )}
    </div>
  );
}
