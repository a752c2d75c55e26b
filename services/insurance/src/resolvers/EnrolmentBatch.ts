import type { EnrolmentBatchResolvers } from '../generated/graphql';

/** The counts are read from the stored results, so a retry's answer matches the first exactly. */
export const EnrolmentBatch: EnrolmentBatchResolvers = {
  plan: async (b, _, { loaders }) => (await loaders.plan.load(b.planId))!,
  processedAt: (b) => b.createdAt,
  enrolledCount: (b) => b.results.filter((r) => r.status === 'ENROLLED').length,
  alreadyEnrolledCount: (b) => b.results.filter((r) => r.status === 'ALREADY_ENROLLED').length,
  rejectedCount: (b) => b.results.filter((r) => r.status === 'REJECTED').length,
};
