import { localYear, localYearStart } from '@vg/config';
import { badUserInput } from '@vg/graphql';

/** The first year an award or library change can carry (the database refuses earlier ones). */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

/** The calendar year in China (UTC+8) of an instant. */
export const chinaYear = localYear;

/**
 * The instant a year ends in China (midnight of 1 January after it, UTC+8): what "the library at
 * the end of `year`" is read before. BAD_USER_INPUT naming `field` for years outside 1990–2100.
 */
export function endOfYear(field: string, year: number): Date {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw badUserInput(field, `must be a year between ${FIRST_YEAR} and ${LAST_YEAR}`);
  return localYearStart(year + 1);
}

/** An award's year: from 1990 up to this year (an award is recorded once won, not before). */
export function awardYear(field: string, year: number, now: Date): number {
  const latest = chinaYear(now);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > latest) throw badUserInput(field, `must be a year between ${FIRST_YEAR} and ${latest}`);
  return year;
}
