import { useI18n } from '../i18n/i18n';
import { hexAreaKm2 } from '../map/demandHexes';
import { formatInt } from '../sites/format';
import type { RampName } from '../map/colorRamp';
import { classRanges, DIFF_BREAKS, DIFF_GAINED, DIFF_LOST, GAP_BREAKS, gapColors, type ClassRange } from './mapData';

/** H3 resolution of the coverage hexagons (gap and difference maps, `h3Resolution: 8` in the requests). */
const COVERAGE_HEX_RESOLUTION = 8;

/**
 * The symbols and colour classes of the compare maps, for the overlay in use, in at most three short lines under the
 * maps: the outlet symbols (and the map data attribution, right-aligned), then each hexagon layer titled in real units
 * (residents per H3 res-8 hexagon, not within the map radius / gained / lost) with its class breaks in the Map
 * settings colour ramp.
 */
export function CoverageLegend({ overlay, walk, radiusLabel, ramp = 'default', attribution }: {
  overlay: 'change' | 'gaps' | 'none'; walk?: boolean; radiusLabel: string; ramp?: RampName; attribution: string;
}) {
  const { t, locale } = useI18n();
  const n = (v: number) => formatInt(locale, v);
  const label = (c: ClassRange) => (c.to == null ? t('map.legend.atLeast', { from: n(c.from) }) : `${n(c.from)}–${n(c.to)}`);
  const classes = (ranges: ClassRange[], testId: string, lead?: string) => (
    <span className="cov-lg-classes" data-testid={testId}>
      {lead && <span className="cov-lg-lead">{lead}</span>}
      {ranges.map((c) => <span key={c.from} className="cov-lg-class"><i style={{ background: c.color }} />{label(c)}</span>)}
    </span>
  );
  const area = hexAreaKm2(COVERAGE_HEX_RESOLUTION).toFixed(2);
  return (
    <>
      <span className="cov-lg-group">
        <span className="lg"><i className="dot own" />{t('cov.legend.own')}</span>
        <span className="lg"><i className="dot added" />{t('cov.legend.added')}</span>
        <span className="lg"><i className="dot closed">×</i>{t('cov.legend.closed')}</span>
        {walk && (
          <>
            <span className="lg"><i className="cov-legend-walk" />{t('cov.legend.walkUnion')}</span>
            <span className="lg"><i className="cov-legend-extract" />{t('cov.legend.extract')}</span>
          </>
        )}
      </span>
      <span className="attr">{attribution}</span>
      {overlay !== 'none' && (
        <span className="cov-lg-group row" data-testid="cov-legend-gap">
          <strong className="cov-lg-title">{t('cov.legend.gapTitle', { r: radiusLabel, area })}</strong>
          {classes(classRanges(GAP_BREAKS, gapColors(ramp)), 'cov-legend-gap-classes')}
        </span>
      )}
      {overlay === 'change' && (
        <span className="cov-lg-group row" data-testid="cov-legend-change">
          <strong className="cov-lg-title">{t('cov.legend.changeTitle', { r: radiusLabel })}</strong>
          {classes(classRanges(DIFF_BREAKS, DIFF_GAINED, 1), 'cov-legend-gained-classes', t('cov.legend.gainedShort'))}
          {classes(classRanges(DIFF_BREAKS, DIFF_LOST, 1), 'cov-legend-lost-classes', t('cov.legend.lostShort'))}
        </span>
      )}
    </>
  );
}
