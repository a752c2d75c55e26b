import { badUserInput } from '@vg/graphql';

/** Two hours' walk: beyond that the "circle" is the whole city and the search scans it all. */
export const MAX_WALKING_MINUTES = 120;
/** A comfortable walking pace, as the city's 15-minute circle assumes. */
export const METRES_PER_MINUTE = 80;
const DEFAULT_WALKING_MINUTES = 15;

/** A point on the earth (finite, within range), or BAD_USER_INPUT naming the coordinate that is off it. */
export function checkCoordinates(lat: number, lng: number, fieldPrefix = ''): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badUserInput(`${fieldPrefix}lat`, 'must be between -90 and 90');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw badUserInput(`${fieldPrefix}lng`, 'must be between -180 and 180');
}

/** Minutes of walking to search within: whole minutes, 1..MAX_WALKING_MINUTES (default 15). */
export function walkingMinutesArgument(minutes: number | null | undefined): number {
  const value = minutes ?? DEFAULT_WALKING_MINUTES;
  if (!Number.isInteger(value) || value < 1 || value > MAX_WALKING_MINUTES) throw badUserInput('walkingMinutes', `must be between 1 and ${MAX_WALKING_MINUTES}`);
  return value;
}

/** Minutes to walk `distanceMeters` at METRES_PER_MINUTE, rounded up, at least 1. */
export function walkingMinutesFor(distanceMeters: number): number {
  return Math.max(1, Math.ceil(distanceMeters / METRES_PER_MINUTE));
}
