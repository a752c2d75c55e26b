import type { ServicePackageResolvers } from '../generated/graphql';

export const ServicePackage: ServicePackageResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.servicePackage.load(ref.id),
  offers: (p, _, { loaders }) => loaders.offersOfPackage.load(p.id),
};
