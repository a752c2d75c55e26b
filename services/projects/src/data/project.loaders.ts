import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey } from '@vg/graphql';
import type { Brand } from './brand.entity';
import type { DemonstrationLibraryChange } from './demonstration-library-change.entity';
import type { Project } from './project.entity';
import type { ProjectAward } from './project-award.entity';
import type { Repositories } from './repositories';

/** Brands, projects and what hangs off a project: one statement per batch, results in key order. */
export interface ProjectLoaders {
  brand: DataLoader<string, Brand | null>;
  project: DataLoader<string, Project | null>;
  /** By brand id, ordered by project id. */
  projectsOfBrand: DataLoader<string, Project[]>;
  /** By team id (a Team of the volunteers subgraph), ordered by project id. */
  projectsOfTeam: DataLoader<string, Project[]>;
  /** By project id, oldest year first. */
  awardsOfProject: DataLoader<string, ProjectAward[]>;
  /** By project id, oldest change first. */
  libraryHistoryOfProject: DataLoader<string, DemonstrationLibraryChange[]>;
}

export function createProjectLoaders(repos: Repositories): ProjectLoaders {
  const project: ProjectLoaders['project'] = new DataLoader(async (ids) => batchByKey(ids, await repos.projects.byIds(ids), (p) => p.id));
  // Projects found through a brand or team are primed, so resolving them again costs nothing.
  const primed = (rows: Project[]) => {
    for (const row of rows) project.prime(row.id, row);
    return rows;
  };
  return {
    brand: new DataLoader(async (ids) => batchByKey(ids, await repos.projects.brandsByIds(ids), (b) => b.id)),
    project,
    projectsOfBrand: new DataLoader(async (ids) => batchGroupsByKey(ids, primed(await repos.projects.ofBrands(ids)), (p) => p.brandId ?? '')),
    projectsOfTeam: new DataLoader(async (ids) => batchGroupsByKey(ids, primed(await repos.projects.ofTeams(ids)), (p) => p.teamId)),
    awardsOfProject: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.projects.awardsOf(ids), (a) => a.projectId)),
    libraryHistoryOfProject: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.projects.libraryHistoryOf(ids), (c) => c.projectId)),
  };
}
