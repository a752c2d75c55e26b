import { decodeCursor, forbidden, hasRole, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import { regionPrefix, ziboRegionCode } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import type { Enterprise } from '../data/enterprise.entity';
import type { OrderQuery } from '../data/order.repository';
import type { PartnershipOrderEvent } from '../data/partnership-order-event.entity';
import type { PartnershipOrder } from '../data/partnership-order.entity';
import type { SocialOrganization } from '../data/social-organization.entity';
import type { PartnershipOrderFilter } from '../generated/graphql';
import { ORDER_READERS, dispatcherRegionPrefixes, orderListScope, requireReadableOrder, actingEnterpriseId } from './order-access';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** A keyset position from an `after` cursor (an id). */
function cursorId(after: string | null | undefined): string | undefined {
  return after == null ? undefined : idArgument('after', decodeCursor(after));
}

/** Orders matching `query`, newest first, as a connection (the count only when asked for). */
async function orderPage(ctx: PartnershipsContext, query: OrderQuery, args: PageArgs): Promise<Connection<PartnershipOrder>> {
  const size = pageSize(args.first);
  const rows = await ctx.repos.orders.page(query, size + 1, cursorId(args.after));
  return toConnection(
    rows,
    size,
    (o) => o.id,
    () => ctx.repos.orders.count(query),
  );
}

/** The order if the viewer may see it (FORBIDDEN otherwise); null when there is none. */
export async function partnershipOrderById(ctx: PartnershipsContext, id: string): Promise<PartnershipOrder | null> {
  const order = await ctx.loaders.partnershipOrder.load(idArgument('id', id));
  if (order) requireReadableOrder(ctx.viewer, order);
  return order;
}

/** The orders the viewer may see (orderListScope) matching every filter, newest first. */
export async function listPartnershipOrders(ctx: PartnershipsContext, args: PageArgs & { filter?: PartnershipOrderFilter | null }): Promise<Connection<PartnershipOrder>> {
  const scope = orderListScope(ctx.viewer);
  if (!scope) throw forbidden('Only an ENTERPRISE, a SOCIAL_ORGANIZATION, the centre, ADMIN or DATA_STAFF may list partnership orders');
  const { filter } = args;
  const query: OrderQuery = {
    ...scope,
    status: filter?.status ?? undefined,
    serviceType: filter?.serviceType ?? undefined,
    regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(ziboRegionCode('filter.regionCode', filter.regionCode)),
  };
  return orderPage(ctx, query, args);
}

/** Region.partnershipOrders: orders placed in the region or below (the centre — a county dispatcher within their counties —, ADMIN, DATA_STAFF). */
export async function ordersInRegion(ctx: PartnershipsContext, regionCode: string, args: PageArgs): Promise<Connection<PartnershipOrder>> {
  const query: OrderQuery = { regionPrefix: regionPrefix(ziboRegionCode('code', regionCode)) };
  if (!hasRole(ctx.viewer, ...ORDER_READERS)) {
    if (!hasRole(ctx.viewer, 'CENTRE_DISPATCHER')) throw forbidden("Only the centre, ADMIN or DATA_STAFF may see a region's partnership orders");
    const prefixes = dispatcherRegionPrefixes(ctx.viewer);
    if (prefixes) query.regionPrefixes = prefixes;
  }
  return orderPage(ctx, query, args);
}

/** Enterprise.orders: its orders, newest first (the enterprise itself, the centre — in scope —, ADMIN, DATA_STAFF). */
export async function ordersOfEnterprise(ctx: PartnershipsContext, enterpriseId: string, args: PageArgs): Promise<Connection<PartnershipOrder>> {
  const scope: OrderQuery = {};
  if (!hasRole(ctx.viewer, ...ORDER_READERS) && actingEnterpriseId(ctx.viewer) !== enterpriseId) {
    if (!hasRole(ctx.viewer, 'CENTRE_DISPATCHER')) throw forbidden(`Only the enterprise itself, the centre, ADMIN or DATA_STAFF may see the orders of enterprise ${enterpriseId}`);
    const prefixes = dispatcherRegionPrefixes(ctx.viewer);
    if (prefixes) scope.regionPrefixes = prefixes;
  }
  // Batched across the enterprises of a list (a page of orders each with its enterprise's orders).
  const size = pageSize(args.first);
  const key = { enterpriseId, scope, limit: size + 1, beforeId: cursorId(args.after) };
  const rows = await ctx.loaders.enterpriseOrderPage.load(key);
  return toConnection(
    rows,
    size,
    (o) => o.id,
    () => ctx.loaders.enterpriseOrderCount.load(key),
  );
}

/** The order's history, oldest first (whoever may see the order sees its history). */
export function orderHistory(ctx: PartnershipsContext, orderId: string): Promise<PartnershipOrderEvent[]> {
  return ctx.loaders.orderHistory.load(orderId);
}

/** The order's enterprise (it always has one: a foreign key). */
export async function orderEnterprise(ctx: PartnershipsContext, order: PartnershipOrder): Promise<Enterprise> {
  const enterprise = await ctx.loaders.enterprise.load(order.enterpriseId);
  if (!enterprise) throw new Error(`Partnership order ${order.id} names enterprise ${order.enterpriseId}, which does not exist`);
  return enterprise;
}

/** The organisation it is dispatched to, if any. */
export function orderSocialOrganization(ctx: PartnershipsContext, order: PartnershipOrder): Promise<SocialOrganization | null> | null {
  return order.socialOrganizationId ? ctx.loaders.socialOrganization.load(order.socialOrganizationId) : null;
}
