import type { QueryResolvers } from '../generated/graphql';
import { coverageOn, enrolment, enrolmentBatch, insuredRoster, listEnrolments } from '../domain/enrolment-queries';
import { listPlans, planByCode } from '../domain/plan-queries';

/** Plans are public; enrolments, cover, the roster and batches are checked (role first) in the domain. */
export const Query: QueryResolvers = {
  insurancePlans: (_, __, ctx) => listPlans(ctx),
  insurancePlan: (_, { code }, ctx) => planByCode(ctx, code),
  enrolment: (_, { id }, ctx) => enrolment(ctx, id),
  enrolments: (_, args, ctx) => listEnrolments(ctx, args),
  coverageOn: (_, args, ctx) => coverageOn(ctx, args),
  insuredRoster: (_, args, ctx) => insuredRoster(ctx, args),
  enrolmentBatch: (_, { batchId }, ctx) => enrolmentBatch(ctx, batchId),
};
