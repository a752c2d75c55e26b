import { FieldCipher } from '@vg/crypto';
import { defineService } from '@vg/service';
import { contextFactory } from './context';
import { entities, migrations } from './data/entities';
import { createRecordOutbox } from './domain/record-outbox';
import { resolvers } from './resolvers';
import { seedPartnershipsDatabase } from './seed';

/**
 * The partnerships subgraph (益企联建): enterprises and social organisations, the enterprise order
 * loop 企业点单 → 联合会派单 → 社会组织接单 with its deliveries (which become service records of the
 * projects subgraph), service packages for new-employment groups, and community funds.
 */
export const service = defineService({
  name: 'partnerships',
  dir: `${__dirname}/..`,
  resolvers,
  entities,
  migrations,
  calls: ['volunteers', 'projects'],
  secrets: { piiEncryption: true, piiHash: true },
  // Returns unmasked ID numbers / phones to those entitled: each response's reads are audited.
  personalDataAudit: true,
  context: ({ dataSource, clients, secrets }) =>
    contextFactory({ dataSource, clients: { volunteers: clients.volunteers, projects: clients.projects }, cipher: new FieldCipher(secrets.piiEncryptionKey) }),
  // Writes delivered services as projects' service records (retrying, idempotent).
  worker: (deps) => createRecordOutbox(deps),
  seed: (deps) => seedPartnershipsDatabase(deps),
});
