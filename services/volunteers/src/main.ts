import 'reflect-metadata';
import { createDataSource, ensureDatabase, withDatabase } from '@vg/db';
import { createLogger } from '@vg/logger';
import { entities, migrations } from './data/entities';
import { Pii } from './domain/pii';
import { loadEnvironment } from './environment';
import { seedVolunteersDatabase } from './seed';
import { startVolunteersServer } from './server';

/** The one place that reads the environment and starts things. */
async function main(): Promise<void> {
  const env = loadEnvironment();
  const logger = createLogger({ name: 'volunteers', level: env.LOG_LEVEL });
  const url = new URL(env.VOLUNTEERS_DATABASE_URL);
  await ensureDatabase(withDatabase(url.toString(), 'postgres'), url.pathname.slice(1));

  const dataSource = createDataSource({ url: url.toString(), entities, migrations, logger, poolSize: env.DB_POOL_SIZE, applicationName: 'volunteers' });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');

  if (env.SEED_WHEN_EMPTY) {
    const result = await seedVolunteersDatabase(dataSource, new Pii(env.piiKeys), { volunteers: env.SEED_VOLUNTEERS });
    logger.info(result, result.seeded ? 'demo data seeded' : 'database not empty: seed skipped');
  }

  const server = await startVolunteersServer({
    dataSource,
    piiKeys: env.piiKeys,
    internalSecret: env.internalSecret,
    logger,
    port: env.VOLUNTEERS_PORT,
    host: env.HOST,
    includeStacktrace: env.NODE_ENV === 'development',
  });

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
  process.stderr.write(`volunteers failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
