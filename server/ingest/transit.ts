import fs from 'node:fs';
import path from 'node:path';
import { listValue } from '@duckdb/node-api';
import { activeServices, boardingPoint, countDepartures, serviceWeekday, type GtfsCall, type GtfsStopRef } from '../../core/datasets/gtfsService';
import type { Database } from '../db/database';
import { ImportError } from './errors';
import { STAGING_PREFIX, VALID, checkField, stageCsv, stageJson, type StageColumn, type StageSource } from './stage';

/** Transit mode of a stop (SITE-MODEL.md: each mode has its own walk radius). */
export type TransitMode = 'subway' | 'bus' | 'rail' | 'ferry';

/** One GTFS feed as shipped in DATA_DIR. */
export interface FeedSpec {
  /** Feed key used in `transit_feeds.feed` and as the `<feed>:` prefix of stop and route ids. */
  feed: string;
  mode: TransitMode;
  /** Folder relative to DATA_DIR. */
  dir: string;
  /** `json`: MTA GTFS-as-JSON (nyc-mta-gtfs-json, every value a string); `txt`: standard GTFS text tables. */
  format: 'json' | 'txt';
  /** Full timetable present (calendar, trips, stop_times) → departures counted; else stop locations only → imputed. */
  scheduled: boolean;
}

const MTA = 'nyc-mta-gtfs-json';

/**
 * Every feed imported, in priority order: scheduled feeds first (their medians feed the imputation), and
 * among the bus feeds the Manhattan timetable first so a border stop listed in two bus feeds keeps the
 * scheduled record (nyc-mta-gtfs-json/SOURCE.md: 940 border stops appear in two feeds; dedupe on stop_id).
 */
export const FEEDS: readonly FeedSpec[] = [
  { feed: 'subway', mode: 'subway', dir: `${MTA}/subway`, format: 'json', scheduled: true },
  { feed: 'bus_m', mode: 'bus', dir: `${MTA}/bus_m`, format: 'json', scheduled: true },
  { feed: 'ferry', mode: 'ferry', dir: 'nyc-ferry-gtfs', format: 'txt', scheduled: true },
  { feed: 'bus_bk', mode: 'bus', dir: `${MTA}/bus_bk`, format: 'json', scheduled: false },
  { feed: 'bus_bx', mode: 'bus', dir: `${MTA}/bus_bx`, format: 'json', scheduled: false },
  { feed: 'bus_qns', mode: 'bus', dir: `${MTA}/bus_qns`, format: 'json', scheduled: false },
  { feed: 'bus_si', mode: 'bus', dir: `${MTA}/bus_si`, format: 'json', scheduled: false },
  { feed: 'bus_busco', mode: 'bus', dir: `${MTA}/bus_busco`, format: 'json', scheduled: false },
  { feed: 'lirr', mode: 'rail', dir: `${MTA}/lirr`, format: 'json', scheduled: false },
  { feed: 'mnr', mode: 'rail', dir: `${MTA}/mnr`, format: 'json', scheduled: false },
];

/**
 * Which scheduled feed's per-stop median stands in for an unscheduled stop of each mode
 * (SITE-MODEL.md "Stops without schedules": buses → the Manhattan bus median; rail → the subway median).
 */
export const IMPUTATION_SOURCE: Partial<Record<TransitMode, string>> = { bus: 'bus_m', rail: 'subway' };

const TABLES = {
  stops: [
    { name: 'stop_id', required: true }, { name: 'stop_name' }, { name: 'stop_lat', required: true }, { name: 'stop_lon', required: true },
    { name: 'location_type' }, { name: 'parent_station' },
  ],
  calendar: ['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date']
    .map((name) => ({ name, required: true })),
  calendar_dates: [{ name: 'service_id', required: true }, { name: 'date', required: true }, { name: 'exception_type', required: true }],
  trips: [{ name: 'route_id', required: true }, { name: 'service_id', required: true }, { name: 'trip_id', required: true }],
  stop_times: [{ name: 'trip_id', required: true }, { name: 'stop_id', required: true }, { name: 'stop_sequence', required: true }, { name: 'pickup_type' }],
  feed_info: [{ name: 'feed_start_date' }, { name: 'feed_end_date' }, { name: 'feed_version' }],
} satisfies Record<string, StageColumn[]>;

type TableName = keyof typeof TABLES;

