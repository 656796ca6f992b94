import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatRadius } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';
import { useOwnNetwork } from '../sites/ownNetworkStore';
import { useScoringDatasets } from '../datasets/scoringDatasetsStore';
import { CompareMaps, type CompareMapsHandle, type MapSide } from './CompareMaps';
import { CoverageLegend } from './CoverageLegend';
import { CoverageSidebar } from './CoverageSidebar';
import { CoverageToolbar } from './CoverageToolbar';
import { KpiPanel } from './KpiPanel';
import { scenarioIdFromHash } from './mapData';
import { describeMapFeature, leftMapSide, rightMapSide, type Overlay } from './mapSides';
import { useCoverageArea } from './useCoverageArea';
import { useCoverageBasemap } from './useCoverageBasemap';
import { useCoverageComparison } from './useCoverageComparison';
import { useCoverageExport } from './useCoverageExport';
import { useCoverageKpis } from './useCoverageKpis';
import { scenarioNetworkRef, useCoverageScenarios } from './useCoverageScenarios';
import { useCoverageStatus } from './useCoverageStatus';
import { initialRadiusM } from './useCoverageUrl';
import { useCoverageUrlSync, useInitialCoverageUrl } from './useCoverageUrl';
import { CoverageCta } from './CoverageCta';
import { earlierDuplicate } from './scenarioDuplicate';
import { briefHeadline, scenarioDepositTotal } from './exportBrief';
import { deleteScenario } from '../api/coverage';
import { useOptimizer } from './useOptimizer';
import { useOwnOutlets } from './useOwnOutlets';
import { useScenarioRoute } from './useScenarioRoute';
import { useTodayCoverage } from './useTodayCoverage';
import { useWalkCoverage } from './useWalkCoverage';
import { TODAY } from './ScenarioPanel';
import { MapSettings } from '../map/MapSettings';
import { DEFAULT_MAP_DISPLAY, type MapDisplay } from '../map/mapDisplay';
import { useOnlineBasemap } from '../map/useOnlineBasemap';
import './coverage.css';

/**
 * The Network coverage tab for executives: pick the own bank and the study area (shared with Site scoring), see today's coverage, ask for the best new sites
 * (MCLP), edit scenarios, and compare two scenarios on two linked maps with a KPI table; export CSV and a PDF brief.
 * Each concept has its hook: the study area, scenarios (and the `#/coverage/<id>` address), today's coverage, outlets, the
 * comparison and gap maps, walk mode, KPIs, the optimiser, exports and the readiness flags.
 */
