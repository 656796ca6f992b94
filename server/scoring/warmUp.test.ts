import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreRequestSchema } from '../../core/api/sites';
import { createTestDeps } from '../testing/testApp';
import type { AppDeps } from '../app';
import { ScoringService } from './scoringService';
import { warmUpScoring } from './warmUp';

describe('warmUpScoring', () => {
  let deps: AppDeps;
  beforeAll(async () => { deps = await createTestDeps(); });
  afterAll(() => { deps.db.close(); deps.userDb.close(); });

  it('scores the NYC grid once with the defaults, so the first request reuses the cached reference', async () => {
    const service = new ScoringService(deps.db, deps.config.dataDir, deps.config.serviceDate);
    const lines: string[] = [];
    const r = await warmUpScoring(service, (l) => lines.push(l));
    expect(r).not.toBeNull();
    // the NYC res-9 land grid is ≈ 7.4k cells (issue 2, item 4)
    expect(r!.cells).toBeGreaterThan(7000);
    expect(r!.cells).toBeLessThan(8000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${r!.cells} NYC grid cells`);
    const req = scoreRequestSchema.parse({ grid: { resolution: 9, area: 'nyc' } });
    // the same cached promise is handed out: no second computation of the factor table
    const ref1 = service.reference(undefined, req.params);
    const ref2 = service.reference(undefined, req.params);
    expect(ref1).toBe(ref2);
    const ref = await ref1;
    expect(ref.cells.length).toBe(r!.cells);
    // the response template of the default normalisation was built by the warm-up
    expect(ref.fragments.has('percentile')).toBe(true);
    const body = JSON.parse(await service.scoreJson(req));
    expect(body.count).toBe(r!.cells);
  }, 120_000);

  it('logs and resolves null instead of throwing when scoring fails', async () => {
    const broken = { scoreJson: async () => { throw new Error('no geo data'); } } as unknown as ScoringService;
    const lines: string[] = [];
    await expect(warmUpScoring(broken, (l) => lines.push(l))).resolves.toBeNull();
    expect(lines[0]).toMatch(/warm-up failed.*no geo data/);
  });
});
