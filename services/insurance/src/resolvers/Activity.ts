import type { ActivityResolvers } from '../generated/graphql';
import { uninsuredParticipants } from '../domain/cover-queries';

/** The projects subgraph owns Activity; this one says who lacks cover on its days. */
export const Activity: ActivityResolvers = {
  __resolveReference: (ref) => ref,
  uninsuredParticipants: (a, _, ctx) => uninsuredParticipants(ctx, a),
};
