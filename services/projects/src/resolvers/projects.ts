import { decodeCursor, idArgument, pageSize, toConnection } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { addProjectAward, addToDemonstrationLibrary, createProject, removeFromDemonstrationLibrary } from '../domain/projectActions';
import { regionCodeArgument, regionPrefix } from '@vg/standards';
import { endOfYear } from '../domain/projectRules';
import { activityAfter, activityPosition } from './activityCursor';

/** Brands, projects (awards, demonstration library, activities) and Team.projects. */
export const projectResolvers: Resolvers = {
  Query: {
    brand: (_, { id }, { loaders }) => loaders.brand.load(idArgument('id', id)),
    brands: (_, { kind }, { repos }) => repos.projects.brands(kind ?? undefined),

    project: (_, { id }, { loaders }) => loaders.project.load(idArgument('id', id)),
    projects: async (_, { filter, first, after }, { repos, loaders }) => {
      const size = pageSize(first);
      const query = {
        brandId: filter?.brandId == null ? undefined : idArgument('filter.brandId', filter.brandId),
        teamId: filter?.teamId == null ? undefined : idArgument('filter.teamId', filter.teamId),
        theme: filter?.theme ?? undefined,
        regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(regionCodeArgument('filter.regionCode', filter.regionCode)),
        inDemonstrationLibrary: filter?.inDemonstrationLibrary ?? undefined,
        nameContains: filter?.nameContains || undefined,
      };
      const afterId = after == null ? undefined : idArgument('after', decodeCursor(after));
      const rows = await repos.projects.page(query, size + 1, afterId);
      for (const row of rows) loaders.project.prime(row.id, row);
      return toConnection(rows, size, (p) => p.id, () => repos.projects.count(query));
    },
    demonstrationProjects: async (_, { year }, { repos, loaders }) => {
      const rows = await repos.projects.inLibraryAt(year == null ? undefined : endOfYear('year', year));
      for (const row of rows) loaders.project.prime(row.id, row);
      return rows;
    },
  },

  Mutation: {
    createProject: (_, { input }, ctx) => createProject(ctx, input),
    addToDemonstrationLibrary: (_, { projectId, reason }, ctx) => addToDemonstrationLibrary(ctx, projectId, reason),
    removeFromDemonstrationLibrary: (_, { projectId, reason }, ctx) => removeFromDemonstrationLibrary(ctx, projectId, reason),
    addProjectAward: (_, { projectId, input }, ctx) => addProjectAward(ctx, projectId, input),
  },

  Brand: {
    __resolveReference: (ref, { loaders }) => loaders.brand.load(ref.id),
    projects: (b, _, { loaders }) => loaders.projectsOfBrand.load(b.id),
  },

  Project: {
    __resolveReference: (ref, { loaders }) => loaders.project.load(ref.id),
    brand: (p, _, { loaders }) => (p.brandId ? loaders.brand.load(p.brandId) : null),
    // The organising Team belongs to the volunteers subgraph: only its key is given here.
    team: (p) => ({ id: p.teamId }),
    awards: (p, _, { loaders }) => loaders.awardsOfProject.load(p.id),
    // The flag lives on the project row (kept with the history in one transaction): no query.
    inDemonstrationLibrary: (p) => p.inDemonstrationLibrary,
    demonstrationHistory: (p, _, { loaders }) => loaders.libraryHistoryOfProject.load(p.id),
    // First pages are batched across projects (one statement for a whole list); later pages of
    // one project are read by keyset.
    activities: async (p, { first, after }, { repos, loaders }) => {
      const size = pageSize(first);
      const rows = after == null
        ? await loaders.projectActivities.load({ id: p.id, limit: size + 1 })
        : await repos.activities.page({ projectId: p.id }, size + 1, activityAfter(after));
      return toConnection(rows, size, activityPosition, () => loaders.projectActivityCount.load(p.id));
    },
  },

  DemonstrationLibraryChange: {
    by: (c) => c.by,
    at: (c) => c.at,
  },

  Team: {
    projects: (t, _, { loaders }) => loaders.projectsOfTeam.load(t.id),
  },
};
