import type { EnterpriseResolvers } from '../generated/graphql';
import { ordersOfEnterprise } from '../domain/order-queries';
import { enterpriseById, enterpriseContactPhone } from '../domain/organization-queries';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref, ctx) => enterpriseById(ctx, ref.id),
  contactPhone: (e, _, ctx) => enterpriseContactPhone(ctx, e),
  orders: (e, args, ctx) => ordersOfEnterprise(ctx, e.id, args),
};
