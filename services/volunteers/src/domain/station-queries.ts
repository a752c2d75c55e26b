import { badUserInput, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import type { Station, StationKind } from '../data/station.entity';
import type { NearbyStationRow } from '../data/station.repository';
import type { VolunteersContext } from '../context';
import type { StationFilter } from '../generated/graphql';
import { afterId, optionalId } from './arguments';
import { regionFilterPrefix } from './region-rules';

/** Two hours' walk: beyond that a "service circle" is the whole city and the search scans it all. */
export const MAX_WALKING_MINUTES = 120;
/** A comfortable walking pace, as the city's 15-minute circle assumes. */
export const METRES_PER_MINUTE = 80;
const DEFAULT_WALKING_MINUTES = 15;

export function stationById(ctx: VolunteersContext, id: string): Promise<Station | null> {
  return ctx.loaders.station.load(idArgument('id', id));
}

/** A page of stations matching every filter, by id. */
export async function stationsPage(ctx: VolunteersContext, filter: StationFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Station>> {
  const size = pageSize(first);
  const query = {
    regionPrefix: await regionFilterPrefix(ctx.regions, 'filter.regionCode', filter?.regionCode),
    kind: filter?.kind ?? undefined,
    operatingTeamId: optionalId('filter.operatingTeamId', filter?.operatingTeamId),
  };
  const rows = await ctx.repos.stations.page(query, size + 1, afterId(after));
  return toConnection(
    rows,
    size,
    (s) => s.id,
    () => ctx.repos.stations.count(query),
  );
}

/** A point on the earth, or BAD_USER_INPUT naming the coordinate that is off it (NaN included). */
export function checkCoordinates(lat: number, lng: number, fields = { lat: 'lat', lng: 'lng' }): void {
  if (!(lat >= -90 && lat <= 90)) throw badUserInput(fields.lat, 'must be between -90 and 90');
  if (!(lng >= -180 && lng <= 180)) throw badUserInput(fields.lng, 'must be between -180 and 180');
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

export interface StationsNearArgs {
  lat: number;
  lng: number;
  walkingMinutes?: number | null;
  kind?: StationKind | null;
  first?: number | null;
}

/** The "15-minute circle": stations within walking distance of a point, nearest first. */
export async function stationsNear(ctx: VolunteersContext, args: StationsNearArgs): Promise<NearbyStationRow[]> {
  checkCoordinates(args.lat, args.lng);
  const minutes = walkingMinutesArgument(args.walkingMinutes);
  const rows = await ctx.repos.stations.near(args.lat, args.lng, minutes * METRES_PER_MINUTE, pageSize(args.first), args.kind ?? undefined);
  return rows.map(({ station, distanceMeters }) => {
    ctx.loaders.station.prime(station.id, station);
    return { station, distanceMeters: Math.round(distanceMeters), walkingMinutes: walkingMinutesFor(distanceMeters) };
  });
}
