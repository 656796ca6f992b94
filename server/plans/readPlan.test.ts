import { describe, expect, it } from 'vitest';
import community from '../../layouts/plans/community-150.plan.json';
import { planNumberCount, readPlan } from './readPlan';
import { AppError } from '../errors';

describe('readPlan', () => {
  it('reads the community sample in metres, and refuses a non-plan naming why', () => {
    const { plan, units } = readPlan(community);
    expect(units).toBe('m');
    expect(plan.zones.length).toBe(12);
    expect(() => readPlan({ type: 'Feature' })).toThrow(AppError);
    expect(() => readPlan({ type: 'Feature' })).toThrow(/^Plan cannot be measured: plan.type: not a plan/);
  });
});

describe('planNumberCount', () => {
  it('counts the numbers of a plan up to the limit', () => {
    // a square outline (8 numbers) and one zone of 3 vertices (6 numbers), plus one number field
    const raw = { outline: { polygon: [[0, 0], [4, 0], [4, 4], [0, 4]] }, zones: [{ polygon: [[0, 0], [1, 0], [1, 1]], ceilingHeightM: 3 }], name: 'x' };
    expect(planNumberCount(raw, 1_000)).toBe(15);
    expect(planNumberCount(raw, 10)).toBe(10);
    expect(planNumberCount('text', 10)).toBe(0);
    // the community sample: its 12 zones' and fixtures' coordinates, well under the pool's 2,000
    const n = planNumberCount(community, 1e9);
    expect(n).toBeGreaterThan(200);
    expect(n).toBeLessThan(2_000);
  });
});
