import { describe, expect, it } from 'vitest';
import { parseGtfs, routeTypeMode } from './gtfs';

/** A two-station feed: station S1 with two platforms, an entrance, a node and a boarding area; a plain stop S2. */
const STOPS = [
  'stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station',
  'S1,Central,40.7500,-73.9900,1,',
  'S1N,Central northbound,40.7501,-73.9901,0,S1',
  'S1S,Central southbound,40.7499,-73.9899,0,S1',
  'S1E,Central entrance,40.7502,-73.9902,2,S1',
  'S1X,Central mezzanine,,,3,S1',
  'S1B,Central boarding area,,,4,S1N',
  'S2,Harbour,40.7000,-74.0100,0,',
].join('\r\n');
const ROUTES = 'route_id,route_type\nR1,1\nF1,4\n';
const TRIPS = 'route_id,service_id,trip_id\nR1,WKDY,T1\nR1,WKDY,T2\nF1,WKND,T3\n';
// T1 runs S1N → S2; T2 (after midnight, 24:10 and 25:05) runs S1S → S2; T3 only on weekends.
const STOP_TIMES = [
  'trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type',
  'T1,08:00:00,08:00:00,S1N,1,0',
  'T1,08:10:00,08:10:00,S2,2,0',
  'T2,24:10:00,24:10:00,S1S,1,',
  'T2,25:05:00,25:05:00,S2,2,',
  'T3,10:00:00,10:00:00,S2,1,0',
  'T3,10:20:00,10:20:00,S1N,2,0',
].join('\n');
const CALENDAR = 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWKDY,1,1,1,1,1,0,0,20260101,20261231\nWKND,0,0,0,0,0,1,1,20260101,20261231\n';

const feed = (extra: Record<string, string | undefined> = {}) => {
  const m = new Map<string, string>(Object.entries({ 'stops.txt': STOPS, 'routes.txt': ROUTES, 'trips.txt': TRIPS, 'stop_times.txt': STOP_TIMES, 'calendar.txt': CALENDAR }));
  for (const [k, v] of Object.entries(extra)) { if (v === undefined) m.delete(k); else m.set(k, v); }
  return m;
};
const probs = (r: ReturnType<typeof parseGtfs>) => r.report.problems.map((p) => [p.severity, p.file, p.row, p.id, p.field, p.value, p.message]);

