import { describe, expect, it } from 'vitest';
import { MAX_GRID_CELLS, createGrid } from './raster';

describe('createGrid refuses absurd grids with a clear RangeError', () => {
  it('a 10 m × 6 m plan at 0.25 m: 42 × 26 cells (one-cell margin, fixed lattice)', () => {
    const g = createGrid({ minX: 0, minY: 0, maxX: 10, maxY: 6 }, 0.25);
    expect([g.nx, g.ny]).toEqual([42, 26]);
  });
  it('1,000 km at 0.25 m, Infinity, or NaN bounds → RangeError, not "Invalid typed array length"', () => {
    expect(() => createGrid({ minX: 0, minY: 0, maxX: 1e6, maxY: 1e6 }, 0.25)).toThrow(new RegExp(`at most ${MAX_GRID_CELLS}`));
    expect(() => createGrid({ minX: 0, minY: 0, maxX: Infinity, maxY: 1 }, 0.25)).toThrow(RangeError);
    expect(() => createGrid({ minX: 0, minY: 0, maxX: NaN, maxY: 1 }, 0.25)).toThrow(RangeError);
  });
});
