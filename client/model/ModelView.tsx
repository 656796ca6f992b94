import { useEffect, useMemo, useState } from 'react';
import type { BasemapResponse } from '../../core/api/basemap';
import { fetchValidation, type ValidationReportDto } from '../api/forecast';
import { useParameterSets } from './useParameterSets';
import { fetchBasemap } from '../api/sites';
import { targetLabel } from '../i18n/forecast';
import { useI18n } from '../i18n/i18n';
import { protocolSentence } from './protocolSentence';
import { formatInt, formatUsd } from '../sites/format';
import { BOROUGH_CODE, outsideBoroughs, RESIDUAL_CAP_LOG, RESIDUAL_KEY_RATIOS, residualRadius } from './residualMap';
import './model.css';

type Variant = ValidationReportDto['variants'][number];
type Metric = { value: number | null; ci95: [number | null, number | null] };

const fmt = (x: number | null | undefined, d = 2) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(d));
const withCi = (m: Metric) => `${fmt(m.value)} [${fmt(m.ci95[0])}, ${fmt(m.ci95[1])}]`;

/**
 * The Model view: how well the deposit forecast predicts real branches — the hold-out table with every baseline and
 * the sensitivity row, predicted vs actual deposits (log–log), the residuals on a map of NYC, the coefficients with
 * their intervals, and the exclusion rule with how many branches it drops. Everything comes from
 * `GET /api/parameter-sets/:name/validation` (the same report `npm run fit -- --report --json` prints).
 */
