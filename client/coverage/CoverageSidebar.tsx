import type { CoverageResponse } from '../api/coverage';
import type { Institution } from '../api/sites';
import { useI18n } from '../i18n/i18n';
import { AreaPicker } from '../areas/AreaPicker';
import { InstitutionPicker } from './InstitutionPicker';
import { OptimizePanel } from './OptimizePanel';
import { ScenarioEditor, ScenarioPanel } from './ScenarioPanel';
import { TodaySummary } from './TodaySummary';
import type { CoverageArea } from './useCoverageArea';
import type { CoverageScenarios } from './useCoverageScenarios';
import type { Optimizer } from './useOptimizer';
import type { WalkCoverage } from './useWalkCoverage';

/**
 * The coverage tab's side column: the study area (shared with Site scoring), the own network and today's coverage (with walk mode), the optimiser, the
 * scenario list and the editor of scenario B.
 */
export function CoverageSidebar({ studyArea, own, onOwn, today, walk, optimizer, scenarios, closedNames }: {
  studyArea: CoverageArea;
  own: Institution | null;
  onOwn: (inst: Institution) => void;
  today: CoverageResponse | null;
  walk: WalkCoverage;
  optimizer: Optimizer;
  scenarios: CoverageScenarios;
  /** Names of the own outlets by branch id (closed outlets are listed by name). */
  closedNames: Map<number, string>;
}) {
  const { t } = useI18n();
  const { right } = scenarios;
  return (
    <aside className="cov-side">
      <section>
        <AreaPicker value={studyArea.studyArea} info={studyArea.areaName ? { name: studyArea.areaName, cells: null } : null}
          onChange={studyArea.setStudyArea} hideResolution />
        <h2>{t('network.title')}</h2>
        <InstitutionPicker value={own} onChange={onOwn} />
        {!own && <p className="cov-hint">{(studyArea.areaName ? t('network.pickHint', { area: studyArea.areaName }) : t('network.pickHintArea'))}</p>}
        {own && today && <TodaySummary coverage={today} areaName={studyArea.areaName} walk={walk.walk} onWalkChange={walk.setWalk} />}
      </section>
      {own && (
        <>
          <section>
            <h2>{t('cov.optimize')}</h2>
            <OptimizePanel state={optimizer.state} disabled={!own} onRun={optimizer.run} onCancel={optimizer.cancel} areaName={studyArea.areaName} />
          </section>
          <section>
            <h2>{t('cov.scenarios')}</h2>
            <ScenarioPanel
              scenarios={scenarios.scenarios}
              leftId={scenarios.leftId}
              rightId={scenarios.rightId}
              busy={optimizer.state.running}
              onShow={scenarios.show}
              onCreate={() => void scenarios.create()}
              onRename={scenarios.rename}
              onDelete={scenarios.remove}
            />
          </section>
          {right && (
            <section>
              <ScenarioEditor scenario={right} closedNames={closedNames} onAddSite={scenarios.addSite} onRemoveAdded={scenarios.removeAdded} onReopen={scenarios.reopen} />
            </section>
          )}
        </>
      )}
    </aside>
  );
}
