import { defineService } from '@vg/service';
import { contextFactory } from './context';
import { entities, migrations } from './data/entities';
import { ContactCipher } from './domain/contact';
import { resolvers } from './resolvers';
import { seedProjectsDatabase } from './seed';

/**
 * The projects subgraph: brands, projects and the demonstration library, activities with sign-ups
 * and check-in/out, service records with their change feed, and the five-order service requests.
 */
export const service = defineService({
  name: 'projects',
  dir: `${__dirname}/..`,
  resolvers,
  entities,
  migrations,
  calls: ['volunteers'],
  secrets: { piiEncryption: true, piiHash: true },
  // Returns unmasked ID numbers / phones to those entitled: each response's reads are audited.
  personalDataAudit: true,
  context: ({ dataSource, clients, secrets }) =>
    contextFactory({ dataSource, volunteersClient: clients.volunteers, contact: new ContactCipher({ encryptionKey: secrets.piiEncryptionKey, hashKey: secrets.piiHashKey }) }),
  // Demo data refers to the volunteers subgraph's volunteers, teams and stations: it is asked for
  // them (and waited for while it seeds).
  seed: ({ dataSource, clients, secrets, logger, progress }) => {
    progress('reading teams, stations and volunteers from the volunteers subgraph, then writing projects, activities, sign-ups, records and requests');
    return seedProjectsDatabase(dataSource, clients.volunteers, { contactKeys: { encryptionKey: secrets.piiEncryptionKey, hashKey: secrets.piiHashKey }, logger });
  },
});
