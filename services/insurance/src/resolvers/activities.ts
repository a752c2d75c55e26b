import type { Resolvers } from '../generated/graphql';
import { requireParticipantsVisible } from '../domain/access';
import { chinaDatesBetween } from '../domain/dates';

/**
 * Activity.uninsuredParticipants. The gateway hands over the activity's times and participants
 * (@requires, from the projects subgraph); cover of every participant of every activity in the
 * response is checked by one loader, so in one statement.
 */
export const activityResolvers: Resolvers = {
  Activity: {
    __resolveReference: (ref) => ref,
    uninsuredParticipants: async (a, _, { viewer, loaders }) => {
      requireParticipantsVisible(viewer);
      if (a.startsAt == null || a.endsAt == null || a.participantIds == null) throw new Error('Activity.uninsuredParticipants needs startsAt, endsAt and participantIds (@requires)');
      // An activity may run past midnight: cover must hold on every China date it spans.
      const dates = chinaDatesBetween(new Date(a.startsAt), new Date(a.endsAt));
      const participants = [...new Set(a.participantIds)];
      const covered = await Promise.all(participants.map(async (volunteerId) => (await Promise.all(dates.map((date) => loaders.coveredOn.load({ volunteerId, date })))).every(Boolean)));
      return participants.filter((_, i) => !covered[i]).map((id) => ({ id }));
    },
  },
};
