import type { RedemptionPointResolvers } from '../generated/graphql';

export const RedemptionPoint: RedemptionPointResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.redemptionPoint.load(ref.id),
  location: (p) => ({ lat: p.lat, lng: p.lng }),
  catalogue: (p, _, { loaders }) => loaders.catalogueOfPoint.load(p.id),
};
