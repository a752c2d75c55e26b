import type { VolunteerResolvers } from '../generated/graphql';
import { insuranceOf } from '../domain/cover-queries';

/** The volunteers subgraph owns Volunteer; this one adds its cover. */
export const Volunteer: VolunteerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  insurance: (v, _, ctx) => insuranceOf(ctx, v),
};
