import type { StyleSpecification } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CoverageCompareResponse, GapHexDto, NetworkRef } from '../../core/api/coverage';
import { buildKpiRows, formatPeople, formatRadius, kpiLines, type KpiLine, type KpiRow } from '../../core/coverage/kpi';
import {
  cancelOptimizeJob, createScenario, deleteScenario, getOptimizeJob, listScenarios, postCoverage, postCoverageCompare, postCoverageDetail,
  getScenario, postWalkCatchments, startOptimizeJob, updateScenario, type CoverageResponse, type Scenario,
} from '../api/coverage';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { fetchBasemap, fetchOutlets, searchInstitutions } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { offlineStyle } from '../map/offlineStyle';
import { CompareMaps, type CompareMapsHandle, type MapLabel, type MapSide } from './CompareMaps';
import { composeBrief, downloadBrief, downloadKpiCsv, slug } from './exportBrief';
import { InstitutionPicker } from './InstitutionPicker';
import { useOwnNetwork } from '../sites/ownNetworkStore';
import { KpiTable } from './KpiTable';
import { CoverageLegend } from './CoverageLegend';
import { diffHexFeatures, gapHexFeatures, scenarioIdFromHash, scenarioOutletFeatures, type BaseOutlet, type OutletProps } from './mapData';
import { TodaySummary, WALK_MINUTES, type WalkView } from './TodaySummary';
import { OptimizeCancelled, runOptimizeJob } from './optimizeJob';
import { OptimizePanel, type OptimizeState } from './OptimizePanel';
import { ScenarioEditor, ScenarioPanel, TODAY } from './ScenarioPanel';
import './coverage.css';

const RADII_M = [500, 1000, 2000];
const NYC_BOUNDS: [number, number, number, number] = [-74.26, 40.49, -73.7, 40.92];
/** The Midtown OSM extract (server/walk/osmGraph.ts MIDTOWN_BBOX), until the walk coverage answer names it. */
const MIDTOWN_BBOX: [number, number, number, number] = [-74.014, 40.736, -73.963, 40.759];
/** Outlets drawn: the own network around NYC (New Jersey and Westchester outlets can cover NYC residents). */
const OUTLET_BBOX: [number, number, number, number] = [-74.35, 40.4, -73.6, 41.0];
/** Borough number (GeoLookup) → county FIPS. */
const BOROUGH_FIPS: Record<string, string> = { '1': '36005', '2': '36047', '3': '36061', '4': '36081', '5': '36085' };
type Overlay = 'change' | 'gaps' | 'none';

const EMPTY_FC = { type: 'FeatureCollection' as const, features: [] };

/** The walk catchments and the extract outline as one FeatureCollection for the map's walk layers. */
function walkFeatures(catchments: Feature<Polygon | MultiPolygon>[], bbox: [number, number, number, number] | null): FeatureCollection<Polygon | MultiPolygon> {
  const features: Feature<Polygon | MultiPolygon>[] = catchments.map((f) => ({ ...f, properties: { ...(f.properties ?? {}), kind: 'catchment' } }));
  if (bbox) {
    const [w, s, e, n] = bbox;
    features.push({ type: 'Feature', properties: { kind: 'extract' }, geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });
  }
  return { type: 'FeatureCollection', features };
}


declare global {
  interface Window {
    __status?: Record<string, unknown>;
  }
}

/**
 * The Network coverage tab for executives: pick the own bank, see today's NYC coverage, ask for the best new sites
 * (MCLP), edit scenarios, and compare two scenarios on two linked maps with a KPI table; export CSV and a PDF brief.
 */
