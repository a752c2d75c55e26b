import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey } from '@vg/graphql';
import type { Enterprise } from './enterprise.entity';
import type { PartnershipOrderEvent } from './partnership-order-event.entity';
import type { OrderQuery } from './order.repository';
import type { PartnershipOrder } from './partnership-order.entity';
import type { PartnershipService } from './partnership-service.entity';
import { regionPrefix } from '@vg/standards';
import type { CommunityFund } from './community-fund.entity';
import type { FundMovement } from './fund-movement.entity';
import type { NewEmploymentVolunteer } from './new-employment-volunteer.entity';
import type { PackageOffer } from './package-offer.entity';
import type { Repositories } from './repositories';
import type { ServicePackage } from './service-package.entity';
import type { SocialOrganization } from './social-organization.entity';

/*
 * Every DataLoader of the service, one set per request (made in the context), so caches never
 * outlive a request or leak between viewers. Each loader issues one statement per batch whatever
 * the number of keys, returns one result per key in key order (null / [] where nothing matches),
 * and de-duplicates keys. One section per area.
 */

// ---- Organisations and orders ----------------------------------------------------------------
export interface OrderLoaders {
  enterprise: DataLoader<string, Enterprise | null>;
  socialOrganization: DataLoader<string, SocialOrganization | null>;
  /** The volunteer ids of a social organisation, in the order they were added. */
  organizationVolunteerIds: DataLoader<string, string[]>;
  partnershipOrder: DataLoader<string, PartnershipOrder | null>;
  /** An order's history, oldest first. */
  orderHistory: DataLoader<string, PartnershipOrderEvent[]>;
  /** A page of an enterprise's orders (Enterprise.orders): one batch per page shape and scope. */
  enterpriseOrderPage: DataLoader<EnterpriseOrdersKey, PartnershipOrder[], string>;
  /** How many orders an enterprise has in a scope (`limit` and `beforeId` ignored). */
  enterpriseOrderCount: DataLoader<EnterpriseOrdersKey, number, string>;
}

/** Enterprise.orders of one enterprise: the viewer's scope, the page size (plus one) and the cursor. */
export interface EnterpriseOrdersKey {
  enterpriseId: string;
  scope: OrderQuery;
  limit: number;
  beforeId?: string;
}

/** Groups keys that differ only in the enterprise, calling `run` once per group; results in key order. */
function byEnterpriseGroups<R>(shapeOf: (key: EnterpriseOrdersKey) => string, run: (sample: EnterpriseOrdersKey, enterpriseIds: string[]) => Promise<Map<string, R>>, empty: R) {
  return async (keys: readonly EnterpriseOrdersKey[]): Promise<R[]> => {
    const groups = new Map<string, EnterpriseOrdersKey[]>();
    for (const key of keys) groups.set(shapeOf(key), [...(groups.get(shapeOf(key)) ?? []), key]);
    const results = new Map<string, Map<string, R>>();
    await Promise.all([...groups].map(async ([shape, group]) => results.set(shape, await run(group[0], [...new Set(group.map((k) => k.enterpriseId))]))));
    return keys.map((key) => results.get(shapeOf(key))!.get(key.enterpriseId) ?? empty);
  };
}

function createOrderLoaders(repos: Repositories): OrderLoaders {
  return {
    enterprise: new DataLoader(async (ids) => batchByKey(ids, await repos.organizations.enterprisesByIds(ids), (o) => o.id)),
    socialOrganization: new DataLoader(async (ids) => batchByKey(ids, await repos.organizations.socialOrganizationsByIds(ids), (o) => o.id)),
    organizationVolunteerIds: new DataLoader(async (ids) =>
      batchGroupsByKey(ids, await repos.organizations.volunteersOf(ids), (m) => m.organizationId).map((members) => members.map((m) => m.volunteerId)),
    ),
    partnershipOrder: new DataLoader(async (ids) => batchByKey(ids, await repos.orders.byIds(ids), (o) => o.id)),
    orderHistory: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.orders.eventsOf(ids), (e) => e.orderId)),
    enterpriseOrderPage: new DataLoader(
      byEnterpriseGroups(
        (k) => JSON.stringify([k.scope, k.limit, k.beforeId ?? null]),
        async (sample, ids) => {
          const pages = new Map<string, PartnershipOrder[]>();
          for (const order of await repos.orders.pagesOfEnterprises(sample.scope, ids, sample.limit, sample.beforeId)) pages.set(order.enterpriseId, [...(pages.get(order.enterpriseId) ?? []), order]);
          return pages;
        },
        [],
      ),
      { cacheKeyFn: (k) => JSON.stringify([k.enterpriseId, k.scope, k.limit, k.beforeId ?? null]) },
    ),
    enterpriseOrderCount: new DataLoader(
      byEnterpriseGroups(
        (k) => JSON.stringify(k.scope),
        async (sample, ids) => new Map((await repos.orders.countsOfEnterprises(sample.scope, ids)).map((c) => [c.enterpriseId, c.count])),
        0,
      ),
      { cacheKeyFn: (k) => JSON.stringify([k.enterpriseId, k.scope]) },
    ),
  };
}

