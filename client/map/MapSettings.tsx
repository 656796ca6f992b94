import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { isStyleUrl } from './offlineStyle';

const KEY = 'op.basemapUrl';

/** The saved online basemap style URL, or null for the offline style. */
export function loadBasemapUrl(): string | null {
  const v = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;
  return v && isStyleUrl(v) ? v : null;
}

/** Settings popover: offline basemap (default) or an online MapLibre style URL, stored in localStorage. */
export function MapSettings(props: { url: string | null; onChange: (url: string | null) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(props.url ?? '');
  const [online, setOnline] = useState(props.url != null);
  const valid = !online || isStyleUrl(draft.trim());
  const apply = () => {
    if (!valid) return;
    const url = online ? draft.trim() : null;
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
          <label className="radio"><input type="radio" checked={!online} onChange={() => setOnline(false)} /> {t('map.settings.offline')}</label>
          <label className="radio"><input type="radio" checked={online} onChange={() => setOnline(true)} /> {t('map.settings.online')}</label>
          {online && (
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
