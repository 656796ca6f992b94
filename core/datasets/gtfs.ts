import Papa from 'papaparse';
import { activeServices, boardingPoint, countDepartures, serviceWeekday, type GtfsCall, type GtfsCalendarDateRow, type GtfsCalendarRow } from './gtfsService';
import { checkPoint } from './records';
import { refusal, refusalMessage } from './refusals';
import { emptyReport, type DatasetRecord, type ImportProblem, type ParseResult } from './types';

/** Transit mode of a stop, as the transit factor reads it (each has its walk radius). */
export type GtfsMode = 'subway' | 'bus' | 'rail' | 'ferry';

/**
 * GTFS `route_type` → the factor's mode (GTFS reference "routes.txt"; extended types from the Google Transit
 * "Extended GTFS Route Types" list): 0 tram / light rail, 1 subway, 5 cable tram, 6 aerial lift, 7 funicular,
 * 12 monorail and 400–499 urban rail and 900–999 tram → `subway` (rapid / light rail: 800 m); 2 and 100–199 → `rail`;
 * 4 and 1000–1299 water → `ferry`; 3, 11 trolleybus, 200–299 coach and 700–899 bus / trolleybus → `bus`;
 * anything else → `bus` (the shortest walk radius: never over-credits an unknown mode).
 */
export function routeTypeMode(routeType: number): GtfsMode {
  if ([0, 1, 5, 6, 7, 12].includes(routeType) || (routeType >= 400 && routeType < 500) || (routeType >= 900 && routeType < 1000)) return 'subway';
  if (routeType === 2 || (routeType >= 100 && routeType < 200)) return 'rail';
  if (routeType === 4 || (routeType >= 1000 && routeType < 1300)) return 'ferry';
  return 'bus';
}

/** `H:MM:SS` / `HH:MM:SS`, hours past 24 allowed (a trip after midnight belongs to the service day that started it). */
const GTFS_TIME = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/;
const YMD = /^\d{8}$/;

interface Table { file: string; headers: string[]; rows: string[][] }

/** Read one GTFS table (comma-separated, header row, BOM and CRLF tolerated, values trimmed). */
function readTable(text: string, file: string): Table {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), { delimiter: ',', newline: '\n', skipEmptyLines: 'greedy' });
  const headers = (parsed.data[0] ?? []).map((h) => h.trim());
  return { file, headers, rows: parsed.data.slice(1).map((r) => r.map((v) => v.trim())) };
}

function column(t: Table, name: string): number {
  return t.headers.indexOf(name);
}

/**
 * Import a GTFS feed of any agency (issue 10, items 3 and 5) as transit stops with their departures on
 * `serviceDate`, by the departure rule of ./gtfsService.ts (the shipped feeds' import uses the same): a trip runs when its
 * service is active that day ({@link activeServices}); a feed with only `calendar_dates` works the same; departures
 * are counted by {@link countDepartures} at each call's {@link boardingPoint}.
 * Times at or past 24:00:00 are valid (they count for the service day that started the trip).
 *
 * Stops (`location_type`): 0 stop/platform and 1 station are boarding points; a platform with a `parent_station`
 * folds into its station (its departures count there); 2 entrances, 3 generic nodes and 4 boarding areas fold into
 * their parent and are never stored. Counts are stops: `read` = rows of stops.txt, `imported` = stops stored,
 * `skipped` = stop rows refused, the rest folded (`details.folded`).
 * Each stop's mode is the {@link routeTypeMode} with most departures there on the date (else with most calls on any
 * day; else bus).
 * Bad rows of any table are listed and skipped; no service on the date imports with warning `no-service-on-date`.
 * @param tables file name (e.g. `stops.txt`) → text; `prefix` is prepended to file names in problems (`feed.zip/`).
 * @returns records (value = departures, routeIds = route_id values departing that day) and the report; a refusal
 *   (field `file`) when a required table is missing.
 */
