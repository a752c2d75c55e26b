import { randomBytes } from 'node:crypto';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import { silentLogger } from '@vg/logger';
import { createDataSource } from './createDataSource';
import { dropDatabase, ensureDatabase, withDatabase } from './databases';
import type { SqlLogger } from './SqlLogger';

export interface TestDataSource {
  dataSource: DataSource & { sqlLogger: SqlLogger };
  url: string;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, on the test server that jest's global setup
 * started (embedded PostgreSQL, or `DATABASE_URL` when set). Each call gets its own database, so
 * test files never see each other's rows.
 */
export async function createTestDataSource(options: {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
}): Promise<TestDataSource> {
  const serverUrl = process.env.VG_TEST_SERVER_URL;
  if (!serverUrl) throw new Error('VG_TEST_SERVER_URL is not set: run tests through jest (its global setup starts PostgreSQL)');
  const database = `vgtest_${options.name}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(serverUrl, database);
  const url = withDatabase(serverUrl, database);
  const dataSource = createDataSource({ url, entities: options.entities, migrations: options.migrations, logger: silentLogger(), poolSize: 20 });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return {
    dataSource,
    url,
    drop: async () => {
      await dataSource.destroy();
      await dropDatabase(serverUrl, database);
    },
  };
}
