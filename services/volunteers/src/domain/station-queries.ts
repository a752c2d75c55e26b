import { idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import type { Station, StationKind } from '../data/station.entity';
import type { NearbyStationRow } from '../data/station.repository';
import type { VolunteersContext } from '../context';
import type { StationFilter } from '../generated/graphql';
import { afterId, optionalId } from './arguments';
import { checkCoordinates, walkingMinutesArgument, walkingMinutesFor, walkingRadiusMeters } from '@vg/standards';
import { regionFilterPrefix } from './region-rules';

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
  const rows = await ctx.repos.stations.near(args.lat, args.lng, walkingRadiusMeters(minutes), pageSize(args.first), args.kind ?? undefined);
  return rows.map(({ station, distanceMeters }) => {
    ctx.loaders.station.prime(station.id, station);
    return { station, distanceMeters: Math.round(distanceMeters), walkingMinutes: walkingMinutesFor(distanceMeters) };
  });
}
