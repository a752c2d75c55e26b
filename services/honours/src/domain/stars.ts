/** Hours for 1–5 stars (national record rules). */
export const STAR_THRESHOLDS = [100, 300, 600, 1000, 1500] as const;

/** Hours as whole tenths (they are stored with one decimal), so comparisons never suffer float error. */
const tenths = (hours: number) => Math.round(hours * 10);

/** The star level cumulative hours reach: 0 below 100 h, 5 from 1500 h. */
export function starLevelFor(hours: number): number {
  const h = tenths(hours);
  return STAR_THRESHOLDS.filter((t) => h >= t * 10).length;
}

/**
 * The next level and the hours still to serve for it, rounded up to the half hour (hours are
 * served in half hours, so at least 0.5); null at 5 stars.
 */
export function nextStarFor(hours: number): { level: number; hoursToGo: number } | null {
  const level = starLevelFor(hours);
  if (level >= STAR_THRESHOLDS.length) return null;
  const missing = STAR_THRESHOLDS[level] * 10 - tenths(hours);
  return { level: level + 1, hoursToGo: (Math.ceil(missing / 5) * 5) / 10 };
}
