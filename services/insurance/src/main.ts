import 'reflect-metadata';
import { stopOnSignals } from '@vg/config';
import { openServiceDatabase } from '@vg/db';
import { SubgraphClient } from '@vg/graphql';
import { createLogger } from '@vg/logger';
import { entities, migrations } from './data/entities';
import { IdentityHasher } from './domain/identity';
import { loadEnvironment } from './environment';
import { ensurePlanCatalogue, seedInsuranceDatabase } from './seed';
import { startInsuranceServer } from './server';

/** The one place that reads the environment and starts things. */
async function main(): Promise<void> {
  const env = loadEnvironment();
  const logger = createLogger({ name: 'insurance', level: env.LOG_LEVEL });
  const dataSource = await openServiceDatabase({ name: 'insurance', url: env.INSURANCE_DATABASE_URL, entities, migrations, logger, poolSize: env.DB_POOL_SIZE });
  // The plans are reference data the insurer's batches name, not demo data: always present.
  await ensurePlanCatalogue(dataSource);

  const server = await startInsuranceServer({
    dataSource,
    piiHashKey: env.piiHashKey,
    internalSecret: env.internalSecret,
    volunteersUrl: env.VOLUNTEERS_URL,
    projectsUrl: env.PROJECTS_URL,
    logger,
    port: env.INSURANCE_PORT,
    host: env.HOST,
    includeStacktrace: env.NODE_ENV === 'development',
  });

  if (env.SEED_WHEN_EMPTY) {
    // Demo cover for the volunteers subgraph's volunteers (it may still be seeding: the seed waits).
    const volunteers = new SubgraphClient({ url: env.VOLUNTEERS_URL, internalSecret: env.internalSecret, caller: 'insurance-seed' });
    const result = await seedInsuranceDatabase(dataSource, volunteers, { logger, hasher: new IdentityHasher(env.piiHashKey) });
    logger.info(result, result.seeded ? 'demo data seeded' : 'seed skipped');
  }

  stopOnSignals(logger, async () => {
    await server.stop();
    await dataSource.destroy();
  });
}

main().catch((error) => {
  process.stderr.write(`insurance failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
