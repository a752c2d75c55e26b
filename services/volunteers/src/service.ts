import { z } from 'zod';
import { defineService } from '@vg/service';
import { contextFactory } from './context';
import { entities, migrations } from './data/entities';
import { RegionDirectory } from './data/region.directory';
import { Pii } from './domain/pii';
import { resolvers } from './resolvers';
import { seedVolunteersDatabase } from './seed';

/** The volunteers subgraph: regions, volunteers (encrypted personal data), teams and stations. */
export const service = defineService({
  name: 'volunteers',
  dir: `${__dirname}/..`,
  resolvers,
  entities,
  migrations,
  secrets: { piiEncryption: true, piiHash: true },
  environment: z.object({ SEED_VOLUNTEERS: z.coerce.number().int().min(0).max(5_000_000).default(2000) }),
  context: ({ dataSource, secrets }) =>
    contextFactory({ dataSource, pii: new Pii({ encryptionKey: secrets.piiEncryptionKey, hashKey: secrets.piiHashKey }), regions: new RegionDirectory(dataSource) }),
  seed: ({ dataSource, secrets, env, progress }) => {
    progress(`generating and writing ${env.SEED_VOLUNTEERS} volunteers with regions, teams and stations`);
    return seedVolunteersDatabase(dataSource, new Pii({ encryptionKey: secrets.piiEncryptionKey, hashKey: secrets.piiHashKey }), { volunteers: env.SEED_VOLUNTEERS });
  },
});
