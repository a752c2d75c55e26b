import 'reflect-metadata';
import { stopOnSignals } from '@vg/config';
import { openServiceDatabase } from '@vg/db';
import { createLogger, type Logger } from '@vg/logger';
import { loadServiceEnvironment } from './environment';
import type { ServiceContext, ServiceDefinition } from './ServiceDefinition';
import { serviceDeps, startService } from './startService';

/** `url` without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * A service's whole life, for its `main.ts`: reads the environment (every problem listed), opens
 * and migrates its database, writes its reference data, answers /health at once and /ready only
 * once seeded (when SEED_WHEN_EMPTY), and stops cleanly on SIGINT/SIGTERM. A failure to start is
 * one line saying what and why (the stack only at LOG_LEVEL=debug), and exit status 1.
 */
export function runService<TContext extends ServiceContext, TEnv>(definition: ServiceDefinition<TContext, TEnv>): void {
  let env: ReturnType<typeof loadServiceEnvironment>;
  try {
    env = loadServiceEnvironment(definition as unknown as ServiceDefinition);
  } catch (error) {
    // A setting checked outside the schema (e.g. a secret missing in production): one line, not a stack.
    process.stderr.write(`${definition.name} failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ name: definition.name, level: env.logLevel });
  run(definition, env, logger).catch((error: unknown) => {
    logger.debug({ err: error }, 'start failed');
    logger.fatal(`${definition.name} failed to start: ${failureReason(error)}`);
    process.exit(1);
  });
}

/** Why a start failed, in one line: the message (or a PostgreSQL/system error code) without the stack. */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message.split('\n')[0] || error.name;
  return typeof code === 'string' && !message.includes(code) && !/^\d/.test(code) ? `${message} (${code})` : message;
}

async function run<TContext extends ServiceContext, TEnv>(definition: ServiceDefinition<TContext, TEnv>, env: ReturnType<typeof loadServiceEnvironment>, logger: Logger): Promise<void> {
  const dataSource = await openServiceDatabase({ name: definition.name, url: env.databaseUrl, entities: definition.entities, migrations: definition.migrations, logger, poolSize: env.poolSize }).catch(
    (error: Error) => {
      throw new Error(`cannot open its database ${redactUrl(env.databaseUrl)}: ${error.message}`);
    },
  );
  const options = { dataSource, logger, secrets: env.secrets, subgraphUrls: env.subgraphUrls, env: (definition.environment ? definition.environment.parse(env.own) : {}) as TEnv };
  const deps = serviceDeps(definition as unknown as ServiceDefinition<ServiceContext, TEnv>, options);
  await definition.prepare?.(deps);
  const service = await startService(definition, { ...options, port: env.port, host: env.host, includeStacktrace: env.includeStacktrace, ready: false, startWorker: false });
  stopOnSignals(logger, async () => {
    await service.stop();
    await dataSource.destroy();
  });
  if (env.seedWhenEmpty && definition.seed) {
    const started = Date.now();
    logger.info('seeding demo data (when empty)');
    const result = await definition.seed({ ...deps, progress: (message, details) => logger.info(details ?? {}, `seed: ${message}`) });
    logger.info({ ...result, ms: Date.now() - started }, (result as { seeded?: boolean }).seeded === false ? 'database not empty: seed skipped' : 'demo data seeded');
  }
  service.worker?.start();
  service.setReady(true);
  logger.info({ url: service.url }, `${definition.name} ready`);
}
