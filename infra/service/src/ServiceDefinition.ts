import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { z } from 'zod';
import type { SqlLogger } from '@vg/db';
import type { BaseContext, SubgraphClient } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import type { Viewer } from '@vg/standards';

/** What every resolver of every subgraph receives; services extend it with their own parts. */
export type ServiceContext = BaseContext<Viewer>;

/** The secrets a service may hold (each only if its definition asks for it). */
export interface ServiceSecrets {
  /** Signs and verifies viewer headers between the gateway and subgraphs. */
  internalSecret: string;
  /** AES-256 key (32 bytes, base64/hex) for personal data at rest. */
  piiEncryptionKey: string;
  /** HMAC key for look-up hashes of personal data (shared by services that match ID numbers). */
  piiHashKey: string;
}

/** The long-lived parts a service's context, preparation and seed are built from. */
export interface ServiceDeps<TEnv = Record<string, unknown>> {
  name: string;
  dataSource: DataSource & { sqlLogger: SqlLogger };
  logger: Logger;
  secrets: ServiceSecrets;
  /** A client for each subgraph in the definition's `calls`, calling as this service (SERVICE role). */
  clients: Record<string, SubgraphClient>;
  /** The service's own settings (its `environment`), parsed. */
  env: TEnv;
}

/** A subgraph service, described once: `startService` and `runService` do the rest. */
export interface ServiceDefinition<TContext extends ServiceContext = ServiceContext, TEnv = Record<string, unknown>> {
  /** The subgraph's name in the registry (schema/src/subgraphs.ts). */
  name: string;
  /** The service's folder (holds schema.graphql). */
  dir: string;
  /** The resolver map (generated types differ in detail from @apollo/subgraph's). */
  resolvers: object;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for migration classes
  migrations: MixedList<Function | string>;
  /** Other subgraphs this one calls directly (a client each in `deps.clients`). */
  calls?: readonly string[];
  /** Which personal-data keys it needs (the internal secret it always has). */
  secrets?: { piiEncryption?: boolean; piiHash?: boolean };
  /**
   * Whether it returns unmasked personal data (ID numbers, phones): then every response's unmasked
   * reads (`ctx.audit`) are written to its `personal_data_reads` table (a migration calling
   * createPersonalDataReadsTable from @vg/db).
   */
  personalDataAudit?: boolean;
  /** Its own environment variables, parsed with the common ones. */
  environment?: z.ZodObject<z.ZodRawShape>;
  /** The per-request context factory, given the long-lived parts. */
  context(deps: ServiceDeps<TEnv>): (base: ServiceContext) => TContext;
  /** Reference data written at every start, before the server answers (e.g. a plan catalogue). */
  prepare?(deps: ServiceDeps<TEnv>): Promise<void>;
  /**
   * A background worker (e.g. a feed consumer), started once the service answers (after seeding
   * under `runService`) and stopped before its database closes.
   */
  worker?(deps: ServiceDeps<TEnv>): ServiceWorker;
  /** Demo data for an empty database; returns what it wrote (or `{ seeded: false }`). */
  seed?(deps: ServiceDeps<TEnv> & { progress: (message: string, details?: object) => void }): Promise<object>;
}

/** Work a service does besides answering requests. */
export interface ServiceWorker {
  start(): void;
  /** Resolves once the work in hand is finished or abandoned safely. */
  stop(): Promise<void>;
  /** Its gauges and counters, as Prometheus text lines (each ending in a newline). */
  metrics?(): string;
}

/** A definition, with the context and settings types inferred (the settings from `environment`). */
export function defineService<TContext extends ServiceContext, TShape extends z.ZodRawShape = Record<never, never>>(
  definition: ServiceDefinition<TContext, z.infer<z.ZodObject<TShape>>> & { environment?: z.ZodObject<TShape> },
): ServiceDefinition<TContext, z.infer<z.ZodObject<TShape>>> {
  return definition;
}
