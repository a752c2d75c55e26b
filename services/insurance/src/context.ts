import type { DataSource } from 'typeorm';
import type { SubgraphClient } from '@vg/graphql';
import type { ServiceContext } from '@vg/service';
import { createLoaders, type Loaders } from './data/loaders';
import { createProjectsDirectory, type ProjectsDirectory } from './data/projects.client';
import { repositoriesFor, type Repositories } from './data/repositories';
import { createVolunteersDirectory, type VolunteersDirectory } from './data/volunteers.client';
import type { IdentityHasher } from './domain/identity';

/** What every resolver of this subgraph receives. */
export interface InsuranceContext extends ServiceContext {
  /** Repositories on the connection pool (reads). */
  repos: Repositories;
  /** Fresh per request. */
  loaders: Loaders;
  /** Identity checks, asked of the volunteers subgraph (one call per batch). */
  volunteers: VolunteersDirectory;
  /** Service records, asked of the projects subgraph (batched, per request). */
  projects: ProjectsDirectory;
  hasher: IdentityHasher;
  /**
   * Runs `work` in one transaction with repositories bound to it: everything it wrote is rolled
   * back if it throws (so a failed mutation writes nothing).
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** The per-request context factory, given the service's long-lived parts. */
export function contextFactory(deps: { dataSource: DataSource; volunteersClient: Pick<SubgraphClient, 'request'>; projectsClient: Pick<SubgraphClient, 'request'>; hasher: IdentityHasher }) {
  return (base: ServiceContext): InsuranceContext => {
    const repos = repositoriesFor(deps.dataSource.manager);
    return {
      ...base,
      repos,
      loaders: createLoaders(repos),
      volunteers: createVolunteersDirectory(deps.volunteersClient, base.requestId),
      projects: createProjectsDirectory(deps.projectsClient, base.requestId),
      hasher: deps.hasher,
      transaction: (work) => deps.dataSource.transaction((manager) => work(repositoriesFor(manager))),
    };
  };
}
