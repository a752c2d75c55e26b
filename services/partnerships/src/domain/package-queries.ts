import { pageSize } from '@vg/graphql';
import type { PartnershipsContext } from '../context';
import type { NearbyPackageOfferModel } from '../data/references';
import type { ServicePackage } from '../data/service-package.entity';
import type { ServicePackageCategory } from '../generated/graphql';
import { checkCoordinates, walkingMinutesArgument, walkingMinutesFor, walkingRadiusMeters } from '@vg/standards';

/** The service-package catalogue (or one category), by category and name; public. */
export async function listServicePackages(ctx: PartnershipsContext, category: ServicePackageCategory | null): Promise<ServicePackage[]> {
  const packages = await ctx.repos.packages.list(category);
  for (const p of packages) ctx.loaders.servicePackage.prime(p.id, p);
  return packages;
}

export interface ServicePackagesNearArgs {
  lat: number;
  lng: number;
  walkingMinutes?: number | null;
  first?: number | null;
}

/** Places offering packages within walking distance of a point (straight line), nearest first; public. */
export async function servicePackagesNear(ctx: PartnershipsContext, args: ServicePackagesNearArgs): Promise<NearbyPackageOfferModel[]> {
  checkCoordinates(args.lat, args.lng);
  const minutes = walkingMinutesArgument(args.walkingMinutes);
  const rows = await ctx.repos.packages.near(args.lat, args.lng, walkingRadiusMeters(minutes), pageSize(args.first));
  return rows.map(({ offer, distanceMeters }) => ({ offer, distanceMeters: Math.round(distanceMeters), walkingMinutes: walkingMinutesFor(distanceMeters) }));
}
