/**
 * reachability: every customer zone is reachable from the main entrance through doors or open shared
 * boundaries (ADA-13 / BR-10), walking only through customer zones.
 */
import { reachableFromEntrance } from '../graph';
import { finding, zoneAt, type CheckModule } from './types';

export const reachability: CheckModule<'reachability'> = {
  kind: 'reachability',
  scope: 'plan',
  run(rule, p) {
    const customer = new Set(p.zones.filter((z) => z.valid && z.customerAccess).map((z) => z.zone.id));
    const entrance = p.plan.doors.find((d) => d.mainEntrance) ?? p.plan.doors.find((d) => d.connects.includes('outside'));
    if (!entrance) {
      const c = p.outline.length >= 3 ? p.outline : [[0, 0], [0, 0], [0, 0]] as [number, number][];
      return [finding(rule, { at: { type: 'polygon', rings: [c] }, measured: 0, required: 1, unit: 'count', key: 'noEntrance', message: 'No entrance door to the outside: no zone can be reached.' })];
    }
    const { reached } = reachableFromEntrance(p, (l) => (l.to === 'outside' || customer.has(l.to)) && l.widthM >= rule.params.minOpeningM - 1e-9);
    return p.zones.filter((z) => z.valid && z.customerAccess && !reached.has(z.zone.id) && (!rule.appliesTo.zoneKinds || rule.appliesTo.zoneKinds.includes(z.zone.kind)))
      .map((z) => finding(rule, {
        zoneIds: [z.zone.id], elementIds: [entrance.id], at: zoneAt(z), measured: 0, required: 1, unit: 'count',
        key: 'unreachable', vars: { zone: z.zone.name || z.zone.id, entrance: entrance.name || entrance.id },
        message: `Customer zone "${z.zone.name || z.zone.id}" cannot be reached from the entrance "${entrance.name || entrance.id}" through doors ≥ ${rule.params.minOpeningM} m or open edges.`,
      }));
  },
};
