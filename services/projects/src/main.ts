import 'reflect-metadata';
import { stopOnSignals } from '@vg/config';
import { openServiceDatabase } from '@vg/db';
import { SubgraphClient } from '@vg/graphql';
import { createLogger } from '@vg/logger';
import { entities, migrations } from './data/entities';
import { loadEnvironment } from './environment';
import { seedProjectsDatabase } from './seed';
import { startProjectsServer } from './server';

/** The one place that reads the environment and starts things. */
async function main(): Promise<void> {
  const env = loadEnvironment();
  const logger = createLogger({ name: 'projects', level: env.LOG_LEVEL });
  const dataSource = await openServiceDatabase({ name: 'projects', url: env.PROJECTS_DATABASE_URL, entities, migrations, logger, poolSize: env.DB_POOL_SIZE });

  const server = await startProjectsServer({
    dataSource,
    contactKeys: env.contactKeys,
    internalSecret: env.internalSecret,
    volunteersUrl: env.VOLUNTEERS_URL,
    logger,
    port: env.PROJECTS_PORT,
    host: env.HOST,
    includeStacktrace: env.NODE_ENV === 'development',
  });

  if (env.SEED_WHEN_EMPTY) {
    // Demo data refers to the volunteers subgraph's volunteers, teams and stations: ask it for them
    // (it may still be seeding, so the seed waits for it).
    const volunteers = new SubgraphClient({ url: env.VOLUNTEERS_URL, internalSecret: env.internalSecret, caller: 'projects-seed' });
    const result = await seedProjectsDatabase(dataSource, volunteers, { contactKeys: env.contactKeys, logger });
    logger.info(result, result.seeded ? 'demo data seeded' : 'seed skipped');
  }

  stopOnSignals(logger, async () => {
    await server.stop();
    await dataSource.destroy();
  });
}

main().catch((error) => {
  process.stderr.write(`projects failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
