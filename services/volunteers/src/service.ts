import { z } from 'zod';
import { defineService } from '@vg/service';
import { contextFactory } from './context';
import { entities, migrations } from './data/entities';
import { RegionDirectory } from './data/region.directory';
import { Pii } from './domain/pii';
import { RegistrationGuard } from './domain/registration-guard';
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
  // Returns unmasked ID numbers / phones to those entitled: each response's reads are audited.
  personalDataAudit: true,
  environment: z.object({
    SEED_VOLUNTEERS: z.coerce.number().int().min(0).max(5_000_000).default(2000),
    // Registration limits (domain/registration-guard.ts): sized so that real users never meet them.
    /** Self-registration attempts per account an hour (an account registers itself once). */
    REGISTRATION_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).default(5),
    /** Refused registrations per registrar account (TEAM_LEADER, STATION_STAFF) a day: a queue of new people is never refused. */
    REGISTRAR_REFUSALS_PER_DAY: z.coerce.number().int().min(1).default(30),
    /** Refused registrations per ID number a day, across accounts; then the number is refused online all day. */
    REGISTRATION_REFUSALS_PER_ID_NUMBER_PER_DAY: z.coerce.number().int().min(1).default(3),
  }),
  context: ({ dataSource, secrets, env }) =>
    contextFactory({
      dataSource,
      pii: new Pii({ encryptionKey: secrets.piiEncryptionKey, hashKey: secrets.piiHashKey }),
      regions: new RegionDirectory(dataSource),
      registration: new RegistrationGuard(dataSource, {
        selfAttemptsPerHour: env.REGISTRATION_ATTEMPTS_PER_HOUR,
        registrarRefusalsPerDay: env.REGISTRAR_REFUSALS_PER_DAY,
        refusalsPerIdNumberPerDay: env.REGISTRATION_REFUSALS_PER_ID_NUMBER_PER_DAY,
      }),
    }),
  seed: ({ dataSource, secrets, env, progress }) => {
    progress(`generating and writing ${env.SEED_VOLUNTEERS} volunteers with regions, teams and stations`);
    return seedVolunteersDatabase(dataSource, new Pii({ encryptionKey: secrets.piiEncryptionKey, hashKey: secrets.piiHashKey }), { volunteers: env.SEED_VOLUNTEERS });
  },
});
