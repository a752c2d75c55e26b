import type { TeamMembershipResolvers, TeamResolvers } from '../generated/graphql';
import { teamMembersPage } from '../domain/team-queries';

export const Team: TeamResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.team.load(ref.id),
  region: async (t, _, { loaders }) => (await loaders.region.load(t.regionCode))!,
  parent: (t, _, { loaders }) => (t.parentId ? loaders.team.load(t.parentId) : null),
  children: (t, _, { loaders }) => loaders.teamChildren.load(t.id),
  leader: async (t, _, { loaders }) => {
    const membership = await loaders.teamLeader.load(t.id);
    return membership ? loaders.volunteer.load(membership.volunteerId) : null;
  },
  memberCount: (t, _, { loaders }) => loaders.teamMemberCount.load(t.id),
  members: (t, { first, after }, ctx) => teamMembersPage(ctx, t.id, first, after),
};

export const TeamMembership: TeamMembershipResolvers = {
  team: async (m, _, { loaders }) => (await loaders.team.load(m.teamId))!,
  volunteer: async (m, _, { loaders }) => (await loaders.volunteer.load(m.volunteerId))!,
};
