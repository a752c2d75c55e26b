import type { PackageOfferResolvers } from '../generated/graphql';

export const PackageOffer: PackageOfferResolvers = {
  location: (o) => ({ lat: o.lat, lng: o.lng }),
  // The Station belongs to the volunteers subgraph: only its key is given here.
  station: (o) => (o.stationId ? { id: o.stationId } : null),
  socialOrganization: (o, _, { loaders }) => (o.socialOrganizationId ? loaders.socialOrganization.load(o.socialOrganizationId) : null),
  packages: (o, _, { loaders }) => loaders.packagesOfOffer.load(o.id),
};
