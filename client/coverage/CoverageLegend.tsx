import { useI18n } from '../i18n/i18n';
import { DIFF_GAINED, DIFF_LOST, GAP_COLORS } from './mapData';

/** The symbols and colour ramps of the compare maps, for the overlay in use. */
export function CoverageLegend({ overlay, walk }: { overlay: 'change' | 'gaps' | 'none'; walk?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <span className="lg"><i className="dot own" />{t('cov.legend.own')}</span>
      <span className="lg"><i className="dot added" />{t('cov.legend.added')}</span>
      <span className="lg"><i className="dot closed">×</i>{t('cov.legend.closed')}</span>
      {overlay !== 'none' && (
        <span className="lg"><i className="sw" style={{ background: `linear-gradient(90deg, ${GAP_COLORS[1]}, ${GAP_COLORS[4]})` }} />{t('cov.legend.gap')}</span>
      )}
      {overlay === 'change' && (
        <>
          <span className="lg"><i className="sw" style={{ background: `linear-gradient(90deg, ${DIFF_GAINED[0]}, ${DIFF_GAINED[2]})` }} />{t('cov.legend.gained')}</span>
          <span className="lg"><i className="sw" style={{ background: `linear-gradient(90deg, ${DIFF_LOST[0]}, ${DIFF_LOST[2]})` }} />{t('cov.legend.lost')}</span>
        </>
      )}
      {walk && (
        <>
          <span className="lg"><i className="cov-legend-walk" />{t('cov.legend.walk')}</span>
          <span className="lg"><i className="cov-legend-extract" />{t('cov.legend.extract')}</span>
        </>
      )}
    </>
  );
}