export function parseGtfs(tables: Map<string, string>, serviceDate: string, prefix = ''): ParseResult {
  const report = emptyReport();
  const missing = ['stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'].filter((f) => !tables.has(f));
  if (!tables.has('calendar.txt') && !tables.has('calendar_dates.txt')) missing.push('calendar.txt or calendar_dates.txt');
  if (missing.length) {
    const found = [...tables.keys()].join(', ');
    const text = found ? refusal('gtfsMissingTables', { file: prefix || 'feed', missing: missing.join(', '), found })
      : refusal('gtfsMissingTablesNone', { file: prefix || 'feed', missing: missing.join(', ') });
    const message = refusalMessage(text);
    report.problems.push({ file: prefix || 'feed', row: null, id: null, field: 'file', value: null, severity: 'error', message });
    return { records: [], report, refusal: { field: 'file', message, text } };
  }
  const problems = report.problems;
  const err = (file: string, row: number | null, id: string | null, field: string | null, value: string | null, message: string, severity: ImportProblem['severity'] = 'error') =>
    problems.push({ file: prefix + file, row, id, field, value, severity, message: `${prefix}${file}${row !== null ? ` row ${row}` : ''}${field ? `, ${field}` : ''}: ${message}` });
  const refuseMissingColumn = (t: Table, names: string[]): ParseResult | null => {
    const absent = names.filter((n) => column(t, n) < 0);
    if (!absent.length) return null;
    const text = refusal('gtfsMissingColumns', { file: prefix + t.file, count: absent.length, missing: absent.join(', '), header: t.headers.join(',') });
    const message = refusalMessage(text);
    problems.push({ file: prefix + t.file, row: null, id: null, field: absent[0], value: null, severity: 'error', message });
    return { records: [], report, refusal: { field: 'file', message, headers: t.headers, text } };
  };

  // ── stops ──
  const stops = readTable(tables.get('stops.txt')!, 'stops.txt');
  const refusedStops = refuseMissingColumn(stops, ['stop_id']);
  if (refusedStops) return refusedStops;
  report.read = stops.rows.length;
  const S = { id: column(stops, 'stop_id'), name: column(stops, 'stop_name'), lat: column(stops, 'stop_lat'), lon: column(stops, 'stop_lon'),
    type: column(stops, 'location_type'), parent: column(stops, 'parent_station') };
  interface Stop { row: number; id: string; name: string; locationType: number; parentStation: string; lng: number; lat: number }
  const stopById = new Map<string, Stop>();
  const byType: Record<string, number> = {};
  stops.rows.forEach((r, k) => {
    const row = k + 1;
    const id = r[S.id] ?? '';
    const before = problems.length;
    const fail = (field: string | null, value: string | null, message: string) => err('stops.txt', row, id || null, field, value, message);
    if (!id) { fail('stop_id', '', 'empty stop_id'); report.skipped++; return; }
    if (stopById.has(id)) { fail('stop_id', id, `stop_id "${id}" appears more than once (first at row ${stopById.get(id)!.row})`); report.skipped++; return; }
    const typeText = S.type >= 0 ? r[S.type] ?? '' : '';
    const type = typeText === '' ? 0 : Number(typeText);
    if (!Number.isInteger(type) || type < 0 || type > 4) { fail('location_type', typeText, 'expected 0 (stop), 1 (station), 2 (entrance), 3 (node) or 4 (boarding area)'); report.skipped++; return; }
    const parent = S.parent >= 0 ? r[S.parent] ?? '' : '';
    if (type >= 2 && !parent) { fail('parent_station', '', `location_type ${type} needs a parent_station`); report.skipped++; return; }
    let lng = NaN, lat = NaN;
    const latText = S.lat >= 0 ? r[S.lat] ?? '' : '', lonText = S.lon >= 0 ? r[S.lon] ?? '' : '';
    if (type <= 2 || latText !== '' || lonText !== '') {
      const x = Number(lonText), y = Number(latText);
      if (latText === '' || !Number.isFinite(y)) fail('stop_lat', latText, latText === '' ? 'empty (no latitude)' : `"${latText}" is not a number`);
      if (lonText === '' || !Number.isFinite(x)) fail('stop_lon', lonText, lonText === '' ? 'empty (no longitude)' : `"${lonText}" is not a number`);
      if (problems.length === before) {
        const pt = checkPoint(x, y, 'stop_lon', 'stop_lat', `${lonText}, ${latText}`, { file: prefix + 'stops.txt', kind: 'transit' },
          (field, value, message) => fail(field, value, message));
        if (pt) [lng, lat] = pt;
      }
      if (problems.length > before) { report.skipped++; return; }
    }
    byType[type] = (byType[type] ?? 0) + 1;
    stopById.set(id, { row, id, name: S.name >= 0 ? r[S.name] ?? '' : '', locationType: type, parentStation: parent, lng, lat });
  });
  const station = (id: string): Stop | undefined => boardingPoint(stopById, id);
  for (const s of stopById.values()) {
    if (s.parentStation && !stopById.has(s.parentStation)) {
      err('stops.txt', s.row, s.id, 'parent_station', s.parentStation, `parent_station "${s.parentStation}" is not a stop_id of stops.txt; ${s.locationType <= 1 ? 'the stop stands alone' : 'the row is left out'}`, 'warning');
    }
  }

  // ── routes ──
  const routes = readTable(tables.get('routes.txt')!, 'routes.txt');
  const refusedRoutes = refuseMissingColumn(routes, ['route_id', 'route_type']);
  if (refusedRoutes) return refusedRoutes;
  const routeMode = new Map<string, GtfsMode>();
  const agencies = new Set<string>();
  const R = { id: column(routes, 'route_id'), type: column(routes, 'route_type'), agency: column(routes, 'agency_id') };
  routes.rows.forEach((r, k) => {
    const id = r[R.id] ?? '';
    const t = Number(r[R.type]);
    if (!id) return void err('routes.txt', k + 1, null, 'route_id', '', 'empty route_id');
    if (r[R.type] === '' || !Number.isInteger(t) || t < 0) return void err('routes.txt', k + 1, id, 'route_type', r[R.type] ?? '', 'expected a GTFS route_type (0–12 or an extended type)');
    routeMode.set(id, routeTypeMode(t));
    if (R.agency >= 0 && r[R.agency]) agencies.add(r[R.agency]);
  });

  // ── calendar / calendar_dates → services active on the date ──
  const weekday = serviceWeekday(serviceDate);
  const calendarRows: GtfsCalendarRow[] = [];
  const calendarDateRows: GtfsCalendarDateRow[] = [];
  if (tables.has('calendar.txt')) {
    const cal = readTable(tables.get('calendar.txt')!, 'calendar.txt');
    const refused = refuseMissingColumn(cal, ['service_id', 'start_date', 'end_date', weekday]);
    if (refused) return refused;
    const C = { id: column(cal, 'service_id'), start: column(cal, 'start_date'), end: column(cal, 'end_date'), day: column(cal, weekday) };
    cal.rows.forEach((r, k) => {
      const id = r[C.id] ?? '';
      if (!YMD.test(r[C.start] ?? '')) return void err('calendar.txt', k + 1, id, 'start_date', r[C.start] ?? '', 'expected a date YYYYMMDD');
      if (!YMD.test(r[C.end] ?? '')) return void err('calendar.txt', k + 1, id, 'end_date', r[C.end] ?? '', 'expected a date YYYYMMDD');
      if (!['0', '1'].includes(r[C.day] ?? '')) return void err('calendar.txt', k + 1, id, weekday, r[C.day] ?? '', 'expected 0 or 1');
      calendarRows.push({ serviceId: id, startDate: r[C.start], endDate: r[C.end], runsOnWeekday: r[C.day] === '1' });
    });
  }
  if (tables.has('calendar_dates.txt')) {
    const cd = readTable(tables.get('calendar_dates.txt')!, 'calendar_dates.txt');
    const refused = refuseMissingColumn(cd, ['service_id', 'date', 'exception_type']);
    if (refused) return refused;
    const D = { id: column(cd, 'service_id'), date: column(cd, 'date'), type: column(cd, 'exception_type') };
    cd.rows.forEach((r, k) => {
      const id = r[D.id] ?? '';
      if (!YMD.test(r[D.date] ?? '')) return void err('calendar_dates.txt', k + 1, id, 'date', r[D.date] ?? '', 'expected a date YYYYMMDD');
      if (!['1', '2'].includes(r[D.type] ?? '')) return void err('calendar_dates.txt', k + 1, id, 'exception_type', r[D.type] ?? '', 'expected 1 (added) or 2 (removed)');
      calendarDateRows.push({ serviceId: id, date: r[D.date], exceptionType: r[D.type] === '1' ? 1 : 2 });
    });
  }
  const { active, calendarStart: calStart, calendarEnd: calEnd } = activeServices(calendarRows, calendarDateRows, serviceDate);

  // ── trips ──
  const trips = readTable(tables.get('trips.txt')!, 'trips.txt');
  const refusedTrips = refuseMissingColumn(trips, ['route_id', 'service_id', 'trip_id']);
  if (refusedTrips) return refusedTrips;
  const T = { route: column(trips, 'route_id'), service: column(trips, 'service_id'), id: column(trips, 'trip_id') };
  const tripRoute = new Map<string, string>();
  const tripRuns = new Set<string>();
  trips.rows.forEach((r, k) => {
    const id = r[T.id] ?? '';
    if (!id) return void err('trips.txt', k + 1, null, 'trip_id', '', 'empty trip_id');
    if (tripRoute.has(id)) return void err('trips.txt', k + 1, id, 'trip_id', id, `trip_id "${id}" appears more than once`);
    if (!routeMode.has(r[T.route] ?? '')) return void err('trips.txt', k + 1, id, 'route_id', r[T.route] ?? '', `route_id "${r[T.route] ?? ''}" is not in routes.txt`);
    tripRoute.set(id, r[T.route]);
    if (active.has(r[T.service] ?? '')) tripRuns.add(id);
  });

  // ── stop_times: departures per boarding point ──
  const st = readTable(tables.get('stop_times.txt')!, 'stop_times.txt');
  const refusedSt = refuseMissingColumn(st, ['trip_id', 'stop_id', 'stop_sequence']);
  if (refusedSt) return refusedSt;
  const X = { trip: column(st, 'trip_id'), stop: column(st, 'stop_id'), seq: column(st, 'stop_sequence'), pickup: column(st, 'pickup_type'),
    arr: column(st, 'arrival_time'), dep: column(st, 'departure_time') };
  const calls: GtfsCall[] = [];
  /** Calls per mode at each boarding point on any day (the mode of a stop without departures on the date). */
  const servedBy = new Map<string, Map<GtfsMode, number>>();
  st.rows.forEach((r, k) => {
    const row = k + 1;
    const trip = r[X.trip] ?? '', stop = r[X.stop] ?? '', seqText = r[X.seq] ?? '';
    const fail = (field: string, value: string, message: string) => err('stop_times.txt', row, trip || null, field, value, message);
    if (!tripRoute.has(trip)) return void fail('trip_id', trip, `trip_id "${trip}" is not in trips.txt`);
    if (!stopById.has(stop)) return void fail('stop_id', stop, `stop_id "${stop}" is not in stops.txt`);
    const seq = Number(seqText);
    if (seqText === '' || !Number.isInteger(seq) || seq < 0) return void fail('stop_sequence', seqText, 'expected a whole number ≥ 0');
    for (const [ix, name] of [[X.arr, 'arrival_time'], [X.dep, 'departure_time']] as const) {
      const v = ix >= 0 ? r[ix] ?? '' : '';
      if (v !== '' && !GTFS_TIME.test(v)) return void fail(name, v, 'expected a time H:MM:SS (hours past 24 allowed)');
    }
    const at = station(stop)!;
    let modesHere = servedBy.get(at.id);
    if (!modesHere) servedBy.set(at.id, (modesHere = new Map()));
    const mode = routeMode.get(tripRoute.get(trip)!)!;
    modesHere.set(mode, (modesHere.get(mode) ?? 0) + 1);
    if (!tripRuns.has(trip)) return;
    calls.push({ trip, route: tripRoute.get(trip)!, boardingPoint: at.id, stopSequence: seq, pickupType: X.pickup >= 0 ? r[X.pickup] ?? '' : '' });
  });
  const { byPoint: departingRoutes, total } = countDepartures(calls);

  // ── records: boarding points (stations and stops without a parent station) ──
  const records: DatasetRecord[] = [];
  for (const s of stopById.values()) {
    if (s.locationType > 1 || station(s.id) !== s) continue;
    const routeCounts = departingRoutes.get(s.id);
    let dep = 0;
    for (const n of routeCounts?.values() ?? []) dep += n;
    const modeCount = new Map<GtfsMode, number>();
    for (const [route, n] of routeCounts ?? []) modeCount.set(routeMode.get(route)!, (modeCount.get(routeMode.get(route)!) ?? 0) + n);
    const top = (m: Map<GtfsMode, number> | undefined) => [...(m ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
    const mode: GtfsMode = top(modeCount) ?? top(servedBy.get(s.id)) ?? 'bus';
    records.push({ row: s.row, id: s.id, lng: s.lng, lat: s.lat, value: dep, name: s.name || null, geometry: null, mode,
      routeIds: [...(routeCounts?.keys() ?? [])].sort(), props: s.locationType === 1 ? { location_type: '1' } : {} });
  }
  report.imported = records.length;
  const fmt = (d: string | null) => (d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null);
  report.details = {
    format: 'gtfs', serviceDate, calendarStart: fmt(calStart), calendarEnd: fmt(calEnd), agencies: [...agencies].sort(),
    routes: routeMode.size, trips: tripRoute.size, tripsOnServiceDate: tripRuns.size, departures: total,
    stopsByLocationType: byType, folded: report.read - report.imported - report.skipped,
    calendarFiles: ['calendar.txt', 'calendar_dates.txt'].filter((f) => tables.has(f)),
  };
  if (total === 0) {
    report.warnings.push({ code: 'no-service-on-date', message: `${prefix || 'feed'}: no trip runs on the service date ${serviceDate} ` +
      `(calendar ${fmt(calStart) ?? '?'} … ${fmt(calEnd) ?? '?'}): the ${records.length} stops are imported with 0 departures; set SERVICE_DATE to a date the feed serves` });
  }
  return { records, report };
}