export default function CoverageView() {
  const { t, locale } = useI18n();
  // Shared with the Sites tab (one store, persisted in localStorage).
  const [own, setOwn] = useOwnNetwork();
  const [style, setStyle] = useState<StyleSpecification | null>(null);
  const [attribution, setAttribution] = useState('');
  const [boroughLabels, setBoroughLabels] = useState<{ fips: string; lng: number; lat: number }[]>([]);
  const [scenarios, setScenarios] = useState<Scenario[]>([]);
  const [leftId, setLeftId] = useState(TODAY);
  const [rightId, setRightId] = useState(TODAY);
  const [mapRadiusM, setMapRadiusM] = useState(1000);
  const [overlay, setOverlay] = useState<Overlay>('change');
  const [outlets, setOutlets] = useState<BaseOutlet[]>([]);
  const [compare, setCompare] = useState<CoverageCompareResponse | null>(null);
  const [today, setToday] = useState<CoverageResponse | null>(null);
  const [gaps, setGaps] = useState<[GapHexDto[], GapHexDto[]]>([[], []]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [opt, setOpt] = useState<OptimizeState>({ running: false, progress: 0, phase: '', message: null, error: null });
  const [mapsIdle, setMapsIdle] = useState<[boolean, boolean]>([false, false]);
  const [exporting, setExporting] = useState(false);
  const [addMode, setAddMode] = useState(false);
  const [walk, setWalk] = useState<WalkView>({ on: false, minutes: 10, coverage: null, catchments: null, error: null });
  const walkCovOwner = useRef<string | null>(null);
  const [walkShapes, setWalkShapes] = useState<[Feature<Polygon | MultiPolygon>[], Feature<Polygon | MultiPolygon>[]]>([[], []]);
  const pendingScenario = useRef<string | null>(scenarioIdFromHash(location.hash));
  const optAbort = useRef<AbortController | null>(null);
  const mapsRef = useRef<CompareMapsHandle>(null);

  const byId = useMemo(() => new Map(scenarios.map((s) => [s.id, s])), [scenarios]);
  const left = leftId === TODAY ? null : byId.get(leftId) ?? null;
  const right = rightId === TODAY ? null : byId.get(rightId) ?? null;
  const nameOf = useCallback((id: string) => (id === TODAY ? t('cov.today') : byId.get(id)?.name ?? '…'), [byId, t]);

  // Basemap (offline style) and borough labels.
  useEffect(() => {
    fetchBasemap()
      .then((b) => {
        setStyle(offlineStyle(b));
        setAttribution(b.attribution.join(' · '));
        setBoroughLabels(b.labels.filter((l) => l.kind === 'borough' && BOROUGH_FIPS[l.code]).map((l) => ({ fips: BOROUGH_FIPS[l.code], lng: l.lng, lat: l.lat })));
      })
      .catch((e) => setError(String(e.message ?? e)));
  }, []);
  const labels: MapLabel[] = useMemo(() => boroughLabels.map((l) => ({ name: t(`cov.borough.${l.fips}`), lng: l.lng, lat: l.lat })), [boroughLabels, t]);

  // The own network: its outlets and its scenarios.
  /** Show the scenario the address asked for on the right, and leave `#/coverage` in the address bar. */
  const openPending = (id: string) => {
    pendingScenario.current = null;
    setLeftId(TODAY);
    setRightId(id);
    if (scenarioIdFromHash(location.hash)) history.replaceState(null, '', '#/coverage');
  };
  const reloadScenarios = useCallback(async (ownId: string) => {
    const all = await listScenarios();
    const mine = all.filter((s) => s.baseNetwork === ownId);
    setScenarios(mine);
    return mine;
  }, []);
  useEffect(() => {
    if (!own) return;
    setLeftId(TODAY);
    setRightId(TODAY);
    setCompare(null);
    setToday(null);
    setAddMode(false);
    setWalk((w) => ({ ...w, coverage: null, catchments: null, error: null }));
    setWalkShapes([[], []]);
    setOpt((o) => ({ ...o, message: null, error: null, result: null, quality: null }));
    postCoverage({ ownNetwork: own.id, radiiM: RADII_M, area: 'nyc' })
      .then(setToday)
      .catch((e) => setError(String(e.message ?? e)));
    reloadScenarios(own.id)
      .then((mine) => {
        // Opened as #/coverage/<scenarioId>: show that scenario on the right.
        const want = pendingScenario.current;
        if (want && mine.some((s) => s.id === want)) openPending(want);
      })
      .catch((e) => setError(String(e.message ?? e)));
    fetchOutlets(OUTLET_BBOX, own.id)
      .then((rows) =>
        setOutlets(
          rows.filter((o) => o.own).map((o) => ({ branchId: Number(o.branchId), lng: o.lng, lat: o.lat, name: [o.branchName, o.city].filter(Boolean).join(', ') })),
        ),
      )
      .catch((e) => setError(String(e.message ?? e)));
  }, [own, reloadScenarios]);

  // #/coverage/<scenarioId> (also while the tab is open): switch the own network to the scenario's base if needed,
  // then show the scenario on the right (see the reloadScenarios call above) and drop the id from the address.
  const ownRef = useRef(own);
  ownRef.current = own;
  useEffect(() => {
    const open = () => {
      const id = scenarioIdFromHash(location.hash);
      if (!id) return;
      pendingScenario.current = id;
      getScenario(id)
        .then(async (s) => {
          const cur = ownRef.current;
          if (cur?.id === s.baseNetwork) {
            const mine = await reloadScenarios(cur.id);
            if (mine.some((x) => x.id === id)) openPending(id);
            return;
          }
          const rows = await searchInstitutions(s.baseNetwork, 5);
          const inst = rows.find((r) => r.id === s.baseNetwork);
          if (inst) setOwn(inst);
          else setError(t('cov.error', { msg: s.baseNetwork }));
        })
        .catch((e) => setError(String(e.message ?? e)));
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // "Add site on click": Esc leaves the mode.
  useEffect(() => {
    if (!addMode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setAddMode(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addMode]);

  const onWalkChange = (on: boolean, minutes: number) => {
    if (on && !walk.on) mapsRef.current?.fitTo(walk.coverage?.bbox ?? MIDTOWN_BBOX);
    if (!on && walk.on) mapsRef.current?.fitTo(NYC_BOUNDS);
    setWalk((w) => ({ ...w, on, minutes }));
  };
  const walkFc = useMemo(
    () => (walk.on ? walkShapes.map((shapes) => walkFeatures(shapes, walk.coverage?.bbox ?? MIDTOWN_BBOX)) : [undefined, undefined]),
    [walk.on, walkShapes, walk.coverage],
  );

  const netRef = useCallback(
    (id: string): { network: NetworkRef; ownNetwork?: string } => (id === TODAY ? { network: 'own', ownNetwork: own!.id } : { network: { scenarioId: id } }),
    [own],
  );

  // Coverage of both sides, KPI totals and the difference hexagons.
  const versionKey = `${leftId}@${left?.updatedAt ?? ''}|${rightId}@${right?.updatedAt ?? ''}`;
  // Walk (Midtown only): walk-time coverage of the extract's block groups (today's network) and the walk
  // catchments of each map's network (today, or the scenario with its added sites) inside the extract.
  useEffect(() => {
    if (!own || !walk.on) {
      setWalkShapes([[], []]);
      return;
    }
    const ctl = new AbortController();
    setWalk((w) => ({ ...w, catchments: null, error: null }));
    const shapesOf = (id: string) =>
      postWalkCatchments({ ...netRef(id), minutes: walk.minutes }, ctl.signal).then((res) =>
        res.catchments.filter((c) => c.routable && c.isochrone).map((c) => ({ ...c.isochrone!, properties: { id: c.id, population: c.population } })));
    const a = shapesOf(leftId);
    const b = rightId === leftId ? a : shapesOf(rightId);
    Promise.all([
      walk.coverage && walkCovOwner.current === own.id
        ? Promise.resolve(walk.coverage)
        : postCoverage({ ownNetwork: own.id, radiiM: RADII_M, area: 'nyc', mode: 'walk', walkMinutes: [...WALK_MINUTES] }, ctl.signal).then((r) => r.walk ?? null),
      a,
      b,
    ])
      .then(([cov, sa, sb]) => {
        walkCovOwner.current = own.id;
        setWalkShapes([sa, sb]);
        setWalk((w) => ({ ...w, coverage: cov, catchments: [sa.length, sb.length] }));
      })
      .catch((e) => {
        if (!ctl.signal.aborted) setWalk((w) => ({ ...w, error: String(e.message ?? e) }));
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, walk.on, walk.minutes, versionKey, netRef]);
  useEffect(() => {
    if (!own) return;
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    postCoverageCompare({ a: netRef(leftId), b: netRef(rightId), area: 'nyc', radiiM: RADII_M, diffRadiusM: mapRadiusM, h3Resolution: 8 }, ctl.signal)
      .then((r) => setCompare(r))
      .catch((e) => {
        if (!ctl.signal.aborted) setError(String(e.message ?? e));
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, versionKey, mapRadiusM, netRef]);

  // Gap maps of both sides (unless "outlets only"); in "change" mode the right map draws the gains/losses over its gaps.
  useEffect(() => {
    if (!own || overlay === 'none') {
      setGaps([[], []]);
      return;
    }
    const ctl = new AbortController();
    const detail = (id: string) => postCoverageDetail({ ...netRef(id), area: 'nyc', radiusM: mapRadiusM, h3Resolution: 8 }, ctl.signal).then((d) => d.gapHexes);
    Promise.all([detail(leftId), detail(rightId)])
      .then(([a, b]) => setGaps([a, b]))
      .catch((e) => {
        if (!ctl.signal.aborted) setError(String(e.message ?? e));
      });
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [own, versionKey, mapRadiusM, overlay, netRef]);

  // KPI rows.
  const rows: KpiRow[] = useMemo(() => (compare ? buildKpiRows(compare.a, compare.b) : []), [compare]);
  const lines = useMemo(() => kpiLines(rows), [rows]);
  const areaLabel = useCallback(
    (l: KpiLine) => {
      if (l.kind === 'expectedDemand') return t('cov.expectedDemand');
      if (l.kind === 'cannibalisation') return t('cov.cannibalisation');
      return l.areaId ? (t(`cov.borough.${l.areaId}`) !== `cov.borough.${l.areaId}` ? t(`cov.borough.${l.areaId}`) : l.areaName ?? l.areaId) : t('cov.nyc');
    },
    [t],
  );

  // Map sides.
  const r = formatRadius(mapRadiusM);
  const leftSide: MapSide = useMemo(
    () => ({
      title: nameOf(leftId),
      subtitle: walk.on
        ? t('cov.walk.mapSub', { m: walk.minutes })
        : overlay === 'none' ? undefined : t('cov.legend.gap') + ` · ${r}`,
      outlets: scenarioOutletFeatures(outlets, left),
      hexes: overlay === 'none' ? EMPTY_FC : gapHexFeatures(gaps[0]),
      walk: walkFc[0],
    }),
    [nameOf, leftId, rightId, overlay, t, r, outlets, left, gaps, walkFc, walk.on, walk.minutes],
  );
  const rightSide: MapSide = useMemo(
    () => ({
      title: nameOf(rightId),
      subtitle: walk.on ? t('cov.walk.mapSub', { m: walk.minutes })
        : overlay === 'none' ? undefined : overlay === 'gaps' ? t('cov.legend.gap') + ` · ${r}` : `${t('cov.overlay.change')} · ${r}`,
      outlets: scenarioOutletFeatures(outlets, right),
      hexes:
        overlay === 'none'
          ? EMPTY_FC
          : overlay === 'gaps'
            ? gapHexFeatures(gaps[1])
            : { type: 'FeatureCollection' as const, features: [...gapHexFeatures(gaps[1]).features, ...diffHexFeatures(compare?.diffHexes ?? []).features] },
      walk: walkFc[1],
    }),
    [nameOf, leftId, rightId, overlay, t, r, outlets, right, gaps, compare, walkFc, walk.on, walk.minutes],
  );

  // Readiness for browser tests.
  useEffect(() => {
    window.__status = {
      ...(window.__status ?? {}),
      covMapsIdle: mapsIdle[0] && mapsIdle[1],
      covLoading: loading,
      covCompared: compare && !loading ? `${leftId}|${rightId}` : null,
      covKpiLines: lines.length,
      covOptimizing: opt.running,
      covAddMode: addMode,
      covWalkCatchments: walk.on ? walk.catchments : null,
    };
  }, [mapsIdle, loading, compare, leftId, rightId, lines.length, opt.running, addMode, walk.on, walk.catchments]);

  // Scenario edits (always on the right-hand scenario).
  const save = async (s: Scenario) => {
    try {
      const saved = await updateScenario(s);
      setScenarios((list) => list.map((x) => (x.id === saved.id ? saved : x)));
    } catch (e) {
      setError(String((e as Error).message ?? e));
    }
  };
  const create = async (init?: Partial<Scenario>) => {
    if (!own) return null;
    try {
      const s = await createScenario({
        name: t('cov.newScenarioName', { n: scenarios.length + 1 }),
        baseNetwork: own.id,
        added: [],
        closed: [],
        moved: [],
        params: { radiiM: RADII_M },
        ...init,
      });
      setScenarios((list) => [...list, s]);
      setRightId(s.id);
      return s;
    } catch (e) {
      setError(String((e as Error).message ?? e));
      return null;
    }
  };
  /** "Add site on click": append a site at the clicked point to the right-hand scenario (a new one if B is today). */
  const onMapClick = (lng: number, lat: number) => {
    const site = { id: `site-${Date.now().toString(36)}`, lng: Number(lng.toFixed(6)), lat: Number(lat.toFixed(6)), name: t('cov.mapSite', { n: (right?.added.length ?? 0) + 1 }) };
    if (!right) void create({ added: [site] });
    else void save({ ...right, added: [...right.added, site] });
  };
  const onOutletClick = (p: OutletProps) => {
    if (p.kind === 'added') return;
    const id = Number(p.id);
    if (!right) {
      void create({ closed: [id] });
      return;
    }
    const closed = right.closed.includes(id) ? right.closed.filter((x) => x !== id) : [...right.closed, id];
    void save({ ...right, closed });
  };
  const outletNames = useMemo(() => new Map(outlets.map((o) => [o.branchId, o.name ?? `#${o.branchId}`])), [outlets]);

  // Optimisation (MCLP over the NYC H3 grid) as a cancellable server job.
  const runOptimize = async (objective: 'mclp' | 'closure', n: number, radiusM: number, solver: 'greedy' | 'exact') => {
    if (!own) return;
    const ctl = new AbortController();
    optAbort.current = ctl;
    setOpt({ running: true, progress: 0, phase: '', message: null, error: null, result: null, quality: null });
    const name = t(objective === 'mclp' ? 'cov.optimizeName' : 'cov.closureName', { p: n, r: formatRadius(radiusM) });
    try {
      const res = await runOptimizeJob(
        { objective, ...(objective === 'mclp' ? { p: n } : { k: n }), radiusM, ownNetwork: own.id, area: 'nyc', candidates: 'grid', solver, timeLimitS: 60, scenarioName: name },
        { start: startOptimizeJob, get: (id) => getOptimizeJob(id), cancel: cancelOptimizeJob, wait: (ms) => new Promise((r) => setTimeout(r, ms)) },
        (progress, phase) => setOpt((o) => ({ ...o, progress, phase })),
        ctl.signal,
      );
      await reloadScenarios(own.id);
      setLeftId(TODAY);
      setRightId(res.scenarioId);
      setMapRadiusM(radiusM);
      const change = formatPeople(Math.abs(res.coveredPopulationAfter - res.coveredPopulationBefore), locale);
      setOpt({
        running: false, progress: 1, phase: 'done', error: null,
        message: { key: objective === 'mclp' ? 'cov.optimizeDone' : 'cov.closureDone', vars: { p: res.selected.length, gain: change, r: formatRadius(radiusM), name } },
        result: { objective, selected: res.selected },
        quality:
          res.gap === 0
            ? { key: res.solver === 'exact' ? 'cov.quality.optimal' : 'cov.quality.optimalBound' }
            : res.gap != null
              ? { key: 'cov.quality.gap', vars: { gap: `${(res.gap * 100).toFixed(1)}%`, solver: res.solver } }
              : null,
      });
    } catch (e) {
      const cancelled = e instanceof OptimizeCancelled;
      setOpt({ running: false, progress: 0, phase: '', message: cancelled ? { key: 'cov.cancelled' } : null, error: cancelled ? null : String((e as Error).message ?? e), result: null, quality: null });
    } finally {
      optAbort.current = null;
    }
  };

  // Exports.
  const fileBase = `coverage-${slug(own?.name ?? 'network')}-${new Date().toISOString().slice(0, 10)}`;
  const rowLabel = (row: KpiRow) => {
    const what = row.metric === 'coveredPopulation' ? t('cov.metric.coveredPopulation') : row.metric === 'share' ? t('cov.metric.share') : row.metric === 'expectedDemand' ? t('cov.expectedDemand') : t('cov.cannibalisation');
    const area = row.areaId ? areaLabel({ key: '', kind: 'coverage', areaId: row.areaId, areaName: row.areaName, people: row }) : row.radiusM != null ? t('cov.nyc') : '';
    return [what, area, row.radiusM != null ? formatRadius(row.radiusM) : ''].filter(Boolean).join(', ');
  };
  const exportCsv = () => downloadKpiCsv(rows, { scenarioA: nameOf(leftId), scenarioB: nameOf(rightId), label: rowLabel, fileName: `${fileBase}.csv` });
  const exportPdf = async () => {
    if (!own || !compare) return;
    setExporting(true);
    try {
      const caps = mapsRef.current?.capture() ?? [null, null];
      await downloadBrief(
        composeBrief({
          t, locale, bank: own, nameA: nameOf(leftId), nameB: nameOf(rightId), sideA: leftSide, sideB: rightSide, captures: caps,
          lines, areaLabel, radiiM: RADII_M, mapRadiusM, changes: { added: right?.added.length ?? 0, closed: right?.closed.length ?? 0 },
          scenarioB: right ?? null, outlets: new Map(outlets.map((o) => [o.branchId, o])),
          date: new Date().toISOString().slice(0, 10), fileName: `${fileBase}.pdf`,
        }),
      );
    } catch (e) {
      setError(String((e as Error).message ?? e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="cov-view">
      <aside className="cov-side">
        <section>
          <h2>{t('network.title')}</h2>
          <InstitutionPicker value={own} onChange={setOwn} />
          {!own && <p className="cov-hint">{t('network.pickHint')}</p>}
          {own && today && <TodaySummary coverage={today} walk={walk} onWalkChange={onWalkChange} />}
        </section>
        {own && (
          <>
            <section>
              <h2>{t('cov.optimize')}</h2>
              <OptimizePanel state={opt} disabled={!own} onRun={runOptimize} onCancel={() => optAbort.current?.abort()} />
            </section>
            <section>
              <h2>{t('cov.scenarios')}</h2>
              <ScenarioPanel
                scenarios={scenarios}
                leftId={leftId}
                rightId={rightId}
                busy={opt.running}
                onShow={(side, id) => (side === 'left' ? setLeftId(id) : setRightId(id))}
                onCreate={() => void create()}
                onRename={(s, name) => void save({ ...s, name })}
                onDelete={async (s) => {
                  try {
                    await deleteScenario(s.id);
                    setScenarios((list) => list.filter((x) => x.id !== s.id));
                    if (leftId === s.id) setLeftId(TODAY);
                    if (rightId === s.id) setRightId(TODAY);
                  } catch (e) {
                    setError(String((e as Error).message ?? e));
                  }
                }}
              />
            </section>
            {right && (
              <section>
                <ScenarioEditor
                  scenario={right}
                  closedNames={outletNames}
                  onAddSite={(site) => void save({ ...right, added: [...right.added, { id: `site-${Date.now().toString(36)}`, lng: site.lng, lat: site.lat, name: site.name || undefined }] })}
                  onRemoveAdded={(id) => void save({ ...right, added: right.added.filter((a) => a.id !== id) })}
                  onReopen={(id) => void save({ ...right, closed: right.closed.filter((x) => x !== id) })}
                />
              </section>
            )}
          </>
        )}
      </aside>
      <div className="cov-main">
        <div className="cov-toolbar">
          <div className="cov-compare-title">
            <span className="tag a">A</span> {nameOf(leftId)} <span className="vs">{t('cov.vs')}</span> <span className="tag b">B</span> {nameOf(rightId)}
            {loading && <span className="cov-spinner">{t('cov.loading')}</span>}
          </div>
          <label>
            {t('cov.overlay')}
            <select value={overlay} onChange={(e) => setOverlay(e.target.value as Overlay)} data-testid="cov-overlay">
              <option value="change">{t('cov.overlay.change')}</option>
              <option value="gaps">{t('cov.overlay.gaps')}</option>
              <option value="none">{t('cov.overlay.none')}</option>
            </select>
          </label>
          <label>
            {t('cov.mapRadius')}
            <select value={mapRadiusM} onChange={(e) => setMapRadiusM(Number(e.target.value))}>
              {RADII_M.map((x) => (
                <option key={x} value={x}>{formatRadius(x)}</option>
              ))}
            </select>
          </label>
          {own && (
            <button type="button" className={`cov-btn${addMode ? ' on' : ''}`} aria-pressed={addMode} onClick={() => setAddMode((v) => !v)}
              title={t('cov.addOnClick.title')} data-testid="cov-add-on-click">
              {addMode ? t('cov.addOnClick.stop') : `+ ${t('cov.addOnClick')}`}
            </button>
          )}
          <button type="button" className="cov-btn" onClick={exportCsv} disabled={!compare} data-testid="cov-export-csv">⤓ {t('cov.exportCsv')}</button>
          <button type="button" className="cov-btn primary" onClick={() => void exportPdf()} disabled={!compare || exporting} data-testid="cov-export-pdf">
            ⤓ {exporting ? t('cov.exporting') : t('cov.exportPdf')}
          </button>
        </div>
        {error && <div className="cov-error banner">{t('cov.error', { msg: error })}</div>}
        <CompareMaps
          ref={mapsRef}
          style={style}
          bounds={NYC_BOUNDS}
          left={leftSide}
          right={rightSide}
          labels={labels}
          onOutletClick={onOutletClick}
          addMode={addMode}
          onMapClick={onMapClick}
          addBanner={right ? t('cov.addOnClick.banner', { name: right.name }) : t('cov.addOnClick.bannerNew')}
          onIdleChange={setMapsIdle}
          describe={(layer, p) => {
            if (layer === 'outlet') {
              const kind = String(p.kind);
              const what = kind === 'added' ? t('cov.legend.added') : kind === 'closed' ? t('cov.legend.closed') : t('cov.legend.own');
              return `${what}: ${p.name || p.id}${kind === 'own' && right ? ` — ${t('cov.clickToClose')}` : ''}`;
            }
            if (layer === 'walk') return t('cov.tip.walk', { m: walk.minutes, n: Number(p.count) });
            const v = Number(p.value);
            const n = formatPeople(Math.abs(v), locale);
            return p.kind === 'gap' ? t('cov.tip.gap', { n, r }) : p.kind === 'gained' ? t('cov.tip.gained', { n, r }) : t('cov.tip.lost', { n, r });
          }}
          legend={<CoverageLegend overlay={overlay} walk={walk.on} />}
          attribution={attribution}
        />
        <div className="cov-kpi-wrap">
          <div className="cov-kpi-head">
            <h2>{t('cov.kpis')}</h2>
            {leftId === rightId && own && <span className="cov-hint">{t('cov.sameScenario')}</span>}
          </div>
          {own ? lines.length > 0 && <KpiTable lines={lines} nameA={nameOf(leftId)} nameB={nameOf(rightId)} areaLabel={areaLabel} /> : <p className="cov-hint">{t('network.pickHint')}</p>}
          <p className="cov-note">{t('cov.kpiNote')}</p>
        </div>
      </div>
    </div>
  );
}