export default function ModelView() {
  const { t, locale } = useI18n();
  // asked again every 2 s while the server still calibrates the forecast
  const { sets, error: setsError } = useParameterSets();
  const [name, setName] = useState<string | null>(null);
  const [report, setReport] = useState<ValidationReportDto | null>(null);
  const [reportError, setError] = useState<string | null>(null);
  const error = setsError ?? reportError;
  const [basemap, setBasemap] = useState<BasemapResponse | null>(null);
  useEffect(() => {
    fetchBasemap().then(setBasemap, () => undefined);
  }, []);
  useEffect(() => {
    if (sets?.length) setName((n) => n ?? sets[0].name);
  }, [sets]);
  // the report of a set still being calibrated would wait for it: asked once the listing says it is ready
  const ready = sets?.find((s) => s.name === name)?.status === 'ready';
  useEffect(() => {
    if (!name || !ready) return;
    let live = true;
    setReport(null);
    fetchValidation(name).then((r) => live && setReport(r), (e) => live && setError((e as Error).message));
    return () => { live = false; };
  }, [name, ready]);

  return (
    <div className="model-view" data-testid="model-view">
      <header className="model-head">
        <h2>{t('model.title')}</h2>
        {sets && (
          <label>
            <span>{t('model.set')}</span>
            <select value={name ?? ''} onChange={(e) => setName(e.target.value)} data-testid="model-set">
              {sets.map((s) => <option key={s.name} value={s.name}>{s.name} · {targetLabel(t, s.target)}</option>)}
            </select>
          </label>
        )}
      </header>
      <p className="model-intro">{t('model.intro')}</p>
      {error && <p className="field-error" role="alert">{t('model.error', { message: error })}</p>}
      {!error && !report && sets && !ready && <p className="hint" role="status" data-testid="model-calibrating">{t('forecast.calibrating')}</p>}
      {!error && !report && (!sets || ready) && <p className="hint" data-testid="model-loading">{sets ? t('model.loading') : t('model.fitting')}</p>}
      {report && (
        <>
          <HoldoutTable report={report} />
          <div className="model-grid">
            <section className="model-card">
              <h3>{t('model.scatter.title')}</h3>
              <Scatter report={report} />
            </section>
            <section className="model-card">
              <h3>{t('model.residuals.title')}</h3>
              <ResidualMap report={report} basemap={basemap} />
            </section>
          </div>
          <div className="model-grid">
            <section className="model-card">
              <h3>{t('model.coef.title')}</h3>
              <Coefficients report={report} />
              <p className="hint">{t('model.coef.note')}</p>
            </section>
            <section className="model-card">
              <h3>{t('model.exclusion.title')}</h3>
              <Exclusion report={report} />
              <h3>{t('model.banks.title')}</h3>
              <table className="model-table compact" data-testid="model-banks">
                <thead><tr><th>{t('model.banks.col.institution')}</th><th className="num">{t('model.banks.col.branches')}</th><th className="num">{t('model.banks.col.rho')}</th></tr></thead>
                <tbody>
                  {report.variants[0].withinBankSpearman.banks.map((b) => (
                    <tr key={b.cert}><td>{b.name}</td><td className="num">{formatInt(locale, b.branches)}</td><td className="num">{fmt(b.rho)}</td></tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </>
      )}
    </div>
  );
}

function HoldoutTable({ report }: { report: ValidationReportDto }) {
  const { t, locale } = useI18n();
  const rows: (Variant & { key: string; label: string })[] = report.variants.map((v) => ({ ...v, key: v.id, label: t(`model.variant.${v.id}`) }));
  if (report.sensitivity) rows.push({ ...report.sensitivity, key: 'sensitivity', label: t('model.variant.sensitivity', { n: formatInt(locale, report.sensitivity.rows) }) });
  const full = report.variants[0];
  return (
    <section className="model-card">
      <h3>{t('model.table.title')}</h3>
      <table className="model-table" data-testid="model-table">
        <thead>
          <tr><th>{t('model.col.model')}</th><th>{t('model.col.spatial')}</th><th>{t('model.col.withinBank')}</th><th>{t('model.col.lobo')}</th>
            <th>{t('model.col.temporal')}</th><th>{t('model.col.closure')}</th></tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr key={v.key} data-variant={v.key} className={v.key === 'full' ? 'main' : v.key.startsWith('baseline') ? 'baseline' : ''}>
              <th scope="row">{v.label}</th>
              <td className="num">{withCi(v.spearmanHoldout)}</td>
              <td className="num">{withCi(v.withinBankSpearman)}</td>
              <td className="num">{withCi(v.leaveOneBoroughOut)}</td>
              <td className="num">{withCi(v.temporalSpearman)} ({formatInt(locale, v.temporalSpearman.n)})</td>
              <td className="num">{fmt(v.closureAuc.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.targets.length > 0 && (
        <ul className="model-targets" data-testid="model-targets">
          {report.targets.map((g) => (
            <li key={g.metric} className={g.meetsTarget && g.beatsBaselines ? 'met' : 'missed'}>
              {t('model.target.line', { metric: t(`model.metric.${g.metric}`), value: fmt(g.value), target: fmt(g.target, 2),
                status: t(g.meetsTarget ? 'model.target.met' : 'model.target.missed') })}
            </li>
          ))}
        </ul>
      )}
      {full.closureAuc.n > 0 && <p className="hint">{t('model.closureNote', { closed: formatInt(locale, full.closureAuc.closed), n: formatInt(locale, full.closureAuc.n) })}</p>}
      {report.calibrationSeconds != null && (
        <p className="hint">{t('model.calibration', { rows: formatInt(locale, report.n.rows), blocks: formatInt(locale, report.n.blocks), seconds: report.calibrationSeconds.toFixed(1) })}</p>
      )}
      <p className="hint" data-testid="model-protocol">{protocolSentence(report, locale)}</p>
    </section>
  );
}

/** Scatter: the bottom margin (x ticks and title) and the left one (y tick labels such as "1 亿美元" beside the y title). */
const W = 420, H = 340, PAD = 46, PADL = 72;

/** Predicted vs actual on log axes (ln of the set's unit, shown as dollars for deposit sets), with the 1:1 line. */
function Scatter({ report }: { report: ValidationReportDto }) {
  const { t, locale } = useI18n();
  const scale = report.target.startsWith('deposits') ? 1000 : 1; // SOD sets are fitted in USD thousands
  const pts = report.holdout;
  const lo0 = Math.min(...pts.map((p) => Math.min(p.predictedLog, p.actualLog)));
  const hi0 = Math.max(...pts.map((p) => Math.max(p.predictedLog, p.actualLog)));
  // 3 % of room on each side, so no point is drawn on or past an axis
  const lo = lo0 - 0.03 * (hi0 - lo0), hi = hi0 + 0.03 * (hi0 - lo0);
  const x = (v: number) => PADL + ((v - lo) / (hi - lo)) * (W - PADL - 10);
  const y = (v: number) => H - PAD - ((v - lo) / (hi - lo)) * (H - PAD - 10);
  const ticks: number[] = [];
  for (let e = Math.ceil((lo + Math.log(scale)) / Math.LN10); e <= (hi + Math.log(scale)) / Math.LN10; e++) ticks.push(e);
  const label = (e: number) => (scale === 1000 ? formatUsd(locale, 10 ** e) : formatInt(locale, 10 ** e));
  const tick = (e: number) => e * Math.LN10 - Math.log(scale);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="model-svg" role="img" aria-label={t('model.scatter.title')} data-testid="model-scatter">
      <line x1={x(lo)} y1={y(lo)} x2={x(hi)} y2={y(hi)} className="diag" />
      {ticks.map((e) => (
        <g key={e}>
          <line x1={x(tick(e))} x2={x(tick(e))} y1={H - PAD} y2={H - PAD + 4} className="axis" />
          <text x={x(tick(e))} y={H - PAD + 16} textAnchor="middle">{label(e)}</text>
          <line x1={PADL - 4} x2={PADL} y1={y(tick(e))} y2={y(tick(e))} className="axis" />
          <text x={PADL - 6} y={y(tick(e)) + 4} textAnchor="end">{label(e)}</text>
        </g>
      ))}
      <line x1={PADL} y1={H - PAD} x2={W - 10} y2={H - PAD} className="axis" />
      <line x1={PADL} y1={10} x2={PADL} y2={H - PAD} className="axis" />
      {pts.map((p) => <circle key={p.branchId} cx={x(p.predictedLog)} cy={y(p.actualLog)} r={2} className="pt" />)}
      <text x={(PADL + W) / 2} y={H - 6} textAnchor="middle" className="axis-title">{t('model.scatter.x')}</text>
      <text x={12} y={(H - PAD) / 2} textAnchor="middle" className="axis-title" transform={`rotate(-90 12 ${(H - PAD) / 2})`}>{t('model.scatter.y')}</text>
    </svg>
  );
}

/**
 * The hold-out residuals (actual − forecast, ln) of NYC branches on the borough outlines (equirectangular at 40.7°,
 * framed on the city): red holds more than forecast, blue less, the dot's size how many times more or less
 * (`residualRadius`, with its key in the top-left corner, on the same scale); a branch whose coordinates lie outside the
 * city (filed under a borough by the FDIC) is a hollow ring, named under the map, and an arrow at the edge points to
 * it when it lies beyond the frame.
 */
function ResidualMap({ report, basemap }: { report: ValidationReportDto; basemap: BasemapResponse | null }) {
  const { t, locale } = useI18n();
  const pts = report.holdout;
  const bounds = basemap?.bounds ?? [Math.min(...pts.map((p) => p.lng)), Math.min(...pts.map((p) => p.lat)), Math.max(...pts.map((p) => p.lng)), Math.max(...pts.map((p) => p.lat))];
  const k = Math.cos((40.7 * Math.PI) / 180);
  const sx = (W - 20) / ((bounds[2] - bounds[0]) * k), sy = (H - 20) / (bounds[3] - bounds[1]);
  const s = Math.min(sx, sy);
  const px = (lng: number) => 10 + (lng - bounds[0]) * k * s;
  const py = (lat: number) => H - 10 - (lat - bounds[1]) * s;
  const paths = useMemo(() => (basemap?.boroughs.features ?? []).map((f) => {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    return polys.map((poly) => poly.map((ring) => ring.map(([a, b], i) => `${i ? 'L' : 'M'}${px(a).toFixed(1)},${py(b).toFixed(1)}`).join('') + 'Z').join('')).join('');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [basemap, s]);
  const outside = useMemo(() => (basemap ? outsideBoroughs(pts, basemap.boroughs) : []), [pts, basemap]);
  const outsideIds = new Set(outside.map((p) => p.branchId));
  const ratio = (v: number, last: boolean) => t(last ? 'model.residuals.ratioMax' : 'model.residuals.ratio', { v: String(v) });
  const borough = (group: string) => (BOROUGH_CODE[group] ? t(`borough.${BOROUGH_CODE[group]}`) : group);
  // the size key: circles of the map's own radii, left to right, in the empty corner west of the Bronx
  let keyX = 14;
  const key = RESIDUAL_KEY_RATIOS.map((v, i) => {
    const r = residualRadius(i === RESIDUAL_KEY_RATIOS.length - 1 ? RESIDUAL_CAP_LOG : Math.log(v));
    const cx = keyX + r;
    keyX = cx + r + 34;
    return { v, r, cx, last: i === RESIDUAL_KEY_RATIOS.length - 1 };
  });
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} className="model-svg" role="img" aria-label={t('model.residuals.title')} data-testid="model-residuals">
        {paths.map((d, i) => <path key={i} d={d} className="land" />)}
        {pts.map((p) => {
          const r = p.actualLog - p.predictedLog;
          const x = px(p.lng), y = py(p.lat);
          if (outsideIds.has(p.branchId)) {
            // beyond the frame: an arrow at the edge towards it
            const cx = Math.min(Math.max(x, 8), W - 8), cy = Math.min(Math.max(y, 8), H - 8);
            return (
              <g key={p.branchId} className="res-outside" data-testid="residual-outside">
                <circle cx={cx} cy={cy} r={residualRadius(r)} className={r >= 0 ? 'res-pos-ring' : 'res-neg-ring'} />
                {(cx !== x || cy !== y) && <text x={cx - 4} y={cy - 8} textAnchor="end" className="res-outside-arrow">→</text>}
              </g>
            );
          }
          return <circle key={p.branchId} cx={x} cy={y} r={residualRadius(r)} className={r >= 0 ? 'res-pos' : 'res-neg'} />;
        })}
        <g className="res-key" data-testid="residual-size-key">
          <text x={14} y={16} className="res-key-title">{t('model.residuals.sizeKey')}</text>
          {key.map((c) => (
            <g key={c.v}>
              <circle cx={c.cx} cy={34} r={c.r} className="res-key-dot" />
              <text x={c.cx} y={52} textAnchor="middle">{ratio(c.v, c.last)}</text>
            </g>
          ))}
        </g>
      </svg>
      <p className="hint">{t('model.residuals.legend')}</p>
      {outside.length > 0 && (
        <p className="hint" data-testid="residuals-outside-note">
          {t('model.residuals.outside', { n: outside.length, list: outside.map((p) => t('model.residuals.outsideItem', {
            institution: p.institution, borough: borough(p.group), lat: p.lat.toFixed(3), lng: p.lng.toFixed(3) })).join(locale === 'zh' ? '；' : '; ') })}
        </p>
      )}
    </>
  );
}

/** Standardised coefficients with their 95 % block-bootstrap intervals (a forest plot). */
function Coefficients({ report }: { report: ValidationReportDto }) {
  const { t } = useI18n();
  const cs = report.coefficients;
  const lim = Math.max(0.1, ...cs.flatMap((c) => [Math.abs(c.coef), Math.abs(c.ci95[0] ?? 0), Math.abs(c.ci95[1] ?? 0)]));
  const bx = (v: number) => 50 + ((v + lim) / (2 * lim)) * 100;
  return (
    <table className="model-table compact coef" data-testid="model-coefficients">
      <tbody>
        {cs.map((c) => (
          <tr key={c.feature} data-feature={c.feature}>
            <th scope="row">{t(`forecast.feature.${c.feature}`)}</th>
            <td className="forest">
              <svg viewBox="0 0 200 14" preserveAspectRatio="none">
                <line x1={100} x2={100} y1={0} y2={14} className="zero" />
                <line x1={bx(c.ci95[0] ?? c.coef)} x2={bx(c.ci95[1] ?? c.coef)} y1={7} y2={7} className="ci" />
                <circle cx={bx(c.coef)} cy={7} r={3} className={c.coef >= 0 ? 'pos' : 'neg'} />
              </svg>
            </td>
            <td className="num">{fmt(c.coef)} [{fmt(c.ci95[0])}, {fmt(c.ci95[1])}]</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The exclusion rule and, per survey year, how many NYC rows it keeps and why it drops the others. */
function Exclusion({ report }: { report: ValidationReportDto }) {
  const { t, locale } = useI18n();
  const reasons = ['invalidCoordinates', 'serviceType', 'mainOffice', 'noDeposits', 'overMaxDeposits'];
  if (!report.exclusion.length) return null;
  return (
    <>
      <p className="hint">{t('model.exclusion.rule')}</p>
      <table className="model-table compact" data-testid="model-exclusion">
        <thead><tr><th>{t('model.exclusion.col.year')}</th><th className="num">{t('model.exclusion.col.rows')}</th><th className="num">{t('model.exclusion.col.kept')}</th>
          {reasons.map((r) => <th key={r} className="num">{t(`model.exclusion.reason.${r}`)}</th>)}</tr></thead>
        <tbody>
          {report.exclusion.map((e) => (
            <tr key={e.year} data-year={e.year}>
              <th scope="row">{e.year}</th><td className="num">{formatInt(locale, e.studyRows)}</td><td className="num">{formatInt(locale, e.kept)}</td>
              {reasons.map((r) => <td key={r} className="num">{formatInt(locale, e.dropped[r] ?? 0)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
