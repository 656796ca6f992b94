import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeMicros } from './scoringService';

describe('writeMicros', () => {
  const text = (x: number) => { const b = new Uint8Array(64); return new TextDecoder().decode(b.subarray(0, writeMicros(b, 0, x))); };
  it('writes the same text as String(Math.round(x·1e6)/1e6)', () => {
    expect(text(0)).toBe('0');
    expect(text(12.3456789)).toBe('12.345679');
    expect(text(-0.5)).toBe('-0.5');
    expect(text(100)).toBe('100');
    expect(text(0.000001)).toBe('0.000001');
    expect(text(7405)).toBe('7405');
    fc.assert(fc.property(fc.double({ min: -1e8, max: 1e8, noNaN: true }), (x) => {
      const r = Math.round(x * 1e6) / 1e6;
      expect(text(x)).toBe(String(Object.is(r, -0) ? 0 : r));
    }), { numRuns: 2000 });
  });
});

describe('ScoringService.scoreJson (cached byte fragments) equals score()', async () => {
  const { createTestDeps } = await import('../testing/testApp');
  const { ScoringService } = await import('./scoringService');
  const { scoreRequestSchema } = await import('../../core/api/sites');
  it('for the NYC grid with odd weights and every normalisation', async () => {
    const deps = await createTestDeps();
    try {
      const svc = new ScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate);
      for (const method of ['percentile', 'zscore'] as const) {
        const req = scoreRequestSchema.parse({ grid: { resolution: 9, area: 'nyc' }, weights: { transit: 0.1234567891, demand: 0.5, competition: 0.3765432109 }, normalization: { method } });
        const fromBytes = JSON.parse(new TextDecoder().decode(await svc.scoreJson(req)));
        const fromObject = JSON.parse(JSON.stringify(await svc.score(req)));
        expect(fromBytes.count).toBe(7405);
        expect(fromBytes).toEqual(fromObject);
      }
    } finally { deps.db.close(); deps.userDb.close(); }
  });
});
