import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { databaseReady, PersonalDataReadStore, type SqlLogger } from '@vg/db';
import { createSubgraphServer, SubgraphClient, type SubgraphServer } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import { identity, serviceViewer, type Viewer } from '@vg/standards';
import type { ServiceContext, ServiceDefinition, ServiceDeps, ServiceSecrets, ServiceWorker } from './ServiceDefinition';

export interface StartServiceOptions<TEnv> {
  /** Initialised and migrated. */
  dataSource: DataSource & { sqlLogger: SqlLogger };
  logger: Logger;
  secrets: ServiceSecrets;
  /** The URL of each subgraph the service calls. */
  subgraphUrls: Record<string, string>;
  /** The service's own settings (defaults apply when omitted). */
  env?: TEnv;
  port: number;
  host?: string;
  /** Stack traces in error responses: only when explicitly asked for. */
  includeStacktrace?: boolean;
  /** Whether /ready is true from the start (tests); `runService` turns it on after seeding. */
  ready?: boolean;
  /** Start the definition's worker at once (default); `runService` starts it after seeding. */
  startWorker?: boolean;
}

export interface RunningService extends SubgraphServer {
  deps: ServiceDeps<unknown>;
  /** Turns /ready on or off (it also needs the database to answer). */
  setReady(ready: boolean): void;
  /** The definition's worker, if it has one (already started unless `startWorker: false`). */
  worker?: ServiceWorker;
}

/** The parts a definition's context, preparation and seed are built from. */
export function serviceDeps<TEnv>(definition: ServiceDefinition<ServiceContext, TEnv>, options: Omit<StartServiceOptions<TEnv>, 'port' | 'host'>): ServiceDeps<TEnv> {
  const clients: Record<string, SubgraphClient> = {};
  for (const called of definition.calls ?? []) {
    const url = options.subgraphUrls[called];
    if (!url) throw new Error(`${definition.name} calls ${called}, but no URL was given for it`);
    clients[called] = new SubgraphClient({ url, internalSecret: options.secrets.internalSecret, viewer: serviceViewer(definition.name) });
  }
  const env = (options.env ?? definition.environment?.parse({}) ?? {}) as TEnv;
  return { name: definition.name, dataSource: options.dataSource, logger: options.logger, secrets: options.secrets, clients, env };
}

/** Starts a defined service's subgraph over HTTP on a ready database (tests call this directly). */
export async function startService<TContext extends ServiceContext, TEnv>(definition: ServiceDefinition<TContext, TEnv>, options: StartServiceOptions<TEnv>): Promise<RunningService> {
  const deps = serviceDeps(definition as unknown as ServiceDefinition<ServiceContext, TEnv>, options);
  let ready = options.ready ?? true;
  const worker = definition.worker?.(deps);
  const server = await createSubgraphServer<Viewer, TContext>({
    name: definition.name,
    typeDefs: parse(readFileSync(join(definition.dir, 'schema.graphql'), 'utf8')),
    resolvers: definition.resolvers,
    internalSecret: options.secrets.internalSecret,
    identity,
    logger: options.logger,
    port: options.port,
    host: options.host,
    includeStacktrace: options.includeStacktrace ?? false,
    createContext: definition.context(deps),
    personalDataAudit: definition.personalDataAudit ? new PersonalDataReadStore(options.dataSource) : undefined,
    ready: async () => ready && (await databaseReady(options.dataSource)),
    extraMetrics: worker?.metrics ? () => worker.metrics!() : undefined,
  });
  if (worker && options.startWorker !== false) worker.start();
  return {
    ...server,
    deps: deps as ServiceDeps<unknown>,
    worker,
    setReady: (value) => (ready = value),
    stop: async () => {
      await worker?.stop();
      await server.stop();
    },
  };
}
