/**
 * The registry's calendar. A day named without a time of day (a list's `from=2024-05-01`, the month a nil return
 * attests, a year of filings) is a day where the registry is: midnight to midnight in its time zone
 * (`REGISTRY_TIME_ZONE`, America/Santiago by default), daylight saving included. A meeting at 22:30 on 31 May in
 * Santiago happened on 31 May, though it is already 1 June in UTC.
 */
export interface Calendar {
  readonly zone: string;
  /** The first instant of a YYYY-MM-DD day in the zone, as an ISO string (UTC). */
  startOfDay(day: string): string;
  /** The YYYY-MM-DD day an instant falls on in the zone. */
  dayOf(instant: string | number | Date): string;
}

export const DEFAULT_TIME_ZONE = 'America/Santiago';

/** True for an IANA time zone name this runtime knows (`America/Santiago`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const DAY_MS = 86_400_000;
/** Offsets from UTC stay within ±14 h, so a day starts within this much of its UTC midnight. */
const SEARCH_MS = 15 * 3_600_000;
/** Days remembered per zone: lists ask for the same few bounds again and again. */
const REMEMBERED = 4_096;

const calendars = new Map<string, Calendar>();

/** The calendar of an IANA time zone; throws RangeError for an unknown one. */
export function calendarOf(zone: string): Calendar {
  const known = calendars.get(zone);
  if (known) return known;
  const made = makeCalendar(zone);
  calendars.set(zone, made);
  return made;
}

function makeCalendar(zone: string): Calendar {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  /** The zone's wall clock at an instant, read as if it were UTC (so `wall(t) - t` is the offset in force). */
  const wall = (ms: number): number => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (((ms % 1000) + 1000) % 1000);
  };
  /** Days since 1970-01-01 of the zone's date at an instant. */
  const dayNumber = (ms: number): number => Math.floor(wall(ms) / DAY_MS);
  const starts = new Map<string, string>();

  const startOfDay = (day: string): string => {
    const remembered = starts.get(day);
    if (remembered !== undefined) return remembered;
    const midnight = Date.parse(`${day}T00:00:00.000Z`);
    if (Number.isNaN(midnight)) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
    const target = midnight / DAY_MS;
    const isStart = (ms: number) => dayNumber(ms) >= target && dayNumber(ms - 1) < target;
    // Midnight less the offset in force then: twice, since the offset may change between the two instants.
    let start = midnight - (wall(midnight) - midnight);
    start = midnight - (wall(start) - start);
    if (!isStart(start)) {
      // Midnight never happened that day (the clocks jumped past it): the day starts when they land.
      let before = midnight - SEARCH_MS;
      let after = midnight + SEARCH_MS;
      while (after - before > 1) {
        const middle = Math.floor((before + after) / 2);
        if (dayNumber(middle) >= target) after = middle;
        else before = middle;
      }
      start = after;
    }
    if (starts.size >= REMEMBERED) starts.clear();
    const iso = new Date(start).toISOString();
    starts.set(day, iso);
    return iso;
  };

  return {
    zone,
    startOfDay,
    dayOf: (instant) => new Date(dayNumber(new Date(instant).getTime()) * DAY_MS).toISOString().slice(0, 10),
  };
}

/** The first instant of the day after `day` in the zone: the exclusive end of a range that includes `day`. */
export function startOfNextDay(calendar: Calendar, day: string): string {
  return calendar.startOfDay(new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10));
}

/** Days as UTC counts them: for what is stored dated by day (a gift's date as its UTC midnight), not for instants. */
export const UTC_DAYS = calendarOf('UTC');

/** The days a kind's `sortField` counts in: as stored for a kind dated by day, else the registry's. */
export function daysOf(kind: { datedByDay?: boolean }, calendar: Calendar): Calendar {
  return kind.datedByDay ? UTC_DAYS : calendar;
}
