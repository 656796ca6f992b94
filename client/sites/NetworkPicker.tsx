import { useMemo, useState } from 'react';
import type { Institution } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { formatInt } from './format';

/** Case- and accent-insensitive match of every word of `q` in the institution's name or holding company. */
export function matchInstitutions(list: Institution[], q: string, limit = 40): Institution[] {
  const norm = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = norm(q).split(/\s+/).filter(Boolean);
  const hits = words.length
    ? list.filter((i) => { const hay = norm(`${i.name} ${i.holdingCompany ?? ''} ${i.id}`); return words.every((w) => hay.includes(w)); })
    : list;
  return [...hits].sort((a, b) => b.branches - a.branches || a.name.localeCompare(b.name)).slice(0, limit);
}

/** Searchable picker of the own network (an institution `cert:` or a holding company `hc:`), or none. */
export function NetworkPicker(props: { institutions: Institution[] | null; value: string | null; current?: Institution | null; onChange: (id: string | null) => void; error?: string | null }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const list = props.institutions ?? [];
  const matches = useMemo(() => (open ? matchInstitutions(list, q) : []), [list, q, open]);
  const current = list.find((i) => i.id === props.value) ?? (props.current?.id === props.value ? props.current : undefined);
  const kindLabel = (k: string) => t(k.startsWith('hold') || k === 'hc' ? 'network.kind.holdingCompany' : 'network.kind.institution');
  return (
    <section className="panel-section network-picker">
      <h2>{t('network.title')}</h2>
      <div className="network-current" data-testid="network-current">
        {current ? (
          <>
            <strong>{current.name}</strong>
            <small>{kindLabel(current.kind)} · {t('network.branches', { n: formatInt(locale, current.branches) })}</small>
            <button type="button" className="link" onClick={() => props.onChange(null)}>{t('sites.network.clear')}</button>
          </>
        ) : (
          <small>{t('sites.network.none')}</small>
        )}
      </div>
      <div className="combo">
        <input
          type="search"
          value={q}
          placeholder={t('network.search')}
          onChange={(e) => { setQ(e.target.value); setOpen(true); }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}
          disabled={!props.institutions}
          data-testid="network-search"
          aria-label={t('network.label')}
        />
        {open && (
          <ul className="combo-list" role="listbox">
            {matches.length === 0 && <li className="combo-empty">{t('sites.network.noMatch')}</li>}
            {matches.map((i) => (
              <li key={i.id} role="option" aria-selected={i.id === props.value}
                onMouseDown={(e) => { e.preventDefault(); props.onChange(i.id); setQ(''); setOpen(false); }}>
                <span className="combo-name">{i.name}</span>
                <small>{kindLabel(i.kind)} · {t('network.branches', { n: formatInt(locale, i.branches) })}</small>
              </li>
            ))}
          </ul>
        )}
      </div>
      {props.error && <p className="field-error">{props.error}</p>}
    </section>
  );
}
