import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '@vg/logger';

/**
 * TypeORM logger that writes to pino (statements at debug, errors at error) and counts every
 * statement issued, so tests can assert how many statements a request costs.
 */
export class SqlLogger implements TypeOrmLogger {
  /** Statements issued since creation. */
  statementCount = 0;
  private readonly listeners = new Set<(query: string) => void>();

  constructor(private readonly logger: Logger) {}

  /** Calls `listener` with every statement until the returned function is called. */
  onStatement(listener: (query: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  logQuery(query: string): void {
    this.statementCount += 1;
    for (const listener of this.listeners) listener(query);
    if (this.logger.isLevelEnabled('debug')) this.logger.debug({ sql: query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    // Expected constraint violations are turned into GraphQL errors by callers; keep them at debug.
    const message = error instanceof Error ? error.message : error;
    this.logger.debug({ sql: query, err: message }, 'sql error');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ sql: query, ms: time }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
