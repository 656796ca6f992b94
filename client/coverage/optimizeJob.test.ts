import { describe, expect, it } from 'vitest';
import type { OptimizeJobDto, OptimizeResponse } from '../../core/api/coverage';
import { OptimizeCancelled, runOptimizeJob, type OptimizeApi } from './optimizeJob';

const result: OptimizeResponse = {
  scenarioId: 's1', scenarioName: '+1 best site (1 km)', selected: [{ id: 'h3:1', lng: -73.9, lat: 40.8, marginalPopulation: 12_000 }],
  coveredPopulationBefore: 100, coveredPopulationAfter: 12_100, solver: 'greedy+swap', maximize: 'coverage', params: {},
};
const req = { objective: 'mclp' as const, p: 5, radiusM: 1000, ownNetwork: 'cert:628', area: 'nyc' as const, candidates: 'grid' as const };

function fakeApi(states: Partial<OptimizeJobDto>[], onWait?: () => void) {
  const calls: string[] = [];
  let i = 0;
  const api: OptimizeApi = {
    start: async () => (calls.push('start'), { jobId: 'j1' }),
    get: async () => {
      calls.push('get');
      const s = states[Math.min(i++, states.length - 1)];
      return { id: 'j1', status: 'running', progress: 0, phase: 'greedy', startedAt: '', ...s } as OptimizeJobDto;
    },
    cancel: async () => calls.push('cancel'),
    wait: async () => {
      calls.push('wait');
      onWait?.();
    },
  };
  return { api, calls };
}

describe('runOptimizeJob', () => {
  it('polls until done, reporting progress, and returns the result', async () => {
    const { api, calls } = fakeApi([{ progress: 0.2 }, { progress: 0.7, phase: 'swap' }, { status: 'done', progress: 1, phase: 'done', result }]);
    const seen: [number, string][] = [];
    const out = await runOptimizeJob(req, api, (p, ph) => seen.push([p, ph]), new AbortController().signal);
    expect(out.scenarioId).toBe('s1');
    expect(seen).toEqual([[0.2, 'greedy'], [0.7, 'swap'], [1, 'done']]);
    expect(calls).toEqual(['start', 'get', 'wait', 'get', 'wait', 'get']);
  });

  it('cancels the server job when aborted and throws OptimizeCancelled', async () => {
    const ctl = new AbortController();
    const { api, calls } = fakeApi([{ progress: 0.1 }], () => ctl.abort());
    await expect(runOptimizeJob(req, api, () => {}, ctl.signal)).rejects.toBeInstanceOf(OptimizeCancelled);
    expect(calls).toEqual(['start', 'get', 'wait', 'cancel']);
  });

  it("throws the server's message when the job fails", async () => {
    const { api } = fakeApi([{ status: 'failed', error: { code: 'x', message: 'HiGHS ran out of memory' } }]);
    await expect(runOptimizeJob(req, api, () => {}, new AbortController().signal)).rejects.toThrow('HiGHS ran out of memory');
  });
});
