import type { StationResolvers } from '../generated/graphql';
import { activitiesAtStation } from '../domain/activity-queries';

export const Station: StationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  activities: (s, args, ctx) => activitiesAtStation(ctx, s.id, args),
};
