import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { databaseReady } from '@vg/db';
import { createSubgraphServer, type SubgraphServer } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import { contextFactory, type VolunteersContext } from './context';
import { RegionDirectory } from './data/region.directory';
import { Pii, type PiiKeys } from './domain/pii';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface VolunteersServerOptions {
  /** Initialised and migrated. */
  dataSource: DataSource;
  piiKeys: PiiKeys;
  internalSecret: string;
  logger: Logger;
  port: number;
  host?: string;
  includeStacktrace?: boolean;
}

/** The volunteers subgraph over HTTP, on a ready database. */
export function startVolunteersServer(options: VolunteersServerOptions): Promise<SubgraphServer> {
  const { dataSource } = options;
  return createSubgraphServer<VolunteersContext>({
    name: 'volunteers',
    typeDefs,
    resolvers,
    internalSecret: options.internalSecret,
    logger: options.logger,
    port: options.port,
    host: options.host,
    includeStacktrace: options.includeStacktrace,
    createContext: contextFactory({ dataSource, pii: new Pii(options.piiKeys), regions: new RegionDirectory(dataSource) }),
    ready: () => databaseReady(dataSource),
  });
}
