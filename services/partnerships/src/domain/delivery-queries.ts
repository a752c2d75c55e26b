import { forbidden, hasRole } from '@vg/graphql';
import type { PartnershipsContext } from '../context';
import type { PartnershipOrder } from '../data/partnership-order.entity';
import type { PartnershipService } from '../data/partnership-service.entity';
import { mayReadOrder } from './order-access';

/** Who sees any volunteer's partnership services (besides the volunteer themself). */
const SERVICE_READERS = ['CENTRE_DISPATCHER', 'ADMIN', 'DATA_STAFF'] as const;

/**
 * The orders a volunteer served on, newest delivery first: for the volunteer themself, the centre,
 * ADMIN and DATA_STAFF; FORBIDDEN for anyone else. Besides the volunteer themself, each sees only
 * the orders they may read (a county dispatcher those of their counties).
 */
export async function partnershipServicesOf(ctx: PartnershipsContext, volunteerId: string): Promise<PartnershipOrder[]> {
  const own = ctx.viewer.volunteerId !== null && ctx.viewer.volunteerId === volunteerId;
  if (!own && !hasRole(ctx.viewer, ...SERVICE_READERS)) throw forbidden("Only the volunteer, the centre, ADMIN and DATA_STAFF may see a volunteer's partnership services");
  const orders = await ctx.loaders.ordersServedBy.load(volunteerId);
  return own ? orders : orders.filter((order) => mayReadOrder(ctx.viewer, order));
}

/** Who served on an order and for how long (the order's own visibility applies). */
export function servicesOfOrder(ctx: PartnershipsContext, orderId: string): Promise<PartnershipService[]> {
  return ctx.loaders.servicesOfOrder.load(orderId);
}
