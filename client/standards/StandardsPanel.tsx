/**
 * The standards side panel in the floor-plan editor: profile, live findings grouped by severity (measured vs
 * required, unit, clause, verification status; click to select and focus), the queue-sizing panel for the
 * linked site's demand (assumptions labelled), and the report export. The check runs in a Web Worker:
 * a full check on every committed plan, a windowed re-check of the dragged zones on every drag frame.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { EditorExtensionContext } from '../editor/extensions';
import type { FloorPlan } from '../../core/floorplan/model';
import { findingCentre, type Finding } from '../../core/standards/findings';
import { PROFILE_IDS, type ProfileId } from '../../core/standards/ruleSets';
import { formatInt } from '../sites/format';
import { useI18n } from '../i18n/i18n';
import { fetchSizing } from '../api/standards';
import { standardsStore } from './store';
import { buildReportHtml, buildReportJson, buildReportPdf, findingText, valuesText, ruleTitle, sourceText, assumptionText, skipText, sizingFailText } from './report';
import type { WorkerAnswer, WorkerRequest } from './checkWorker';
import { FindingTooltip } from './FindingTooltip';
import { downloadBlob, loadPdfFont } from '../ui/download';
import { exportFileName } from '../editor/io';
import './standards.css';

let worker: Worker | null = null;
let seq = 0;
let inFlight = false;
let pending: WorkerRequest | null = null;

function post(req: WorkerRequest) {
  if (!worker) {
    worker = new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<WorkerAnswer>) => {
      inFlight = false;
      const a = ev.data;
      if ('error' in a) standardsStore.set({ error: a.error, running: false });
      else standardsStore.set({ result: a.result, mode: a.mode, ms: Math.round(a.ms), running: false, error: null });
      exposeStatus();
      if (pending) { const p = pending; pending = null; post(p); }
    };
  }
  if (inFlight) {
    // keep only the newest request; a full check always wins over a drag frame
    if (!pending || req.type === 'full' || pending.type !== 'full') pending = req;
    return;
  }
  inFlight = true;
  standardsStore.set({ running: true });
  worker.postMessage(req);
}

/** Test hook: window.__standards = { ready, profile, errors, warnings, findings: [{ ruleId, measured, … }], sizing, sizingSource }. */
function exposeStatus() {
  const s = standardsStore.get();
  (window as unknown as { __standards: unknown }).__standards = {
    ready: !!s.result && !s.running, mode: s.mode, ms: s.ms, profile: s.profile,
    errors: s.result?.summary.errors ?? null, warnings: s.result?.summary.warnings ?? null,
    findings: s.result?.findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, measured: f.measured, required: f.required, zoneIds: f.zoneIds, elementIds: f.elementIds })) ?? [],
    sizing: s.sizing ? { counters: s.sizing.sizing.counters.servers, atms: s.sizing.sizing.atms.servers, seats: s.sizing.sizing.waitingSeats } : null,
    sizingSource: s.sizing?.demandSource ?? null,
  };
}


