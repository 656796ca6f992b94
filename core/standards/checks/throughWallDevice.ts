/**
 * through-wall-device: a through-wall ATM's front edge lies on a boundary shared by a customer zone and a
 * cash-loading room, and its body is in that room (GA 745-2017, SEC-09). Measured: the distance from the front
 * edge's midpoint to such a shared edge.
 */
import type { PlanPoint } from '../../floorplan/model';
import { sharedEdges } from '../geom/polygon';
import { pointSegmentDistance, polygonContainsPoint } from '../../floorplan/geometry';
import { finding, fmtM, type CheckModule } from './types';
import type { Finding } from '../findings';

export const throughWallDevice: CheckModule<'through-wall-device'> = {
  kind: 'through-wall-device',
  scope: 'plan',
  run(rule, p) {
    const { fixtureKinds, attribute, backKinds, toleranceM } = rule.params;
    const customer = p.zones.filter((z) => z.valid && z.customerAccess);
    const back = p.zones.filter((z) => z.valid && backKinds.includes(z.zone.kind));
    const shared = customer.flatMap((c) => back.flatMap((b) => sharedEdges(c.ring, b.ring, 0.05)));
    const out: Finding[] = [];
    for (const f of p.fixtures) {
      if (!fixtureKinds.includes(f.fixture.kind) || f.fixture.attributes[attribute] !== true) continue;
      const n = f.frontNormal;
      const mid: PlanPoint = [f.fixture.at[0] + n[0] * f.fixture.depthM / 2, f.fixture.at[1] + n[1] * f.fixture.depthM / 2];
      const d = shared.length ? Math.min(...shared.map((e) => pointSegmentDistance(mid, e.a, e.b).distanceM)) : Infinity;
      const bodyInBack = back.some((b) => polygonContainsPoint(b.ring, f.fixture.at));
      if (d <= toleranceM && bodyInBack) continue;
      out.push(finding(rule, {
        zoneIds: f.zoneId ? [f.zoneId] : [], elementIds: [f.fixture.id], at: { type: 'polygon', rings: [f.footprint] },
        measured: Number.isFinite(d) ? d : null, required: toleranceM, unit: 'm',
        message: `Through-wall ${f.fixture.kind} "${f.fixture.name || f.fixture.id}" is not set in a wall between the customer area and a ${backKinds.join('/')} room${Number.isFinite(d) ? ` (front ${fmtM(d)} from such a wall)` : ''}${bodyInBack ? '' : '; its body is not in that room'}.`,
        key: 'throughWall', vars: { element: f.fixture.name || f.fixture.id, back: backKinds.join('/') },
      }));
    }
    return out;
  },
};
