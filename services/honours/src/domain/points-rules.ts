/** A points rule as the crediting needs it. */
export interface RateRule {
  effectiveFrom: string;
  pointsPerHour: number;
  coefficients: { theme: string; coefficient: number }[];
}

/** Points expire this many years after the day they were earned; hours never do. */
export const POINTS_LIFETIME_YEARS = 3;

/** The theme of a record of a service request (it has no activity). */
export const SERVICE_REQUEST_THEME = 'SERVICE_REQUEST';

/**
 * The rule in force on a service date: the latest whose effectiveFrom is on or before it (records
 * older than every rule take the oldest). Null only when there is no rule at all.
 */
export function ruleOn<R extends RateRule>(rules: readonly R[], serviceDate: string): R | null {
  let found: R | null = null;
  let oldest: R | null = null;
  for (const rule of rules) {
    if (rule.effectiveFrom <= serviceDate && (!found || rule.effectiveFrom > found.effectiveFrom)) found = rule;
    if (!oldest || rule.effectiveFrom < oldest.effectiveFrom) oldest = rule;
  }
  return found ?? oldest;
}

/**
 * round(hours × pointsPerHour × coefficient), half up, in integers: hours have one decimal,
 * points per hour and coefficients two, so no float error decides a rounding.
 */
export function pointsFor(rule: RateRule | null, theme: string, hours: number): number {
  if (!rule || hours <= 0) return 0;
  const coefficient = rule.coefficients.find((c) => c.theme === theme)?.coefficient ?? 1;
  const product = Math.round(hours * 10) * Math.round(rule.pointsPerHour * 100) * Math.round(coefficient * 100);
  return Math.floor((product + 50_000) / 100_000);
}

/** The day points earned on `earnedOn` (YYYY-MM-DD) expire: the same date 3 years on (28 Feb for 29 Feb). */
export function expiryOf(earnedOn: string): string {
  const [y, m, d] = earnedOn.split('-').map(Number);
  const year = y + POINTS_LIFETIME_YEARS;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}
