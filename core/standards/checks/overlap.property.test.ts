/** Property tests (fast-check): overlap and clear width do not depend on where the plan is or how it is turned. */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { rotatePoint } from '../../floorplan/geometry';
import type { PlanPoint } from '../../floorplan/model';
import { preparePlan } from '../prepare';
import { zoneOverlap } from './zoneOverlap';
import { clearWidth } from './clearWidth';
import { door, plan, rect, zone } from '../testing/planBuilder';
import type { RuleOf } from '../ruleSet';

const overlapRule: RuleOf<'zone-overlap'> = { id: 'P-01', kind: 'zone-overlap', title: 't', appliesTo: {}, branchTypes: ['*'], params: { toleranceM2: 0.01 }, severity: 'error', source: { document: 'd', clause: 'c' }, status: 'verified' };
const widthRule: RuleOf<'clear-width'> = { id: 'P-02', kind: 'clear-width', title: 't', appliesTo: { customerZones: true }, branchTypes: ['*'], params: { minWidthM: 1.2, minZoneAreaM2: 1, minWideAreaM2: 0.25 }, severity: 'error', source: { document: 'd', clause: 'c' }, status: 'verified' };

describe('invariance under rigid motions', () => {
  it('two 4 × 3 zones overlapping by d along x overlap by 3·d m², touching ones by nothing — any rotation, any offset', () => {
    fc.assert(fc.property(
      fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true }),
      fc.double({ min: 0, max: 2, noNaN: true }),
      (deg, tx, ty, d) => {
        const mv = (r: PlanPoint[]) => r.map((p) => { const q = rotatePoint(p, deg, [0, 0]); return [q[0] + tx, q[1] + ty] as PlanPoint; });
        const p = plan({
          outline: { polygon: mv(rect(-1, -1, 10, 5)), walls: [] },
          zones: [zone('a', 'reception', mv(rect(0, 0, 4, 3))), zone('b', 'waiting', mv(rect(4 - d, 0, 8 - d, 3)))],
        });
        const f = zoneOverlap.run(overlapRule, preparePlan(p), {});
        if (3 * d <= 0.01 + 1e-9) return f.length === 0;
        return f.length === 1 && Math.abs(f[0].measured! - 3 * d) < 1e-5;
      },
    ), { numRuns: 200 });
  });
  it('a 0.80 m corridor between two halls is found and measured within 1 cm wherever the plan is placed', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 90, noNaN: true }), fc.double({ min: -20, max: 20, noNaN: true }), (deg, tx) => {
      const mv = (r: PlanPoint[]) => r.map((p) => { const q = rotatePoint(p, deg, [7, 5]); return [q[0] + tx, q[1]] as PlanPoint; });
      const p = plan({
        outline: { polygon: mv(rect(-1, -1, 15, 11)), walls: [] },
        zones: [zone('a', 'waiting', mv(rect(0, 2.5, 5, 7.5))), zone('c', 'circulation', mv(rect(5, 4.6, 9, 5.4))), zone('b', 'reception', mv(rect(9, 2.5, 14, 7.5)))],
        doors: [door('e', mv([[0, 4]])[0], mv([[0, 6]])[0], ['a', 'outside'], { mainEntrance: true })],
      });
      const f = clearWidth.run(widthRule, preparePlan(p), {});
      return f.length === 1 && Math.abs(f[0].measured! - 0.8) < 0.01 && f[0].zoneIds[0] === 'c';
    }), { numRuns: 12 });
  });
});
