import { localYear, localYearStart } from '@vg/config';
import { badUserInput } from '@vg/graphql';

/** GB/T 2260 codes (6 digits) and the longer town (9) and village (12) codes below them. */
const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;

/** The first year an award or library change can carry (the database refuses earlier ones). */
export const FIRST_YEAR = 1990;
export const LAST_YEAR = 2100;

/** A region code as given, or BAD_USER_INPUT naming `field` when it is not shaped like one. */
export function regionCodeArgument(field: string, code: string): string {
  const value = code.trim();
  if (!REGION_CODE.test(value)) throw badUserInput(field, 'must be a region code of 6, 9 or 12 digits');
  return value;
}

/**
 * A region code in Zibo (淄博市, 3703): the city or a county (6 digits), a town (9) or a village or
 * community (12). This service cannot read the volunteers subgraph's region table, so it checks
 * the shape only: the city's prefix, and no all-zero county, town or village part below the city.
 */
export function ziboRegionCode(field: string, code: string): string {
  const value = code.trim();
  if (!/^3703(\d{2}|\d{5}|\d{8})$/.test(value)) throw badUserInput(field, 'must be a Zibo region code: 6, 9 or 12 digits starting with 3703');
  const [county, town, village] = [value.slice(4, 6), value.slice(6, 9), value.slice(9, 12)];
  if (value.length > 6 && county === '00') throw badUserInput(field, `${value} names no county`);
  if (town === '000' || village === '000') throw badUserInput(field, `${value} is not a region code`);
  return value;
}

/**
 * The prefix every code in a region (itself included) starts with. Codes are hierarchical: a
 * province's six digits end in 0000 and its cities share the first two, a city's end in 00 and
 * its counties share the first four (370300 淄博市 → 3703); anything below a county starts with
 * the county's, town's or village's own code.
 */
export function regionPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Is `code` the region `container` or somewhere below it? */
export function isWithinRegion(code: string, container: string): boolean {
  return code.startsWith(regionPrefix(container));
}

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
