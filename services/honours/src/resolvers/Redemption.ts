import type { RedemptionResolvers } from '../generated/graphql';

export const Redemption: RedemptionResolvers = {
  volunteer: (r) => ({ id: r.volunteerId }),
  // The point and item of a redemption are never deleted (foreign keys).
  redemptionPoint: async (r, _, { loaders }) => (await loaders.redemptionPoint.load(r.pointId))!,
  item: async (r, _, { loaders }) => (await loaders.catalogueItem.load(r.itemId))!,
};
