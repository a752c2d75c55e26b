import { LOCAL_UTC_OFFSET_MS } from '@vg/config';

/**
 * Instants as epoch milliseconds, laid out on China's calendar (UTC+8, no daylight saving): demo
 * activities start at local times of day, and service dates are local dates.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const CHINA_OFFSET = LOCAL_UTC_OFFSET_MS;

/** Local day number (days since 1970-01-01 in China) of an instant. */
export function chinaDay(at: number): number {
  return Math.floor((at + CHINA_OFFSET) / DAY);
}

/** The instant of `minuteOfDay` on local day `day`. */
export function chinaTime(day: number, minuteOfDay: number): number {
  return day * DAY + minuteOfDay * MINUTE - CHINA_OFFSET;
}

/** Local day number of an ISO date `YYYY-MM-DD`. */
export function dayOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY;
}

export function iso(at: number): string {
  return new Date(at).toISOString();
}
