import 'reflect-metadata';
import { stopOnSignals } from '@vg/config';
import { openServiceDatabase } from '@vg/db';
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
  const dataSource = await openServiceDatabase({ name: 'volunteers', url: env.VOLUNTEERS_DATABASE_URL, entities, migrations, logger, poolSize: env.DB_POOL_SIZE });

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

  stopOnSignals(logger, async () => {
    await server.stop();
    await dataSource.destroy();
  });
}

main().catch((error) => {
  process.stderr.write(`volunteers failed to start: ${error?.stack ?? error}\n`);
  process.exit(1);
});
