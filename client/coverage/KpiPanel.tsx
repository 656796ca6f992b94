import type { KpiLine } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';
import { KpiTable } from './KpiTable';

/** Under the maps: the KPI table of A against B (or the hint to pick a network), and the note on what it counts. */
export function KpiPanel({ userCompetitors, hasNetwork, sameScenario, lines, nameA, nameB, areaLabel, headline, areaName }: {
  /** The study area's name in the UI language (null while it loads). */
  areaName: string | null;
  /** B against A in one sentence (the brief's first line), or null. */
  headline?: string | null;
  /** Names of the users' competitor datasets counted in the expected demand (Huff), if any. */
  userCompetitors: string[];
  hasNetwork: boolean;
  /** A and B show the same network (every change is zero). */
  sameScenario: boolean;
  lines: KpiLine[];
  nameA: string;
  nameB: string;
  areaLabel: (l: KpiLine) => string;
}) {
  const { t } = useI18n();
  return (
    <div className="cov-kpi-wrap">
      <div className="cov-kpi-head">
        <h2>{t('cov.kpis')}</h2>
        {sameScenario && hasNetwork && <span className="cov-hint">{t('cov.sameScenario')}</span>}
      </div>
      {hasNetwork && !sameScenario && headline && <p className="cov-headline" data-testid="kpi-headline">{headline}</p>}
      {hasNetwork ? lines.length > 0 && <KpiTable lines={lines} nameA={nameA} nameB={nameB} areaLabel={areaLabel} /> : <p className="cov-hint">{(areaName ? t('network.pickHint', { area: areaName }) : t('network.pickHintArea'))}</p>}
      <p className="cov-note">{t('cov.kpiNote')}</p>
      {userCompetitors.length > 0 && <p className="cov-note" data-testid="cov-user-competitors">{t('cov.userCompetitors', { names: userCompetitors.join(', ') })}</p>}
    </div>
  );
}
