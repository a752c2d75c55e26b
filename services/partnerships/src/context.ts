import type { DataSource } from 'typeorm';
import { PersonalDataReadStore } from '@vg/db';
import type { FieldCipher } from '@vg/crypto';
import type { SubgraphClient } from '@vg/graphql';
import { dataContext, type DataContext, type ServiceContext } from '@vg/service';
import { createLoaders, type Loaders } from './data/loaders';
import { repositoriesFor, type Repositories } from './data/repositories';

/** What every resolver of this subgraph receives. */
export interface PartnershipsContext extends ServiceContext, DataContext<Repositories> {
  /** Fresh per request. */
  loaders: Loaders;
  /** The subgraphs this one asks (directly, as the SERVICE role): batch through data/*.client.ts. */
  clients: { volunteers: SubgraphClient; projects: SubgraphClient };
  /** Organisations' contact phones at rest (AES-256-GCM). */
  cipher: FieldCipher;
  /** The audit of unmasked personal-data reads (read by PersonalDataAudit.organizationReads). */
  personalDataReads: PersonalDataReadStore;
}

/** The per-request context factory, given the service's long-lived parts. */
export function contextFactory(deps: { dataSource: DataSource; clients: PartnershipsContext['clients']; cipher: FieldCipher }) {
  return (base: ServiceContext): PartnershipsContext => {
    const data = dataContext(deps.dataSource, repositoriesFor);
    return { ...base, ...data, loaders: createLoaders(data.repos), clients: deps.clients, cipher: deps.cipher, personalDataReads: new PersonalDataReadStore(deps.dataSource) };
  };
}
