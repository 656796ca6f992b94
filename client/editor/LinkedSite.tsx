import { useEffect, useState } from 'react';
import type { PlanCommand } from '../../core/floorplan/commands';
import type { FloorPlan } from '../../core/floorplan/model';
import { siteIdParam } from '../../core/api/plans';
import { fetchSavedSite, type SavedSite } from '../api/sites';
import { useI18n } from '../i18n/i18n';

const cache = new Map<string, SavedSite>();

/**
 * The saved site a plan belongs to (`plan.siteId`, issues 4–5), in the Plan properties: its id, name, expected
 * customers (which drive the standards sizing panel) and coordinates; link another saved site by id (checked against
 * `GET /api/sites/:id` first) or unlink. Linking and unlinking are one `setPlanProperties` command each (undoable; saved
 * with the plan like any edit).
 */
export function LinkedSite({ plan, exec }: { plan: FloorPlan; exec: (cmd: PlanCommand) => boolean }) {
  const { t, locale } = useI18n();
  const siteId = plan.siteId ?? null;
  const [site, setSite] = useState<SavedSite | null>(siteId ? cache.get(siteId) ?? null : null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [linkError, setLinkError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setLoadError(null);
    if (!siteId) { setSite(null); return; }
    const known = cache.get(siteId);
    if (known) { setSite(known); return; }
    setSite(null);
    let live = true;
    fetchSavedSite(siteId).then((s) => { cache.set(siteId, s); if (live) setSite(s); }, (e) => { if (live) setLoadError((e as Error).message); });
    return () => { live = false; };
  }, [siteId]);

  const link = async () => {
    const id = text.trim();
    setLinkError(null);
    if (!siteIdParam.safeParse({ id }).success) { setLinkError(t('editor.site.badId', { id })); return; }
    setBusy(true);
    try {
      const s = await fetchSavedSite(id);
      cache.set(id, s);
      exec({ type: 'setPlanProperties', patch: { siteId: id } });
      setText('');
    } catch (e) {
      setLinkError(t('editor.site.notFound', { id, message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const fmt = (n: number) => new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 }).format(n);

  return (
    <div className="ed-site" data-testid="ed-linked-site">
      <h4>{t('editor.site.title')}</h4>
      {siteId ? (
        <>
          <dl className="ed-facts">
            <dt>{t('editor.site.id')}</dt><dd data-testid="ed-site-id">{siteId}</dd>
            {site && <><dt>{t('editor.site.name')}</dt><dd>{site.name}</dd></>}
            {site && <><dt>{t('editor.site.expected')}</dt><dd data-testid="ed-site-customers">{fmt(site.expectedCustomers)}</dd></>}
            {site && <><dt>{t('editor.site.location')}</dt><dd>{site.lat.toFixed(5)}, {site.lng.toFixed(5)}</dd></>}
          </dl>
          {loadError && <p className="ed-site-error" role="alert">{t('editor.site.loadError', { message: loadError })}</p>}
          <button type="button" onClick={() => exec({ type: 'setPlanProperties', patch: { siteId: undefined } })} data-testid="ed-site-unlink">{t('editor.site.unlink')}</button>
        </>
      ) : <p className="ed-site-none">{t('editor.site.none')}</p>}
      <form className="ed-site-link" onSubmit={(e) => { e.preventDefault(); void link(); }}>
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('editor.site.placeholder')} aria-label={t('editor.site.placeholder')} data-testid="ed-site-input" />
        <button type="submit" disabled={busy || !text.trim()} data-testid="ed-site-link">{siteId ? t('editor.site.replace') : t('editor.site.link')}</button>
      </form>
      {linkError && <p className="ed-site-error" role="alert" data-testid="ed-site-error">{linkError}</p>}
      <p className="ed-site-hint">{t('editor.site.hint')}</p>
    </div>
  );
}
