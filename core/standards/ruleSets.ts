/** The shipped jurisdiction profiles (layouts/standards/*.json), parsed and validated once. */
import usJson from '../../layouts/standards/us-ada-ibc.json' with { type: 'json' };
import cnJson from '../../layouts/standards/cn-gb-ga.json' with { type: 'json' };
import { parseRuleSet, type RuleSet } from './ruleSet';

export const PROFILE_IDS = ['us-ada-ibc', 'cn-gb-ga'] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export const RULE_SETS: Record<ProfileId, RuleSet> = {
  'us-ada-ibc': parseRuleSet(usJson, 'layouts/standards/us-ada-ibc.json'),
  'cn-gb-ga': parseRuleSet(cnJson, 'layouts/standards/cn-gb-ga.json'),
};
