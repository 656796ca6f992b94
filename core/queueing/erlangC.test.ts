import { describe, expect, it } from 'vitest';
import {
  erlangB, erlangC, minServersForTarget, queueLengthPercentile, queueMetrics, sizeBranch, DEFAULT_SIZING,
  visitsPerDayFromCustomers,
} from './erlangC';

describe('Erlang C — FLOORPLAN-STANDARDS.md §5 worked example (λ = 60/h, E[S] = 6 min, a = 6)', () => {
  // table in the reference: c | P(wait) | mean wait | P(W≤5) | P(W≤10) | k95
  const rows = [
    { c: 7, pWait: 0.61, meanWaitMin: 3.7, sl5: 0.73, sl10: 0.88, k95: 16 },
    { c: 8, pWait: 0.36, meanWaitMin: 1.1, sl5: 0.93, sl10: 0.99, k95: 6 },
    { c: 9, pWait: 0.2, meanWaitMin: 0.4, sl5: 0.98, sl10: 1.0, k95: 3 },
    { c: 10, pWait: 0.1, meanWaitMin: 0.15, sl5: 0.996, sl10: null, k95: 1 },
  ];
  for (const r of rows) {
    it(`c = ${r.c}`, () => {
      const m = queueMetrics(r.c, 60, 6, 5);
      expect(m.offeredLoadErlangs).toBeCloseTo(6, 12);
      expect(m.waitProbability).toBeCloseTo(r.pWait, 2);
      expect(m.meanWaitMin).toBeCloseTo(r.meanWaitMin, 1);
      expect(m.serviceLevelShare).toBeCloseTo(r.sl5, 2);
      if (r.sl10 !== null) expect(queueMetrics(r.c, 60, 6, 10).serviceLevelShare).toBeCloseTo(r.sl10, 2);
      expect(m.queueLengthP95).toBe(r.k95);
    });
  }
  it('90 % within 5 min → 8 counters; 80 % within 10 min → 7', () => {
    expect(minServersForTarget(60, 6, { serviceLevelShare: 0.9, targetWaitMin: 5 }).servers).toBe(8);
    expect(minServersForTarget(60, 6, { serviceLevelShare: 0.8, targetWaitMin: 10 }).servers).toBe(7);
  });
  it('ATMs: λ = 40/h, 2.5 min → c = 3 gives 0.897 within 2 min, 4 for a strict 90 %, 3 at 89 %', () => {
    expect(queueMetrics(2, 40, 2.5, 2).serviceLevelShare).toBeCloseTo(0.42, 2);
    expect(queueMetrics(2, 40, 2.5, 2).queueLengthP95).toBe(14);
    expect(queueMetrics(3, 40, 2.5, 2).serviceLevelShare).toBeCloseTo(0.897, 3);
    expect(queueMetrics(3, 40, 2.5, 2).queueLengthP95).toBe(3);
    expect(minServersForTarget(40, 2.5, { serviceLevelShare: 0.9, targetWaitMin: 2 }).servers).toBe(4);
    expect(minServersForTarget(40, 2.5, { serviceLevelShare: 0.89, targetWaitMin: 2 }).servers).toBe(3);
  });
  it('800 visits/day, 45 % at counters, 15 % in the peak hour → λ = 54/h; seats ⌈k95 × 1.2⌉', () => {
    const s = sizeBranch({ ...DEFAULT_SIZING, visitsPerDay: 800 });
    expect(s.counterArrivalsPerHour).toBeCloseTo(54, 10);
    // a = 5.4; hand check of the chosen c: it meets 90 % within 5 min and c − 1 does not
    const c = s.counters.servers;
    expect(queueMetrics(c, 54, 6, 5).serviceLevelShare).toBeGreaterThanOrEqual(0.9);
    expect(queueMetrics(c - 1, 54, 6, 5).serviceLevelShare).toBeLessThan(0.9);
    expect(s.waitingSeats).toBe(Math.ceil(s.counters.queueLengthP95 * 1.2));
    expect(s.waitingAreaM2).toBeCloseTo(s.waitingSeats * 1.4, 10);
  });
  it('the reference rounding: λ = 60/h sizing gives 8 counters and ⌈6 × 1.2⌉ = 8 seats, 11.2 m²', () => {
    const s = sizeBranch({ ...DEFAULT_SIZING, visitsPerDay: 60 / (0.45 * 0.15) });
    expect(s.counters.servers).toBe(8);
    expect(s.waitingSeats).toBe(8);
    expect(s.waitingAreaM2).toBeCloseTo(11.2, 10);
  });
});

describe('hand-computed small cases', () => {
  it('c = 1 reduces to M/M/1: C = ρ, W_q = ρ/(μ−λ), L_q = ρ²/(1−ρ)', () => {
    // λ = 6/h, E[S] = 5 min → μ = 12/h, ρ = 0.5
    const m = queueMetrics(1, 6, 5, 5);
    expect(m.waitProbability).toBeCloseTo(0.5, 12);
    expect(m.meanWaitMin).toBeCloseTo(5, 12); // 0.5/(12−6) h = 5 min
    expect(m.meanQueueLength).toBeCloseTo(0.5, 12);
    expect(m.serviceLevelShare).toBeCloseTo(1 - 0.5 * Math.exp(-0.5), 12);
    expect(m.queueLengthP95).toBe(3); // 0.5·0.5^{k+1} ≤ 0.05 → k+1 ≥ 3.32
  });
  it('c = 2, a = 1: C = 1/3 by the closed form; Erlang B(2,1) = 1/5', () => {
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });
  it('matches the closed-form sum for c = 5, a = 3.2', () => {
    const a = 3.2, c = 5;
    let sum = 0, fact = 1;
    for (let k = 0; k < c; k++) { if (k > 0) fact *= k; sum += a ** k / fact; }
    const top = (a ** c / (fact * c)) * (c / (c - a));
    expect(erlangC(c, a)).toBeCloseTo(top / (sum + top), 12);
  });
  it('unstable load (a ≥ c) waits forever; zero load never waits', () => {
    const m = queueMetrics(3, 60, 3, 5); // a = 3
    expect(m.stable).toBe(false);
    expect(m.meanWaitMin).toBe(Infinity);
    expect(queueMetrics(1, 0, 5, 5).waitProbability).toBe(0);
    expect(minServersForTarget(0, 5, { serviceLevelShare: 0.9, targetWaitMin: 5 }).servers).toBe(0);
  });
  it('queueLengthPercentile: C ≤ 5 % → 0', () => {
    expect(queueLengthPercentile(0.04, 0.5, 0.95)).toBe(0);
    expect(queueLengthPercentile(1, 0.5, 0.95)).toBe(4); // 0.5^{k+1} ≤ 0.05 → k+1 = 5
  });
  it('visits per day: customers × 6 / 300 by default; bad input throws', () => {
    expect(visitsPerDayFromCustomers(40000)).toBe(800);
    expect(visitsPerDayFromCustomers(1000, 12, 250)).toBe(48);
    expect(() => visitsPerDayFromCustomers(-1)).toThrow(/expectedCustomers/);
    expect(() => visitsPerDayFromCustomers(1, 6, 0)).toThrow(/openDaysPerYear/);
    expect(() => queueMetrics(1.5, 1, 1, 1)).toThrow(/integer/);
  });
});
