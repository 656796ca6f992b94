import type { PickingInfo } from '@deck.gl/core';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BasemapResponse } from '../../core/api/basemap';
import { DEFAULT_WEIGHTS, type FactorName, type Weights } from '../../core/scoring/siteScore';
import type { CandidateSite } from '../../core/scoring/candidateFile';
import { fetchBasemap, fetchInstitutions, fetchOutlets, scoreSites, type Bbox, type Institution, type Outlet, type ScoreResponse, type ScoredSite } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { Legend } from '../map/Legend';
import { MapSettings } from '../map/MapSettings';
import { useOnlineBasemap } from '../map/useOnlineBasemap';
import { offlineStyle } from '../map/offlineStyle';
import { SiteMap, type SiteMapHandle } from '../map/SiteMap';
import { classColor, scoreColor, type RampName, type Rgb } from '../map/colorRamp';
import { classOf, hexAreaKm2, quantileBreaks } from '../map/demandHexes';
import { groupRankLabels } from '../map/topMarks';
import { buildSiteLayers, cellPolygon, DEFAULT_VISIBLE, mapLabelBoxes, pickedOf, TOP_RING_RADIUS_PX, type CellDatum, type LabelDatum, type LayerKey, type PointDatum } from '../map/siteLayers';
import { allWeighted, forecastRanking, normalizedColumns, rankSites, scoredMaskOf, shareBelow, topSitesWhere, weightedSite } from './ranking';
import { ForecastPanel, type ScoringMode } from './ForecastPanel';
import type { ParameterSet } from '../api/forecast';
import { useContextLayers } from './useContextLayers';
import { sitesToCsv, sitesToGeoJson } from './exportSites';
import { studyAreaName } from '../../core/scoring/scoredSiteFile';
import { downloadText } from '../ui/download';
import { formatInt, formatScore, formatShare, formatUsd, shortId } from './format';
import { ImportSites } from './ImportSites';
import { NetworkPicker } from './NetworkPicker';
import { SiteBreakdown } from './SiteBreakdown';
import { AddToScenario } from './AddToScenario';
import { SensitivityPanel } from './SensitivityPanel';
import { SaveAndPlan } from './SaveAndPlan';
import type { SensitivityRow } from './sensitivity';
import { siteNeighbourhood } from './siteLabel';
import { useOwnNetwork } from './ownNetworkStore';
import type { GridSpec } from '../../core/api/areas';
import { resolveArea, type ResolveAreaResponse } from '../api/areas';
import { AreaPicker, boroughOfArea } from '../areas/AreaPicker';
import { drawnPolygon, outlineContains, studyAreaLayers, useStudyAreaInUrl } from '../areas/studyArea';
import { tooltipTransform } from '../map/tooltipPlacement';
import { publishStatus } from './status';
import { TopSitesTable } from './TopSitesTable';
import { WeightsPanel } from './WeightsPanel';
import { setWeight } from './weights';
import { useInitialSitesUrl, useSitesUrlSync, type MapView } from './useSitesUrl';
import { mapViewParam } from '../ui/viewUrl';
import { DatasetsPanel } from '../datasets/DatasetsPanel';
import { useScoringDatasets } from '../datasets/scoringDatasetsStore';
import { datasetLayers, type ShownDataset } from '../datasets/datasetLayers';
import { fetchDatasetFeatures, type UserDataset } from '../api/datasets';
import { MAX_SITES_PER_REQUEST, type ScoringDatasets } from '../../core/api/sites';
import './sites.css';

const TOP_N = 15;
/** Fewest grid cells in view for the forecast's colour classes to be quantiles of the view (else of every cell). */
const FORECAST_CLASS_MIN_CELLS = 20;
const LABEL_FONT = '"Latin Quotes", "Noto Sans SC", "Noto Sans CJK SC", "Noto Sans", sans-serif';
const expand = (b: Bbox, d: number): Bbox => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];

/**
 * Site scoring: the NYC map with scored candidates, context layers and their legend; the own-network picker,
 * weight sliders that re-rank instantly on the client (no request), click-to-add candidates, a top-N table
 * linked to the map, the breakdown of the selected site, CSV/GeoJSON export and the model's stated limits.
 */
