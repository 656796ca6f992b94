import { usePermissions } from '../auth/AuthContext';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DATASET_KINDS, type DatasetKind, type ImportProblem, type ImportReport } from '../../core/datasets/types';
import type { ScoringDatasets } from '../../core/api/sites';
import { deleteDataset, fetchDataset, fetchDatasetFeatures, fetchUserDatasets, ImportRefused, uploadDataset, type UserDataset } from '../api/datasets';
import { downloadText } from '../ui/download';
import { useI18n } from '../i18n/i18n';
import { filterProblems, mappingAsks, problemsToCsv, reportCountsText, type ProblemFilter } from './report';
import { formatInt } from '../sites/format';
import { problemMessage } from './problemText';
import { refusalInLocale } from './refusalText';

/** Most problem rows drawn at once (the CSV download has them all). */
const SHOWN_PROBLEMS = 200;
const MAPPABLE = ['lng', 'lat', 'id', 'count', 'outcome', 'name'] as const;

/** A refusal as the server gave it: its English message and, when it has one, its code and parameters (core/datasets/refusals.ts). */
interface Refusal { message: string; messageCode?: string; params?: unknown }

interface ReportView { name: string; report: ImportReport; refused?: Refusal; refusedField?: string; headers?: string[] }

/** An error's message with the refusal code and parameters an import's refusal carries. */
const shownError = (e: unknown): Refusal =>
  (e instanceof ImportRefused ? { message: e.message, messageCode: e.messageCode, params: e.params } : { message: (e as Error).message });

/**
 * The users' own datasets (issue 10, item 6): import with upload progress; when the server asks for a column mapping
 * (400 naming `mapping.*`, `crs`), the mapping step offers the file's headers; the validation report as a table to
 * filter and download; the imported datasets with a map-layer switch and delete; and the scoring options (demand
 * layers with weights, extra transit feeds, own outlets, competitors) handed to the site scoring through `onScoring`.
 */
