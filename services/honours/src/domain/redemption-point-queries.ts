import { decodeCursor, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import { checkCoordinates, regionCodeArgument, regionPrefix, walkingMinutesArgument, walkingMinutesFor, walkingRadiusMeters } from '@vg/standards';
import type { HonoursContext } from '../context';
import type { RedemptionPoint, RedemptionPointKind } from '../data/redemption-point.entity';
import type { NearbyRedemptionPointModel } from '../data/references';
import type { RedemptionPointFilter } from '../generated/graphql';

/** A redemption point by id (null when none has it). */
export function redemptionPointById(ctx: HonoursContext, id: string): Promise<RedemptionPoint | null> {
  return ctx.loaders.redemptionPoint.load(idArgument('id', id));
}

/** A page of redemption points matching every filter, by id. */
export async function listRedemptionPoints(ctx: HonoursContext, args: { filter?: RedemptionPointFilter | null; first?: number | null; after?: string | null }): Promise<Connection<RedemptionPoint>> {
  const size = pageSize(args.first);
  const query = {
    regionPrefix: args.filter?.regionCode == null ? undefined : regionPrefix(regionCodeArgument('filter.regionCode', args.filter.regionCode)),
    kind: args.filter?.kind ?? undefined,
  };
  const afterId = args.after == null ? undefined : idArgument('after', decodeCursor(args.after));
  const rows = await ctx.repos.redemptionPoints.page(query, size + 1, afterId);
  for (const row of rows) ctx.loaders.redemptionPoint.prime(row.id, row);
  return toConnection(
    rows,
    size,
    (p) => p.id,
    () => ctx.repos.redemptionPoints.count(query),
  );
}

export interface RedemptionPointsNearArgs {
  lat: number;
  lng: number;
  walkingMinutes?: number | null;
  kind?: RedemptionPointKind | null;
  first?: number | null;
}

/** Redemption points within walking distance of a point (straight line), nearest first; public. */
export async function redemptionPointsNear(ctx: HonoursContext, args: RedemptionPointsNearArgs): Promise<NearbyRedemptionPointModel[]> {
  checkCoordinates(args.lat, args.lng);
  const minutes = walkingMinutesArgument(args.walkingMinutes);
  const rows = await ctx.repos.redemptionPoints.near(args.lat, args.lng, walkingRadiusMeters(minutes), pageSize(args.first), args.kind ?? undefined);
  return rows.map(({ point, distanceMeters }) => {
    ctx.loaders.redemptionPoint.prime(point.id, point);
    return { redemptionPoint: point, distanceMeters: Math.round(distanceMeters), walkingMinutes: walkingMinutesFor(distanceMeters) };
  });
}
