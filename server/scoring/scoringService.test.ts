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
      }
    } finally { deps.db.close(); deps.userDb.close(); }
  });
});
