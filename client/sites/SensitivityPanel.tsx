import type { GridSpec } from '../../core/api/areas';
import { useEffect, useMemo, useRef, useState } from 'react';
import { FACTOR_NAMES, type Weights } from '../../core/scoring/siteScore';
import { fetchSensitivity, type ScoredSite, type SensitivityResponse } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { FACTOR_COLORS } from '../map/colorRamp';
import { formatInt, shortId } from './format';
import {
  CONCENTRATIONS, DEFAULT_CONCENTRATION, DEFAULT_TOP_K, SENSITIVITY_DRAWS, flipSummary, pastTieWeights, rankAxis, rowsById,
  sensitivityRequest, weightSpreadPp, type SensitivityRow,
} from './sensitivity';
import { publishStatus } from './status';

const sign = (x: number) => (x > 0.05 ? '+' : x < -0.05 ? '−' : '±');

/**
 * Weight sensitivity (SITE-MODEL.md): a collapsible section under the weights. While open it asks the server for
 * Monte Carlo Dirichlet draws around the current weights (debounced, latest answer only) and shows, for the current
 * top sites, P(in the top k) and the 5–95 % rank interval as a small forest chart; the concentration (how far drawn
 * weights stray, shown as ± percentage points) and k are adjustable. For two ticked sites it shows the smallest
 * weight change at which their order flips, with a button to apply weights just past it.
 */
