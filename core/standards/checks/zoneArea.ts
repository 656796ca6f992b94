/** zone-area: AREA(zone) within [minAreaM2, maxAreaM2] (shoelace area of the true polygon). */
import { finding, fmtM, zoneAt, zonesFor, type CheckModule } from './types';

export const zoneArea: CheckModule<'zone-area'> = {
  kind: 'zone-area',
  scope: 'zone',
  run(rule, p, _ctx, only) {
    const { minAreaM2, maxAreaM2 } = rule.params;
    void fmtM;
    return zonesFor(rule, p).filter((z) => !only || only.has(z.zone.id)).flatMap((z) => {
      const a = z.areaM2;
      const name = z.zone.name || z.zone.id;
      if (minAreaM2 !== undefined && a < minAreaM2 - 1e-9) {
        return [finding(rule, { zoneIds: [z.zone.id], at: zoneAt(z), measured: a, required: minAreaM2, unit: 'm2', key: 'zoneAreaMin', vars: { zone: name, area: a.toFixed(2), min: minAreaM2 }, message: `Zone "${name}" is ${a.toFixed(2)} m², below the minimum ${minAreaM2} m².` })];
      }
      if (maxAreaM2 !== undefined && a > maxAreaM2 + 1e-9) {
        return [finding(rule, { zoneIds: [z.zone.id], at: zoneAt(z), measured: a, required: maxAreaM2, unit: 'm2', key: 'zoneAreaMax', vars: { zone: name, area: a.toFixed(2), max: maxAreaM2 }, message: `Zone "${name}" is ${a.toFixed(2)} m², above the maximum ${maxAreaM2} m².` })];
      }
      return [];
    });
  },
};
