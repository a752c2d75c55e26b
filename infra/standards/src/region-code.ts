import { badUserInput } from '@vg/graphql';

/**
 * Region codes: GB/T 2260 for the province, city and counties (6 digits), 9 digits for towns and
 * sub-districts, 12 for villages and communities. Codes are hierarchical: a province's six digits
 * end in 0000 and its cities share the first two; a city's end in 00 and its counties share the
 * first four (370300 淄博市 → 3703); anything below a county starts with the county's, town's or
 * village's own code.
 */
const REGION_CODE = /^\d{6}(\d{3}){0,2}$/;

/** The code of the city this graph serves: 淄博市. */
export const CITY_REGION_CODE = '370300';

/** The prefix every code in the region `code` (itself included) starts with. */
export function regionPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Is `code` the region `container` or somewhere below it? */
export function isWithinRegion(code: string, container: string): boolean {
  return code.startsWith(regionPrefix(container));
}

/** A region code as given (trimmed), or BAD_USER_INPUT naming `field` when it is not shaped like one. */
export function regionCodeArgument(field: string, code: string): string {
  const value = code.trim();
  if (!REGION_CODE.test(value)) throw badUserInput(field, 'must be a region code of 6, 9 or 12 digits');
  return value;
}

/**
 * A region code in Zibo (3703): the city or a county (6 digits), a town (9) or a village or
 * community (12), checked by shape only (services that do not own the region table): the city's
 * prefix, and no all-zero county, town or village part below the city.
 */
export function ziboRegionCode(field: string, code: string): string {
  const value = code.trim();
  if (!/^3703(\d{2}|\d{5}|\d{8})$/.test(value)) throw badUserInput(field, 'must be a Zibo region code: 6, 9 or 12 digits starting with 3703');
  const [county, town, village] = [value.slice(4, 6), value.slice(6, 9), value.slice(9, 12)];
  if (value.length > 6 && county === '00') throw badUserInput(field, `${value} names no county`);
  if (town === '000' || village === '000') throw badUserInput(field, `${value} is not a region code`);
  return value;
}