export function SensitivityPanel(props: {
  gridSites: ScoredSite[]; addedSites: ScoredSite[]; top: ScoredSite[]; weights: Weights; ownNetwork: string | null;
  /** The study-area grid in view. */
  grid?: GridSpec;
  labelOf: (s: ScoredSite) => string; onApplyWeights: (w: Weights) => void; onSelect: (s: ScoredSite) => void;
  /** The current (not stale) answer, or null — so the breakdown can show the selected site's robustness. */
  onResult?: (r: { byId: Map<string, SensitivityRow>; topK: number; concentration: number } | null) => void;
}) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [cIndex, setCIndex] = useState<number>(CONCENTRATIONS.indexOf(DEFAULT_CONCENTRATION));
  const [topKText, setTopKText] = useState(String(DEFAULT_TOP_K));
  const concentration = CONCENTRATIONS[cIndex];
  const topK = Math.min(1000, Math.max(1, Math.round(Number(topKText)) || DEFAULT_TOP_K));
  const [result, setResult] = useState<{ res: SensitivityResponse; key: string } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pair, setPair] = useState<string[]>([]);
  const n = props.gridSites.length + props.addedSites.length;

  // what the current answer was computed for: a different key → re-run (debounced) and mark the shown one stale
  const key = useMemo(() => JSON.stringify([props.weights, props.ownNetwork, concentration, topK, n, props.addedSites.map((s) => s.id), props.grid]),
    [props.weights, props.ownNetwork, concentration, topK, n, props.addedSites, props.grid]);
  const seq = useRef(0);
  useEffect(() => {
    const my = ++seq.current; // any answer still in flight is now outdated
    if (!open || n === 0 || result?.key === key) { setRunning(false); return; }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setRunning(true);
      setError(null);
      const req = sensitivityRequest({ gridSites: props.gridSites, addedSites: props.addedSites, weights: props.weights, ownNetwork: props.ownNetwork, concentration, topK, grid: props.grid });
      fetchSensitivity(req, ctrl.signal).then(
        (res) => { if (my === seq.current) setResult({ res, key }); },
        (e) => { if (my === seq.current && (e as Error).name !== 'AbortError') setError((e as Error).message); },
      ).finally(() => { if (my === seq.current) setRunning(false); });
    }, 400);
    return () => { clearTimeout(timer); ctrl.abort(); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, key]);

  const byId = useMemo(() => (result ? rowsById(result.res) : null), [result]);
  const stale = !!result && result.key !== key;
  useEffect(() => {
    props.onResult?.(open && byId && result && !stale ? { byId, topK: result.res.topK, concentration: result.res.concentration } : null);
  }, [open, byId, stale]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = useMemo(() => props.top.map((s) => ({ site: s, r: byId?.get(s.id) ?? null })), [props.top, byId]);
  const axis = rankAxis(rows.flatMap((x) => (x.r ? [x.r] : [])), result?.res.topK ?? topK);
  const shownK = result?.res.topK ?? topK;

  // the compared pair: ticked rows, else the first two of the table
  const topIds = props.top.map((s) => s.id);
  const chosen = pair.filter((id) => topIds.includes(id));
  const pairIds = chosen.length === 2 ? chosen : [...chosen, ...topIds.filter((id) => !chosen.includes(id))].slice(0, 2);
  const a = props.top.find((s) => s.id === pairIds[0]), b = props.top.find((s) => s.id === pairIds[1]);
  const flip = a && b ? flipSummary(a, b, props.weights) : null;
  const toggle = (id: string) => setPair((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.filter((x) => topIds.includes(x)), id].slice(-2)));

  useEffect(() => {
    publishStatus({
      sensitivity: open ? {
        running, stale, error, topK: result?.res.topK ?? null, concentration: result?.res.concentration ?? null,
        rows: rows.map(({ site, r }) => ({ id: site.id, rank: site.rank, pTopK: r?.pTopK ?? null, rankP5: r?.rankP5 ?? null, rankP95: r?.rankP95 ?? null })),
        pair: pairIds, flip: flip ? { distancePp: flip.distancePp, unconstrained: flip.unconstrained, tieWeights: flip.tieWeights, aLeads: flip.aLeads } : null,
      } : null,
    });
  }, [open, running, stale, error, result, rows, pairIds.join('|'), flip?.distancePp]); // eslint-disable-line react-hooks/exhaustive-deps

  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const pp = (x: number) => `${sign(x)}${Math.abs(x).toFixed(1)}`;
  // two grid cells often share a neighbourhood name: then the short cell id tells them apart
  const sameLabel = !!a && !!b && props.labelOf(a) === props.labelOf(b);
  const nameOf = (s: ScoredSite) => `#${s.rank} ${props.labelOf(s)}${sameLabel ? ` (${shortId(s.id)})` : ''}`;

  return (
    <section className="panel-section sensitivity" data-testid="sensitivity">
      <h2>
        <button type="button" className="legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="sensitivity-toggle">
          <span>{t('sens.title')}</span><span aria-hidden>{open ? '▾' : '▸'}</span>
        </button>
      </h2>
      {!open ? <p className="hint">{t('sens.teaser')}</p> : (
        <>
          <p className="hint sens-intro">{t('sens.intro', { draws: SENSITIVITY_DRAWS })}</p>
          <div className="sens-controls">
            <label className="sens-conc">
              <span>{t('sens.concentration')}</span>
              <input type="range" min={0} max={CONCENTRATIONS.length - 1} step={1} value={cIndex} onChange={(e) => setCIndex(Number(e.target.value))}
                data-testid="sens-concentration" aria-valuetext={String(concentration)} />
              <output>{t('sens.spread', { c: concentration, pp: weightSpreadPp(props.weights, concentration).toFixed(1) })}</output>
            </label>
            <label className="sens-k">
              <span>{t('sens.topK')}</span>
              <input type="number" min={1} max={1000} step={1} value={topKText} onChange={(e) => setTopKText(e.target.value)} data-testid="sens-k" />
            </label>
          </div>
          <p className="status-line" aria-live="polite" data-testid="sens-status">
            {error ? <span className="field-error">{t('sens.error', { message: error })}</span>
              : running || (!result && n > 0) ? t('sens.running', { n: formatInt(locale, n) })
                : stale ? t('sens.stale') : result ? t('sens.done', { n: formatInt(locale, result.res.sites.length), draws: result.res.draws }) : t('sites.empty')}
          </p>
          {rows.length > 0 && (
            <table className={'sens-table' + (stale || running ? ' stale' : '')} data-testid="sens-table">
              <thead>
                <tr>
                  <th title={t('sens.col.compare')}>⇄</th>
                  <th className="num">{t('sites.col.rank')}</th>
                  <th>{t('sites.col.site')}</th>
                  <th className="num" title={t('sens.col.pTop.title', { k: shownK })}>{t('sens.col.pTop', { k: shownK })}</th>
                  <th className="sens-axis-head" title={t('sens.col.interval.title')}>
                    <span>{t('sens.col.interval')}</span>
                    <span className="sens-axis-labels"><small>1</small><small>{formatInt(locale, Math.round((axis.max + 1) / 2))}</small><small>{formatInt(locale, axis.max)}</small></span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ site, r }) => {
                  const inPair = pairIds.includes(site.id);
                  return (
                    <tr key={site.id} data-site-id={site.id} className={inPair ? 'in-pair' : ''}>
                      <td><input type="checkbox" checked={inPair} onChange={() => toggle(site.id)} aria-label={t('sens.col.compare')} /></td>
                      <td className="num sens-rank">{site.rank}</td>
                      <td className="site-label" title={`${props.labelOf(site)} · ${site.id}`}><button type="button" className="link" onClick={() => props.onSelect(site)}>{props.labelOf(site)}</button></td>
                      <td className="num sens-p" data-testid="sens-p"
                        style={r ? { background: `linear-gradient(to right, #cfe0f3 ${pct(r.pTopK)}, transparent ${pct(r.pTopK)})` } : undefined}>
                        {r ? pct(r.pTopK) : '…'}
                      </td>
                      <td className="sens-forest" title={r ? t('sens.interval.tip', { p5: r.rankP5, p95: r.rankP95, rank: site.rank }) : ''}
                        data-range={r ? `${r.rankP5}-${r.rankP95}` : ''}>
                        <span className="sens-k-line" style={{ left: `${axis.pos(shownK + 0.5)}%` }} />
                        {r && <span className="sens-range" style={{ left: `${axis.pos(r.rankP5)}%`, width: `max(3px, ${axis.pos(r.rankP95) - axis.pos(r.rankP5)}%)` }} />}
                        <span className="sens-now" style={{ left: `${axis.pos(site.rank)}%` }} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <p className="hint sens-legend"><span className="sens-legend-range" /> {t('sens.legend.range')} <span className="sens-legend-now" /> {t('sens.legend.now')} <span className="sens-legend-k" /> {t('sens.legend.k', { k: shownK })}</p>

          {a && b && (
            <div className="sens-flip" data-testid="sens-flip">
              <h3>{t('sens.flip.title')}</h3>
              <p className="sens-pair"><b>{nameOf(a)}</b> ⇄ <b>{nameOf(b)}</b></p>
              {!flip ? <p>{t('sens.flip.never')}</p> : (
                <>
                  <p>{t('sens.flip.gap', { leader: nameOf(flip.aLeads ? a : b), gap: flip.gapPoints.toFixed(1) })}</p>
                  {flip.tieWeights && flip.changePp ? (
                    <>
                      <p data-testid="sens-flip-text">{t(flip.unconstrained ? 'sens.flip.at' : 'sens.flip.atEdge', { pp: flip.distancePp!.toFixed(1) })}</p>
                      <table className="sens-flip-table"><tbody>
                        {FACTOR_NAMES.map((f) => (
                          <tr key={f}>
                            <th scope="row"><i style={{ background: FACTOR_COLORS[f] }} />{t(`sites.factor.${f}`)}</th>
                            <td>{pct(props.weights[f])}</td><td>→</td><td><b>{pct(flip.tieWeights![f])}</b></td>
                            <td className="sens-delta">{t('sens.flip.pp', { v: pp(flip.changePp![f]) })}</td>
                          </tr>
                        ))}
                      </tbody></table>
                      <button type="button" data-testid="sens-apply-flip"
                        onClick={() => props.onApplyWeights(pastTieWeights(flip.tieWeights!, flip.aLeads ? a : b, flip.aLeads ? b : a))}>{t('sens.flip.apply')}</button>
                    </>
                  ) : <p data-testid="sens-flip-text">{t('sens.flip.dominates', { leader: nameOf(flip.aLeads ? a : b) })}</p>}
                </>
              )}
              <p className="hint">{t('sens.flip.hint')}</p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
