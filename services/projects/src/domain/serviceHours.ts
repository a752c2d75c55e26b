const HALF_HOUR_MS = 30 * 60 * 1000;

/**
 * Hours of actual service: from check-in (or the activity's start, if earlier — waiting and travel
 * before it do not count) to check-out, at most the activity's length, rounded to the nearest half
 * hour.
 */
export function serviceHours(checkedInAt: Date, checkedOutAt: Date, activity: { startsAt: Date; endsAt: Date }): number {
  const from = Math.max(checkedInAt.getTime(), activity.startsAt.getTime());
  const served = Math.max(0, checkedOutAt.getTime() - from);
  const capped = Math.min(served, activity.endsAt.getTime() - activity.startsAt.getTime());
  return Math.round(capped / HALF_HOUR_MS) / 2;
}

/** The calendar date of an instant in China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
