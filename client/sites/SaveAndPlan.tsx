import { usePermissions } from '../auth/AuthContext';
import { useEffect, useState } from 'react';
import type { Weights } from '../../core/scoring/siteScore';
import { saveScoredSite, type ScoreResponse, type ScoredSite } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { formatInt } from './format';
import { createPlanFromSavedSite } from './planFromSite';
import { publishStatus } from './status';

export { STARTER_PLAN_ID } from './planFromSite';

/** Saved-site ids by `<site id>|<lng>|<lat>|<own network>`, so re-opening a site's breakdown shows it as saved. */
const savedIds = new Map<string, string>();

/**
 * "Save site" and "Plan a branch here" in the site breakdown (issues 4 and 5). Saving posts the scored site with the
 * scoring parameters (current weights included) to `POST /api/sites` (coordinates, own network, parameters and
 * `expectedCustomers` are taken from them). Planning copies the community sample plan's shipped version 1 (never someone's edits) as a new plan with `siteId`
 * set (`POST /api/plans`) and opens it in the editor (`#/floorplans/<id>`), whose sizing panel then sizes counters and
 * seats from the site's expected customers.
 */
export function SaveAndPlan(props: { site: ScoredSite; label: string; params: ScoreResponse['params'] | null; weights: Weights; ownNetwork: string | null }) {
  const { t, locale } = useI18n();
  const { gate } = usePermissions(); // actions the caller's role cannot do: disabled, the tooltip names the role
  const key = `${props.site.id}|${props.site.lng}|${props.site.lat}|${props.ownNetwork ?? ''}`;
  const [name, setName] = useState(props.label);
  const [savedId, setSavedId] = useState<string | null>(savedIds.get(key) ?? null);
  const [busy, setBusy] = useState<'save' | 'plan' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setName(props.label); setSavedId(savedIds.get(key) ?? null); setError(null); }, [key, props.label]);
  useEffect(() => { publishStatus({ savedSiteId: savedId }); }, [savedId]);

  const save = async () => {
    setBusy('save');
    setError(null);
    try {
      const params = { ...(props.params ?? {}), weights: { ...props.weights } };
      const { id } = await saveScoredSite({ name: name.trim() || props.label, site: props.site, params });
      savedIds.set(key, id);
      setSavedId(id);
    } catch (e) {
      setError(t('save.error', { message: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  const plan = async () => {
    if (!savedId) return;
    setBusy('plan');
    setError(null);
    try {
      const { id } = await createPlanFromSavedSite({ siteId: savedId, name: t('save.planName', { site: name.trim() || props.label }) });
      window.location.hash = `#/floorplans/${encodeURIComponent(id)}`;
    } catch (e) {
      setError(t('save.planError', { message: (e as Error).message }));
      setBusy(null);
    }
  };

  return (
    <section className="save-site" data-testid="save-site">
      <h3>{t('save.title')}</h3>
      <label>
        <span>{t('save.name')}</span>
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} disabled={!!savedId} data-testid="save-name" />
      </label>
      <div className="button-row">
        {!savedId
          ? <button type="button" className="primary" onClick={() => void save()} {...gate('designer', busy !== null)} data-testid="save-site-button">{busy === 'save' ? t('save.saving') : t('save.button')}</button>
          : <button type="button" className="primary" onClick={() => void plan()} {...gate('designer', busy !== null)} data-testid="plan-branch-button">{busy === 'plan' ? t('save.planning') : t('save.plan')}</button>}
      </div>
      {savedId && <p className="saved-id" data-testid="saved-site-id">{t('save.saved', { id: savedId })}</p>}
      {error && <p className="field-error" role="alert">{error}</p>}
      <p className="hint">{t('save.hint', { n: formatInt(locale, props.site.factors.competition.expectedCustomers) })}</p>
    </section>
  );
}
