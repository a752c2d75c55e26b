import type { DataSource } from 'typeorm';
import { PersonalDataReadStore } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { dataContext, type DataContext, type ServiceContext } from '@vg/service';
import { createLoaders, type Loaders } from './data/loaders';
import { repositoriesFor, type Repositories } from './data/repositories';
import { createVolunteersDirectory, type VolunteersDirectory } from './data/volunteers.client';
import type { ContactCipher } from './domain/contact';

/** What every resolver of this subgraph receives. */
export interface ProjectsContext extends ServiceContext, DataContext<Repositories> {
  /** Fresh per request. */
  loaders: Loaders;
  /** Volunteers, teams and stations, asked of the volunteers subgraph (batched, per request). */
  volunteers: VolunteersDirectory;
  contact: ContactCipher;
  /** The audit of unmasked personal-data reads (read by PersonalDataAudit.serviceRequestReads). */
  personalDataReads: PersonalDataReadStore;
}

/** The per-request context factory, given the service's long-lived parts. */
export function contextFactory(deps: { dataSource: DataSource; volunteersClient: SubgraphClient; contact: ContactCipher }) {
  return (base: ServiceContext): ProjectsContext => {
    const data = dataContext(deps.dataSource, repositoriesFor);
    return {
      ...base,
      ...data,
      loaders: createLoaders(data.repos),
      volunteers: createVolunteersDirectory(deps.volunteersClient, base.requestId),
      contact: deps.contact,
      personalDataReads: new PersonalDataReadStore(deps.dataSource),
    };
  };
}
