import type { ActivityResolvers } from '../generated/graphql';
import { participantIds, signupsOfActivity } from '../domain/activity-queries';

export const Activity: ActivityResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.activity.load(ref.id),
  project: async (a, _, { loaders }) => (await loaders.project.load(a.projectId))!,
  station: (a) => ({ id: a.stationId }),
  remaining: (a) => a.capacity - a.signupCount,
  signups: (a, { status }, ctx) => signupsOfActivity(ctx, a, status),
  participantIds: (a, _, ctx) => participantIds(ctx, a),
};
