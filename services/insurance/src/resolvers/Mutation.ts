import type { MutationResolvers } from '../generated/graphql';
import { cancelEnrolment, enrolVolunteers } from '../domain/enrolment-actions';

/** Every mutation checks the viewer's role before its input (see domain/enrolment-actions). */
export const Mutation: MutationResolvers = {
  enrolVolunteers: (_, { input }, ctx) => enrolVolunteers(ctx, input),
  cancelEnrolment: (_, { id, reason }, ctx) => cancelEnrolment(ctx, id, reason),
};
