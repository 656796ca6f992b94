import { useEffect, useRef, useState } from 'react';
import { searchInstitutions, type Institution } from '../api/sites';
import { formatPeople } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';

export interface InstitutionPickerProps {
  value: Institution | null;
  onChange: (inst: Institution) => void;
}

/**
 * Searchable picker over `GET /api/institutions?q=&limit=` (banks `cert:` and holding companies `hc:`, largest
 * first). Typing filters on the server (debounced 200 ms); arrow keys and Enter pick; Escape closes.
 */
export function InstitutionPicker({ value, onChange }: InstitutionPickerProps) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Institution[]>([]);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      searchInstitutions(q.trim() || undefined, 25, ctl.signal)
        .then((rows) => {
          setItems(rows);
          setActive(0);
        })
        .catch(() => {});
    }, 200);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, open]);

  useEffect(() => {
    const onDoc = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, []);

  const pick = (inst: Institution) => {
    onChange(inst);
    setOpen(false);
    setQ('');
  };

  return (
    <div className="cov-picker" ref={box}>
      <input
        type="search"
        data-testid="cov-bank-search"
        placeholder={value ? value.name : t('network.search')}
        value={q}
        aria-label={t('network.label')}
        onFocus={() => setOpen(true)}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, items.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && items[active]) pick(items[active]);
          else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {value && !open && (
        <div className="cov-picked" data-testid="cov-bank-picked">
          <strong>{value.name}</strong>
          <span>
            {t(`network.kind.${value.kind}`)} · {t('network.branches', { n: formatPeople(value.branches, locale) })}
          </span>
        </div>
      )}
      {open && (
        <ul className="cov-picker-list" role="listbox" data-testid="cov-bank-list">
          {items.length === 0 && q.trim() && <li className="empty">{t('cov.noMatch', { q })}</li>}
          {items.map((inst, i) => (
            <li
              key={inst.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(inst);
              }}
              data-id={inst.id}
            >
              <span className="name">{inst.name}</span>
              <span className="meta">
                {t(`network.kind.${inst.kind}`)} · {t('network.branches', { n: formatPeople(inst.branches, locale) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
