import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import { startGateway, type RunningGateway } from '@vg/gateway';
import { mintToken, type Role } from '@vg/graphql';
import * as insurance from '@vg/insurance';
import { silentLogger } from '@vg/logger';
import * as projects from '@vg/projects';
import { entities, migrations, startVolunteersServer } from '@vg/volunteers';
import type { SubgraphServer } from '@vg/graphql';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export interface Stack {
  gatewayUrl: string;
  volunteers: { url: string; db: TestDataSource };
  projects: { url: string; db: TestDataSource };
  /** With the plan catalogue written (as the service's start does). */
  insurance: { url: string; db: TestDataSource };
  /** The keys the stack runs with (tests use them to seed and to check what is stored). */
  secrets: { jwtSecret: string; internalSecret: string; piiKeys: { encryptionKey: string; hashKey: string } };
  /** POSTs an operation to the gateway, with a token for `as` when given. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: TokenFor): Promise<GraphQLResponse<T>>;
  token(as: TokenFor): string;
  stop(): Promise<void>;
}

export interface TokenFor {
  roles: Role[];
  sub?: string;
  volunteerId?: string | null;
}

/**
 * The whole system for an end-to-end test: each subgraph on a fresh, migrated database and a real
 * HTTP port (0: any free one), and the gateway in front over HTTP, fed the committed supergraph
 * with the subgraph URLs pointed at them. Fresh random secrets per stack.
 */
export async function startStack(options: { includeStacktrace?: boolean } = {}): Promise<Stack> {
  const secrets = {
    jwtSecret: randomBytes(24).toString('base64url'),
    internalSecret: randomBytes(24).toString('base64url'),
    piiKeys: { encryptionKey: randomBytes(32).toString('base64'), hashKey: randomBytes(16).toString('hex') },
  };
  const logger = silentLogger();
  const [db, projectsDb, insuranceDb] = await Promise.all([
    createTestDataSource({ name: 'volunteers', entities, migrations }),
    createTestDataSource({ name: 'projects', entities: projects.entities, migrations: projects.migrations }),
    createTestDataSource({ name: 'insurance', entities: insurance.entities, migrations: insurance.migrations }),
  ]);
  let volunteers: SubgraphServer | undefined;
  let projectsServer: SubgraphServer | undefined;
  let insuranceServer: SubgraphServer | undefined;
  let gateway: RunningGateway | undefined;
  try {
    volunteers = await startVolunteersServer({ dataSource: db.dataSource, piiKeys: secrets.piiKeys, internalSecret: secrets.internalSecret, logger, port: 0 });
    projectsServer = await projects.startProjectsServer({
      dataSource: projectsDb.dataSource,
      contactKeys: secrets.piiKeys,
      internalSecret: secrets.internalSecret,
      volunteersUrl: volunteers.url,
      logger,
      port: 0,
    });
    await insurance.ensurePlanCatalogue(insuranceDb.dataSource);
    insuranceServer = await insurance.startInsuranceServer({
      dataSource: insuranceDb.dataSource,
      piiHashKey: secrets.piiKeys.hashKey,
      internalSecret: secrets.internalSecret,
      volunteersUrl: volunteers.url,
      projectsUrl: projectsServer.url,
      logger,
      port: 0,
    });
    gateway = await startGateway({
      supergraphSdl: readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
      subgraphUrls: { volunteers: volunteers.url, projects: projectsServer.url, insurance: insuranceServer.url },
      jwtSecret: secrets.jwtSecret,
      internalSecret: secrets.internalSecret,
      logger,
      port: 0,
      includeStacktrace: options.includeStacktrace ?? false,
      sandbox: true,
    });
  } catch (error) {
    await insuranceServer?.stop();
    await projectsServer?.stop();
    await volunteers?.stop();
    await Promise.all([db.drop(), projectsDb.drop(), insuranceDb.drop()]);
    throw error;
  }
  const projectsRunning = projectsServer;
  const insuranceRunning = insuranceServer;
  const running = gateway;
  const token = (as: TokenFor) => mintToken({ sub: as.sub ?? `test-${as.roles.join('-') || 'user'}`, roles: as.roles, volunteerId: as.volunteerId }, secrets.jwtSecret);
  return {
    gatewayUrl: running.url,
    volunteers: { url: volunteers.url, db },
    projects: { url: projectsRunning.url, db: projectsDb },
    insurance: { url: insuranceRunning.url, db: insuranceDb },
    secrets,
    token,
    query: (query, variables, as) => postGraphQL(running.url, query, variables, as ? { authorization: `Bearer ${token(as)}` } : {}),
    stop: async () => {
      await running.stop();
      await insuranceRunning.stop();
      await projectsRunning.stop();
      await volunteers!.stop();
      await Promise.all([db.drop(), projectsDb.drop(), insuranceDb.drop()]);
    },
  };
}

/** POSTs a GraphQL operation and returns the parsed body (whatever the HTTP status). */
export async function postGraphQL<T = Record<string, unknown>>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T> & { status?: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as GraphQLResponse<T>), status: response.status };
}
