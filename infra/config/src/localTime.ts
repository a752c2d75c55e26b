/**
 * The city's local time: China Standard Time, UTC+8 all year (no daylight saving). Service dates,
 * cover dates and "the end of a year" are local; instants are stored in UTC.
 */
export const LOCAL_UTC_OFFSET_MS = 8 * 3600 * 1000;

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date): string {
  return new Date(at.getTime() + LOCAL_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The local calendar year of an instant. */
export function localYear(at: Date): number {
  return new Date(at.getTime() + LOCAL_UTC_OFFSET_MS).getUTCFullYear();
}

/** The instant local midnight begins 1 January of `year`. */
export function localYearStart(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - LOCAL_UTC_OFFSET_MS);
}
