/**
 * turning-circle: CIRCLE(zone, d) — the largest inscribed circle of the zone's free space (zone minus the
 * fixtures standing in it) has diameter ≥ d (ADA 304.3.1 60 in / 1525 mm; GB 50763 1.50 m).
 */
import { largestInscribedCircle } from '../geom/inscribedCircle';
import { NON_OBSTACLE_FIXTURES } from '../prepare';
import { finding, fmtM, zonesFor, type CheckModule } from './types';

export const turningCircle: CheckModule<'turning-circle'> = {
  kind: 'turning-circle',
  scope: 'zone',
  run(rule, p, _ctx, only) {
    const d = rule.params.diameterM;
    return zonesFor(rule, p).filter((z) => !only || only.has(z.zone.id)).flatMap((z) => {
      const obstacles = p.fixtures.filter((f) => !NON_OBSTACLE_FIXTURES.has(f.fixture.kind)
        && f.footprint.some(([x, y]) => x >= z.bounds.minX - 1 && x <= z.bounds.maxX + 1 && y >= z.bounds.minY - 1 && y <= z.bounds.maxY + 1))
        .map((f) => f.footprint);
      const { centre, radiusM } = largestInscribedCircle(z.ring, obstacles, 0.0005);
      const diam = 2 * radiusM;
      if (diam >= d - 1e-3) return [];
      return [finding(rule, {
        zoneIds: [z.zone.id], at: { type: 'point', point: centre }, measured: diam, required: d, unit: 'm',
        key: 'turning', vars: { zone: z.zone.name || z.zone.id, measured: fmtM(diam), required: fmtM(d) },
        message: `Zone "${z.zone.name || z.zone.id}" fits a turning circle of ${fmtM(diam)} at most; needs ${fmtM(d)}.`,
      })];
    });
  },
};
