import { usePermissions } from '../auth/AuthContext';
import { useEffect, useState } from 'react';
import { createScenario, listScenarios, updateScenario, type Scenario } from '../api/coverage';
import type { ScoredSite } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { publishStatus } from './status';

const NEW = '__new__';

/** A scored site as a scenario's added site (`core/api/coverage.ts` addedSite: id ≤ 64 chars, name ≤ 200). */
export function addedSiteFrom(site: Pick<ScoredSite, 'id' | 'lng' | 'lat'>, label: string) {
  return { id: site.id.slice(0, 64), lng: site.lng, lat: site.lat, name: label.trim().slice(0, 200) || undefined };
}

/**
 * "Add to scenario…" in the site breakdown (issue 3 item 3: sites added from scored candidates). Lists the own
 * network's scenarios (`GET /api/scenarios`, those whose base network is the own network) plus "New scenario",
 * appends the site (id, lng, lat, name) with `PUT /api/scenarios/:id` (or creates the scenario with
 * `POST /api/scenarios`), then offers to open it in the coverage tab (`#/coverage/<scenarioId>`).
 * Without an own network there is no scenario to add to: the user is asked to pick one.
 */
export function AddToScenario(props: { site: ScoredSite; label: string; ownNetwork: string | null }) {
  const { t } = useI18n();
  const { gate } = usePermissions(); // actions the caller's role cannot do: disabled, the tooltip names the role
  const [open, setOpen] = useState(false);
  const [scenarios, setScenarios] = useState<Scenario[] | null>(null);
  const [choice, setChoice] = useState<string>(NEW);
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: string; name: string; n: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => { setDone(null); setError(null); }, [props.site.id, props.site.lng, props.site.lat]);
  useEffect(() => {
    if (!open || !props.ownNetwork) return;
    let live = true;
    setScenarios(null);
    listScenarios()
      .then((all) => {
        if (!live) return;
        const mine = all.filter((s) => s.baseNetwork === props.ownNetwork);
        setScenarios(mine);
        setChoice((c) => (c !== NEW && mine.some((s) => s.id === c) ? c : mine.at(-1)?.id ?? NEW));
      })
      .catch((e) => live && setError(t('addScn.error', { message: (e as Error).message })));
    return () => { live = false; };
  }, [open, props.ownNetwork, t]);

  const add = async () => {
    if (!props.ownNetwork) return;
    setBusy(true);
    setError(null);
    try {
      const site = addedSiteFrom(props.site, props.label);
      let saved: Scenario;
      if (choice === NEW) {
        saved = await createScenario({ name: newName.trim() || t('addScn.defaultName', { site: props.label }).slice(0, 200), baseNetwork: props.ownNetwork,
          added: [site], closed: [], moved: [], params: { radiiM: [500, 1000, 2000], source: 'sites tab' } });
      } else {
        const s = scenarios?.find((x) => x.id === choice);
        if (!s) throw new Error(`scenario ${choice} not found`);
        if (s.added.some((a) => a.id === site.id)) {
          setError(t('addScn.already', { name: s.name }));
          return;
        }
        saved = await updateScenario({ ...s, added: [...s.added, site] });
      }
      setDone({ id: saved.id, name: saved.name, n: saved.added.length });
      publishStatus({ addedToScenario: saved.id });
      setScenarios((list) => (list ? [...list.filter((x) => x.id !== saved.id), saved] : list));
      setChoice(saved.id);
    } catch (e) {
      setError(t('addScn.error', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="add-scenario" data-testid="add-to-scenario">
      {!open ? (
        <button type="button" onClick={() => setOpen(true)} {...gate('analyst')} data-testid="add-to-scenario-open">{t('addScn.button')}</button>
      ) : (
        <>
          <h3>{t('addScn.title')}</h3>
          {!props.ownNetwork ? (
            <p className="hint">{t('addScn.needOwn')}</p>
          ) : (
            <>
              <label>
                <span>{t('addScn.scenario')}</span>
                <select value={choice} onChange={(e) => { setChoice(e.target.value); setDone(null); }} disabled={scenarios == null || busy} data-testid="add-to-scenario-select">
                  {(scenarios ?? []).map((s) => (
                    <option key={s.id} value={s.id}>{t('addScn.option', { name: s.name, n: s.added.length })}</option>
                  ))}
                  <option value={NEW}>{t('addScn.new')}</option>
                </select>
              </label>
              {choice === NEW && (
                <label>
                  <span>{t('addScn.newName')}</span>
                  <input value={newName} maxLength={200} placeholder={t('addScn.defaultName', { site: props.label })} onChange={(e) => setNewName(e.target.value)} data-testid="add-to-scenario-name" />
                </label>
              )}
              <div className="button-row">
                <button type="button" className="primary" onClick={() => void add()} disabled={busy || scenarios == null} data-testid="add-to-scenario-add">
                  {busy ? t('addScn.adding') : t('addScn.add')}
                </button>
                <button type="button" onClick={() => setOpen(false)}>{t('addScn.cancel')}</button>
              </div>
            </>
          )}
          {done && (
            <p className="added" data-testid="add-to-scenario-done">
              {t('addScn.done', { name: done.name, n: done.n })}{' '}
              <a href={`#/coverage/${encodeURIComponent(done.id)}`} data-testid="add-to-scenario-open-coverage">{t('addScn.openCoverage')}</a>
            </p>
          )}
          {error && <p className="field-error" role="alert">{error}</p>}
        </>
      )}
    </section>
  );
}
