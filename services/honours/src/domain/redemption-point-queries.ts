import { badUserInput, decodeCursor, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import { regionCodeArgument, regionPrefix } from '@vg/standards';
import type { HonoursContext } from '../context';
import type { RedemptionPoint, RedemptionPointKind } from '../data/redemption-point.entity';
import type { NearbyRedemptionPointModel } from '../data/references';
import type { RedemptionPointFilter } from '../generated/graphql';

/** Two hours' walk: beyond that the "circle" is the whole city and the search scans it all. */
export const MAX_WALKING_MINUTES = 120;
/** A comfortable walking pace, as the city's 15-minute circle assumes. */
export const METRES_PER_MINUTE = 80;
const DEFAULT_WALKING_MINUTES = 15;

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

/** A point on the earth (finite, within range), or BAD_USER_INPUT naming the coordinate that is off it. */
export function checkCoordinates(lat: number, lng: number): void {
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badUserInput('lat', 'must be between -90 and 90');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw badUserInput('lng', 'must be between -180 and 180');
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
  const rows = await ctx.repos.redemptionPoints.near(args.lat, args.lng, minutes * METRES_PER_MINUTE, pageSize(args.first), args.kind ?? undefined);
  return rows.map(({ point, distanceMeters }) => {
    ctx.loaders.redemptionPoint.prime(point.id, point);
    return { redemptionPoint: point, distanceMeters: Math.round(distanceMeters), walkingMinutes: walkingMinutesFor(distanceMeters) };
  });
}