export default function SitesView() {
  const { t, locale } = useI18n();
  const mapRef = useRef<SiteMapHandle>(null);
  // The view as the address held it when the tab opened (weights, selection, layers, camera, own network).
  const fromUrl = useInitialSitesUrl();

  // ── data ──
  const [basemap, setBasemap] = useState<BasemapResponse | null>(null);
  const [basemapError, setBasemapError] = useState<string | null>(null);
  const [institutions, setInstitutions] = useState<Institution[] | null>(null);
  const [institutionsError, setInstitutionsError] = useState<string | null>(null);
  // The own network is shared with the Network coverage tab (one store, persisted in localStorage).
  const [ownInstitution, setOwnInstitution] = useOwnNetwork();
  const ownNetwork = ownInstitution?.id ?? null;
  const setOwnNetwork = useCallback((id: string | null) => {
    setOwnInstitution(id ? institutions?.find((i) => i.id === id) ?? null : null);
  }, [institutions, setOwnInstitution]);
  const [weights, setWeights] = useState<Weights>(() => fromUrl.weights ?? { ...DEFAULT_WEIGHTS });
  // An own network named by the address replaces the stored one before the first score (once institutions are known).
  const [netReady, setNetReady] = useState(() => fromUrl.network === undefined || fromUrl.network === (ownInstitution?.id ?? null));
  useEffect(() => {
    if (netReady || !institutions) return;
    setOwnInstitution(fromUrl.network ? institutions.find((i) => i.id === fromUrl.network) ?? ownInstitution : null);
    setNetReady(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [institutions, netReady]);
  // The users' own datasets: what scoring uses (sent with every score request) and which are drawn on the map.
  // shared with the coverage tab (its Huff model counts the competitor datasets picked here)
  const [scoringDatasets, setScoringDatasets] = useScoringDatasets();
  const datasetsRef = useRef<ScoringDatasets | undefined>(undefined);
  datasetsRef.current = scoringDatasets;
  const [shownDatasets, setShownDatasets] = useState<Map<string, ShownDataset>>(new Map());
  const toggleDatasetLayer = useCallback((d: UserDataset) => {
    if (shownDatasets.has(d.id)) { setShownDatasets((m) => { const n = new Map(m); n.delete(d.id); return n; }); return; }
    fetchDatasetFeatures(d.id).then((fc) => setShownDatasets((m) => new Map(m).set(d.id, { id: d.id, kind: d.kind, features: fc })), () => undefined);
  }, [shownDatasets]);
  const onDatasetList = useCallback((list: UserDataset[]) => {
    const ids = new Set(list.map((d) => d.id));
    setShownDatasets((m) => (([...m.keys()].every((k) => ids.has(k))) ? m : new Map([...m].filter(([k]) => ids.has(k)))));
  }, []);
  // Scoring mode: weighted criteria, or the deposit forecast with a parameter set (sent with every score request).
  const [mode, setMode] = useState<ScoringMode>(() => fromUrl.mode ?? 'criteria');
  const [parameterSet, setParameterSet] = useState<string | null>(() => fromUrl.parameterSet);
  const [forecastEcho, setForecastEcho] = useState<ScoreResponse['params']['forecast'] | null>(null);
  const [forecastSet, setForecastSet] = useState<ParameterSet | null>(null);
  const modeRef = useRef<{ mode: ScoringMode; parameterSet?: string }>({ mode });
  modeRef.current = { mode, ...(mode === 'forecast' && parameterSet ? { parameterSet } : {}) };
  const [gridSites, setGridSites] = useState<ScoredSite[]>([]);
  const [addedSites, setAddedSites] = useState<ScoredSite[]>([]);
  const [scoring, setScoring] = useState(0);
  const [scoreError, setScoreError] = useState<string | null>(null);
  const [serviceDate, setServiceDate] = useState<string | null>(null);
  const [scoreParams, setScoreParams] = useState<ScoreResponse['params'] | null>(null);
  const [outlets, setOutlets] = useState<Outlet[] | null>(null);
  const [outletsError, setOutletsError] = useState<string | null>(null);
  const [visible, setVisible] = useState<Record<LayerKey, boolean>>(() => fromUrl.visible ?? DEFAULT_VISIBLE);
  const [opacity, setOpacity] = useState(() => fromUrl.opacity ?? 1);
  const [ramp, setRamp] = useState<RampName>(() => fromUrl.ramp ?? 'default');
  const [view, setView] = useState<MapView | null>(fromUrl.view);
  // the map's extent when it last came to rest: the forecast's colour classes are quantiles of the cells in it
  const [viewBounds, setViewBounds] = useState<Bbox | null>(null);
  // …and its exact zoom then: the top list's labels are laid out in pixels at it (the layers' zoom is rounded to 0.25)
  const [idleZoom, setIdleZoom] = useState<number | null>(null);
  // ── the study area (issue 10): its grid spec, resolved outline and name; the drawing mode's corners ──
  const [grid, setGrid] = useStudyAreaInUrl('sites', { resolution: true });
  const [areaInfo, setAreaInfo] = useState<ResolveAreaResponse | null>(null);
  const [areaError, setAreaError] = useState<string | null>(null);
  const [drawPts, setDrawPts] = useState<[number, number][] | null>(null);
  useEffect(() => {
    let live = true;
    setAreaError(null);
    resolveArea(grid.area, grid.resolution).then((r) => { if (live) setAreaInfo(r); }, (e) => { if (live) setAreaError((e as Error).message); });
    return () => { live = false; };
  }, [grid]);
  const nycBbox = useMemo<Bbox | null>(() => (basemap ? expand(basemap.bounds, 0.05) : null), [basemap]);
  const viewBbox = useMemo<Bbox | null>(() => (areaInfo ? expand(areaInfo.bbox, 0.05) : nycBbox), [areaInfo, nycBbox]);
  const context = useContextLayers(visible, viewBbox);

  // ── UI state ──
  const [selectedId, setSelectedId] = useState<string | null>(fromUrl.selectedId);
  const [sensitivity, setSensitivity] = useState<{ byId: Map<string, SensitivityRow>; topK: number; concentration: number } | null>(null);
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const [addMode, setAddMode] = useState(false);
  const [zoom, setZoom] = useState(10);
  const [fontEpoch, setFontEpoch] = useState(0);
  const { styleUrl, setStyleUrl, onlineStyle, styleError, clearStyleError } = useOnlineBasemap();
  const [mapIdle, setMapIdle] = useState(false);
  const [cursorOnSite, setCursorOnSite] = useState(false);
  const addedCounter = useRef(0);
  const deckFrames = useRef(0);

  useEffect(() => {
    fetchBasemap().then(setBasemap, (e) => setBasemapError(String(e.message ?? e)));
    fetchInstitutions().then(setInstitutions, (e) => setInstitutionsError(String(e.message ?? e)));
  }, []);

  // Score the NYC grid (on load and whenever the own network changes); added sites are re-scored too.
  // Only the latest grid request may land (a quick change of network must not be overwritten by an older answer).
  const gridSeq = useRef(0);
  const scoreGrid = useCallback(async (network: string | null, spec: GridSpec) => {
    const seq = ++gridSeq.current;
    setScoring((n) => n + 1);
    setScoreError(null);
    try {
      const res = await scoreSites({ grid: spec, ownNetwork: network ?? undefined, datasets: datasetsRef.current, ...modeRef.current });
      if (seq !== gridSeq.current) return;
      setGridSites(res.sites);
      setScoreParams(res.params);
      setForecastEcho(res.params.forecast ?? null);
      if (typeof res.params?.serviceDate === 'string') setServiceDate(res.params.serviceDate);
    } catch (e) {
      setScoreError((e as Error).message);
    } finally {
      setScoring((n) => n - 1);
    }
  }, []);
  const addedSeq = useRef(0);
  const rescoreAdded = useCallback(async (sites: ScoredSite[], network: string | null, spec: GridSpec) => {
    if (!sites.length) return;
    const seq = ++addedSeq.current;
    setScoring((n) => n + 1);
    try {
      const res = await scoreSites({ sites: sites.map(({ id, lng, lat }) => ({ id, lng, lat })), ownNetwork: network ?? undefined, datasets: datasetsRef.current, normalization: { grid: spec }, ...modeRef.current });
      if (seq !== addedSeq.current) return;
      setAddedSites(res.sites);
    } catch (e) {
      setScoreError((e as Error).message);
    } finally {
      setScoring((n) => n - 1);
    }
  }, []);
  // (Re)score the grid and the added sites whenever the own network or the study area changes.
  const firstScore = useRef(true);
  useEffect(() => {
    if (!netReady) return;
    if (firstScore.current) { firstScore.current = false; void scoreGrid(ownNetwork, grid); return; }
    void scoreGrid(ownNetwork, grid); // also when the first answer is still on its way: only the latest request lands
    void rescoreAdded(addedSites, ownNetwork, grid);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ownNetwork, scoringDatasets, mode, parameterSet, netReady, grid]);
  useSitesUrlSync({ weights, selectedId, visible, opacity, ramp, view, network: netReady ? ownNetwork : fromUrl.network ?? null, mode, parameterSet });
  // the camera goes into the address whenever the map comes to rest
  const onMapIdle = useCallback(() => {
    setMapIdle(true);
    const m = mapRef.current?.map();
    if (!m) return;
    const b = m.getBounds();
    const bounds: Bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    setViewBounds((prev) => (prev && prev.every((v, i) => Math.abs(v - bounds[i]) < 1e-6) ? prev : bounds));
    const c = m.getCenter();
    const next = { lng: c.lng, lat: c.lat, zoom: m.getZoom() };
    // the zoom the layers are sized for (a view opened from the address never fired a zoom event)
    setZoom((prev) => (Math.abs(prev - next.zoom) >= 0.25 ? Math.round(next.zoom * 4) / 4 : prev));
    setIdleZoom((prev) => (prev != null && Math.abs(prev - next.zoom) < 0.01 ? prev : next.zoom));
    setView((prev) => (prev && mapViewParam(prev) === mapViewParam(next) ? prev : next));
  }, []);

  // Branches: own network vs competitors, around the study area.
  useEffect(() => {
    if (!viewBbox) return;
    let live = true;
    setOutletsError(null);
    fetchOutlets(viewBbox, ownNetwork ?? undefined).then((o) => live && setOutlets(o), (e) => live && setOutletsError((e as Error).message));
    return () => { live = false; };
  }, [viewBbox, ownNetwork]);
  const ownOutlets = useMemo(() => outlets?.filter((o) => o.own === true) ?? null, [outlets]);
  const competitorOutlets = useMemo(() => outlets?.filter((o) => o.own !== true) ?? null, [outlets]);

  const addSite = useCallback(async (lng: number, lat: number) => {
    addedCounter.current += 1;
    const id = `added-${addedCounter.current}`;
    setScoring((n) => n + 1);
    setScoreError(null);
    try {
      const res = await scoreSites({ sites: [{ id, lng, lat }], ownNetwork: ownNetwork ?? undefined, datasets: datasetsRef.current, normalization: { grid }, ...modeRef.current });
      setAddedSites((prev) => [...prev, ...res.sites]);
      setScoreParams((p) => p ?? res.params);
      setSelectedId(id);
    } catch (e) {
      setScoreError((e as Error).message);
    } finally {
      setScoring((n) => n - 1);
    }
  }, [ownNetwork, grid]);

  // Imported sites are scored in one request and join the added sites (same id → the new one replaces it).
  const importSites = useCallback(async (sites: CandidateSite[]) => {
    setScoring((n) => n + 1);
    setScoreError(null);
    try {
      const res = await scoreSites({ sites, ownNetwork: ownNetwork ?? undefined, datasets: datasetsRef.current, normalization: { grid }, ...modeRef.current });
      setScoreParams((p) => p ?? res.params);
      const ids = new Set(res.sites.map((x) => x.id));
      setAddedSites((prev) => [...prev.filter((x) => !ids.has(x.id)), ...res.sites]);
      const gridIds = new Set(gridSites.map((g) => g.id));
      if (res.sites.some((x) => gridIds.has(x.id))) setGridSites((prev) => prev.filter((g) => !ids.has(g.id)));
    } catch (e) {
      setScoreError((e as Error).message);
    } finally {
      setScoring((n) => n - 1);
    }
  }, [ownNetwork, gridSites, grid]);

  // ── re-weighting: instant, client-side, from the normalised factors already returned ──
  // The factor columns are built once per result set; a slider move is one applyWeights pass (see ranking.ts).
  const base = useMemo(() => [...gridSites, ...addedSites], [gridSites, addedSites]);
  const columns = useMemo(() => normalizedColumns(base), [base]);
  // In forecast mode the ranking follows the forecast (weights do not move it); otherwise the weighted criteria
  // (a factor without data at a site is left out of its score, the others renormalised).
  const forecastMode = mode === 'forecast' && base.some((s) => s.forecast);
  const scoredMask = useMemo(() => scoredMaskOf(base), [base]);
  const ranking = useMemo(() => (forecastMode ? forecastRanking(base, weights) : rankSites(columns, weights, scoredMask)), [forecastMode, base, columns, weights, scoredMask]);
  const indexById = useMemo(() => new Map(base.map((s, k) => [s.id, k])), [base]);
  // The top-N lists the study area only: its grid cells, and added sites inside its outline.
  const gridCount = gridSites.length;
  const inArea = useCallback((k: number) => k < gridCount || (areaInfo ? outlineContains(areaInfo.outline, base[k].lng, base[k].lat) : true),
    [gridCount, areaInfo, base]);
  const top = useMemo(() => topSitesWhere(base, ranking, TOP_N, inArea), [base, ranking, inArea]);
  // Forecast mode colours by forecast dollars: quintile classes of the grid cells in view (all cells when fewer
  // than FORECAST_CLASS_MIN_CELLS are), so a zoomed-in Manhattan spreads over five colours instead of the city's top fifth.
  const forecastClasses = useMemo(() => {
    if (!forecastMode) return null;
    const values = Float64Array.from(base, (s) => s.forecast?.depositsUsd ?? NaN);
    const all: number[] = [], inView: number[] = [];
    for (let k = 0; k < gridSites.length; k++) {
      const v = values[k], s = base[k];
      if (!Number.isFinite(v)) continue;
      all.push(v);
      if (viewBounds && s.lng >= viewBounds[0] && s.lng <= viewBounds[2] && s.lat >= viewBounds[1] && s.lat <= viewBounds[3]) inView.push(v);
    }
    const used = inView.length >= FORECAST_CLASS_MIN_CELLS ? inView : all;
    return { values, breaks: quantileBreaks(used, 5), cells: used.length, inView: used === inView };
  }, [forecastMode, base, gridSites.length, viewBounds]);
  const siteFill = useCallback((s: ScoredSite): Rgb => (forecastClasses && s.forecast
    ? classColor(classOf(s.forecast.depositsUsd, forecastClasses.breaks), forecastClasses.breaks.length, ramp) : scoreColor(s.score, ramp)), [forecastClasses, ramp]);
  // Data-coverage warnings over the sites in view: one line per code (e.g. cells without a transit feed).
  const coverageSummary = useMemo(() => {
    const by = new Map<string, number>();
    for (const s of base) for (const w of s.warnings ?? []) by.set(w.code, (by.get(w.code) ?? 0) + 1);
    return [...by.entries()].map(([code, n]) => ({ code, n }));
  }, [base]);
  const polygons = useRef(new Map<string, [number, number][] | null>());
  const { cells, points } = useMemo(() => {
    const cells: CellDatum[] = [];
    const points: PointDatum[] = [];
    base.forEach((s, k) => {
      let ring = polygons.current.get(s.id);
      if (ring === undefined) { ring = cellPolygon(s.id); polygons.current.set(s.id, ring); }
      if (ring) cells.push({ site: s, polygon: ring, k }); else points.push({ site: s, k });
    });
    return { cells, points };
  }, [base]);
  const selectedK = selectedId != null ? indexById.get(selectedId) : undefined;
  const selected = selectedK !== undefined ? weightedSite(base[selectedK], ranking, selectedK) : null;

  const labelOf = useCallback((s: ScoredSite) => {
    if (s.id.startsWith('added-')) return t('sites.addedSite', { n: s.id.slice(6) });
    if (!polygons.current.get(s.id)) return s.id; // an imported site keeps the user's own id
    const hood = siteNeighbourhood(s, basemap?.labels ?? null);
    return hood ?? t('sites.gridCell', { id: shortId(s.id) });
  }, [basemap, t]);

  // ── map labels (boroughs translated; the CJK web font must be loaded before deck builds its glyph atlas) ──
  const labels = useMemo<LabelDatum[]>(() => (basemap?.labels ?? []).map((l) => ({
    kind: l.kind, lng: l.lng, lat: l.lat, text: l.kind === 'borough' ? t(`borough.${l.code}`) : l.name,
  })), [basemap, t]);
  // the top list on the map: a ring and its rank on each of its sites, neighbours sharing them at city zoom,
  // clear of the borough (and, zoomed in, neighbourhood) names
  const topPoints = useMemo(() => top.map((s) => ({ rank: s.rank, lng: s.lng, lat: s.lat })), [top]);
  const labelZoom = idleZoom ?? zoom;
  const topLabels = useMemo(() => groupRankLabels(topPoints, labelZoom, mapLabelBoxes(labels, zoom), TOP_RING_RADIUS_PX), [topPoints, labelZoom, zoom, labels]);
  // one ring per label: on every listed site at street zoom; a group sharing a label shares its ring (rings of
  // neighbours a few pixels apart would cross each other's cells and hide their colours)
  const topRings = useMemo(() => topLabels.map((l) => ({ rank: l.ranks[0], lng: l.lng, lat: l.lat })), [topLabels]);
  useEffect(() => {
    if (!labels.length || !document.fonts) return;
    const text = Array.from(new Set(labels.map((l) => l.text).join(''))).join('');
    let live = true;
    document.fonts.load(`700 16px "Latin Quotes", "Noto Sans SC"`, text).then(() => live && setFontEpoch((e) => e + 1), () => undefined);
    return () => { live = false; };
  }, [labels]);

  const userLayers = useMemo(() => datasetLayers([...shownDatasets.values()]), [shownDatasets]);
  const layers = useMemo(() => [...buildSiteLayers({
    visible, cells, points, scores: ranking.score, valueClasses: forecastClasses, topRings, topLabels, selectedId, hoveredId,
    demand: context.demandHexes, demandBreaks: context.demandBreaks, opacity, ramp, stops: context.stops, competitors: competitorOutlets, own: ownOutlets,
    labels, fontFamily: LABEL_FONT, fontEpoch, zoom,
  }), ...userLayers, ...studyAreaLayers(areaInfo?.outline ?? null, drawPts)], [visible, cells, points, ranking, forecastClasses, topRings, topLabels, selectedId, hoveredId, context.demandHexes, context.demandBreaks, opacity, ramp, context.stops, competitorOutlets, ownOutlets, labels, fontEpoch, zoom, userLayers, areaInfo, drawPts]);

  // What a score means: the share of the reference grid cells it beats under the current weights (the grid cells
  // are the first gridSites.length entries of `base`), and the reference set named by the score response's params.
  const referenceText = useMemo(() => {
    const nz = scoreParams?.normalization;
    if (!nz) return null;
    if (locale === 'en') return nz.referenceDescription;
    if (nz.reference === 'request') return t('breakdown.reference.request', { n: formatInt(locale, nz.referenceSize) });
    // the reference grid's area in the UI language (New York City, a borough), else as the server names it
    const g = nz.grid;
    const borough = g ? boroughOfArea(g.area) : null;
    const area = !g ? t('area.mode.nyc') : g.area === 'nyc' ? t('area.mode.nyc') : borough ? t(`borough.${borough}`) : g.name;
    return t('breakdown.reference.grid', { n: formatInt(locale, nz.referenceSize), area, r: g?.resolution ?? 9 });
  }, [scoreParams, locale, t]);
  const beats = useCallback((score: number) => shareBelow(ranking.score, gridSites.length, score), [ranking, gridSites.length]);


  // Frame the study area on the map once it is resolved (and the map is there).
  const [mapLoaded, setMapLoaded] = useState(false);
  const framed = useRef<string | null>(null);
  // a map view from the address (reload, shared link) wins over framing the area it was opened with
  const keepUrlView = useRef(!!fromUrl.view);
  useEffect(() => {
    const map = mapRef.current?.map();
    if (!areaInfo || !map || !mapLoaded) return;
    const key = JSON.stringify(areaInfo.area);
    if (framed.current === key) return;
    framed.current = key;
    if (keepUrlView.current) { keepUrlView.current = false; return; }
    const [w, s, e, n] = areaInfo.bbox;
    // the layers panel covers the map's left edge: keep the area clear of it when the map is wide enough
    const left = map.getContainer().clientWidth > 900 ? 270 : 24;
    map.fitBounds([[w, s], [e, n]], { padding: { top: 24, bottom: 24, right: 24, left }, duration: 0, maxZoom: 15 });
  }, [areaInfo, mapLoaded]);

  // ── map events ──
  const onClick = useCallback((e: MapLayerMouseEvent) => {
    if (drawPts) { setDrawPts([...drawPts, [e.lngLat.lng, e.lngLat.lat]]); return; }
    if (addMode) { void addSite(e.lngLat.lng, e.lngLat.lat); return; }
    const p = pickedOf(mapRef.current?.pick(e.point.x, e.point.y, ['candidates', 'added-sites']));
    setSelectedId(p?.kind === 'site' ? p.site.id : null);
  }, [addMode, addSite, drawPts]);
  // Hover comes from the map or the table; the map's "nothing under the pointer" (sent late, after the pointer
  // has left the map for the table) must not clear a hover the table set.
  const hoverFromMap = useRef(false);
  const hoverFromTable = useCallback((id: string | null) => { hoverFromMap.current = false; setHoveredId(id); }, []);
  const onHover = useCallback((info: PickingInfo) => {
    const p = pickedOf(info);
    const id = p?.kind === 'site' ? p.site.id : null;
    if (id) hoverFromMap.current = true;
    else if (!hoverFromMap.current) return;
    setHoveredId((prev) => (prev === id ? prev : id));
    setCursorOnSite(!!p);
  }, []);
  const getTooltip = useCallback((info: PickingInfo) => {
    const p = pickedOf(info);
    if (!p) return null;
    let text = '';
    if (p.kind === 'site') {
      const f = p.site.factors, pct = (v: number) => formatInt(locale, v);
      const rank = formatInt(locale, ranking.rank[p.k]);
      // forecast mode ranks by forecast deposits: the headline is the forecast, not the weighted score (whose weights are off)
      const headline = forecastMode && p.site.forecast
        ? t('forecast.tooltipRank', { value: formatUsd(locale, p.site.forecast.depositsUsd), rank })
        : t('tooltip.score', { score: formatScore(locale, ranking.score[p.k]), rank });
      // the weighted criteria's percentiles belong to the weighted mode: in forecast mode they would read as the forecast's
      text = [labelOf(p.site), headline,
        ...(gridSites.length && !forecastMode ? [t('tooltip.percentile', { p: formatShare(locale, beats(ranking.score[p.k])) })] : []),
        ...(forecastMode ? [] : [t('tooltip.factors', { transit: pct(f.transit.normalized), demand: pct(f.demand.normalized), competition: pct(f.competition.normalized) })]),
        ...(p.site.forecast && !forecastMode ? [t('forecast.tooltip', { value: formatUsd(locale, p.site.forecast.depositsUsd) })] : []),
        t('tooltip.clickHint')].join('\n');
    } else if (p.kind === 'stop') {
      const dep = formatInt(locale, p.stop.departures);
      text = `${p.stop.name} · ${t(`mode.${p.stop.mode}`)}\n${serviceDate ? t('tooltip.departuresDay', { n: dep, date: serviceDate }) : t('tooltip.departures', { n: dep })}${p.stop.imputed ? ` (${t('tooltip.imputed')})` : ''}`;
    } else if (p.kind === 'outlet') text = `${p.outlet.institutionName}\n${p.outlet.branchName} · ${p.outlet.address}\n${t(p.own ? 'tooltip.own' : 'tooltip.competitor')}`;
    else if (p.kind === 'demand') text = t('tooltip.residentsHex', { n: formatInt(locale, p.population), area: hexAreaKm2().toFixed(2) });
    // Open towards the room so the tooltip stays inside the map (not under the breakdown column or off the edge).
    const vp = info.viewport;
    const style = vp ? { transform: tooltipTransform(info.x, info.y, vp.width, vp.height) } : undefined;
    return { text, className: 'map-tooltip', ...(style ? { style } : {}) };
  }, [labelOf, locale, t, ranking, gridSites.length, beats, serviceDate, forecastMode]);
  const onZoom = useCallback((z: number) => setZoom((prev) => (Math.abs(prev - z) >= 0.25 ? Math.round(z * 4) / 4 : prev)), []);
  useEffect(() => {
    if (!drawPts) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setDrawPts(null); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawPts]);
  useEffect(() => {
    if (!addMode) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') setAddMode(false); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addMode]);

  const selectFromTable = useCallback((s: ScoredSite) => {
    setSelectedId(s.id);
    mapRef.current?.flyTo(s.lng, s.lat);
  }, []);
  const toggleLayer = useCallback((k: LayerKey) => setVisible((v) => ({ ...v, [k]: !v[k] })), []);
  const changeWeight = useCallback((f: FactorName, v: number) => setWeights((w) => setWeight(w, f, v)), []);

  // ── readiness for browser tests ──
  useEffect(() => {
    publishStatus({
      mapIdle, scoring: scoring > 0, candidates: cells.length + points.length, gridCells: cells.length, addedSites: points.length,
      selectedId, hoveredId, topIds: top.map((s) => s.id), top: top.map(({ id, lng, lat, score, rank }) => ({ id, lng, lat, score, rank })),
      renderedCandidates: layers.filter((l) => l.id === 'candidates' || l.id === 'added-sites').reduce((n, l) => n + ((l.props.data as unknown[])?.length ?? 0), 0),
      mapLabels: ((layers.find((l) => l.id.startsWith('labels-'))?.props.data ?? []) as LabelDatum[]).filter((l) => l.kind === 'borough').map((l) => l.text),
      demandPoints: context.demand?.length ?? 0, stops: context.stops?.length ?? 0,
      ownOutlets: ownOutlets?.length ?? 0, competitorOutlets: competitorOutlets?.length ?? 0,
      weights, locale, addMode, error: scoreError ?? basemapError ?? areaError, fontEpoch, ownNetwork, outlets: outlets?.length ?? 0,
      scoringDatasets: scoreParams?.datasets ?? null, datasetLayers: [...shownDatasets.keys()],
      mode, forecastMode, parameterSet: forecastEcho?.parameterSet ?? null, topForecastUsd: top.map((s) => s.forecast?.depositsUsd ?? null),
      forecastBreaks: forecastClasses?.breaks ?? null, forecastClassCells: forecastClasses?.cells ?? null, topLabels: topLabels.map((l) => l.text),
      grid, areaName: areaInfo?.name ?? null, areaBbox: areaInfo?.bbox ?? null, areaCells: areaInfo?.grid?.cells ?? null,
      scoredArea: scoreParams?.grid?.name ?? null, coverageWarnings: coverageSummary, drawing: drawPts?.length ?? null,
    });
  }, [mapIdle, scoring, cells, points, selectedId, hoveredId, top, layers, weights, locale, addMode, scoreError, basemapError, fontEpoch, ownNetwork, outlets, context, ownOutlets, competitorOutlets, scoreParams, shownDatasets, mode, forecastMode, forecastEcho,
    grid, areaInfo, areaError, coverageSummary, drawPts, forecastClasses, topLabels]);

  const mapStyle = useMemo(() => onlineStyle ?? (basemap ? offlineStyle(basemap) : null), [onlineStyle, basemap]);

  return (
    <div className={'sites-view' + (selected ? ' with-breakdown' : '')}>
      <aside className="sites-panel">
        <AreaPicker value={grid} info={areaInfo && JSON.stringify(areaInfo.area) === JSON.stringify(grid.area) ? { name: areaInfo.name, cells: areaInfo.grid?.cells ?? null } : null}
          onChange={setGrid} disabled={scoring > 0 && !gridSites.length}
          drawing={drawPts ? { points: drawPts.length } : null} onStartDraw={() => { setAddMode(false); setDrawPts([]); }}
          onFinishDraw={(resolution) => { if (drawPts && drawPts.length >= 3) setGrid({ resolution, area: drawnPolygon(drawPts) }); setDrawPts(null); }}
          onCancelDraw={() => setDrawPts(null)} />
        {areaError && <p className="field-error" role="alert" data-testid="area-error">{t('area.error', { message: areaError })}</p>}
        <NetworkPicker institutions={institutions} value={ownNetwork} current={ownInstitution} onChange={setOwnNetwork} error={institutionsError} />
        <ForecastPanel mode={mode} onMode={setMode} parameterSet={parameterSet} onParameterSet={setParameterSet} echo={forecastEcho} onSet={setForecastSet} />
        <WeightsPanel weights={weights} onChange={changeWeight} onReset={() => setWeights({ ...DEFAULT_WEIGHTS })} disabled={mode === 'forecast'} />
        <SensitivityPanel gridSites={gridSites} addedSites={addedSites} top={top} weights={weights} ownNetwork={ownNetwork} grid={grid}
          labelOf={labelOf} onApplyWeights={setWeights} onSelect={selectFromTable} onResult={setSensitivity} />
        <section className="panel-section actions">
          <h2>{t('sites.actions')}</h2>
          <div className="button-row">
            <button type="button" onClick={() => scoreGrid(ownNetwork, grid)} disabled={scoring > 0} data-testid="score-grid">{t('sites.scoreGrid')}</button>
            <button type="button" className={addMode ? 'active' : ''} aria-pressed={addMode} onClick={() => setAddMode(!addMode)} data-testid="add-site">
              ＋ {t('sites.addSite')}
            </button>
          </div>
          <ImportSites onSites={importSites} disabled={scoring > 0} />
          <div className="button-row">
            <button type="button" disabled={!base.length} onClick={() => downloadText('outlet-planner-sites.csv', sitesToCsv(allWeighted(base, ranking), studyAreaName(scoreParams)), 'text/csv;charset=utf-8')} data-testid="export-csv">{t('sites.export.csv')}</button>
            <button type="button" disabled={!base.length} onClick={() => downloadText('outlet-planner-sites.geojson', JSON.stringify(sitesToGeoJson(allWeighted(base, ranking), studyAreaName(scoreParams))), 'application/geo+json')} data-testid="export-geojson">{t('sites.export.geojson')}</button>
            {addedSites.length > 0 && <button type="button" className="link" onClick={() => { setAddedSites([]); if (selectedId?.startsWith('added-')) setSelectedId(null); }}>{t('sites.clearAdded')}</button>}
          </div>
          <p className="status-line" data-testid="score-status" aria-live="polite">
            {scoring > 0 ? t('sites.scoring') : scoreError ? <span className="field-error">{t('sites.error', { message: scoreError })}</span> : t('sites.count', { n: formatInt(locale, base.length) })}
          </p>
          {coverageSummary.length > 0 && (
            <ul className="coverage-warnings" data-testid="coverage-warnings" role="note">
              {coverageSummary.map((w) => <li key={w.code} data-code={w.code}>⚠ {t(`coverage.summary.${w.code}`, { n: formatInt(locale, w.n), total: formatInt(locale, base.length) })}</li>)}
            </ul>
          )}
        </section>
        <TopSitesTable sites={top} selectedId={selectedId} hoveredId={hoveredId} labelOf={labelOf} onHover={hoverFromTable} onSelect={selectFromTable} forecast={forecastMode} fill={siteFill} />
        <section className="panel-section limits" data-testid="model-limits">
          <h2>{t('sites.limits.title')}</h2>
          <ul>
            <li>{t('sites.limits.residents')}</li>
            <li>{t('sites.limits.imputed')}</li>
            {serviceDate && <li>{t('sites.limits.serviceDate', { date: serviceDate })}</li>}
          </ul>
          {outletsError && <p className="hint">{t('sites.outletsUnavailable', { message: outletsError })}</p>}
        </section>
        <DatasetsPanel scoring={scoringDatasets} onScoring={setScoringDatasets} shown={new Set(shownDatasets.keys())} onToggleLayer={toggleDatasetLayer} onChanged={onDatasetList}
          onCandidates={(sites) => importSites(sites.slice(0, MAX_SITES_PER_REQUEST))} />
      </aside>
      <div className={'sites-map' + (addMode ? ' add-mode' : '')} data-testid="sites-map">
        {basemapError && <div className="map-message error">{t('map.error', { message: basemapError })}</div>}
        {!basemap && !basemapError && <div className="map-message">{t('map.loading')}</div>}
        {basemap && mapStyle && (
          <SiteMap
            ref={mapRef}
            mapStyle={mapStyle}
            bounds={basemap.bounds}
            initialView={fromUrl.view}
            layers={layers}
            cursor={addMode || drawPts ? 'crosshair' : cursorOnSite ? 'pointer' : 'grab'}
            onClick={onClick}
            onHover={onHover}
            getTooltip={getTooltip}
            onIdle={onMapIdle}
            onBusy={() => setMapIdle(false)}
            onZoom={onZoom}
            onLoad={(m) => { (window as unknown as { __map?: unknown }).__map = m; setMapLoaded(true); }}
            onAfterRender={() => { deckFrames.current += 1; publishStatus({ deckFrames: deckFrames.current }); }}
          />
        )}
        <MapSettings url={styleUrl} onChange={setStyleUrl} display={{ opacity, ramp }} onDisplay={(d) => { setOpacity(d.opacity); setRamp(d.ramp); }} />
        {styleError && (
          <div className="style-error" role="alert" data-testid="style-error">
            {t('map.settings.failed', { message: styleError })}
            <button type="button" className="link" onClick={clearStyleError} aria-label={t('breakdown.close')}>✕</button>
          </div>
        )}
        {addMode && <div className="add-mode-banner">{t('sites.addSite.active')}</div>}
        <Legend visible={visible} onToggle={toggleLayer} loading={context.loading} demandBreaks={context.demandBreaks} hexAreaKm2={hexAreaKm2()}
          serviceDate={serviceDate} counts={{ competitors: competitorOutlets?.length ?? null, own: ownOutlets?.length ?? null }}
          ramp={ramp} forecastAgeYears={forecastMode ? forecastEcho?.matureAgeYears ?? 10 : null}
          forecastClasses={forecastClasses ? { breaks: forecastClasses.breaks, cells: forecastClasses.cells, inView: forecastClasses.inView } : null}
          topN={top.length} siteOpen={!!selected} />
      </div>
      {selected && (
        <SiteBreakdown site={selected} fill={siteFill(selected)} total={base.length} label={labelOf(selected)} onClose={() => setSelectedId(null)} forecastEcho={forecastEcho} forecastMode={forecastMode}
          forecastModel={forecastSet && forecastSet.name === forecastEcho?.parameterSet ? forecastSet.params : null}
          meaning={mode !== 'forecast' && referenceText && gridSites.length ? { shareBelow: beats(selected.score), reference: referenceText, percentile: scoreParams?.normalization.method === 'percentile' } : null}
          sensitivity={sensitivity && sensitivity.byId.has(selected.id) ? { ...sensitivity.byId.get(selected.id)!, topK: sensitivity.topK, concentration: sensitivity.concentration } : null}>
          <SaveAndPlan site={selected} label={labelOf(selected)} params={scoreParams} weights={weights} ownNetwork={ownNetwork} />
          <AddToScenario site={selected} label={labelOf(selected)} ownNetwork={ownNetwork} />
        </SiteBreakdown>
      )}
    </div>
  );
}
