import type { Resolvers } from '../generated/graphql';
import { requireParticipantsVisible } from '../domain/access';
import { chinaDate } from '../domain/dates';

/**
 * Activity.uninsuredParticipants. The gateway hands over the activity's start and participants
 * (@requires, from the projects subgraph); cover of every participant of every activity in the
 * response is checked by one loader, so in one statement.
 */
export const activityResolvers: Resolvers = {
  Activity: {
    __resolveReference: (ref) => ref,
    uninsuredParticipants: async (a, _, { viewer, loaders }) => {
      requireParticipantsVisible(viewer);
      if (a.startsAt == null || a.participantIds == null) throw new Error('Activity.uninsuredParticipants needs startsAt and participantIds (@requires)');
      const date = chinaDate(new Date(a.startsAt));
      const participants = [...new Set(a.participantIds)];
      const covered = await Promise.all(participants.map((volunteerId) => loaders.coveredOn.load({ volunteerId, date })));
      return participants.filter((_, i) => !covered[i]).map((id) => ({ id }));
    },
  },
};