export function StandardsPanel({ ctx }: { ctx: EditorExtensionContext }) {
  const { t, locale } = useI18n();
  const s = useSyncExternalStore(standardsStore.subscribe, standardsStore.get);
  const [visits, setVisits] = useState('');
  const [sizingError, setSizingError] = useState<{ message: string; field?: string } | null>(null);
  const plan = ctx.plan;
  const live = ctx.livePlan;
  const lastFull = useRef<{ plan: FloorPlan | null; profile: ProfileId | null; sizing: unknown }>({ plan: null, profile: null, sizing: null });

  // linked site → sizing
  useEffect(() => {
    if (!plan?.siteId) {
      // a plan without a site does not inherit another plan's site demand (typed visits stay)
      if (standardsStore.get().sizing?.demandSource === 'site') standardsStore.set({ sizing: null });
      return;
    }
    let cancelled = false;
    fetchSizing({ siteId: plan.siteId }).then((r) => { if (!cancelled) { standardsStore.set({ sizing: r }); setSizingError(null); } })
      .catch((e) => { if (!cancelled) setSizingError({ message: String(e.message ?? e), field: e.field }); });
    return () => { cancelled = true; };
  }, [plan?.siteId]);

  // full check on the committed plan (and when the profile or the sizing changes)
  useEffect(() => {
    if (!plan) return;
    const l = lastFull.current;
    if (l.plan === plan && l.profile === s.profile && l.sizing === s.sizing) return;
    lastFull.current = { plan, profile: s.profile, sizing: s.sizing };
    post({ type: 'full', seq: ++seq, plan, profile: s.profile, sizing: s.sizing?.sizing ?? null });
  }, [plan, s.profile, s.sizing]);

  // drag frames: re-check what the moving zones touch
  useEffect(() => {
    if (!live || !plan || live === plan) return;
    post({ type: 'drag', seq: ++seq, plan: live });
  }, [live, plan]);

  const groups = useMemo(() => {
    const out: Record<'error' | 'warning' | 'info', { f: Finding; i: number }[]> = { error: [], warning: [], info: [] };
    s.result?.findings.forEach((f, i) => out[f.severity].push({ f, i }));
    return out;
  }, [s.result]);

  if (!plan) return null;
  const sum = s.result?.summary;
  const sz = s.sizing?.sizing;
  const count = (kinds: string[]) => plan.fixtures.filter((f) => kinds.includes(f.kind)).reduce((n, f) => n + (kinds.includes('counter') ? (f.attributes.positions ?? 1) : 1), 0);

  const exportAs = async (fmt: 'html' | 'pdf' | 'json') => {
    if (!s.result) return;
    // the editor's one naming rule: the report checks the plan as edited, so unsaved edits show as "-edited"
    const name = exportFileName(plan, { version: ctx.version, edited: ctx.dirty, what: 'standards', ext: fmt });
    if (fmt === 'html') downloadBlob(new Blob([buildReportHtml(plan, s.result, s.sizing, t, locale)], { type: 'text/html' }), name);
    else if (fmt === 'json') downloadBlob(new Blob([buildReportJson(plan, s.result, s.sizing)], { type: 'application/json' }), name);
    else downloadBlob(buildReportPdf(plan, s.result, s.sizing, t, await loadPdfFont(), locale).output('blob'), name);
  };

  return (
    <div className="st-panel" data-testid="standards-panel">
      {s.result && <FindingTooltip ctx={ctx} findings={s.result.findings} t={t} />}
      <label className="st-row">
        <span>{t('standards.profile')}</span>
        <select value={s.profile} onChange={(e) => standardsStore.set({ profile: e.target.value as ProfileId, picked: null })} data-testid="standards-profile">
          {PROFILE_IDS.map((p) => <option key={p} value={p}>{t(`standards.profile.${p}`)}</option>)}
        </select>
      </label>
      <div className="st-status" data-testid="standards-summary">
        {sum ? t('standards.summary', { errors: sum.errors, warnings: sum.warnings, passed: sum.rulesPassed.length, run: sum.rulesRun }) : t('standards.checking')}
        {/* its own line: a separator left at the start of a wrapped line read as a stray bullet */}
        <small>{s.running ? t('standards.checking') : s.ms !== null ? `${t('standards.checkedIn', { ms: s.ms })}${s.mode === 'drag' ? ` · ${t('standards.live')}` : ''}` : ''}</small>
      </div>
      {s.error && <div className="st-error">{s.error}</div>}
      {s.result && s.mode === 'drag' && (s.result.deferredRuleIds?.length ?? 0) > 0 && <div className="st-note">{t('standards.deferred')}</div>}
      {sum && sum.errors + sum.warnings + (s.result?.summary.infos ?? 0) === 0 && <div className="st-ok">{t('standards.none')}</div>}
      {(['error', 'warning', 'info'] as const).map((sev) => groups[sev].length > 0 && (
        <div key={sev} className={`st-group st-${sev}`} data-testid={`standards-group-${sev}`}>
          <h4>{t(`standards.severity.${sev}`)} ({groups[sev].length})</h4>
          <ul>
            {groups[sev].map(({ f, i }) => (
              <li key={i} className={s.picked === i ? 'picked' : ''} data-rule={f.ruleId}
                onClick={() => { standardsStore.set({ picked: i }); ctx.select([...f.zoneIds, ...f.elementIds].filter((id) => id !== 'outside')); ctx.focus(findingCentre(f.at)); }}>
                <div className="st-head"><b>{f.ruleId}</b> {ruleTitle(f, t)}</div>
                <div className="st-msg">{findingText(f, t, { unverifiedNote: false })}</div>
                <div className="st-vals">{valuesText(f, t)}</div>
                <div className="st-src">{sourceText(f.source, t)} · <span className={`st-status-${f.status}`}>{t(`standards.status.${f.status}`)}</span></div>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {sum && sum.rulesSkipped.length > 0 && <small className="st-skipped" title={sum.rulesSkipped.map((r) => `${r.ruleId}: ${skipText(r, t)}`).join('\n')}>{t('standards.skipped', { rules: sum.rulesSkipped.map((r) => r.ruleId).join(', ') })}</small>}

      <div className="st-sizing" data-testid="standards-sizing">
        <h4>{t('standards.sizing.title')}</h4>
        {plan.siteId && s.sizing?.demandSource === 'site'
          ? <div>{t('standards.sizing.site', { id: plan.siteId, customers: formatInt(locale, s.sizing.expectedCustomers ?? 0) })}</div>
          : (
            <form className="st-row" onSubmit={(e) => {
              e.preventDefault();
              const v = parseFloat(visits.replace(',', '.'));
              if (!(v >= 0)) return;
              fetchSizing({ visitsPerDay: v }).then((r) => { standardsStore.set({ sizing: r }); setSizingError(null); }).catch((er) => setSizingError({ message: String(er.message ?? er), field: er.field }));
            }}>
              <span>{t('standards.sizing.noSite')}</span>
              <input value={visits} onChange={(e) => setVisits(e.target.value)} placeholder={t('standards.sizing.visitsPerDay')} inputMode="decimal" data-testid="standards-visits" />
              <button type="submit">{t('standards.sizing.apply')}</button>
            </form>
          )}
        {sizingError && <div className="st-error" title={sizingError.message} data-testid="standards-sizing-error">{t('standards.sizing.error', { message: sizingFailText(sizingError, t) })}</div>}
        {sz && (
          <>
            <div className="st-note">{t('standards.sizing.visits', { v: sz.visitsPerDay.toFixed(0), lc: sz.counterArrivalsPerHour.toFixed(1), la: sz.atmArrivalsPerHour.toFixed(1) })}</div>
            <table className="st-table">
              <tbody>
                <tr><td>{t('standards.sizing.counters')}</td><td><b>{sz.counters.servers}</b></td><td>{t('standards.sizing.drawn', { n: count(['counter', 'low-counter']) })}</td></tr>
                <tr><td colSpan={3}><small>{t('standards.sizing.level', { share: (sz.counters.serviceLevelShare * 100).toFixed(0), min: sz.counters.targetWaitMin, wait: sz.counters.meanWaitMin.toFixed(1) })}</small></td></tr>
                <tr><td>{t('standards.sizing.atms')}</td><td><b>{sz.atms.servers}</b></td><td>{t('standards.sizing.drawn', { n: count(['atm']) })}</td></tr>
                <tr><td>{t('standards.sizing.seats')}</td><td><b>{sz.waitingSeats}</b></td><td>{t('standards.sizing.drawn', { n: count(['seat']) })}</td></tr>
                <tr><td>{t('standards.sizing.area')}</td><td><b>{sz.waitingAreaM2.toFixed(1)} m²</b></td><td /></tr>
              </tbody>
            </table>
            <details>
              <summary>{t('standards.sizing.assumptions')}</summary>
              <ul className="st-assumptions">{s.sizing!.assumptions.map((a) => { const x = assumptionText(a, s.sizing!, t); return <li key={a.key}>{x.label}: <b>{a.value}</b> {x.unit} <small>({x.source})</small></li>; })}</ul>
            </details>
          </>
        )}
      </div>

      <div className="st-row st-export">
        <span>{t('standards.export')}</span>
        {(['html', 'pdf', 'json'] as const).map((f) => <button key={f} disabled={!s.result} onClick={() => void exportAs(f)} data-testid={`standards-export-${f}`}>{t(`standards.export.${f}`)}</button>)}
      </div>
    </div>
  );
}
