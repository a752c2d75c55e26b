import { defineService } from '@vg/service';
import { contextFactory } from './context';
import { entities, migrations } from './data/entities';
import { IdentityHasher } from './domain/identity';
import { resolvers } from './resolvers';
import { ensurePlanCatalogue, seedInsuranceDatabase } from './seed';

/**
 * The insurance subgraph (淄博志愿保): plans and cover items, enrolments, the insurer's idempotent
 * batch enrolment, Volunteer.insurance and Activity.uninsuredParticipants.
 */
export const service = defineService({
  name: 'insurance',
  dir: `${__dirname}/..`,
  resolvers,
  entities,
  migrations,
  calls: ['volunteers', 'projects'],
  // PII_HASH_KEY must be the volunteers service's: ID numbers are matched by its keyed hash.
  secrets: { piiHash: true },
  context: ({ dataSource, clients, secrets }) => contextFactory({ dataSource, volunteersClient: clients.volunteers, projectsClient: clients.projects, hasher: new IdentityHasher(secrets.piiHashKey) }),
  // The plans are reference data the insurer's batches name, not demo data: always present.
  prepare: ({ dataSource }) => ensurePlanCatalogue(dataSource),
  seed: ({ dataSource, clients, secrets, logger, progress }) => {
    progress("enrolling the volunteers the volunteers subgraph lists, in batches like the insurer's");
    return seedInsuranceDatabase(dataSource, clients.volunteers, { logger, hasher: new IdentityHasher(secrets.piiHashKey) });
  },
});