export function DatasetsPanel(props: {
  scoring: ScoringDatasets | undefined;
  onScoring: (spec: ScoringDatasets | undefined) => void;
  shown: ReadonlySet<string>;
  onToggleLayer: (d: UserDataset) => void;
  onChanged?: (list: UserDataset[]) => void;
  /** Score a candidates dataset's sites (they join the added sites). */
  onCandidates?: (sites: { id: string; lng: number; lat: number }[]) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const { gate } = usePermissions(); // actions the caller's role cannot do: disabled, the tooltip names the role
  const [list, setList] = useState<UserDataset[]>([]);
  const [kind, setKind] = useState<DatasetKind>('outlets');
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [xwalk, setXwalk] = useState<File | null>(null);
  const [crs, setCrs] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);
  const [mappingStep, setMappingStep] = useState<{ headers: string[]; field: string; refusal: Refusal } | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [view, setView] = useState<ReportView | null>(null);
  const [filter, setFilter] = useState<ProblemFilter>({ severity: 'all', text: '' });

  const { onChanged } = props;
  const refresh = useCallback(async () => {
    try {
      const l = await fetchUserDatasets();
      setList(l);
      onChanged?.(l);
    } catch (e) { setError(shownError(e)); }
  }, [onChanged]);
  useEffect(() => { void refresh(); }, [refresh]);

  const submit = async (withMapping: Record<string, string>) => {
    if (!file) return;
    setBusy(true); setError(null); setProgress(0);
    try {
      const clean = Object.fromEntries(Object.entries(withMapping).filter(([, v]) => v));
      const res = await uploadDataset({ file, kind, name: name.trim() || undefined, mapping: clean, crs: crs.trim() || undefined, xwalk: xwalk ?? undefined },
        (sent, total) => setProgress(Math.round((100 * sent) / total)));
      setMappingStep(null);
      setView({ name: `${res.dataset.name} (v${res.dataset.version})`, report: res.report });
      setFilter({ severity: 'all', text: '' });
      await refresh();
    } catch (e) {
      if (e instanceof ImportRefused && e.report) {
        setView({ name: file.name, report: e.report, refused: shownError(e), refusedField: e.field ?? undefined, headers: e.headers ?? undefined });
        if (e.status === 400 && e.field && (e.field.startsWith('mapping') || e.field === 'crs')) {
          setMappingStep({ headers: e.headers ?? [], field: e.field, refusal: shownError(e) });
        }
      } else setError(shownError(e));
    } finally {
      setBusy(false); setProgress(null);
    }
  };

  const openReport = async (d: UserDataset) => {
    try {
      const full = await fetchDataset(d.id);
      setView({ name: `${d.name} (v${d.version})`, report: full.report });
    } catch (e) { setError(shownError(e)); }
  };
  const scoreCandidates = async (d: UserDataset) => {
    try {
      const fc = await fetchDatasetFeatures(d.id);
      await props.onCandidates?.(fc.features.map((f) => ({ id: String(f.properties.id), lng: (f.properties as unknown as { lng: number }).lng, lat: (f.properties as unknown as { lat: number }).lat })));
    } catch (e) { setError(shownError(e)); }
  };
  const remove = async (d: UserDataset) => {
    try {
      await deleteDataset(d.id);
      await refresh();
      const s = props.scoring;
      if (s) {
        props.onScoring(pruneSpec(s, d.id));
      }
    } catch (e) { setError(shownError(e)); }
  };

  /**
   * A refusal in the UI language: from its code and parameters (client/datasets/refusalText.ts); without a code this
   * client knows, a column-mapping refusal is summed up from the English message, any other shown as written.
   */
  const refusalText = (refusal: Refusal, field: string | undefined, headers: readonly string[]): string => {
    const message = refusal.message;
    const known = refusalInLocale(refusal.messageCode, refusal.params, locale, '', view?.report.problems);
    if (known) return known;
    const asks = field && (field.startsWith('mapping') || field === 'crs') ? mappingAsks(message, field) : [];
    if (locale === 'en' || !asks.length) return message;
    return t('datasets.mapping.needs', {
      fields: asks.map((f) => t(`datasets.mapping.${f}`)).join('、'),
      headers: headers.map((h) => `“${h}”`).join('、'),
    });
  };
  /** A problem's message in the UI language; the whole-file problem the refusal repeats is written as the refusal is. */
  const problemText = (p: ImportProblem): string =>
    (view?.refused && p.row === null && p.message === view.refused.message ? refusalInLocale(view.refused.messageCode, view.refused.params, locale, p.message, view.report.problems) : problemMessage(p, locale));
  // problemText reads only view and locale
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shownProblems = useMemo(() => (view ? filterProblems(view.report.problems, filter, problemText) : []), [view, filter, locale]);
  const counts = view ? reportCountsText(view.report, locale) : null;

  return (
    <section className="panel-section datasets" data-testid="datasets-panel">
      <h2>{t('datasets.title')}</h2>
      <form className="dataset-import" onSubmit={(e) => { e.preventDefault(); setMapping({}); void submit({}); }}>
        <label>{t('datasets.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as DatasetKind)} data-testid="dataset-kind">
            {DATASET_KINDS.map((k) => <option key={k} value={k}>{t(`datasets.kind.${k}`)}</option>)}
          </select>
        </label>
        <label>{t('datasets.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('datasets.name.placeholder')} maxLength={200} data-testid="dataset-name" />
        </label>
        <FileField label={t('datasets.file')} file={file} accept=".csv,.tsv,.txt,.geojson,.json,.parquet,.zip,.gz" testId="dataset-file"
          onFile={(f) => { setFile(f); setMappingStep(null); }} />
        {kind === 'jobs' && <FileField label={t('datasets.xwalk')} file={xwalk} accept=".csv,.gz" testId="dataset-xwalk" onFile={setXwalk} />}
        <label>{t('datasets.crs')}
          <input value={crs} onChange={(e) => setCrs(e.target.value)} placeholder="EPSG:2263" data-testid="dataset-crs" />
        </label>
        <button type="submit" {...gate('analyst', !file || busy)} data-testid="dataset-import">{t('datasets.import')}</button>
        {progress !== null && (
          <div className="upload-progress" data-testid="dataset-progress">
            <progress max={100} value={progress} />
            <span>{progress < 100 ? t('datasets.uploading', { percent: progress }) : t('datasets.validating')}</span>
          </div>
        )}
        {error && <p className="field-error" role="alert">{refusalText(error, undefined, [])}</p>}
      </form>

      {mappingStep && (
        <div className="dataset-mapping" data-testid="dataset-mapping">
          <h3>{t('datasets.mapping.title')}</h3>
          <p className="hint">{t('datasets.mapping.hint')}</p>
          <p className="field-error" data-testid="mapping-message">{refusalText(mappingStep.refusal, mappingStep.field, mappingStep.headers)}</p>
          {MAPPABLE.filter((f) => (f !== 'count' || kind !== 'outcomes') && (f !== 'outcome' || kind === 'outcomes')).map((f) => (
            <label key={f}>{t(`datasets.mapping.${f}`)}
              <select value={mapping[f] ?? ''} onChange={(e) => setMapping((m) => ({ ...m, [f]: e.target.value }))} data-testid={`mapping-${f}`}>
                <option value="">{t('datasets.mapping.none')}</option>
                {mappingStep.headers.map((h) => <option key={h} value={h}>{h}</option>)}
              </select>
            </label>
          ))}
          <label>{t('datasets.mapping.decimal')}
            <select value={mapping.decimal ?? ''} onChange={(e) => setMapping((m) => ({ ...m, decimal: e.target.value }))} data-testid="mapping-decimal">
              <option value="">{t('datasets.mapping.auto')}</option><option value=".">.</option><option value=",">,</option>
            </select>
          </label>
          <label>{t('datasets.mapping.delimiter')}
            <select value={mapping.delimiter ?? ''} onChange={(e) => setMapping((m) => ({ ...m, delimiter: e.target.value }))} data-testid="mapping-delimiter">
              <option value="">{t('datasets.mapping.auto')}</option><option value=",">,</option><option value=";">;</option><option value="tab">tab</option><option value="|">|</option>
            </select>
          </label>
          <div className="button-row">
            <button type="button" disabled={busy} onClick={() => void submit(mapping)} data-testid="mapping-apply">{t('datasets.mapping.apply')}</button>
            <button type="button" className="link" onClick={() => setMappingStep(null)}>{t('datasets.mapping.cancel')}</button>
          </div>
        </div>
      )}

      {view && counts && (
        <div className="dataset-report" data-testid="dataset-report">
          <h3>{t('datasets.report.title', { name: view.name })}</h3>
          {view.refused && <p className="field-error" data-testid="dataset-refused">{t('datasets.report.refused', { message: refusalText(view.refused, view.refusedField, view.headers ?? []) })}</p>}
          <p data-testid="dataset-counts">{t('datasets.report.counts', counts)}</p>
          {view.report.warnings.map((w) => <p key={w.code + w.message} className="hint" data-testid="dataset-warning">{w.message}</p>)}
          <div className="button-row">
            <select value={filter.severity} onChange={(e) => setFilter((f) => ({ ...f, severity: e.target.value as ProblemFilter['severity'] }))} data-testid="report-severity" aria-label={t('datasets.report.filter')}>
              {(['all', 'error', 'warning'] as const).map((s) => <option key={s} value={s}>{t(`datasets.report.severity.${s}`)}</option>)}
            </select>
            <input value={filter.text} onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))} placeholder={t('datasets.report.filter')} data-testid="report-filter" />
            <button type="button" disabled={!view.report.problems.length} data-testid="report-download"
              onClick={() => downloadText(`${view.name.replace(/[^\w.-]+/g, '_')}-report.csv`, problemsToCsv(shownProblems), 'text/csv;charset=utf-8')}>{t('datasets.report.download')}</button>
          </div>
          {shownProblems.length === 0 ? <p className="hint">{t('datasets.report.none')}</p> : (
            <div className="report-scroll">
              <table className="report-table" data-testid="report-table">
                <thead><tr>{(['row', 'id', 'field', 'value', 'message'] as const).map((c) => <th key={c}>{t(`datasets.report.${c}`)}</th>)}</tr></thead>
                <tbody>
                  {shownProblems.slice(0, SHOWN_PROBLEMS).map((p, k) => (
                    <tr key={k} className={p.severity}><td>{p.row ?? ''}</td><td>{p.id ?? ''}</td><td>{p.field ?? ''}</td><td>{p.value ?? ''}</td><td>{problemText(p)}</td></tr>
                  ))}
                </tbody>
              </table>
              {shownProblems.length > SHOWN_PROBLEMS && <p className="hint">{t('datasets.report.more', { n: formatInt(locale, shownProblems.length - SHOWN_PROBLEMS) })}</p>}
            </div>
          )}
        </div>
      )}

      <h3>{t('datasets.list')}</h3>
      {list.length === 0 ? <p className="hint">{t('datasets.list.empty')}</p> : (
        <ul className="dataset-list" data-testid="dataset-list">
          {list.map((d) => (
            <li key={d.id} data-testid={`dataset-${d.id}`}>
              <label><input type="checkbox" checked={props.shown.has(d.id)} onChange={() => props.onToggleLayer(d)} aria-label={t('datasets.list.show')} />
                <strong>{d.name}</strong> v{d.version} · {t(`datasets.kind.${d.kind}`)} · {t('datasets.list.records', { n: formatInt(locale, d.recordCount) })}</label>
              {d.kind === 'candidates' && props.onCandidates && (
                <button type="button" className="link" onClick={() => void scoreCandidates(d)} data-testid={`score-candidates-${d.id}`}>{t('datasets.list.score')}</button>
              )}
              <button type="button" className="link" onClick={() => void openReport(d)}>{t('datasets.list.report')}</button>
              <button type="button" className="link" onClick={() => void remove(d)} {...gate('analyst')}>{t('datasets.list.delete')}</button>
            </li>
          ))}
        </ul>
      )}
      <ScoringOptions list={list} value={props.scoring} onApply={props.onScoring} />
    </section>
  );
}

/**
 * A file input whose button and "no file" text are in the UI language (the browser's own file input speaks the
 * browser's language: "Choose File" on a Chinese page). The native input stays in the label, visually hidden, so a
 * click on the label or the keyboard opens the file dialog.
 */
function FileField(props: { label: string; file: File | null; accept: string; testId: string; onFile: (f: File | null) => void }) {
  const { t } = useI18n();
  return (
    <label>{props.label}
      <span className="file-pick">
        <span className="file-button" aria-hidden="true">{t('datasets.file.choose')}</span>
        <input type="file" className="sr-only" accept={props.accept} onChange={(e) => props.onFile(e.target.files?.[0] ?? null)} data-testid={props.testId} />
        <span className="file-name" data-testid={`${props.testId}-name`}>{props.file?.name ?? t('datasets.file.none')}</span>
      </span>
    </label>
  );
}

/** The spec without dataset `id` (after a delete); undefined when nothing of the user's remains. */
function pruneSpec(s: ScoringDatasets, id: string): ScoringDatasets | undefined {
  const demand = s.demand?.filter((l) => l.layer !== id);
  const next: ScoringDatasets = {
    ...(demand && demand.length && demand.some((l) => l.weight > 0) ? { demand } : {}),
    ...(s.transit?.filter((x) => x !== id).length ? { transit: s.transit.filter((x) => x !== id) } : {}),
    ...(s.ownOutlets && s.ownOutlets !== id ? { ownOutlets: s.ownOutlets } : {}),
    ...(s.competitors?.filter((x) => x !== id).length ? { competitors: s.competitors.filter((x) => x !== id) } : {}),
  };
  return Object.keys(next).length ? next : undefined;
}

/** Demand layers with weights, extra transit feeds, own outlets and competitors; applied with one button (one re-score). */
function ScoringOptions(props: { list: UserDataset[]; value: ScoringDatasets | undefined; onApply: (s: ScoringDatasets | undefined) => void }) {
  const { t } = useI18n();
  const latest = props.list;
  const init = () => {
    const w: Record<string, number> = { residents: 1 };
    if (props.value?.demand) { w.residents = 0; for (const l of props.value.demand) w[l.layer] = l.weight; }
    return w;
  };
  const [weights, setWeights] = useState<Record<string, number>>(init);
  const [transit, setTransit] = useState<Set<string>>(new Set(props.value?.transit ?? []));
  const [own, setOwn] = useState<string>(props.value?.ownOutlets ?? '');
  const [competitors, setCompetitors] = useState<Set<string>>(new Set(props.value?.competitors ?? []));
  const demandSets = latest.filter((d) => d.kind === 'demand' || d.kind === 'jobs');
  const transitSets = latest.filter((d) => d.kind === 'transit');
  const outletSets = latest.filter((d) => d.kind === 'outlets');
  if (!demandSets.length && !transitSets.length && !outletSets.length) return null;
  const toggle = (set: Set<string>, id: string) => { const n = new Set(set); if (n.has(id)) n.delete(id); else n.add(id); return n; };
  const apply = () => {
    const demand = Object.entries(weights).filter(([id, w]) => w > 0 && (id === 'residents' || demandSets.some((d) => d.id === id))).map(([layer, weight]) => ({ layer, weight }));
    const onlyResidents = demand.length === 1 && demand[0].layer === 'residents' && demand[0].weight === 1;
    const spec: ScoringDatasets = {
      ...(demand.length && !onlyResidents ? { demand } : {}),
      ...(transit.size ? { transit: [...transit] } : {}),
      ...(own ? { ownOutlets: own } : {}),
      ...(competitors.size ? { competitors: [...competitors] } : {}),
    };
    props.onApply(Object.keys(spec).length ? spec : undefined);
  };
  const weightInput = (id: string, label: string) => (
    <li key={id}>
      <label><input type="checkbox" checked={(weights[id] ?? 0) > 0} onChange={(e) => setWeights((w) => ({ ...w, [id]: e.target.checked ? 1 : 0 }))} data-testid={`layer-${id}`} /> {label}</label>
      <input type="number" min={0} max={1000} step={0.1} value={weights[id] ?? 0} aria-label={t('datasets.scoring.weight')}
        onChange={(e) => setWeights((w) => ({ ...w, [id]: Math.max(0, Number(e.target.value) || 0) }))} data-testid={`layer-weight-${id}`} />
    </li>
  );
  return (
    <div className="dataset-scoring" data-testid="dataset-scoring">
      <h3>{t('datasets.scoring.title')}</h3>
      <p>{t('datasets.scoring.demand')}</p>
      <ul>{weightInput('residents', t('datasets.scoring.residents'))}{demandSets.map((d) => weightInput(d.id, `${d.name} v${d.version}`))}</ul>
      {transitSets.length > 0 && (<>
        <p>{t('datasets.scoring.transit')}</p>
        <ul>{transitSets.map((d) => <li key={d.id}><label><input type="checkbox" checked={transit.has(d.id)} onChange={() => setTransit((s) => toggle(s, d.id))} data-testid={`transit-${d.id}`} /> {d.name} v{d.version}</label></li>)}</ul>
      </>)}
      {outletSets.length > 0 && (<>
        <label>{t('datasets.scoring.own')}
          <select value={own} onChange={(e) => setOwn(e.target.value)} data-testid="own-outlets">
            <option value="">{t('datasets.scoring.ownNone')}</option>
            {outletSets.map((d) => <option key={d.id} value={d.id}>{d.name} v{d.version}</option>)}
          </select>
        </label>
        <p>{t('datasets.scoring.competitors')}</p>
        <ul>{outletSets.map((d) => <li key={d.id}><label><input type="checkbox" checked={competitors.has(d.id)} onChange={() => setCompetitors((s) => toggle(s, d.id))} data-testid={`competitors-${d.id}`} /> {d.name} v{d.version}</label></li>)}</ul>
      </>)}
      <button type="button" onClick={apply} data-testid="dataset-scoring-apply">{t('datasets.scoring.apply')}</button>
    </div>
  );
}
