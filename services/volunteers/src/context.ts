import type { DataSource } from 'typeorm';
import type { ServiceContext } from '@vg/service';
import { createLoaders, type Loaders } from './data/loaders';
import type { RegionDirectory } from './data/region.directory';
import { repositoriesFor, type Repositories } from './data/repositories';
import type { Pii } from './domain/pii';

/** What every resolver of this subgraph receives. */
export interface VolunteersContext extends ServiceContext {
  /** Repositories on the connection pool (reads). */
  repos: Repositories;
  /** Fresh per request. */
  loaders: Loaders;
  /** The region tree (reference data, held in memory). */
  regions: RegionDirectory;
  pii: Pii;
  /**
   * Runs `work` in one transaction with repositories bound to it: everything it wrote is rolled
   * back if it throws (so a failed mutation writes nothing).
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** The per-request context factory, given the service's long-lived parts. */
export function contextFactory(deps: { dataSource: DataSource; pii: Pii; regions: RegionDirectory }) {
  return (base: ServiceContext): VolunteersContext => {
    const repos = repositoriesFor(deps.dataSource.manager);
    return {
      ...base,
      repos,
      loaders: createLoaders(repos, deps.regions, deps.pii),
      regions: deps.regions,
      pii: deps.pii,
      transaction: (work) => deps.dataSource.transaction((manager) => work(repositoriesFor(manager))),
    };
  };
}
