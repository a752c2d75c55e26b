import { badUserInput } from '@vg/graphql';

/**
 * The city's "15-minute volunteer service circle": places within a walk of a point, at about
 * 80 m a minute in a straight line. One rule for stations, redemption points and package offers.
 */
export const METRES_PER_MINUTE = 80;
export const DEFAULT_WALKING_MINUTES = 15;
/** Two hours' walk: beyond that the "circle" is the whole city and the search scans it all. */
export const MAX_WALKING_MINUTES = 120;

/** A point on the earth, or BAD_USER_INPUT naming the coordinate that is off it (NaN and ±Infinity included). */
export function checkCoordinates(lat: number, lng: number, fieldPrefix = ''): void {
  if (!(lat >= -90 && lat <= 90)) throw badUserInput(`${fieldPrefix}lat`, 'must be between -90 and 90');
  if (!(lng >= -180 && lng <= 180)) throw badUserInput(`${fieldPrefix}lng`, 'must be between -180 and 180');
}

/** Minutes of walking to search within: whole minutes, 1..MAX_WALKING_MINUTES (default 15). */
export function walkingMinutesArgument(minutes: number | null | undefined): number {
  const value = minutes ?? DEFAULT_WALKING_MINUTES;
  if (!Number.isInteger(value) || value < 1 || value > MAX_WALKING_MINUTES) throw badUserInput('walkingMinutes', `must be between 1 and ${MAX_WALKING_MINUTES}`);
  return value;
}

/** The search radius in metres of a walk of `minutes`. */
export function walkingRadiusMeters(minutes: number): number {
  return minutes * METRES_PER_MINUTE;
}

/** Minutes to walk `distanceMeters`, rounded up, at least 1. */
export function walkingMinutesFor(distanceMeters: number): number {
  return Math.max(1, Math.ceil(distanceMeters / METRES_PER_MINUTE));
}
