import type { DataSource } from 'typeorm';
import type { SubgraphClient } from '@vg/graphql';
import type { ServiceContext } from '@vg/service';
import { createLoaders, type Loaders } from './data/loaders';
import { repositoriesFor, type Repositories } from './data/repositories';
import { createVolunteersDirectory, type VolunteersDirectory } from './data/volunteers.client';
import type { ContactCipher } from './domain/contact';

/** What every resolver of this subgraph receives. */
export interface ProjectsContext extends ServiceContext {
  /** Repositories on the connection pool (reads). */
  repos: Repositories;
  /** Fresh per request. */
  loaders: Loaders;
  /** Volunteers, teams and stations, asked of the volunteers subgraph (batched, per request). */
  volunteers: VolunteersDirectory;
  contact: ContactCipher;
  /**
   * Runs `work` in one transaction with repositories bound to it: everything it wrote is rolled
   * back if it throws (so a failed mutation writes nothing).
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** The per-request context factory, given the service's long-lived parts. */
export function contextFactory(deps: { dataSource: DataSource; volunteersClient: SubgraphClient; contact: ContactCipher }) {
  return (base: ServiceContext): ProjectsContext => {
    const repos = repositoriesFor(deps.dataSource.manager);
    return {
      ...base,
      repos,
      loaders: createLoaders(repos),
      volunteers: createVolunteersDirectory(deps.volunteersClient, base.requestId),
      contact: deps.contact,
      transaction: (work) => deps.dataSource.transaction((manager) => work(repositoriesFor(manager))),
    };
  };
}
