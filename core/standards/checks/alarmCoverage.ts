/**
 * alarm-coverage: an emergency alarm at every cash counter position (alarms within maxDistanceM of the counter's
 * footprint ≥ its positions) and at least one alarm in the customer (non-cash) area — SEC-07, GA 38-2015/2021
 * technical protection (secondary source).
 */
import { pointRingDistanceM, polygonContainsPoint } from '../../floorplan/geometry';
import { countNoun, finding, fmtM, type CheckModule } from './types';
import type { Finding } from '../findings';

export const alarmCoverage: CheckModule<'alarm-coverage'> = {
  kind: 'alarm-coverage',
  scope: 'plan',
  run(rule, p) {
    const { counterKinds, cashOnly, alarmKind, maxDistanceM, customerAreaAlarm } = rule.params;
    const alarms = p.fixtures.filter((f) => f.fixture.kind === alarmKind);
    const out: Finding[] = [];
    for (const c of p.fixtures) {
      if (!counterKinds.includes(c.fixture.kind) || (cashOnly && c.fixture.attributes.cash !== true)) continue;
      const positions = c.fixture.attributes.positions ?? 1;
      const dist = alarms.map((a) => (polygonContainsPoint(c.footprint, a.fixture.at) ? 0 : pointRingDistanceM(a.fixture.at, c.footprint)));
      const near = dist.filter((d) => d <= maxDistanceM + 5e-4).length;
      if (near >= positions) continue;
      const nearest = dist.length ? Math.min(...dist) : Infinity;
      out.push(finding(rule, {
        zoneIds: c.zoneId ? [c.zoneId] : [], elementIds: [c.fixture.id], at: { type: 'polygon', rings: [c.footprint] },
        measured: near, required: positions, unit: 'count',
        message: `Counter "${c.fixture.name || c.fixture.id}" has ${countNoun(near, 'emergency alarm')} within ${fmtM(maxDistanceM)} for ${countNoun(positions, 'position')}${Number.isFinite(nearest) ? ` (nearest ${fmtM(nearest)})` : ''}.`,
        key: 'alarmCounter', vars: { counter: c.fixture.name || c.fixture.id, near, positions, within: fmtM(maxDistanceM) },
      }));
    }
    if (customerAreaAlarm && p.fixtures.some((f) => counterKinds.includes(f.fixture.kind))) {
      const inCustomer = alarms.filter((a) => a.zoneId && p.zoneById.get(a.zoneId)?.customerAccess).length;
      if (inCustomer === 0) {
        out.push(finding(rule, {
          elementIds: alarms.map((a) => a.fixture.id), at: { type: 'polygon', rings: [p.outline] }, measured: 0, required: 1, unit: 'count',
          message: 'No emergency alarm in the customer (non-cash) area.', key: 'alarmHall', vars: {},
        }));
      }
    }
    return out;
  },
};
