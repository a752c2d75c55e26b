import type { PartnershipOrderResolvers } from '../generated/graphql';
import { orderEnterprise, orderHistory, orderSocialOrganization, partnershipOrderById } from '../domain/order-queries';

export const PartnershipOrder: PartnershipOrderResolvers = {
  __resolveReference: (ref, ctx) => partnershipOrderById(ctx, ref.id),
  enterprise: (o, _, ctx) => orderEnterprise(ctx, o),
  socialOrganization: (o, _, ctx) => orderSocialOrganization(ctx, o),
  // Who served: the deliveries area's loader.
  services: (o, _, ctx) => ctx.loaders.servicesOfOrder.load(o.id),
  history: (o, _, ctx) => orderHistory(ctx, o.id),
};