// ---- Deliveries --------------------------------------------------------------------------------
export interface DeliveryLoaders {
  /** Who served on an order, by volunteer id ([] before delivery). */
  servicesOfOrder: DataLoader<string, PartnershipService[]>;
  /** The orders a volunteer served on, newest delivery first (two statements per batch). */
  ordersServedBy: DataLoader<string, PartnershipOrder[]>;
}

function createDeliveryLoaders(repos: Repositories): DeliveryLoaders {
  return {
    servicesOfOrder: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.deliveries.ofOrders(ids), (s) => s.orderId)),
    ordersServedBy: new DataLoader(async (ids) => {
      const served = await repos.deliveries.servedBy(ids);
      if (!served.length) return ids.map(() => []);
      const orders = new Map((await repos.orders.byIds([...new Set(served.map((s) => s.orderId))])).map((o) => [o.id, o]));
      return batchGroupsByKey(ids, served, (s) => s.volunteerId).map((group) => group.map((s) => orders.get(s.orderId)!));
    }),
  };
}

// ---- New-employment groups and community funds -------------------------------------------------
export interface CommunityLoaders {
  servicePackage: DataLoader<string, ServicePackage | null>;
  /** The places offering a package, by offer id. */
  offersOfPackage: DataLoader<string, PackageOffer[]>;
  /** The packages an offer offers, by category and name. */
  packagesOfOffer: DataLoader<string, ServicePackage[]>;
  /** A volunteer's new-employment profile (null when not marked). */
  newEmploymentProfile: DataLoader<string, NewEmploymentVolunteer | null>;
  /** How many 随手拍 reports a volunteer filed. */
  snapshotReportCount: DataLoader<string, number>;
  communityFund: DataLoader<string, CommunityFund | null>;
  /** The funds in a region (by code) or below, by region code. */
  fundsInRegion: DataLoader<string, CommunityFund[]>;
  /** The grants that paid for a service request, oldest first. */
  fundingOfServiceRequest: DataLoader<string, FundMovement[]>;
}

function createCommunityLoaders(repos: Repositories): CommunityLoaders {
  return {
    servicePackage: new DataLoader(async (ids) => batchByKey(ids, await repos.packages.byIds(ids), (p) => p.id)),
    offersOfPackage: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.packages.offersOf(ids), (r) => r.packageId).map((rows) => rows.map((r) => r.offer))),
    packagesOfOffer: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.packages.packagesOf(ids), (r) => r.offerId).map((rows) => rows.map((r) => r.servicePackage))),
    newEmploymentProfile: new DataLoader(async (ids) => batchByKey(ids, await repos.newEmployment.profilesOf(ids), (p) => p.volunteerId)),
    snapshotReportCount: new DataLoader(async (ids) => batchByKey(ids, await repos.newEmployment.reportCounts(ids), (r) => r.volunteerId).map((r) => r?.count ?? 0)),
    communityFund: new DataLoader(async (ids) => batchByKey(ids, await repos.funds.byIds(ids), (f) => f.id)),
    fundsInRegion: new DataLoader(async (codes) => {
      const funds = await repos.funds.inRegions(codes.map(regionPrefix));
      return codes.map((code) => funds.filter((f) => f.regionCode.startsWith(regionPrefix(code))));
    }),
    fundingOfServiceRequest: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.funds.grantsFor(ids), (m) => m.serviceRequestId)),
  };
}

export type Loaders = OrderLoaders & DeliveryLoaders & CommunityLoaders;

export function createLoaders(repos: Repositories): Loaders {
  return { ...createOrderLoaders(repos), ...createDeliveryLoaders(repos), ...createCommunityLoaders(repos) };
}
