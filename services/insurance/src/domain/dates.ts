import { localDate } from '@vg/config';

const DAY_MS = 24 * 3600 * 1000;
/** The calendar date of an instant in China Standard Time (UTC+8, no daylight saving). */
export const chinaDate = localDate;

/** Every China date from `from` to `to` (inclusive, both instants), in order. */
export function chinaDatesBetween(from: Date, to: Date): string[] {
  const dates = [chinaDate(from)];
  const last = chinaDate(to);
  while (dates.at(-1)! < last) dates.push(new Date(Date.parse(`${dates.at(-1)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
  return dates;
}

/** Today in China. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDate(now);
}

/** `date` (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The last day of cover that starts on `start` and lasts `months` months: the day before the
 * same day `months` later (2024-03-01 + 12 → 2025-02-28; from 29 February, the day before 1 March).
 */
export function lastDayOfTerm(start: string, months: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return addDays(d.toISOString().slice(0, 10), -1);
}

/** Do the inclusive periods [aStart, aEnd] and [bStart, bEnd] share a day? (YYYY-MM-DD compares as text.) */
export function periodsOverlap(aStart: string, aEnd: string, bStart: string, bEnd: string): boolean {
  return aStart <= bEnd && bStart <= aEnd;
}
