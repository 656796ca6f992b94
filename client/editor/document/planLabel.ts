import { translate } from '../../i18n/i18n';
import type { Locale } from '../../i18n/messages';

/**
 * The name a plan is listed under in `locale`: a shipped sample plan (layouts/plans/<id>.plan.json) that still has its
 * file's English name is shown under its translation (`editor.samplePlan.<id>`); any other plan, or a sample a user
 * renamed, under its own name, as typed. The plan document itself is never changed.
 */
export function planLabel(plan: { id: string; name: string; sample?: boolean }, locale: Locale): string {
  if (!plan.sample) return plan.name;
  const key = `editor.samplePlan.${plan.id}`;
  const english = translate('en', key);
  return english !== key && english === plan.name ? translate(locale, key) : plan.name;
}
