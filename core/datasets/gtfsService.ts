/**
 * The GTFS departure rule — one home for the shipped feeds' import (server/ingest/transit.ts, DuckDB staging) and
 * users' GTFS zips ({@link ./gtfs.parseGtfs}). What "a departure on the service date" means is decided here only;
 * the callers read and validate their tables and hand over plain rows.
 *
 * Rule (GTFS reference, "calendar.txt", "calendar_dates.txt", "stop_times.txt"; SITE-MODEL.md "Service date"):
 * 1. a `service_id` is active on the date when `calendar` runs it (start_date ≤ date ≤ end_date and that weekday's
 *    flag is 1) or `calendar_dates` adds it (exception_type 1) — and `calendar_dates` does not remove it
 *    (exception_type 2; a removal wins over both);
 * 2. a trip runs when its service is active;
 * 3. a departure is one `stop_times` row of a running trip, except the trip's last call (its highest stop_sequence:
 *    nobody boards there) and rows with pickup_type 1 (no pickup);
 * 4. departures count at the call's boarding point: a platform (location_type 0 or empty) with a parent station
 *    (location_type 1) counts at the station.
 */

/** The GTFS weekday column (`monday` … `sunday`) of a service date YYYY-MM-DD, read as a civil date. */
export function serviceWeekday(serviceDate: string): string {
  const d = new Date(`${serviceDate}T12:00:00Z`);
  return ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][d.getUTCDay()];
}

/** One validated `calendar.txt` row; dates YYYYMMDD; `runsOnWeekday` = the service date's weekday flag is 1. */
export interface GtfsCalendarRow { serviceId: string; startDate: string; endDate: string; runsOnWeekday: boolean }

/** One validated `calendar_dates.txt` row; `date` YYYYMMDD; exception 1 = added, 2 = removed. */
export interface GtfsCalendarDateRow { serviceId: string; date: string; exceptionType: 1 | 2 }

/** What {@link activeServices} finds. */
export interface ActiveServices {
  /** service_id values active on the date. */
  active: Set<string>;
  /** The feed's calendar span, YYYYMMDD: min/max of calendar start/end dates and added calendar_dates (null when none). */
  calendarStart: string | null;
  calendarEnd: string | null;
}

/**
 * The services active on `serviceDate` (rule 1 in this module's header), and the feed's calendar span.
 * @param serviceDate YYYY-MM-DD.
 * @throws Error when `serviceDate` is not YYYY-MM-DD.
 */
export function activeServices(calendar: Iterable<GtfsCalendarRow>, calendarDates: Iterable<GtfsCalendarDateRow>, serviceDate: string): ActiveServices {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDate)) throw new Error(`service date "${serviceDate}" is not YYYY-MM-DD`);
  const ymd = serviceDate.replaceAll('-', '');
  const active = new Set<string>();
  const removed = new Set<string>();
  let calendarStart: string | null = null, calendarEnd: string | null = null;
  const span = (d: string) => {
    if (calendarStart === null || d < calendarStart) calendarStart = d;
    if (calendarEnd === null || d > calendarEnd) calendarEnd = d;
  };
  for (const c of calendar) {
    span(c.startDate); span(c.endDate);
    if (c.runsOnWeekday && c.startDate <= ymd && ymd <= c.endDate) active.add(c.serviceId);
  }
  for (const d of calendarDates) {
    if (d.exceptionType === 1) span(d.date);
    if (d.date === ymd) (d.exceptionType === 1 ? active : removed).add(d.serviceId);
  }
  for (const id of removed) active.delete(id);
  return { active, calendarStart, calendarEnd };
}

/** One `stop_times` row of a running trip, with its stop already folded to its boarding point ({@link boardingPoint}). */
export interface GtfsCall {
  /** The trip's id, or any key unique per trip (a row number). */
  trip: string | number;
  route: string;
  boardingPoint: string;
  stopSequence: number;
  /** `pickup_type` as written ('' when absent); '1' = no pickup. */
  pickupType: string;
}

/** Departures per boarding point on the service date: `byRoute` = route_id → departures there. */
export interface Departures { byPoint: Map<string, Map<string, number>>; total: number }

/**
 * Count departures (rules 3 and 4): every call of a running trip but the trip's last (highest stop_sequence) and
 * pickup_type 1, at its boarding point, split by route.
 * @param calls the running trips' calls, any order (two passes: one for each trip's last stop_sequence).
 */
export function countDepartures(calls: readonly GtfsCall[]): Departures {
  const lastSeq = new Map<string | number, number>();
  for (const c of calls) {
    const m = lastSeq.get(c.trip);
    if (m === undefined || c.stopSequence > m) lastSeq.set(c.trip, c.stopSequence);
  }
  const byPoint = new Map<string, Map<string, number>>();
  let total = 0;
  for (const c of calls) {
    if (c.stopSequence >= lastSeq.get(c.trip)! || c.pickupType === '1') continue;
    let m = byPoint.get(c.boardingPoint);
    if (!m) byPoint.set(c.boardingPoint, (m = new Map()));
    m.set(c.route, (m.get(c.route) ?? 0) + 1);
    total++;
  }
  return { byPoint, total };
}

/** A stop as {@link boardingPoint} needs it: `locationType` 0–4 (empty = 0), `parentStation` '' when none. */
export interface GtfsStopRef { id: string; locationType: number; parentStation: string }

/**
 * The boarding point a stop's departures count at (rule 4): its parent station when the stop is a platform
 * (location_type 0) whose parent is a station (location_type 1), else the stop itself.
 * @returns undefined for a stop id not in `stops`.
 */
export function boardingPoint<S extends GtfsStopRef>(stops: ReadonlyMap<string, S>, stopId: string): S | undefined {
  const s = stops.get(stopId);
  if (!s) return undefined;
  if (s.parentStation && s.locationType === 0) {
    const p = stops.get(s.parentStation);
    if (p && p.locationType === 1) return p;
  }
  return s;
}