/** The file holding one GTFS table of a feed (`.json`, `.json.gz` or `.txt`), or undefined when absent. */
export function feedTableFile(dataDir: string, spec: FeedSpec, table: string): string | undefined {
  const names = spec.format === 'txt' ? [`${table}.txt`] : [`${table}.json`, `${table}.json.gz`];
  for (const n of names) {
    const f = path.join(dataDir, spec.dir, n);
    if (fs.existsSync(f)) return f;
  }
  return undefined;
}

/** The tables an import reads from a feed: required ones throw when missing. */
export function feedTables(spec: FeedSpec): { table: TableName; required: boolean }[] {
  const out: { table: TableName; required: boolean }[] = [{ table: 'stops', required: true }];
  if (spec.scheduled) {
    out.push({ table: 'calendar', required: true }, { table: 'calendar_dates', required: false },
      { table: 'trips', required: true }, { table: 'stop_times', required: true });
  }
  out.push({ table: 'feed_info', required: false });
  return out;
}

/** What {@link importTransit} reports per feed. */
export interface FeedSummary {
  feed: string;
  mode: TransitMode;
  scheduled: boolean;
  calendarStart: string | null;
  calendarEnd: string | null;
  stopCount: number;
  departures: number;
  feedVersion: string | null;
  /** Median departures per stop used for this feed's imputed stops (unscheduled feeds only). */
  imputedDeparturesPerStop: number | null;
  files: string[];
}

function stg(feed: string, table: string) {
  return `${STAGING_PREFIX}${feed}_${table}`;
}

/**
 * Import every transit feed into `transit_stops` and `transit_feeds` for ONE service date.
 *
 * Departures (scheduled feeds): counted by the departure rule of core/datasets/gtfsService.ts — the one home of that
 * rule, which users' GTFS zips follow too: a trip runs when its service is active on the date (calendar with the
 * weekday flag, plus calendar_dates additions, minus removals); a departure is one `stop_times` row of such a trip,
 * EXCEPT the trip's last stop (its highest stop_sequence) and rows with `pickup_type = 1`: nobody can board there —
 * counting it would credit terminals with trains and buses that leave them empty-handed. Platforms roll up to their
 * parent station, so a subway station's figure is all its platforms' departures.
 * `route_ids` lists the distinct routes (`<feed>:<route_id>`) departing from the stop that day.
 *
 * Service date: validated against each scheduled feed's calendar (min start … max end, including
 * calendar_dates additions); outside it, or with no active trip, the import is refused — a date outside a
 * feed gives zero departures, which is a bug, not a finding (SITE-MODEL.md "Service date").
 *
 * Unscheduled feeds (stop locations only): each stop gets the median service-date departures per stop
 * (stops with at least one departure) of the scheduled feed in {@link IMPUTATION_SOURCE}, with
 * `imputed = true`, `scheduled = false` and no route ids (SITE-MODEL.md "Stops without schedules").
 * Bus stops already imported from an earlier bus feed (same GTFS stop_id) are skipped — the borough feeds
 * overlap at the borders. Bus stop coordinates carry leading spaces: trimmed before the cast.
 *
 * Border bus stops that only appear in the Manhattan timetable's stops but are served by other boroughs'
 * routes get only their Manhattan departures (3 stops have 0 on 2026-10-07): a known, small undercount.
 *
 * Must run inside the import transaction after the tables exist.
 * @param dataDir DATA_DIR (absolute); each feed's tables are found with {@link feedTableFile}.
 * @param serviceDate YYYY-MM-DD.
 * @param display converts an absolute path to the DATA_DIR-relative name used in errors.
 * @returns one {@link FeedSummary} per feed of {@link FEEDS}, in that order.
 * @throws ImportError naming file, row and field for bad values; field `serviceDate` when the date is outside a feed.
 */
