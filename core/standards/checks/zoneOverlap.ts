/**
 * zone-overlap: OVERLAP(a,b) = intersection area above a tolerance (FLOORPLAN-STANDARDS.md §3 primitives).
 * Touching zones share only a boundary (area 0) and float slivers stay under the tolerance. Candidate
 * pairs come from a Flatbush index of zone bounds, never all pairs.
 */
import Flatbush from 'flatbush';
import { intersectRings, multiAreaM2 } from '../geom/clip';
import { finding, type CheckModule } from './types';

export const zoneOverlap: CheckModule<'zone-overlap'> = {
  kind: 'zone-overlap',
  scope: 'pair',
  run(rule, p, _ctx, only) {
    const zones = p.zones.filter((z) => z.valid);
    if (zones.length < 2) return [];
    const index = new Flatbush(zones.length);
    for (const z of zones) index.add(z.bounds.minX, z.bounds.minY, z.bounds.maxX, z.bounds.maxY);
    index.finish();
    const out = [];
    for (let i = 0; i < zones.length; i++) {
      const A = zones[i];
      const aOnly = only?.has(A.zone.id) ?? true;
      for (const j of index.search(A.bounds.minX, A.bounds.minY, A.bounds.maxX, A.bounds.maxY)) {
        if (j === i) continue;
        const B = zones[j];
        // each unordered pair once: when filtering, the pair is run from the changed zone (or the lower index if both changed)
        if (only) {
          const bOnly = only.has(B.zone.id);
          if (!aOnly && !bOnly) continue;
          if (aOnly && bOnly && j < i) continue;
          if (!aOnly && bOnly) continue;
        } else if (j < i) continue;
        const inter = intersectRings(A.ring, B.ring);
        const area = multiAreaM2(inter);
        if (area <= rule.params.toleranceM2) continue;
        out.push(finding(rule, {
          zoneIds: [A.zone.id, B.zone.id], at: { type: 'polygon', rings: inter.map((poly) => poly[0].slice(0, -1)) },
          measured: area, required: rule.params.toleranceM2, unit: 'm2',
          message: `Zones "${A.zone.name || A.zone.id}" and "${B.zone.name || B.zone.id}" overlap by ${area.toFixed(2)} m².`,
        }));
      }
    }
    return out;
  },
};
