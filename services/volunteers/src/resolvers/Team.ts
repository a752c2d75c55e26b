import { decodeCursor, idArgument, pageSize, toConnection } from '@vg/graphql';
import type { TeamMembershipResolvers, TeamResolvers } from '../generated/graphql';

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
  members: async (t, { first, after }, { repos, loaders }) => {
    const size = pageSize(first);
    // The first page of many teams comes in one statement; later pages are one team's at a time.
    const rows =
      after == null ? await loaders.firstTeamMembers.load({ id: t.id, limit: size + 1 }) : await repos.teams.membersPage(t.id, size + 1, idArgument('after', decodeCursor(after)));
    return toConnection(rows, size, (m) => m.volunteerId, () => loaders.teamMemberCount.load(t.id));
  },
};

export const TeamMembership: TeamMembershipResolvers = {
  team: async (m, _, { loaders }) => (await loaders.team.load(m.teamId))!,
  volunteer: async (m, _, { loaders }) => (await loaders.volunteer.load(m.volunteerId))!,
};