export async function importTransit(
  db: Database,
  dataDir: string,
  serviceDate: string,
  display: (absPath: string) => string,
): Promise<FeedSummary[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDate) || Number.isNaN(Date.parse(`${serviceDate}T00:00:00Z`))) {
    throw new ImportError('(settings)', undefined, 'serviceDate', `"${serviceDate}" is not a date YYYY-MM-DD (env SERVICE_DATE)`);
  }
  const ymd = serviceDate.replaceAll('-', '');
  const dow = serviceWeekday(serviceDate);
  const summaries: FeedSummary[] = [];
  const medians: Record<string, number> = {};

  for (const spec of FEEDS) {
    const files: Partial<Record<TableName, StageSource>> = {};
    for (const { table, required } of feedTables(spec)) {
      const f = feedTableFile(dataDir, spec, table);
      if (!f) {
        if (required) throw new ImportError(`${spec.dir}/${table}.${spec.format === 'txt' ? 'txt' : 'json'}`, undefined, undefined, 'file not found');
        continue;
      }
      const src = { path: f, display: display(f) };
      files[table] = src;
      if (spec.format === 'txt') await stageCsv(db, stg(spec.feed, table), src, TABLES[table]);
      else await stageJson(db, stg(spec.feed, table), src, TABLES[table]);
    }
    const S = (t: TableName) => `temp.${stg(spec.feed, t)}`;

    // Stops: coordinates trimmed (bus feeds pad them with spaces), then cast.
    const stops = files.stops!;
    await checkField(db, stg(spec.feed, 'stops'), stops, 'stop_id', VALID.nonEmpty, 'a stop id');
    await checkField(db, stg(spec.feed, 'stops'), stops, 'stop_lat', VALID.latitude, 'a latitude in degrees');
    await checkField(db, stg(spec.feed, 'stops'), stops, 'stop_lon', VALID.longitude, 'a longitude in degrees');

    let feedInfo: { start: string | null; end: string | null; version: string | null } = { start: null, end: null, version: null };
    if (files.feed_info) {
      const r = await db.all<{ s: string | null; e: string | null; v: string | null }>(
        `SELECT feed_start_date AS s, feed_end_date AS e, feed_version AS v FROM ${S('feed_info')} ORDER BY rowid LIMIT 1`);
      if (r.length) feedInfo = { start: r[0].s || null, end: r[0].e || null, version: r[0].v || null };
    }

    let calStart: string | null = null;
    let calEnd: string | null = null;
    if (spec.scheduled) {
      const cal = files.calendar!;
      const tCal = stg(spec.feed, 'calendar');
      await checkField(db, tCal, cal, 'service_id', VALID.nonEmpty, 'a service id');
      for (const d of ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']) await checkField(db, tCal, cal, d, VALID.zeroOne, '0 or 1');
      await checkField(db, tCal, cal, 'start_date', VALID.yyyymmdd, 'a date YYYYMMDD');
      await checkField(db, tCal, cal, 'end_date', VALID.yyyymmdd, 'a date YYYYMMDD');
      if (!files.calendar_dates) {
        await db.run(`CREATE OR REPLACE TEMP TABLE ${stg(spec.feed, 'calendar_dates')} (service_id VARCHAR, date VARCHAR, exception_type VARCHAR)`);
      } else {
        const cd = files.calendar_dates;
        await checkField(db, stg(spec.feed, 'calendar_dates'), cd, 'date', VALID.yyyymmdd, 'a date YYYYMMDD');
        await checkField(db, stg(spec.feed, 'calendar_dates'), cd, 'exception_type', `$v IN ('1', '2')`, '1 (added) or 2 (removed)');
      }
      const trips = files.trips!;
      await checkField(db, stg(spec.feed, 'trips'), trips, 'trip_id', VALID.nonEmpty, 'a trip id');
      await checkField(db, stg(spec.feed, 'trips'), trips, 'service_id', VALID.nonEmpty, 'a service id');
      await checkField(db, stg(spec.feed, 'trips'), trips, 'route_id', VALID.nonEmpty, 'a route id');
      const st = files.stop_times!;
      await checkField(db, stg(spec.feed, 'stop_times'), st, 'trip_id', VALID.nonEmpty, 'a trip id');
      await checkField(db, stg(spec.feed, 'stop_times'), st, 'stop_sequence', VALID.nonNegInt, 'a whole number ≥ 0');
      await checkField(db, stg(spec.feed, 'stop_times'), st, 'stop_id', `$v IN (SELECT stop_id FROM ${S('stops')})`, `a stop_id listed in ${stops.display}`);

      // The departure rule lives in core/datasets/gtfsService.ts (users' GTFS zips use the same): the calendars
      // (small) are read here and handed over; the running trips' calls are read column-wise and counted there.
      const calendar = await db.all<{ id: string; s: string; e: string; f: string }>(
        `SELECT service_id AS id, start_date AS s, end_date AS e, ${dow} AS f FROM ${S('calendar')}`);
      const calendarDates = await db.all<{ id: string; d: string; t: string }>(
        `SELECT service_id AS id, date AS d, exception_type AS t FROM ${S('calendar_dates')}`);
      const services = activeServices(
        calendar.map((c) => ({ serviceId: c.id, startDate: c.s, endDate: c.e, runsOnWeekday: c.f === '1' })),
        calendarDates.map((d) => ({ serviceId: d.id, date: d.d, exceptionType: d.t === '1' ? 1 as const : 2 as const })),
        serviceDate);
      calStart = services.calendarStart;
      calEnd = services.calendarEnd;
      if (!calStart || !calEnd || ymd < calStart || ymd > calEnd) {
        throw new ImportError(cal.display, undefined, 'serviceDate',
          `service date ${serviceDate} is outside the ${spec.feed} feed's calendar (${fmt(calStart)} … ${fmt(calEnd)}); ` +
          `choose a date inside every scheduled feed with SERVICE_DATE`);
      }

      // Strings cross from DuckDB to JS once per stop and per running trip; the calls come as integer row numbers.
      const noTrip = () => new ImportError(cal.display, undefined, 'serviceDate',
        `no ${spec.feed} trip runs on ${serviceDate} (no service_id active that day in calendar/calendar_dates)`);
      if (!services.active.size) throw noTrip();

      // row numbers of the staged stops and running trips (a temp table's rowid is not a small integer)
      await db.run(`CREATE OR REPLACE TEMP TABLE ${stg(spec.feed, 'stop_k')} AS
        SELECT CAST(row_number() OVER (ORDER BY rowid) AS INTEGER) AS k, stop_id, location_type, parent_station FROM ${S('stops')}`);
      await db.run(`CREATE OR REPLACE TEMP TABLE ${stg(spec.feed, 'trip_k')} AS
        SELECT CAST(row_number() OVER (ORDER BY rowid) AS INTEGER) AS k, trip_id, route_id FROM ${S('trips')}
        WHERE service_id IN (SELECT unnest(CAST($active AS VARCHAR[])))`, { active: listValue([...services.active]) });
      const stopRows = await db.columns<{ k: number[]; id: string[]; t: (string | null)[]; p: (string | null)[] }>(
        `SELECT k, stop_id AS id, location_type AS t, parent_station AS p FROM temp.${stg(spec.feed, 'stop_k')} ORDER BY k`);
      const stopRefs = new Map<string, GtfsStopRef>();
      const stopAt = new Map<number, GtfsStopRef>();
      for (let k = 0; k < stopRows.id.length; k++) {
        const id = stopRows.id[k];
        if (!stopRefs.has(id)) stopRefs.set(id, { id, locationType: Number(stopRows.t[k]?.trim() || 0), parentStation: stopRows.p[k]?.trim() ?? '' });
        stopAt.set(stopRows.k[k], stopRefs.get(id)!);
      }
      const running = await db.columns<{ k: number[]; route: string[] }>(`SELECT k, route_id AS route FROM temp.${stg(spec.feed, 'trip_k')}`);
      const routeOfTrip = new Map<number, string>();
      for (let k = 0; k < running.k.length; k++) routeOfTrip.set(running.k[k], running.route[k]);
      const callCols = await db.columns<{ trip: number[]; stop: number[]; seq: number[]; pickup: (number | null)[] }>(`
        WITH first_stop AS (SELECT stop_id, min(k) AS k FROM temp.${stg(spec.feed, 'stop_k')} GROUP BY stop_id),
             run AS (SELECT trip_id, min(k) AS k FROM temp.${stg(spec.feed, 'trip_k')} GROUP BY trip_id)
        SELECT run.k AS trip, fs.k AS stop, CAST(trim(st.stop_sequence) AS INTEGER) AS seq,
               TRY_CAST(trim(st.pickup_type) AS INTEGER) AS pickup
        FROM ${S('stop_times')} st JOIN run USING (trip_id) JOIN first_stop fs USING (stop_id)`);
      const calls: GtfsCall[] = new Array(callCols.trip.length);
      const bp = new Map<GtfsStopRef, string>();
      for (const s of stopAt.values()) if (!bp.has(s)) bp.set(s, boardingPoint(stopRefs, s.id)!.id);
      for (let k = 0; k < callCols.trip.length; k++) {
        const trip = callCols.trip[k];
        calls[k] = { trip, route: routeOfTrip.get(trip)!, boardingPoint: bp.get(stopAt.get(callCols.stop[k])!)!,
          stopSequence: callCols.seq[k], pickupType: callCols.pickup[k] === 1 ? '1' : '' };
      }
      const departures = countDepartures(calls);
      if (!departures.total) throw noTrip();
      const stations = [...departures.byPoint.keys()];
      const perStation = stations.map((k) => departures.byPoint.get(k)!);
      await db.run(`CREATE OR REPLACE TEMP TABLE ${stg(spec.feed, 'dep')} AS
        SELECT unnest(CAST($station AS VARCHAR[])) AS station, unnest(CAST($n AS BIGINT[])) AS departures,
               unnest(CAST($routes AS VARCHAR[][])) AS route_ids`, {
        station: listValue(stations),
        n: listValue(perStation.map((m) => { let n = 0; for (const v of m.values()) n += v; return BigInt(n); })),
        routes: listValue(perStation.map((m) => listValue([...m.keys()].map((r) => `${spec.feed}:${r}`).sort()))),
      });

      await db.run(`INSERT INTO transit_stops
        SELECT '${spec.feed}:' || s.stop_id, '${spec.feed}', s.stop_id, s.stop_name, '${spec.mode}',
               CAST(trim(s.stop_lon) AS DOUBLE), CAST(trim(s.stop_lat) AS DOUBLE),
               coalesce(d.departures, 0), true, false, coalesce(d.route_ids, []::VARCHAR[])
        FROM ${S('stops')} s LEFT JOIN temp.${stg(spec.feed, 'dep')} d ON d.station = s.stop_id
        WHERE coalesce(s.parent_station, '') = ''
        QUALIFY row_number() OVER (PARTITION BY s.stop_id ORDER BY s.rowid) = 1
        ORDER BY s.rowid`);
      const med = await db.all<{ m: number | null }>(
        `SELECT median(departures) AS m FROM transit_stops WHERE feed = '${spec.feed}' AND departures > 0`);
      medians[spec.feed] = Number(med[0].m ?? 0);
    } else {
      const source = IMPUTATION_SOURCE[spec.mode];
      const imputed = source !== undefined ? medians[source] : undefined;
      if (imputed === undefined) throw new Error(`no scheduled feed to impute ${spec.mode} departures from (feed ${spec.feed})`);
      await db.run(`INSERT INTO transit_stops
        SELECT '${spec.feed}:' || s.stop_id, '${spec.feed}', s.stop_id, s.stop_name, '${spec.mode}',
               CAST(trim(s.stop_lon) AS DOUBLE), CAST(trim(s.stop_lat) AS DOUBLE),
               ${imputed}, false, true, []::VARCHAR[]
        FROM ${S('stops')} s
        WHERE coalesce(s.parent_station, '') = ''
          -- only bus feeds overlap (SOURCE.md); LIRR and Metro-North reuse the same small ids for different stations
          AND ('${spec.mode}' <> 'bus' OR s.stop_id NOT IN (SELECT gtfs_stop_id FROM transit_stops WHERE mode = 'bus'))
        QUALIFY row_number() OVER (PARTITION BY s.stop_id ORDER BY s.rowid) = 1
        ORDER BY s.rowid`);
      calStart = feedInfo.start;
      calEnd = feedInfo.end;
    }

    const agg = await db.all<{ n: bigint; dep: number | null }>(
      `SELECT count(*) AS n, sum(departures) AS dep FROM transit_stops WHERE feed = '${spec.feed}'`);
    const summary: FeedSummary = {
      feed: spec.feed,
      mode: spec.mode,
      scheduled: spec.scheduled,
      calendarStart: fmt(calStart),
      calendarEnd: fmt(calEnd),
      stopCount: Number(agg[0].n),
      departures: Math.round(Number(agg[0].dep ?? 0)),
      feedVersion: feedInfo.version,
      imputedDeparturesPerStop: spec.scheduled ? null : medians[IMPUTATION_SOURCE[spec.mode]!],
      files: Object.values(files).map((f) => f!.display),
    };
    await db.run(`INSERT INTO transit_feeds VALUES ($feed, $mode, $scheduled, CAST($start AS DATE), CAST($end AS DATE), CAST($date AS DATE), $stops, $dep)`, {
      feed: summary.feed, mode: summary.mode, scheduled: summary.scheduled, start: summary.calendarStart, end: summary.calendarEnd,
      date: serviceDate, stops: summary.stopCount, dep: summary.departures,
    });
    summaries.push(summary);
  }
  return summaries;
}

/** YYYYMMDD → YYYY-MM-DD (null stays null). */
function fmt(ymd: string | null): string | null {
  return ymd && /^\d{8}$/.test(ymd) ? `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}` : null;
}
