import type { ServiceRecordResolvers } from '../generated/graphql';
import { visibleRecord } from '../domain/service-record-queries';

export const ServiceRecord: ServiceRecordResolvers = {
  __resolveReference: async (ref, ctx) => visibleRecord(ctx, await ctx.loaders.record.load(ref.id)),
  volunteer: (r) => ({ id: r.volunteerId }),
  // Exactly one source is set (the database checks).
  activity: (r, _, { loaders }) => (r.activityId ? loaders.activity.load(r.activityId) : null),
  serviceRequest: (r, _, { loaders }) => (r.serviceRequestId ? loaders.serviceRequest.load(r.serviceRequestId) : null),
  corrections: (r, _, { loaders }) => loaders.corrections.load(r.id),
};
