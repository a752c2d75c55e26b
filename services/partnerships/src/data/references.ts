import type { PackageOffer } from './package-offer.entity';

/** A Region of the volunteers subgraph, by its key. */
export interface RegionRef {
  code: string;
}

export interface NearbyPackageOfferModel {
  offer: PackageOffer;
  distanceMeters: number;
  walkingMinutes: number;
}
