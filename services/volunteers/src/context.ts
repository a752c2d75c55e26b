import type { DataSource } from 'typeorm';
import { PersonalDataReadStore } from '@vg/db';
import { dataContext, type DataContext, type ServiceContext } from '@vg/service';
import { createLoaders, type Loaders } from './data/loaders';
import type { RegionDirectory } from './data/region.directory';
import { repositoriesFor, type Repositories } from './data/repositories';
import type { Pii } from './domain/pii';
import type { RegistrationGuard } from './domain/registration-guard';

/** What every resolver of this subgraph receives. */
export interface VolunteersContext extends ServiceContext, DataContext<Repositories> {
  /** Fresh per request. */
  loaders: Loaders;
  /** The region tree (reference data, held in memory). */
  regions: RegionDirectory;
  pii: Pii;
  /** The audit of unmasked personal-data reads (read by PersonalDataAudit.volunteerReads). */
  personalDataReads: PersonalDataReadStore;
  /** Registration attempt limits and the log of refused registrations (long-lived). */
  registration: RegistrationGuard;
}

/** The per-request context factory, given the service's long-lived parts. */
export function contextFactory(deps: { dataSource: DataSource; pii: Pii; regions: RegionDirectory; registration: RegistrationGuard }) {
  return (base: ServiceContext): VolunteersContext => {
    const data = dataContext(deps.dataSource, repositoriesFor);
    return {
      ...base,
      ...data,
      loaders: createLoaders(data.repos, deps.regions, deps.pii),
      regions: deps.regions,
      pii: deps.pii,
      personalDataReads: new PersonalDataReadStore(deps.dataSource),
      registration: deps.registration,
    };
  };
}
