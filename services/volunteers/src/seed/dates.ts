/**
 * Calendar days as integers (days since 1970-01-01), so demo data can draw dates with integer
 * arithmetic and format them without a `Date` per row.
 */

const DAY_MS = 86_400_000;

/** Day number of an ISO date `YYYY-MM-DD` (UTC calendar). */
export function dayNumber(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
}

/** Day number of 1 January of `year`. */
export function firstDayOf(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

// Formatting is the hot path (one call per volunteer): remember each day once formatted, in
// arrays indexed from 1900-01-01 (a Map with float keys is several times slower).
const CACHE_BASE = Date.UTC(1900, 0, 1) / DAY_MS;
const CACHE_DAYS = 200 * 366;
const isoCache: (string | undefined)[] = new Array(CACHE_DAYS);
const compactCache: (string | undefined)[] = new Array(CACHE_DAYS);

/** `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  const i = day - CACHE_BASE;
  if (i < 0 || i >= CACHE_DAYS) return new Date(day * DAY_MS).toISOString().slice(0, 10);
  return (isoCache[i] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
}

/** `YYYYMMDD` of a day number (as in ID numbers). */
export function compactDay(day: number): string {
  const i = day - CACHE_BASE;
  if (i < 0 || i >= CACHE_DAYS) return isoDay(day).replaceAll('-', '');
  return (compactCache[i] ??= isoDay(day).replaceAll('-', ''));
}

// `T09:41:00+08:00` for every minute of the day, made once.
const TIMES_OF_DAY = Array.from({ length: 1440 }, (_, m) => {
  const two = (n: number) => String(n).padStart(2, '0');
  return `T${two(Math.floor(m / 60))}:${two(m % 60)}:00+08:00`;
});

/** A timestamp with Beijing's offset, e.g. `2019-03-12T09:41:00+08:00`; `minuteOfDay` is 0–1439. */
export function beijingTimestamp(day: number, minuteOfDay: number): string {
  // join() yields one flat string; `+` would keep a two-node rope alive per row.
  return [isoDay(day), TIMES_OF_DAY[minuteOfDay]].join('');
}