describe('GTFS import (issue 10, items 3 and 5)', () => {
  it('location_type 0–4: platforms fold into their station, entrances/nodes/boarding areas are never stops; times past 24:00 count', () => {
    const r = parseGtfs(feed(), '2026-10-07', 'feed.zip/'); // a Wednesday
    expect(r.report).toMatchObject({ read: 7, imported: 2, skipped: 0, warnings: [] });
    expect(r.report.details).toMatchObject({ folded: 5, stopsByLocationType: { 0: 3, 1: 1, 2: 1, 3: 1, 4: 1 }, trips: 3, tripsOnServiceDate: 2, departures: 2,
      calendarStart: '2026-01-01', calendarEnd: '2026-12-31' });
    // S1 gets T1 (from S1N) and T2 (from S1S, 24:10); S2 is the last stop of both weekday trips: no departure there
    expect(r.records.map((x) => [x.id, x.value, x.mode, x.routeIds, x.lng, x.lat])).toEqual([
      ['S1', 2, 'subway', ['R1'], -73.99, 40.75],
      ['S2', 0, 'subway', [], -74.01, 40.7],
    ]);
  });

  it('a weekend date counts the ferry trip instead (S2 departs, S1N is its last stop)', () => {
    const r = parseGtfs(feed(), '2026-10-10', 'feed.zip/'); // a Saturday
    expect(r.records.map((x) => [x.id, x.value, x.mode])).toEqual([['S1', 0, 'subway'], ['S2', 1, 'ferry']]);
  });

  it('a calendar_dates-only feed: services added on the date run, removed ones do not', () => {
    const dates = 'service_id,date,exception_type\nWKDY,20261007,1\nWKND,20261007,1\nWKND,20261007,2\n';
    const r = parseGtfs(feed({ 'calendar.txt': undefined, 'calendar_dates.txt': dates }), '2026-10-07', 'feed.zip/');
    expect(r.report.details).toMatchObject({ calendarFiles: ['calendar_dates.txt'], tripsOnServiceDate: 2, departures: 2, calendarStart: '2026-10-07' });
    expect(r.records.map((x) => [x.id, x.value])).toEqual([['S1', 2], ['S2', 0]]);
  });

  it('no service on the service date: imported with a warning, every stop at 0 departures', () => {
    const r = parseGtfs(feed(), '2027-03-03', 'feed.zip/');
    expect(r.report.imported).toBe(2);
    expect(r.records.map((x) => x.value)).toEqual([0, 0]);
    expect(r.report.warnings).toEqual([{ code: 'no-service-on-date', message: 'feed.zip/: no trip runs on the service date 2027-03-03 ' +
      '(calendar 2026-01-01 … 2026-12-31): the 2 stops are imported with 0 departures; set SERVICE_DATE to a date the feed serves' }]);
  });

  it('bad rows of any table are listed with file, row, id, field and value and skipped', () => {
    const stops = STOPS + '\r\nS3,Bad,91,-73.9,0,\r\nS4,Odd,40.7,-73.9,7,\r\nS5,Lost entrance,40.7,-73.9,2,\r\nS2,Twice,40.7,-73.9,0,';
    const st = STOP_TIMES + '\nT1,8:5:00,08:05:00,S2,3,0\nT9,09:00:00,09:00:00,S2,1,0\nT1,09:00:00,09:00:00,S9,4,0';
    const r = parseGtfs(feed({ 'stops.txt': stops, 'stop_times.txt': st }), '2026-10-07', 'feed.zip/');
    expect(r.report).toMatchObject({ read: 11, imported: 2, skipped: 4 });
    expect(probs(r)).toEqual([
      ['error', 'feed.zip/stops.txt', 8, 'S3', 'stop_lat', '91', 'feed.zip/stops.txt row 8, stop_lat: latitude 91 is outside −90…90'],
      ['error', 'feed.zip/stops.txt', 9, 'S4', 'location_type', '7', 'feed.zip/stops.txt row 9, location_type: expected 0 (stop), 1 (station), 2 (entrance), 3 (node) or 4 (boarding area)'],
      ['error', 'feed.zip/stops.txt', 10, 'S5', 'parent_station', '', 'feed.zip/stops.txt row 10, parent_station: location_type 2 needs a parent_station'],
      ['error', 'feed.zip/stops.txt', 11, 'S2', 'stop_id', 'S2', 'feed.zip/stops.txt row 11, stop_id: stop_id "S2" appears more than once (first at row 7)'],
      ['error', 'feed.zip/stop_times.txt', 7, 'T1', 'arrival_time', '8:5:00', 'feed.zip/stop_times.txt row 7, arrival_time: expected a time H:MM:SS (hours past 24 allowed)'],
      ['error', 'feed.zip/stop_times.txt', 8, 'T9', 'trip_id', 'T9', 'feed.zip/stop_times.txt row 8, trip_id: trip_id "T9" is not in trips.txt'],
      ['error', 'feed.zip/stop_times.txt', 9, 'T1', 'stop_id', 'S9', 'feed.zip/stop_times.txt row 9, stop_id: stop_id "S9" is not in stops.txt'],
    ]);
    // the rejected stop_times rows do not change the departures
    expect(r.records.map((x) => [x.id, x.value])).toEqual([['S1', 2], ['S2', 0]]);
  });

  it('a zip that is not a GTFS feed is refused naming what is missing', () => {
    const r = parseGtfs(new Map([['stops.txt', STOPS]]), '2026-10-07', 'x.zip/');
    expect(r.refusal?.message).toBe('x.zip/: not a GTFS feed: missing routes.txt, trips.txt, stop_times.txt, calendar.txt or calendar_dates.txt (found stops.txt)');
  });

  it('route_type → mode: rail 2, bus 3 and 700, ferry 4 and 1200, subway 1 and tram 0', () => {
    expect([2, 3, 700, 4, 1200, 1, 0, 109, 11].map(routeTypeMode)).toEqual(['rail', 'bus', 'bus', 'ferry', 'ferry', 'subway', 'subway', 'rail', 'bus']);
  });
});
