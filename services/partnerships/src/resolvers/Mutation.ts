import type { MutationResolvers } from '../generated/graphql';
import { deliverPartnershipOrder } from '../domain/delivery-actions';
import { donateToFund, grantFromFund } from '../domain/fund-actions';
import { fileSnapshotReport, markNewEmploymentVolunteer } from '../domain/new-employment-actions';
import {
  acceptPartnershipOrder,
  cancelPartnershipOrder,
  declinePartnershipOrder,
  dispatchPartnershipOrder,
  orderPartnershipService,
  ratePartnershipOrder,
  schedulePartnershipOrder,
} from '../domain/order-actions';
import { addOrganizationVolunteer, registerEnterprise, registerSocialOrganization } from '../domain/organization-actions';

export const Mutation: MutationResolvers = {
  registerEnterprise: (_, { input }, ctx) => registerEnterprise(ctx, input),
  registerSocialOrganization: (_, { input }, ctx) => registerSocialOrganization(ctx, input),
  addOrganizationVolunteer: (_, { socialOrganizationId, volunteerId }, ctx) => addOrganizationVolunteer(ctx, socialOrganizationId, volunteerId),
  orderPartnershipService: (_, { input }, ctx) => orderPartnershipService(ctx, input),
  dispatchPartnershipOrder: (_, { id, socialOrganizationId, note }, ctx) => dispatchPartnershipOrder(ctx, id, socialOrganizationId, note ?? null),
  acceptPartnershipOrder: (_, { id }, ctx) => acceptPartnershipOrder(ctx, id),
  declinePartnershipOrder: (_, { id, reason }, ctx) => declinePartnershipOrder(ctx, id, reason),
  schedulePartnershipOrder: (_, { id, at }, ctx) => schedulePartnershipOrder(ctx, id, at),
  deliverPartnershipOrder: (_, { id, input }, ctx) => deliverPartnershipOrder(ctx, id, input),
  ratePartnershipOrder: (_, { id, rating, comment }, ctx) => ratePartnershipOrder(ctx, id, rating, comment ?? null),
  cancelPartnershipOrder: (_, { id, reason }, ctx) => cancelPartnershipOrder(ctx, id, reason),
  markNewEmploymentVolunteer: (_, { volunteerId, occupation }, ctx) => markNewEmploymentVolunteer(ctx, volunteerId, occupation),
  fileSnapshotReport: (_, { input }, ctx) => fileSnapshotReport(ctx, input),
  donateToFund: (_, { fundId, input }, ctx) => donateToFund(ctx, fundId, input),
  grantFromFund: (_, { fundId, input }, ctx) => grantFromFund(ctx, fundId, input),
};
