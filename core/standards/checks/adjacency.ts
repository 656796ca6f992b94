/** adjacency: each zone of kindsA shares ≥ minSharedEdgeM of boundary or a door with a zone of kindsB (ADJ(a,b,len)). */
import { sharedEdges } from '../geom/polygon';
import { finding, zoneAt, type CheckModule } from './types';

export const adjacency: CheckModule<'adjacency'> = {
  kind: 'adjacency',
  scope: 'plan',
  run(rule, p) {
    const { kindsA, kindsB, minSharedEdgeM } = rule.params;
    const As = p.zones.filter((z) => z.valid && kindsA.includes(z.zone.kind));
    const Bs = p.zones.filter((z) => z.valid && kindsB.includes(z.zone.kind));
    return As.flatMap((A) => {
      let best = 0;
      for (const B of Bs) {
        if (B === A) continue;
        const len = sharedEdges(A.ring, B.ring, 0.02).reduce((s, e) => s + e.lengthM, 0);
        const doorW = p.plan.doors.filter((d) => d.connects.includes(A.zone.id) && d.connects.includes(B.zone.id)).reduce((s, d) => s + d.clearWidthM, 0);
        best = Math.max(best, len, doorW);
      }
      if (best >= minSharedEdgeM - 1e-9) return [];
      return [finding(rule, {
        zoneIds: [A.zone.id], at: zoneAt(A), measured: best, required: minSharedEdgeM, unit: 'm',
        key: 'adjacency', vars: { zone: A.zone.name || A.zone.id, shared: best.toFixed(2), zoneKinds: kindsB.join('/'), required: minSharedEdgeM },
        message: `Zone "${A.zone.name || A.zone.id}" shares ${best.toFixed(2)} m with a ${kindsB.join('/')} zone; needs ≥ ${minSharedEdgeM} m.`,
      })];
    });
  },
};
