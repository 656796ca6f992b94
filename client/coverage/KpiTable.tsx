import { deltaTone, formatDelta, formatRadius, formatValue, type KpiLine } from '../../core/coverage/kpi';
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
        <tr>
          <th className="l">{t('cov.area')}</th>
          <th className="l">{t('cov.radius')}</th>
          <th>{t('cov.coveredA', { name: nameA })}</th>
          <th>{t('cov.coveredB', { name: nameB })}</th>
          <th>{t('cov.changePeople')}</th>
          <th>{t('cov.shareA', { name: nameA })}</th>
          <th>{t('cov.shareB', { name: nameB })}</th>
          <th>{t('cov.changeShare')}</th>
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
              <td className={`delta ${deltaTone(p)}`} data-testid={`cov-delta-${line.key}`}>{formatDelta(p.delta, 'people', locale)}</td>
              <td>{s ? formatValue(s.a, 'share') : ''}</td>
              <td>{s ? formatValue(s.b, 'share') : ''}</td>
              <td className={`delta ${s ? deltaTone(s) : ''}`}>{s ? formatDelta(s.delta, 'share', locale) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
