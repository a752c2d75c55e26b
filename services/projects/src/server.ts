import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { DataSource } from 'typeorm';
import { databaseReady } from '@vg/db';
import { createSubgraphServer, SubgraphClient, type SubgraphServer } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import { contextFactory, type ProjectsContext } from './context';
import { ContactCipher, type ContactKeys } from './domain/contact';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));

export interface ProjectsServerOptions {
  /** Initialised and migrated. */
  dataSource: DataSource;
  contactKeys: ContactKeys;
  internalSecret: string;
  /** The volunteers subgraph's URL (direct). */
  volunteersUrl: string;
  logger: Logger;
  port: number;
  host?: string;
  includeStacktrace?: boolean;
}

/** The projects subgraph over HTTP, on a ready database. */
export function startProjectsServer(options: ProjectsServerOptions): Promise<SubgraphServer> {
  const { dataSource } = options;
  const volunteersClient = new SubgraphClient({ url: options.volunteersUrl, internalSecret: options.internalSecret, caller: 'projects' });
  return createSubgraphServer<ProjectsContext>({
    name: 'projects',
    typeDefs,
    resolvers,
    internalSecret: options.internalSecret,
    logger: options.logger,
    port: options.port,
    host: options.host,
    includeStacktrace: options.includeStacktrace,
    createContext: contextFactory({ dataSource, volunteersClient, contact: new ContactCipher(options.contactKeys) }),
    ready: () => databaseReady(dataSource),
  });
}
