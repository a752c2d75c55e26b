import type { EnrolmentResolvers } from '../generated/graphql';
import { chinaToday } from '../domain/dates';
import { serviceEvidence } from '../domain/enrolment-queries';
import { enrolmentStatus } from '../domain/enrolment-status';

export const Enrolment: EnrolmentResolvers = {
  volunteer: (e) => ({ id: e.volunteerId }),
  // Every plan exists: enrolments reference it by foreign key.
  plan: async (e, _, { loaders }) => (await loaders.plan.load(e.planId))!,
  status: (e) => enrolmentStatus(e, chinaToday()),
  enrolledAt: (e) => e.createdAt,
  serviceEvidence: (e, { date }, ctx) => serviceEvidence(ctx, e, date),
};
