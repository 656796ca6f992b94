/**
 * Property: any sequence of valid edits, undone step by step, returns every intermediate plan exactly,
 * and redoing them all returns the final plan (fast-check generates the sequences).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import community from '../../layouts/plans/community-150.plan.json';
import { loadPlan } from './load';
import { CommandError, type PlanCommand } from './commands';
import { PlanHistory } from './history';
import type { FloorPlan } from './model';

const base = loadPlan(community);
const zoneIds = base.zones.map((z) => z.id);
const anyIds = [...zoneIds, ...base.doors.map((d) => d.id), ...base.fixtures.map((f) => f.id)];
const coord = fc.double({ min: -5, max: 5, noNaN: true });

const command: fc.Arbitrary<PlanCommand> = fc.oneof(
  fc.record({ type: fc.constant('moveElements' as const), ids: fc.subarray(anyIds, { minLength: 1, maxLength: 4 }), dxM: coord, dyM: coord }),
  fc.record({ type: fc.constant('rotateElements' as const), ids: fc.subarray(anyIds, { minLength: 1, maxLength: 3 }), about: fc.tuple(coord, coord), angleDeg: fc.double({ min: -180, max: 180, noNaN: true }) }),
  fc.record({ type: fc.constant('moveVertex' as const), zoneId: fc.constantFrom(...zoneIds), index: fc.constant(0), to: fc.tuple(coord, coord) }),
  fc.record({ type: fc.constant('setEdgeLength' as const), zoneId: fc.constantFrom(...zoneIds), edgeIndex: fc.constant(0), lengthM: fc.double({ min: 0.5, max: 12, noNaN: true }) }),
  fc.record({ type: fc.constant('duplicateElements' as const), ids: fc.subarray(anyIds, { minLength: 1, maxLength: 3 }), offset: fc.tuple(coord, coord) }),
  fc.record({ type: fc.constant('deleteElements' as const), ids: fc.subarray(base.fixtures.map((f) => f.id), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('setProperties' as const), id: fc.constantFrom(...zoneIds), patch: fc.record({ name: fc.string({ maxLength: 20 }), attributes: fc.record({ open24h: fc.boolean() }) }) }),
  fc.record({ type: fc.constant('resizeElements' as const), ids: fc.subarray(anyIds, { minLength: 1, maxLength: 3 }),
    fromBox: fc.constant({ minX: 0, minY: 0, maxX: 15, maxY: 10 }), toBox: fc.record({ minX: fc.constant(0), minY: fc.constant(0), maxX: fc.double({ min: 5, max: 30, noNaN: true }), maxY: fc.double({ min: 5, max: 30, noNaN: true }) }) }),
);

describe('PlanHistory over random edit sequences', () => {
  it('undo returns every intermediate plan exactly; redo returns the final one', () => {
    fc.assert(fc.property(fc.array(command, { minLength: 1, maxLength: 12 }), (cmds) => {
      const h = new PlanHistory();
      const states: FloorPlan[] = [base];
      for (const c of cmds) {
        try {
          states.push(h.execute(states.at(-1)!, c));
        } catch (err) {
          if (!(err instanceof CommandError)) throw err; // e.g. deleting an already-deleted fixture: refused, nothing recorded
        }
      }
      expect(h.depth()).toBe(states.length - 1);
      let p = states.at(-1)!;
      for (let i = states.length - 2; i >= 0; i--) {
        p = h.undo(p);
        expect(p).toEqual(states[i]);
      }
      for (let i = 1; i < states.length; i++) p = h.redo(p);
      expect(p).toEqual(states.at(-1));
    }), { numRuns: 150 });
  });
});
