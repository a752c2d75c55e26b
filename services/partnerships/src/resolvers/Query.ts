import type { QueryResolvers } from '../generated/graphql';
import { communityFundById, listCommunityFunds } from '../domain/fund-queries';
import { partnershipOrderById, listPartnershipOrders } from '../domain/order-queries';
import { enterpriseById, listEnterprises, listSocialOrganizations, socialOrganizationById } from '../domain/organization-queries';
import { listServicePackages, servicePackagesNear } from '../domain/package-queries';
import { partnershipReport } from '../domain/report-queries';

export const Query: QueryResolvers = {
  enterprise: (_, { id }, ctx) => enterpriseById(ctx, id),
  enterprises: (_, args, ctx) => listEnterprises(ctx, args),
  socialOrganization: (_, { id }, ctx) => socialOrganizationById(ctx, id),
  socialOrganizations: (_, args, ctx) => listSocialOrganizations(ctx, args),
  partnershipOrder: (_, { id }, ctx) => partnershipOrderById(ctx, id),
  partnershipOrders: (_, args, ctx) => listPartnershipOrders(ctx, args),
  servicePackages: (_, { category }, ctx) => listServicePackages(ctx, category ?? null),
  servicePackagesNear: (_, args, ctx) => servicePackagesNear(ctx, args),
  communityFund: (_, { id }, ctx) => communityFundById(ctx, id),
  communityFunds: (_, args, ctx) => listCommunityFunds(ctx, args),
  partnershipReport: (_, args, ctx) => partnershipReport(ctx, args),
};
