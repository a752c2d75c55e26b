import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { Logger } from '@vg/logger';
import { createDataSource } from './createDataSource';
import { ensureDatabase, withDatabase } from './databases';
import type { SqlLogger } from './SqlLogger';

/**
 * A service's own database, ready to use: created when missing (through the server's `postgres`
 * database), connected, and migrated to the latest version.
 */
export async function openServiceDatabase(options: {
  name: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  logger: Logger;
  poolSize?: number;
}): Promise<DataSource & { sqlLogger: SqlLogger }> {
  const url = new URL(options.url);
  await ensureDatabase(withDatabase(url.toString(), 'postgres'), decodeURIComponent(url.pathname.slice(1)));
  const dataSource = createDataSource({
    url: url.toString(),
    entities: options.entities,
    migrations: options.migrations,
    logger: options.logger,
    poolSize: options.poolSize,
    applicationName: options.name,
  });
  await dataSource.initialize();
  const applied = await dataSource.runMigrations();
  if (applied.length) options.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  return dataSource;
}

/** Readiness: the DataSource is connected and the server answers. */
export async function databaseReady(dataSource: DataSource): Promise<boolean> {
  return dataSource.isInitialized && (await dataSource.query('/* ready */ SELECT 1')).length === 1;
}
