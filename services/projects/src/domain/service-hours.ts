const HALF_HOUR_MS = 30 * 60 * 1000;

/**
 * Hours of actual service: the time between check-in and check-out that falls within the activity
 * (waiting and travel before the start, and lingering after the end, do not count), rounded to the
 * nearest half hour — so never more than the activity's length.
 */
export function serviceHours(checkedInAt: Date, checkedOutAt: Date, activity: { startsAt: Date; endsAt: Date }): number {
  const from = Math.max(checkedInAt.getTime(), activity.startsAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), activity.endsAt.getTime());
  return Math.round(Math.max(0, to - from) / HALF_HOUR_MS) / 2;
}
