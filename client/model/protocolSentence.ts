import type { ValidationReportDto } from '../api/forecast';
import { translate } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';

/**
 * The validation protocol of a parameter set's report, in the UI language, from the report's numbers: the SOD
 * calibration's (bank effect, temporal hold-out, bootstrap intervals — the report has targets) or a refit on a user's
 * own outcomes (location features only, no targets). A report stored without the numbers keeps its English
 * `description`.
 */
export function protocolSentence(report: Pick<ValidationReportDto, 'protocol' | 'targets'>, locale: Locale): string {
  const p = report.protocol;
  if (p.blockSizeM == null || p.blocks == null || !p.seeds || p.folds == null || p.innerFolds == null) return p.description;
  const vars = { km: p.blockSizeM / 1000, blocks: p.blocks, seeds: p.seeds.length, folds: p.folds, inner: p.innerFolds,
    train: p.temporalTrainYear ?? '', test: p.testYear ?? '', boot: p.bootstrapReplicates ?? '' };
  return translate(locale, report.targets.length > 0 ? 'model.protocol.sod' : 'model.protocol.outcomes', vars);
}
