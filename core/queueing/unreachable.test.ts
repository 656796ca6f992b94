/** Sizing beyond one branch: a typed error naming the cause and the input, never a bare RangeError 500. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZING, MAX_SERVERS, ServiceTargetUnreachableError, minServersForTarget, sizeBranch } from './erlangC';
import { SizingInputError, sizingFromRequest } from './sizingRequest';

const catchErr = (f: () => unknown) => { try { f(); } catch (e) { return e; } throw new Error('did not throw'); };

describe('ServiceTargetUnreachableError', () => {
  it('demand: a = 6,750/h × 6 min = 675 erlangs ≥ 500 servers', () => {
    const e = catchErr(() => minServersForTarget(6750, 6, { serviceLevelShare: 0.9, targetWaitMin: 5 })) as ServiceTargetUnreachableError;
    expect(e).toBeInstanceOf(ServiceTargetUnreachableError);
    expect(e).toBeInstanceOf(RangeError);
    expect(e.reason).toBe('demand');
    expect(e.offeredLoadErlangs).toBe(675);
    expect(e.maxServers).toBe(MAX_SERVERS);
  });
  it('target: the §5 example (a = 6) needs 8 servers for 90 % within 5 min, so a cap of 7 is out of reach', () => {
    expect(minServersForTarget(60, 6, { serviceLevelShare: 0.9, targetWaitMin: 5 }, 8).servers).toBe(8);
    const e = catchErr(() => minServersForTarget(60, 6, { serviceLevelShare: 0.9, targetWaitMin: 5 }, 7)) as ServiceTargetUnreachableError;
    expect(e.reason).toBe('target');
    expect(e.message).toMatch(/90% within 5 min/);
  });
  it('sizeBranch names the channel: ATMs at 240 min each overflow while counters fit', () => {
    // 1,000 visits/day: counters 67.5/h × 6 min = 6.75 erlangs; ATMs 45/h × 720 min = 540 erlangs
    const e = catchErr(() => sizeBranch({ ...DEFAULT_SIZING, visitsPerDay: 1000, atms: { ...DEFAULT_SIZING.atms, meanServiceMin: 720 } })) as ServiceTargetUnreachableError;
    expect(e.channel).toBe('atms');
    expect(e.offeredLoadErlangs).toBe(540);
  });
});

describe('sizingFromRequest: unreachable sizing → SizingInputError naming the input', () => {
  it('typed visits → visitsPerDay', () => {
    const e = catchErr(() => sizingFromRequest({ visitsPerDay: 100_000 })) as SizingInputError;
    expect(e).toBeInstanceOf(SizingInputError);
    expect(e.field).toBe('visitsPerDay');
    expect(e.message).toMatch(/^100,000 visits\/day cannot be served by one branch: counters: .*675 erlangs/);
  });
  it('expected customers (10,000,000 × 6 / 300 = 200,000 visits/day) → expectedCustomers; from a saved site → siteId', () => {
    expect((catchErr(() => sizingFromRequest({ expectedCustomers: 1e7 })) as SizingInputError).field).toBe('expectedCustomers');
    const e = catchErr(() => sizingFromRequest({ siteId: 'site-1' }, 1e7)) as SizingInputError;
    expect(e.field).toBe('siteId');
    expect(e.message).toMatch(/saved site site-1: 10,000,000 expected customers → 200,000 visits\/day/);
  });
  it('a stable demand with a target out of reach → counters.target', () => {
    // 1,666 visits/day × 0.0675 = 112.5 arrivals/h × 240 min = 449.8 erlangs; 99.9999 % served at once needs > 500
    const e = catchErr(() => sizingFromRequest({ visitsPerDay: 1666, counters: { meanServiceMin: 240, target: { serviceLevelShare: 0.999999, targetWaitMin: 0 } } })) as SizingInputError;
    expect(e.field).toBe('counters.target');
  });
  it('a demand just inside one branch still sizes: 50,000 visits/day → 337.5 erlangs of counters', () => {
    const s = sizingFromRequest({ visitsPerDay: 50_000 }).sizing;
    expect(s.counters.offeredLoadErlangs).toBe(337.5);
    expect(s.counters.servers).toBeGreaterThan(337);
    expect(s.counters.servers).toBeLessThanOrEqual(MAX_SERVERS);
  });
});
