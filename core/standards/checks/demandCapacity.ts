/**
 * demand-capacity: counters, ATMs or waiting seats drawn vs. the Erlang C sizing for the linked site's
 * demand (BR-07, BR-08; core/queueing/erlangC.ts). Counters count their `positions` (default 1).
 */
import { finding, type CheckModule } from './types';

/** Skip reason of the demand rules when the plan has no demand figure (localised as `standards.skip.noDemand`). */
export const NO_DEMAND_REASON = 'no demand figure: link the plan to a saved site or type the daily visits';

export const demandCapacity: CheckModule<'demand-capacity'> = {
  kind: 'demand-capacity',
  scope: 'plan',
  skipReason: (_rule, ctx) => (ctx.sizing ? undefined : ctx.sizingNote ?? NO_DEMAND_REASON),
  run(rule, p, ctx) {
    const s = ctx.sizing;
    if (!s) return [];
    const items = p.fixtures.filter((f) => rule.params.fixtureKinds.includes(f.fixture.kind));
    const have = items.reduce((n, f) => n + (rule.params.channel === 'counters' ? (f.fixture.attributes.positions ?? 1) : 1), 0);
    const need = rule.params.channel === 'counters' ? s.counters.servers : rule.params.channel === 'atms' ? s.atms.servers : s.waitingSeats;
    if (have >= need) return [];
    const what = rule.params.channel === 'seats' ? (have === 1 ? 'waiting seat' : 'waiting seats') : rule.params.channel === 'atms' ? (have === 1 ? 'ATM' : 'ATMs') : have === 1 ? 'counter' : 'counters';
    const detail = rule.params.channel === 'seats'
      ? `95th-percentile queue ${s.counters.queueLengthP95} × companion factor`
      : `${Math.round((rule.params.channel === 'counters' ? s.counters : s.atms).serviceLevelShare * 1000) / 10}% served within ${(rule.params.channel === 'counters' ? s.counters : s.atms).targetWaitMin} min at that count`;
    return [finding(rule, {
      key: `demand.${rule.params.channel}`, vars: { have, need, visits: s.visitsPerDay.toFixed(0) },
      elementIds: items.map((f) => f.fixture.id), at: { type: 'polygon', rings: items.length ? items.map((f) => f.footprint) : [p.outline] }, measured: have, required: need, unit: 'count',
      message: `${have} ${what} drawn; the demand (${s.visitsPerDay.toFixed(0)} visits/day) needs ${need} (${detail}).`,
    })];
  },
};
