import type { VolunteerResolvers } from '../generated/graphql';
import { partnershipServicesOf } from '../domain/delivery-queries';
import { newEmploymentProfileOf } from '../domain/new-employment-queries';

export const Volunteer: VolunteerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  partnershipServices: (v, _, ctx) => partnershipServicesOf(ctx, v.id),
  newEmployment: (v, _, ctx) => newEmploymentProfileOf(ctx, v.id),
};
