import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { isStyleUrl, STREETS_STYLE_URL, styleReachable } from './offlineStyle';

const KEY = 'op.basemapUrl';

/** The saved online basemap style URL, or null for the offline style. */
export function loadBasemapUrl(): string | null {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return v && isStyleUrl(v) ? v : null;
}

type Choice = 'offline' | 'streets' | 'custom';

/**
 * Settings popover: the offline basemap (default), a streets style (OpenFreeMap) when it can be reached from this
 * computer — checked each time the popover opens, so offline it is shown as unavailable — or any online MapLibre
 * style URL; the choice is stored in localStorage.
 */
export function MapSettings(props: { url: string | null; onChange: (url: string | null) => void }) {
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
    <div className="map-settings">
      <button type="button" className="icon-button" aria-expanded={open} onClick={() => setOpen(!open)} title={t('map.settings')} data-testid="map-settings">
        ⚙ <span>{t('map.settings')}</span>
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label={t('map.settings')}>
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
