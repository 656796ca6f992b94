/**
 * zone-overlap: OVERLAP(a,b) = intersection area above a tolerance (FLOORPLAN-STANDARDS.md §3 primitives).
 * Touching zones share only a boundary (area 0) and float slivers stay under the tolerance. Candidate
 * pairs come from a Flatbush index of zone bounds, never all pairs.
 */
import Flatbush from 'flatbush';
import { intersectRings, multiAreaM2, type MultiPolygonM } from '../geom/clip';
import { clipConvex, isConvex } from '../geom/convexClip';
import { polygonAreaM2 } from '../../floorplan/geometry';
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
    const convex = zones.map((z) => isConvex(z.ring));
    const order = zones.map((z) => p.zones.indexOf(z));
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
        // bounds overlapping by no more than the tolerance cannot hide an overlap above it (touching zones stop here)
        const bw = Math.min(A.bounds.maxX, B.bounds.maxX) - Math.max(A.bounds.minX, B.bounds.minX);
        const bh = Math.min(A.bounds.maxY, B.bounds.maxY) - Math.max(A.bounds.minY, B.bounds.minY);
        if (bw <= 0 || bh <= 0 || bw * bh <= rule.params.toleranceM2) continue;
        let inter: MultiPolygonM;
        if (convex[i] && convex[j]) { const c = clipConvex(A.ring, B.ring); inter = c.length ? [[[...c, c[0]]]] : []; }
        else inter = intersectRings(A.ring, B.ring);
        const area = inter.length && convex[i] && convex[j] ? polygonAreaM2(inter[0][0]) : multiAreaM2(inter);
        if (area <= rule.params.toleranceM2) continue;
        out.push(finding(rule, {
          zoneIds: order[i] < order[j] ? [A.zone.id, B.zone.id] : [B.zone.id, A.zone.id], /* plan order, however the pair was found */ at: { type: 'polygon', rings: inter.map((poly) => poly[0].slice(0, -1)) },
          measured: area, required: rule.params.toleranceM2, unit: 'm2',
          key: 'overlap', vars: { a: A.zone.name || A.zone.id, b: B.zone.name || B.zone.id, area: area.toFixed(2) },
          message: `Zones "${A.zone.name || A.zone.id}" and "${B.zone.name || B.zone.id}" overlap by ${area.toFixed(2)} m².`,
        }));
      }
    }
    return out;
  },
};
