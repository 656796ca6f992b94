import { describe, expect, it } from 'vitest';
import { polygonKink } from './areaResolver';

describe('polygonKink: a drawn polygon\'s first self-intersection (run in a compute worker by the app)', () => {
  it('a bow-tie crosses itself at the middle of its diagonals; a square and a square with a hole inside do not', () => {
    // diagonals (-87.7, 41.85)–(-87.6, 41.95) and (-87.6, 41.85)–(-87.7, 41.95) meet at their midpoints
    const bow = polygonKink({ type: 'Polygon', coordinates: [[[-87.7, 41.85], [-87.6, 41.95], [-87.6, 41.85], [-87.7, 41.95], [-87.7, 41.85]]] });
    expect(bow![0]).toBeCloseTo(-87.65, 9);
    expect(bow![1]).toBeCloseTo(41.9, 9);
    expect(polygonKink({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] })).toBeNull();
    expect(polygonKink({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]] })).toBeNull();
  });

  it('a hole crossing the outer ring: the first crossing point', () => {
    // the hole's edges x = 3 and x = 1 (y from 1 to 5) cross the outer ring's top edge y = 4 at (3, 4) and (1, 4);
    // turf's kinks lists (1, 4) first
    expect(polygonKink({ type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [3, 1], [3, 5], [1, 5], [1, 1]]] })).toEqual([1, 4]);
  });
});
