/** zone-validity: degenerate / invalid zone polygons become error findings naming the zone; other zones are still checked. */
import { openRing } from '../../floorplan/geometry';
import { ringProblems } from '../geom/polygon';
import { finding, type CheckModule } from './types';

export const zoneValidity: CheckModule<'zone-validity'> = {
  kind: 'zone-validity',
  scope: 'zone',
  run(rule, p, _ctx, only) {
    return p.zones.filter((z) => !only || only.has(z.zone.id)).flatMap((z) => {
      const problems = ringProblems(z.ring, rule.params.minAreaM2, rule.params.spikeAngleDeg);
      if (!problems.length) return [];
      const ring = openRing(z.zone.polygon);
      const first = ring.find((pt) => Number.isFinite(pt[0]) && Number.isFinite(pt[1])) ?? [0, 0];
      return [finding(rule, {
        zoneIds: [z.zone.id], at: ring.length >= 3 ? { type: 'polygon', rings: [ring] } : { type: 'point', point: first },
        measured: z.areaM2, required: rule.params.minAreaM2, unit: 'm2',
        key: 'invalidZone', vars: { zone: z.zone.name || z.zone.id, problems: problems.join(', ') },
        message: `Zone "${z.zone.name || z.zone.id}" cannot be measured: ${problems.join(', ')}; the other zones are still checked.`,
      })];
    });
  },
};
