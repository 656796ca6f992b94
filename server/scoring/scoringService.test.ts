import { describe, expect, it } from 'vitest';

describe('ScoringService.scoreJson (cached JSON fragments) equals score()', async () => {
  const { createTestDeps } = await import('../testing/testApp');
  const { ScoringService } = await import('./scoringService');
  const { scoreRequestSchema } = await import('../../core/api/sites');
  it('for the NYC grid with odd weights and every normalisation', async () => {
    const deps = await createTestDeps();
    try {
      const svc = new ScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate);
      for (const method of ['percentile', 'zscore'] as const) {
        const req = scoreRequestSchema.parse({ grid: { resolution: 9, area: 'nyc' }, weights: { transit: 0.1234567891, demand: 0.5, competition: 0.3765432109 }, normalization: { method } });
        const text = await svc.scoreJson(req);
        const fromBytes = JSON.parse(text);
        const fromObject = JSON.parse(JSON.stringify(await svc.score(req)));
        expect(fromBytes.count).toBe(7405);
        expect(fromBytes).toEqual(fromObject);
        // the same bytes, not only the same values: key order and number text as JSON.stringify writes them
        expect(text).toBe(JSON.stringify(await svc.score(req)));
        // and the route's form (UTF-8 encoded 500 cells at a time) decodes to that same text
        expect(new TextDecoder().decode(await svc.scoreJsonBytes(req))).toBe(text);
      }
    } finally { deps.db.close(); deps.userDb.close(); }
  });
});

describe('ScoringService grid references computed in a compute worker', async () => {
  const { createTestDeps } = await import('../testing/testApp');
  const { ScoringService, gridTablesInPool } = await import('./scoringService');
  const { ComputePool } = await import('../work/computePool');
  const { geoDataCache } = await import('../geo/geoData');
  const { scoreRequestSchema } = await import('../../core/api/sites');
  it('give the same reference and the same response bytes as on this thread (NYC grid, and a county grid for one bank)', async () => {
    const deps = await createTestDeps();
    const geo = geoDataCache(deps.db);
    const pool = new ComputePool({ size: 1, resources: { geo, walkGraph: () => Promise.reject(new Error('not used')) } });
    try {
      const here = new ScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate, { geo });
      const worker = new ScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate, { geo, gridTables: gridTablesInPool(pool),
        dataExtent: () => pool.run('dataExtent', {}, { user: 'test' }) });
      const DEFAULT_PARAMS = scoreRequestSchema.parse({ grid: { resolution: 9, area: 'nyc' } }).params;
      const a = await here.reference(undefined, DEFAULT_PARAMS);
      const b = await worker.reference(undefined, DEFAULT_PARAMS);
      expect(b.cells.length).toBe(7405);
      expect(b.stats).toEqual(a.stats);
      expect(b.table).toEqual(a.table);
      expect(b.scored).toEqual(a.scored);
      expect(b.places).toEqual(a.places);
      // the loaded files' extent from the worker: the same states (Sets) and feeds as here
      const [ea, eb] = [await here.extent(), await worker.extent()];
      expect(eb).toEqual(ea);
      expect(eb!.demandStates.has('36')).toBe(true);
      for (const body of [{ grid: { resolution: 9, area: 'nyc' } }, { grid: { resolution: 8, area: { counties: ['36061'] } }, ownNetwork: 'cert:628' }]) {
        const req = scoreRequestSchema.parse(body);
        expect(await worker.scoreJson(req)).toBe(await here.scoreJson(req));
      }
      // an unknown network is still refused before any computation, as a 400 naming the field
      await expect(worker.reference('cert:999999999', DEFAULT_PARAMS)).rejects.toMatchObject({ field: 'ownNetwork' });
      expect(pool.stats().running).toBe(0);
    } finally { await pool.close(); deps.db.close(); deps.userDb.close(); }
  }, 240_000);
});

describe('ScoringService.prefillCompetitionSums', async () => {
  const { createTestDeps } = await import('../testing/testApp');
  const { ScoringService } = await import('./scoringService');
  const { scoreRequestSchema } = await import('../../core/api/sites');
  const { haversineM } = await import('../../core/geo/haversine');
  it('fills the sums around the NYC grid that explicit NYC sites read, and leaves their response bytes as the lazy filling does', async () => {
    const deps = await createTestDeps();
    try {
      const filled = new ScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate);
      const lazy = new ScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate);
      const req = scoreRequestSchema.parse({ sites: [{ id: 'bryant-park', lng: -73.9832, lat: 40.7536 }, { id: 'flushing', lng: -73.8303, lat: 40.7596 },
        { id: 'st-george', lng: -74.0776, lat: 40.6437 }], normalization: { reference: 'request' } });
      const n = await filled.prefillCompetitionSums(req.params);
      const huff = (await filled.prepare(undefined, req.params)).ctx.huff;
      const done = () => huff.sumAll.reduce((a, v) => a + (Number.isNaN(v) ? 0 : 1), 0);
      expect(n).toBeGreaterThan(0);
      expect(done()).toBe(n);
      // every demand point within Dmax (3 km) of the three sites is filled already …
      const { lng, lat } = huff.demand.index;
      for (let i = 0; i < lng.length; i++) {
        if (req.sites!.some((s) => haversineM(s.lng, s.lat, lng[i], lat[i]) <= huff.dMaxM)) expect(Number.isNaN(huff.sumAll[i])).toBe(false);
      }
      // … so scoring them fills no more, and answers the same bytes as a service filling them as it goes
      const text = await filled.scoreJson(req);
      expect(done()).toBe(n);
      expect(text).toBe(await lazy.scoreJson(req));
      expect(await filled.prefillCompetitionSums(req.params)).toBe(0);
    } finally { deps.db.close(); deps.userDb.close(); }
  }, 120_000);
});
