import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { databaseReady } from '@vg/db';
import { createSubgraphServer, SubgraphClient, type SubgraphServer } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import { contextFactory, type InsuranceContext } from './context';
import { IdentityHasher } from './domain/identity';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface InsuranceServerOptions {
  /** Initialised and migrated. */
  dataSource: DataSource;
  /** The PII hash key the volunteers service hashes ID numbers with. */
  piiHashKey: string;
  internalSecret: string;
  /** The volunteers subgraph's URL (direct). */
  volunteersUrl: string;
  /** The projects subgraph's URL (direct). */
  projectsUrl: string;
  logger: Logger;
  port: number;
  host?: string;
  includeStacktrace?: boolean;
}

/** The insurance subgraph over HTTP, on a ready database. */
export function startInsuranceServer(options: InsuranceServerOptions): Promise<SubgraphServer> {
  const { dataSource } = options;
  const client = (url: string) => new SubgraphClient({ url, internalSecret: options.internalSecret, caller: 'insurance' });
  return createSubgraphServer<InsuranceContext>({
    name: 'insurance',
    typeDefs,
    resolvers,
    internalSecret: options.internalSecret,
    logger: options.logger,
    port: options.port,
    host: options.host,
    includeStacktrace: options.includeStacktrace,
    createContext: contextFactory({
      dataSource,
      volunteersClient: client(options.volunteersUrl),
      projectsClient: client(options.projectsUrl),
      hasher: new IdentityHasher(options.piiHashKey),
    }),
    ready: () => databaseReady(dataSource),
  });
}
