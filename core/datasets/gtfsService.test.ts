import { describe, expect, it } from 'vitest';
import { activeServices, boardingPoint, countDepartures, serviceWeekday, type GtfsCall, type GtfsStopRef } from './gtfsService';

describe('serviceWeekday', () => {
  it('reads the date as a civil date (no time-zone shift)', () => {
    expect(serviceWeekday('2026-10-07')).toBe('wednesday');
    expect(serviceWeekday('2026-10-11')).toBe('sunday');
    expect(serviceWeekday('2024-02-29')).toBe('thursday');
  });
});

describe('activeServices', () => {
  const calendar = [
    { serviceId: 'WKD', startDate: '20261001', endDate: '20261231', runsOnWeekday: true },
    { serviceId: 'OLD', startDate: '20260101', endDate: '20260930', runsOnWeekday: true },
    { serviceId: 'SUN', startDate: '20261001', endDate: '20261231', runsOnWeekday: false },
    { serviceId: 'HOL', startDate: '20261001', endDate: '20261231', runsOnWeekday: true },
  ];
  it('runs a calendar service inside its dates on its weekday; a removal wins; an addition counts', () => {
    const r = activeServices(calendar, [
      { serviceId: 'HOL', date: '20261007', exceptionType: 2 },
      { serviceId: 'EXTRA', date: '20261007', exceptionType: 1 },
      { serviceId: 'WKD', date: '20261008', exceptionType: 2 },
    ], '2026-10-07');
    expect([...r.active].sort()).toEqual(['EXTRA', 'WKD']);
    expect(r.calendarStart).toBe('20260101');
    expect(r.calendarEnd).toBe('20261231');
  });
  it('a removal wins over an addition on the same day', () => {
    const r = activeServices([], [
      { serviceId: 'X', date: '20261007', exceptionType: 1 },
      { serviceId: 'X', date: '20261007', exceptionType: 2 },
    ], '2026-10-07');
    expect(r.active.size).toBe(0);
  });
  it('a calendar_dates-only feed: its span is its added dates only', () => {
    const r = activeServices([], [
      { serviceId: 'A', date: '20261107', exceptionType: 1 },
      { serviceId: 'A', date: '20261009', exceptionType: 1 },
      { serviceId: 'A', date: '20261231', exceptionType: 2 },
    ], '2026-10-09');
    expect([...r.active]).toEqual(['A']);
    expect([r.calendarStart, r.calendarEnd]).toEqual(['20261009', '20261107']);
  });
  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => activeServices([], [], '20261007')).toThrow(/not YYYY-MM-DD/);
  });
});

describe('countDepartures', () => {
  it('skips each trip\'s last call and no-pickup calls, in any order, and splits by route', () => {
    const calls: GtfsCall[] = [
      // trip 1 (route A): stops P1, P2, S3 — the last call (seq 3) is not a departure
      { trip: 't1', route: 'A', boardingPoint: 'S3', stopSequence: 3, pickupType: '' },
      { trip: 't1', route: 'A', boardingPoint: 'S1', stopSequence: 1, pickupType: '' },
      { trip: 't1', route: 'A', boardingPoint: 'S2', stopSequence: 2, pickupType: '1' },
      // trip 2 (route B, numeric key): S1 → S2 → S1 (a loop): seq 5 is last
      { trip: 2, route: 'B', boardingPoint: 'S1', stopSequence: 1, pickupType: '0' },
      { trip: 2, route: 'B', boardingPoint: 'S2', stopSequence: 3, pickupType: '' },
      { trip: 2, route: 'B', boardingPoint: 'S1', stopSequence: 5, pickupType: '' },
    ];
    const d = countDepartures(calls);
    expect(d.total).toBe(3);
    expect(Object.fromEntries([...d.byPoint].map(([k, m]) => [k, Object.fromEntries(m)]))).toEqual({ S1: { A: 1, B: 1 }, S2: { B: 1 } });
  });
  it('a single-call trip has no departure', () => {
    expect(countDepartures([{ trip: 'x', route: 'A', boardingPoint: 'S', stopSequence: 0, pickupType: '' }]).total).toBe(0);
  });
});

describe('boardingPoint', () => {
  const stops = new Map<string, GtfsStopRef>([
    ['101', { id: '101', locationType: 1, parentStation: '' }],
    ['101N', { id: '101N', locationType: 0, parentStation: '101' }],
    ['E1', { id: 'E1', locationType: 2, parentStation: '101' }],
    ['P9', { id: 'P9', locationType: 0, parentStation: 'E1' }],
    ['B7', { id: 'B7', locationType: 0, parentStation: '' }],
  ]);
  it('a platform counts at its parent station; a stop alone or under a non-station counts at itself', () => {
    expect(boardingPoint(stops, '101N')?.id).toBe('101');
    expect(boardingPoint(stops, '101')?.id).toBe('101');
    expect(boardingPoint(stops, 'B7')?.id).toBe('B7');
    expect(boardingPoint(stops, 'P9')?.id).toBe('P9');
    expect(boardingPoint(stops, 'nope')).toBeUndefined();
  });
});
