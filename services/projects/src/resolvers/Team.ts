import type { TeamResolvers } from '../generated/graphql';

export const Team: TeamResolvers = {
  projects: (t, _, { loaders }) => loaders.projectsOfTeam.load(t.id),
};
