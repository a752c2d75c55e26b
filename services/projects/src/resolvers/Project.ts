import type { ProjectResolvers } from '../generated/graphql';
import { activitiesOfProject } from '../domain/activity-queries';

export const Project: ProjectResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.project.load(ref.id),
  brand: (p, _, { loaders }) => (p.brandId ? loaders.brand.load(p.brandId) : null),
  // The organising Team belongs to the volunteers subgraph: only its key is given here.
  team: (p) => ({ id: p.teamId }),
  awards: (p, _, { loaders }) => loaders.awardsOfProject.load(p.id),
  // The flag lives on the project row (kept with the history in one transaction): no query.
  inDemonstrationLibrary: (p) => p.inDemonstrationLibrary,
  demonstrationHistory: (p, _, { loaders }) => loaders.libraryHistoryOfProject.load(p.id),
  activities: (p, args, ctx) => activitiesOfProject(ctx, p.id, args),
};
