import 'reflect-metadata';
import { createDataSource, ensureDatabase, withDatabase } from '@vg/db';
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
  const url = new URL(env.PROJECTS_DATABASE_URL);
  await ensureDatabase(withDatabase(url.toString(), 'postgres'), url.pathname.slice(1));

  const dataSource = createDataSource({ url: url.toString(), entities, migrations, logger, poolSize: env.DB_POOL_SIZE, applicationName: 'projects' });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');

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

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`projects failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
