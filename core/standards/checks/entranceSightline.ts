/**
 * entrance-sightline: a cash counter is not directly facing the main entrance (SEC-06, practice guide based on
 * GA 38-2004): the strip swept from the entrance opening along its inward normal (its width, ± halfWidthM) for
 * maxDistanceM must not meet a cash counter. The finding is on the counter, measured: its distance from the entrance.
 */
import type { PlanPoint } from '../../floorplan/model';
import { clipConvex } from '../geom/convexClip';
import { polygonAreaM2, polygonContainsPoint } from '../../floorplan/geometry';
import { finding, fmtM, type CheckModule } from './types';

export const entranceSightline: CheckModule<'entrance-sightline'> = {
  kind: 'entrance-sightline',
  scope: 'plan',
  run(rule, p) {
    const { fixtureKinds, cashOnly, maxDistanceM, halfWidthM } = rule.params;
    const d = p.plan.doors.find((x) => x.mainEntrance);
    if (!d) return [];
    const len = Math.hypot(d.b[0] - d.a[0], d.b[1] - d.a[1]) || 1;
    const u: PlanPoint = [(d.b[0] - d.a[0]) / len, (d.b[1] - d.a[1]) / len];
    let n: PlanPoint = [-u[1], u[0]];
    // inward: the side the entrance's zone lies on
    const mid: PlanPoint = [(d.a[0] + d.b[0]) / 2, (d.a[1] + d.b[1]) / 2];
    const test: PlanPoint = [mid[0] + n[0] * 0.2, mid[1] + n[1] * 0.2];
    if (!(p.outlineValid ? polygonContainsPoint(p.outline, test) : true)) n = [-n[0], -n[1]];
    const a: PlanPoint = [d.a[0] - u[0] * halfWidthM, d.a[1] - u[1] * halfWidthM];
    const b: PlanPoint = [d.b[0] + u[0] * halfWidthM, d.b[1] + u[1] * halfWidthM];
    const strip: PlanPoint[] = [a, b, [b[0] + n[0] * maxDistanceM, b[1] + n[1] * maxDistanceM], [a[0] + n[0] * maxDistanceM, a[1] + n[1] * maxDistanceM]];
    return p.fixtures.filter((f) => fixtureKinds.includes(f.fixture.kind) && (!cashOnly || f.fixture.attributes.cash === true))
      .filter((f) => { const c = clipConvex(f.footprint, strip); return c.length > 0 && polygonAreaM2(c) > 1e-6; }) // touching the strip's edge is not facing
      .map((f) => {
        const dist = Math.min(...f.footprint.map((q) => (q[0] - mid[0]) * n[0] + (q[1] - mid[1]) * n[1]));
        return finding(rule, {
          zoneIds: f.zoneId ? [f.zoneId] : [], elementIds: [f.fixture.id, d.id], at: { type: 'polygon', rings: [f.footprint] },
          measured: dist, required: null, unit: 'm',
          message: `Cash counter "${f.fixture.name || f.fixture.id}" directly faces the main entrance, ${fmtM(dist)} in front of it.`,
          key: 'facesEntrance', vars: { counter: f.fixture.name || f.fixture.id, dist: fmtM(dist) },
        });
      });
  },
};
