import { usePermissions } from '../auth/AuthContext';
import { useState } from 'react';
import type { Scenario } from '../api/coverage';
import { localizeGeneratedName } from '../i18n/generatedName';
import { useI18n } from '../i18n/i18n';
import { formatLatLng } from '../sites/format';

export const TODAY = 'today';

export interface ScenarioPanelProps {
  scenarios: Scenario[];
  leftId: string;
  rightId: string;
  onShow: (side: 'left' | 'right', id: string) => void;
  onCreate: () => void;
  onRename: (s: Scenario, name: string) => void;
  onDelete: (s: Scenario) => void;
  busy: boolean;
}

/**
 * Scenario list: "Today" (the network as it is) and the saved scenarios of the chosen bank, each with A/B buttons
 * to put it on the left or right map, rename and delete. The right-hand scenario is the one being edited.
 */
export function ScenarioPanel(props: ScenarioPanelProps) {
  const { t } = useI18n();
  const { gate } = usePermissions(); // actions the caller's role cannot do: disabled, the tooltip names the role
  const [renaming, setRenaming] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const rows: { id: string; name: string; note: string; s?: Scenario }[] = [
    { id: TODAY, name: t('cov.today'), note: t('cov.todayNote') },
    ...props.scenarios.map((s) => ({
      id: s.id,
      name: s.name,
      note: [t('cov.added', { n: s.added.length }), t('cov.closed', { n: s.closed.length })].join(' · '),
      s,
    })),
  ];
  return (
    <div className="cov-scenarios" data-testid="cov-scenarios">
      <ul>
        {rows.map((r) => (
          <li key={r.id} className={r.id === props.rightId ? 'editing' : ''} data-scenario={r.id}>
            <div className="cov-ab">
              <button
                type="button"
                className={props.leftId === r.id ? 'on' : ''}
                title={t('cov.showLeft')}
                aria-pressed={props.leftId === r.id}
                onClick={() => props.onShow('left', r.id)}
              >
                A
              </button>
              <button
                type="button"
                className={props.rightId === r.id ? 'on' : ''}
                title={t('cov.showRight')}
                aria-pressed={props.rightId === r.id}
                onClick={() => props.onShow('right', r.id)}
                data-testid={`cov-show-right-${r.id}`}
              >
                B
              </button>
            </div>
            <div className="cov-scn-text">
              {renaming === r.id && r.s ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (draft.trim()) props.onRename(r.s!, draft.trim());
                    setRenaming(null);
                  }}
                >
                  <input autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => setRenaming(null)} aria-label={t('cov.rename')} />
                </form>
              ) : (
                <span className="name" title={localizeGeneratedName(r.name, t)}>{localizeGeneratedName(r.name, t)}</span>
              )}
              <span className="note">{r.note}</span>
            </div>
            {r.s && (
              <div className="cov-scn-actions">
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setDraft(r.name);
                    setRenaming(r.id);
                  }}
                >
                  {t('cov.rename')}
                </button>
                <button
                  type="button"
                  className="link danger"
                  onClick={() => {
                    if (confirm(t('cov.confirmDelete', { name: localizeGeneratedName(r.name, t) }))) props.onDelete(r.s!);
                  }}
                >
                  {t('cov.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="cov-btn" onClick={props.onCreate} {...gate('analyst', props.busy)} data-testid="cov-new-scenario">
        + {t('cov.newScenario')}
      </button>
    </div>
  );
}

export interface ScenarioEditorProps {
  scenario: Scenario;
  closedNames: Map<number, string>;
  onAddSite: (site: { lng: number; lat: number; name: string }) => void;
  onRemoveAdded: (id: string) => void;
  onReopen: (branchId: number) => void;
}

/** Edit the right-hand scenario: add a typed site, remove added sites, reopen closed outlets. */
export function ScenarioEditor({ scenario, closedNames, onAddSite, onRemoveAdded, onReopen }: ScenarioEditorProps) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [lng, setLng] = useState('');
  const [lat, setLat] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="cov-editor" data-testid="cov-editor">
      <h3>{t('cov.editing', { name: localizeGeneratedName(scenario.name, t) })}</h3>
      <p className="cov-hint">{t('cov.closeHint')}</p>
      <p className="cov-hint">{t('cov.addOnClick.hint')}</p>
      <form
        className="cov-add-site"
        onSubmit={(e) => {
          e.preventDefault();
          const x = Number(lng);
          const y = Number(lat);
          if (!lng.trim() || !lat.trim() || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) {
            setError(t('cov.badCoord'));
            return;
          }
          setError(null);
          onAddSite({ lng: x, lat: y, name: name.trim() });
          setName('');
          setLng('');
          setLat('');
        }}
      >
        <label className="wide">
          {t('cov.siteName')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('cov.siteNamePlaceholder')} />
        </label>
        <label>
          {t('cov.lat')}
          <input value={lat} onChange={(e) => setLat(e.target.value)} inputMode="decimal" placeholder="40.8075" data-testid="cov-add-lat" />
        </label>
        <label>
          {t('cov.lng')}
          <input value={lng} onChange={(e) => setLng(e.target.value)} inputMode="decimal" placeholder="-73.9465" data-testid="cov-add-lng" />
        </label>
        <button type="submit" className="cov-btn" data-testid="cov-add-site">{t('cov.add')}</button>
        {error && <p className="cov-error">{error}</p>}
      </form>
      {scenario.added.length + scenario.closed.length === 0 && <p className="cov-hint">{t('cov.noChanges')}</p>}
      {scenario.added.length > 0 && (
        <>
          <h4>{t('cov.addedSites')}</h4>
          <ul className="cov-changes">
            {scenario.added.map((a, i) => (
              <li key={a.id}>
                <span className="dot added" />
                <span className="txt" title={a.id}>{a.name || t('cov.gridSite', { n: i + 1 })}</span>
                <span className="coord">{formatLatLng(a.lat, a.lng)}</span>
                <button type="button" className="link" onClick={() => onRemoveAdded(a.id)}>{t('cov.remove')}</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {scenario.closed.length > 0 && (
        <>
          <h4>{t('cov.closedOutlets')}</h4>
          <ul className="cov-changes">
            {scenario.closed.map((id) => (
              <li key={id}>
                <span className="dot closed">×</span>
                <span className="txt">{closedNames.get(id) ?? `#${id}`}</span>
                <button type="button" className="link" onClick={() => onReopen(id)}>{t('cov.reopen')}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
