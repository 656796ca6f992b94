import { describe, expect, it } from 'vitest';
import { findingCentre } from './findings';

describe('findingCentre (one rule for every caller)', () => {
  it('is the point, the segment midpoint, or the mean of every polygon vertex (metres)', () => {
    expect(findingCentre({ type: 'point', point: [3.5, 1.25] })).toEqual([3.5, 1.25]);
    expect(findingCentre({ type: 'segment', a: [0, 0], b: [4, 2] })).toEqual([2, 1]);
    // two rings: a 2 × 2 square at the origin and one at (10, 0): 8 vertices, mean x = (0+2+2+0+10+12+12+10)/8 = 6
    expect(findingCentre({ type: 'polygon', rings: [[[0, 0], [2, 0], [2, 2], [0, 2]], [[10, 0], [12, 0], [12, 2], [10, 2]]] })).toEqual([6, 1]);
  });
  it('an empty polygon location is at the plan origin, never NaN', () => {
    expect(findingCentre({ type: 'polygon', rings: [] })).toEqual([0, 0]);
    expect(findingCentre({ type: 'polygon', rings: [[]] })).toEqual([0, 0]);
  });
});
