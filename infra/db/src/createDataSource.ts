import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from '@vg/logger';
import { SqlLogger } from './SqlLogger';

export interface DataSourceOptions {
  /** Connection URL of this service's own database. */
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  logger: Logger;
  /** Pool size; small by default (2 cores, five services). */
  poolSize?: number;
  applicationName?: string;
}

/**
 * A TypeORM DataSource for one service's database. Schema changes only ever come from migrations
 * (`synchronize` is off); call `initialize()` then `runMigrations()`.
 */
export function createDataSource(options: DataSourceOptions): DataSource & { sqlLogger: SqlLogger } {
  const sqlLogger = new SqlLogger(options.logger);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: sqlLogger,
    maxQueryExecutionTime: 500,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName,
  });
  return Object.assign(dataSource, { sqlLogger });
}
