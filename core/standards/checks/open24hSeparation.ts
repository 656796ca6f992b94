/**
 * open24h-separation: a zone open 24 h (attribute open24h) has its own exterior door and every door from it into
 * the branch is lockable (BR-04; GA 745-2017 application modes).
 */
import { finding, zoneAt, type CheckModule } from './types';

export const open24hSeparation: CheckModule<'open24h-separation'> = {
  kind: 'open24h-separation',
  scope: 'zone',
  run(rule, p, _ctx, only) {
    return p.zones.filter((z) => z.valid && z.zone.attributes[rule.params.attribute] === true && (!only || only.has(z.zone.id))).flatMap((z) => {
      const doors = p.plan.doors.filter((d) => d.connects.includes(z.zone.id));
      const exterior = doors.filter((d) => d.connects.includes('outside'));
      const name = z.zone.name || z.zone.id;
      const out = [];
      if (!exterior.length) {
        out.push(finding(rule, { zoneIds: [z.zone.id], at: zoneAt(z), measured: 0, required: 1, unit: 'count', key: 'open24hNoDoor', vars: { zone: name }, message: `24-hour zone "${name}" has no exterior door of its own.` }));
      }
      for (const d of doors) {
        if (d.connects.includes('outside') || d.lockable) continue;
        out.push(finding(rule, {
          zoneIds: [z.zone.id], elementIds: [d.id], at: { type: 'segment', a: d.a, b: d.b }, measured: 0, required: 1, unit: 'count',
          key: 'open24hDoorLock', vars: { door: d.name || d.id, zone: name },
          message: `Door "${d.name || d.id}" between 24-hour zone "${name}" and the branch is not lockable.`,
        }));
      }
      return out;
    });
  },
};
