import type { ServiceRequestResolvers } from '../generated/graphql';
import { fundingOf } from '../domain/fund-queries';

export const ServiceRequest: ServiceRequestResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  funding: (r, _, ctx) => fundingOf(ctx, r.id),
};
