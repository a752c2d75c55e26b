import type { DataSource } from 'typeorm';
import type { SubgraphClient } from '@vg/graphql';
import { dataContext, type DataContext, type ServiceContext } from '@vg/service';
import { createLoaders, type Loaders } from './data/loaders';
import { createProjectsDirectory, type ProjectsDirectory } from './data/projects.client';
import { repositoriesFor, type Repositories } from './data/repositories';
import { createVolunteersDirectory, type VolunteersDirectory } from './data/volunteers.client';
import type { IdentityHasher } from './domain/identity';

/** What every resolver of this subgraph receives. */
export interface InsuranceContext extends ServiceContext, DataContext<Repositories> {
  /** Fresh per request. */
  loaders: Loaders;
  /** Identity checks, asked of the volunteers subgraph (one call per batch). */
  volunteers: VolunteersDirectory;
  /** Service records, asked of the projects subgraph (batched, per request). */
  projects: ProjectsDirectory;
  hasher: IdentityHasher;
}

/** The per-request context factory, given the service's long-lived parts. */
export function contextFactory(deps: { dataSource: DataSource; volunteersClient: Pick<SubgraphClient, 'request'>; projectsClient: Pick<SubgraphClient, 'request'>; hasher: IdentityHasher }) {
  return (base: ServiceContext): InsuranceContext => {
    const data = dataContext(deps.dataSource, repositoriesFor);
    return {
      ...base,
      ...data,
      loaders: createLoaders(data.repos),
      volunteers: createVolunteersDirectory(deps.volunteersClient, base.requestId),
      projects: createProjectsDirectory(deps.projectsClient, base.requestId),
      hasher: deps.hasher,
    };
  };
}
