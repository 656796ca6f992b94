import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { polygonsToH3Cells } from '../../core/geo/h3Grid';
import { loadNycGridCells, readBoroughs } from './nycGrid';
import { ComputePool } from '../work/computePool';

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

describe('the nycGridCells compute task', () => {
  it('gives in a worker the cells loadNycGridCells gives here', async () => {
    const dataDir = loadConfig().dataDir;
    const notUsed = () => Promise.reject(new Error('not used'));
    const pool = new ComputePool({ size: 1, resources: { geo: notUsed, walkGraph: notUsed } });
    try {
      const cells = await pool.run('nycGridCells', { dataDir, resolution: 9 }, { user: 'test' });
      expect(cells.length).toBe(7405);
      expect(cells).toEqual(await loadNycGridCells(dataDir, 9));
    } finally { await pool.close(); }
  }, 60_000);
});
