import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { polygonsToH3Cells } from '../../core/geo/h3Grid';
import { loadNycGridCells, readBoroughs } from './nycGrid';

describe('loadNycGridCells', () => {
  const dataDir = loadConfig().dataDir;
  it('polygon by polygon gives the cells of polygonsToH3Cells over all five boroughs at once (res 8 and 9)', async () => {
    const boroughs = await readBoroughs(dataDir);
    for (const resolution of [8, 9]) {
      const cells = await loadNycGridCells(dataDir, resolution);
      expect(cells).toEqual(polygonsToH3Cells(boroughs, resolution));
      if (resolution === 9) expect(cells.length).toBe(7405); // SITE-MODEL.md's candidate grid
    }
  });
});
