import type { RegionResolvers } from '../generated/graphql';
import { fundsInRegion } from '../domain/fund-queries';
import { ordersInRegion } from '../domain/order-queries';

export const Region: RegionResolvers = {
  __resolveReference: (ref) => ({ code: ref.code }),
  partnershipOrders: (r, args, ctx) => ordersInRegion(ctx, r.code, args),
  communityFunds: (r, _, ctx) => fundsInRegion(ctx, r.code),
};
