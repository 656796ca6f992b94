import { deltaTone, formatRadius, formatRowDelta, formatValue, type KpiLine } from '../../core/coverage/kpi';
import { useI18n } from '../i18n/i18n';

export interface KpiTableProps {
  lines: KpiLine[];
  nameA: string;
  nameB: string;
  /** Area name for a line (translated borough names; the whole study area for lines without areaId). */
  areaLabel: (line: KpiLine) => string;
}

/**
 * The comparison table an executive reads: per area and radius, covered residents and share for A and B with
 * the change (signed, coloured: green good, red bad), then expected customers and cannibalisation.
 */
export function KpiTable({ lines, nameA, nameB, areaLabel }: KpiTableProps) {
  const { t, locale } = useI18n();
  let lastArea = '';
  return (
    <table className="cov-kpi" data-testid="cov-kpi-table">
      <thead>
        <tr className="groups">
          <th className="l" rowSpan={2}>{t('cov.area')}</th>
          <th className="l" rowSpan={2}>{t('cov.radius')}</th>
          <th colSpan={3} className="group">{t('cov.metric.coveredPopulation')}</th>
          <th colSpan={3} className="group">{t('cov.metric.share')}</th>
        </tr>
        <tr className="sub">
          <th title={nameA}><span className="tag a">A</span></th>
          <th title={nameB}><span className="tag b">B</span></th>
          <th>{t('cov.change')}</th>
          <th title={nameA}><span className="tag a">A</span></th>
          <th title={nameB}><span className="tag b">B</span></th>
          <th>{t('cov.change')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const area = line.kind === 'coverage' ? areaLabel(line) : line.kind === 'expectedDemand' ? t('cov.expectedDemand') : t('cov.cannibalisation');
          const firstOfArea = area !== lastArea;
          lastArea = area;
          const p = line.people;
          const s = line.share;
          return (
            <tr key={line.key} className={firstOfArea ? 'first' : ''} data-kpi={line.key}>
              <td className="l area">{firstOfArea ? area : ''}</td>
              <td className="l">{line.radiusM != null ? formatRadius(line.radiusM) : ''}</td>
              <td>{formatValue(p.a, 'people', locale)}</td>
              <td>{formatValue(p.b, 'people', locale)}</td>
              <td className={`delta ${deltaTone(p)}`} data-testid={`cov-delta-${line.key}`}>{formatRowDelta(p, locale)}</td>
              <td>{s ? formatValue(s.a, 'share') : ''}</td>
              <td>{s ? formatValue(s.b, 'share') : ''}</td>
              <td className={`delta ${s ? deltaTone(s) : ''}`}>{s ? formatRowDelta(s, locale) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
