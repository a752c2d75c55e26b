import type { DataSource, EntityManager } from 'typeorm';

/** The data part every service's context has: repositories on the pool, and one way to write. */
export interface DataContext<R> {
  /** Repositories on the connection pool (reads). */
  repos: R;
  /**
   * Runs `work` in one transaction with repositories bound to it: everything it wrote is rolled
   * back if it throws (so a failed mutation writes nothing).
   */
  transaction<T>(work: (repos: R) => Promise<T>): Promise<T>;
}

/** A request's DataContext over `dataSource`, with the service's repositories. */
export function dataContext<R>(dataSource: DataSource, repositoriesFor: (manager: EntityManager) => R): DataContext<R> {
  return {
    repos: repositoriesFor(dataSource.manager),
    transaction: (work) => dataSource.transaction((manager) => work(repositoriesFor(manager))),
  };
}