export default function CoverageView() {
  const { t, locale } = useI18n();
  // Shared with the Sites tab (one store, persisted in localStorage).
  const [own, setOwn] = useOwnNetwork();
  // the competitor datasets picked in Site scoring also compete in this tab's Huff model
  const [scoringDatasets] = useScoringDatasets();
  const [error, setError] = useState<string | null>(null);
  const [mapRadiusM, setMapRadiusM] = useState(() => initialRadiusM());
  const [overlay, setOverlay] = useState<Overlay>('change');
  const [addMode, setAddMode] = useState(false);
  const [mapsIdle, setMapsIdle] = useState<[boolean, boolean]>([false, false]);
  const mapsRef = useRef<CompareMapsHandle>(null);

  const { style: offline, attribution, labels } = useCoverageBasemap({ onError: setError, t });
  // Map settings, as on Site scoring: the basemap (shared with it), the hexagons' opacity and colour ramp (in the address)
  const basemap = useOnlineBasemap();
  const style = basemap.onlineStyle ?? offline;
  useEffect(() => {
    if (basemap.styleError) setError(t('map.settings.failed', { message: basemap.styleError }));
  }, [basemap.styleError, t]);
  const fromUrl = useInitialCoverageUrl();
  const [opacity, setOpacity] = useState(() => fromUrl.opacity ?? DEFAULT_MAP_DISPLAY.opacity);
  const [ramp, setRamp] = useState(() => fromUrl.ramp ?? DEFAULT_MAP_DISPLAY.ramp);
  const display: MapDisplay = useMemo(() => ({ opacity, ramp }), [opacity, ramp]);
  const studyArea = useCoverageArea({ mapsRef, onError: setError, t });
  const { area } = studyArea;
  const scenarios = useCoverageScenarios({ own, initialScenarioId: scenarioIdFromHash(location.hash), initialSides: fromUrl, onError: setError, t });
  useScenarioRoute({ own, setOwn, scenarios, onError: setError, t });
  useCoverageUrlSync({ own, setOwn, fromUrl, leftId: scenarios.leftId, rightId: scenarios.rightId, sidesSettled: scenarios.sidesSettled, radiusM: mapRadiusM, display, onError: setError });
  const today = useTodayCoverage(own, area, setError);
  const { outlets, outletNames } = useOwnOutlets(own, studyArea.bounds, setError);
  const { leftId, rightId, left, right, nameOf, compareKey } = scenarios;
  const netRef = useCallback((id: string) => scenarioNetworkRef(id, own!.id), [own]);
  const walk = useWalkCoverage({ own, area, areaBounds: studyArea.bounds, leftId, rightId, compareKey, netRef, mapsRef });
  const { compare, loading, gaps } = useCoverageComparison({ own, area, competitors: scoringDatasets?.competitors, leftId, rightId, compareKey, mapRadiusM, overlay, netRef, setError });
  const kpis = useCoverageKpis(compare, t, studyArea.areaName, area);
  const optimizer = useOptimizer({
    own, area, t, locale,
    onDone: async (savedId, radiusM, savedName) => {
      // a repeated run (same name but its run number, same sites) shows the scenario saved the first time instead of a duplicate
      const dup = earlierDuplicate(await scenarios.reload(own!.id), savedId);
      if (dup) await deleteScenario(savedId).then(() => scenarios.reload(own!.id)).catch((e) => setError(String((e as Error).message ?? e)));
      scenarios.show('left', TODAY);
      scenarios.show('right', dup?.id ?? savedId);
      setMapRadiusM(radiusM);
      return dup?.name ?? savedName;
    },
  });

  // a new network starts outside "Add site on click"; Esc leaves the mode
  useEffect(() => {
    if (own) setAddMode(false);
  }, [own]);
  useEffect(() => {
    if (!addMode) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setAddMode(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addMode]);

  // Map sides.
  const r = formatRadius(mapRadiusM);
  const { on: walkOn, minutes: walkMinutes } = walk.walk;
  const [walkA, walkB] = walk.walkFc;
  const leftSide: MapSide = useMemo(
    () => leftMapSide({ title: nameOf(leftId), overlay, radiusLabel: r, walk: { on: walkOn, minutes: walkMinutes }, outlets, scenario: left, gaps: gaps[0], walkFc: walkA, ramp, t }),
    [nameOf, leftId, overlay, t, r, outlets, left, gaps, walkA, walkOn, walkMinutes, ramp],
  );
  const rightSide: MapSide = useMemo(
    () => rightMapSide({
      title: nameOf(rightId), overlay, radiusLabel: r, walk: { on: walkOn, minutes: walkMinutes }, outlets, scenario: right, gaps: gaps[1], walkFc: walkB, ramp, t,
      diffHexes: compare?.diffHexes ?? [],
    }),
    [nameOf, rightId, overlay, t, r, outlets, right, gaps, compare, walkB, walkOn, walkMinutes, ramp],
  );

  const exports = useCoverageExport({
    own, areaName: studyArea.areaName, areaBounds: studyArea.bounds, compare, nameA: nameOf(leftId), nameB: nameOf(rightId), sides: [leftSide, rightSide], kpis, mapRadiusM, right, outlets, mapsRef,
    onError: setError, t, locale, ramp,
  });
  useCoverageStatus({
    covMapsIdle: mapsIdle[0] && mapsIdle[1],
    covLoading: loading,
    covCompared: compare && !loading ? `${leftId}|${rightId}` : null,
    covKpiLines: kpis.lines.length,
    covOptimizing: optimizer.state.running,
    covAddMode: addMode,
    covWalkCatchments: walkOn ? walk.walk.catchments : null,
    covGapHexes: [gaps[0].length, gaps[1].length],
  });

  return (
    <div className="cov-view">
      <CoverageSidebar studyArea={studyArea} own={own} onOwn={setOwn} today={today} walk={walk} optimizer={optimizer} scenarios={scenarios} closedNames={outletNames} />
      <div className="cov-main">
        <CoverageToolbar
          nameA={nameOf(leftId)} nameB={nameOf(rightId)} loading={loading}
          overlay={overlay} onOverlay={setOverlay} mapRadiusM={mapRadiusM} onMapRadius={setMapRadiusM}
          canAdd={!!own} addMode={addMode} onToggleAdd={() => setAddMode((v) => !v)}
          canExport={!!compare} exporting={exports.exporting} onExportCsv={exports.exportCsv} onExportPdf={() => void exports.exportPdf()}
        />
        {error && <div className="cov-error banner">{t('cov.error', { msg: error })}</div>}
        {!own && <CoverageCta areaName={studyArea.areaName} />}
        <CompareMaps
          ref={mapsRef}
          style={style}
          bounds={studyArea.bounds}
          left={leftSide}
          right={rightSide}
          labels={labels}
          onOutletClick={scenarios.toggleOutlet}
          addMode={addMode}
          onMapClick={scenarios.addSiteOnMap}
          addBanner={right ? t('cov.addOnClick.banner', { name: right.name }) : t('cov.addOnClick.bannerNew')}
          onIdleChange={setMapsIdle}
          describe={(layer, p) => describeMapFeature(layer, p, { t, locale, radiusLabel: r, walkMinutes, scenarioOnRight: !!right })}
          legend={<CoverageLegend overlay={overlay} walk={walkOn} radiusLabel={r} ramp={ramp} attribution={attribution} />}
          hexOpacity={opacity}
          settings={<MapSettings className="cov-map-settings" url={basemap.styleUrl} onChange={basemap.setStyleUrl} display={display}
            onDisplay={(d) => { setOpacity(d.opacity); setRamp(d.ramp); }} />}
        />
        <KpiPanel areaName={studyArea.areaName} userCompetitors={compare?.params.competitors.map((c) => c.name) ?? []} hasNetwork={!!own} sameScenario={leftId === rightId} lines={kpis.lines} nameA={nameOf(leftId)} nameB={nameOf(rightId)} areaLabel={kpis.areaLabel}
          headline={briefHeadline(kpis.lines, mapRadiusM, { added: right?.added.length ?? 0, closed: right?.closed.length ?? 0, deposits: scenarioDepositTotal(right) }, t, locale)} />
      </div>
    </div>
  );
}
