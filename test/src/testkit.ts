import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import { DEFAULT_RATE_LIMITS, startGateway, type GatewayOptions, type RunningGateway } from '@vg/gateway';
import { encodeViewerHeader, mintToken, VIEWER_HEADER } from '@vg/graphql';
import { createLogger, silentLogger } from '@vg/logger';
import { SUPERGRAPH_PATH, type SubgraphName } from '@vg/schema';
import { definitionsInStartOrder, serviceDeps, startService, type RunningService } from '@vg/service';
import { anonymousViewer, identity, type Role, type Viewer } from '@vg/standards';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

/** One subgraph of a running stack: its URL and its own test database. */
export interface RunningSubgraph {
  url: string;
  db: TestDataSource;
}

export type Stack = Record<SubgraphName, RunningSubgraph> & {
  gatewayUrl: string;
  /** Every subgraph, by name (the registry's). */
  subgraphs: Record<string, RunningSubgraph>;
  /** The keys the stack runs with (tests use them to seed and to check what is stored). */
  secrets: { jwtSecret: string; internalSecret: string; piiKeys: { encryptionKey: string; hashKey: string } };
  /**
   * POSTs an operation to the gateway, with a token for `as` when given. A typed document (from
   * `test/src/generated/`, see `pnpm codegen`) types the result and the variables, which are then
   * required when the operation has required variables.
   */
  query<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    ...rest: Record<string, never> extends V ? [variables?: V, as?: TokenFor] : [variables: V, as?: TokenFor]
  ): Promise<GraphQLResponse<R>>;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: TokenFor): Promise<GraphQLResponse<T>>;
  token(as: TokenFor): string;
  /**
   * The signed viewer header subgraphs require (they refuse unsigned requests), as the gateway
   * sends it: anonymous unless `viewer` says otherwise. For tests that call a subgraph directly.
   */
  viewerHeader(viewer?: Partial<Viewer>): Record<string, string>;
  /**
   * Every log line the stack wrote so far (services, gateway, and each SQL statement as a
   * service's SqlLogger writes it at debug): only with `captureLogs`, none otherwise.
   */
  logs(): string[];
  stop(): Promise<void>;
};

export interface TokenFor {
  roles: Role[];
  sub?: string;
  volunteerId?: string | null;
  /** The redemption point a STATION_STAFF account works at. */
  redemptionPointId?: string | null;
  /** The enterprise an ENTERPRISE account acts for. */
  enterpriseId?: string | null;
  /** The social organisation a SOCIAL_ORGANIZATION account acts for. */
  socialOrganizationId?: string | null;
  /** Token scopes, e.g. `federation:370303` (the federation a certifier acts for). */
  scopes?: string[];
}

/**
 * The gateway's request rate limits in a stack: every test's requests come from one address and a
 * few accounts, so the defaults are raised a hundredfold unless a test (the security suite) sets its own.
 */
const TEST_RATE_LIMITS = Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([name, limit]) => [name, { ...limit, points: limit.points * 100 }])) as typeof DEFAULT_RATE_LIMITS;

/**
 * The whole system for an end-to-end test: every subgraph of the registry on a fresh, migrated
 * database and a real HTTP port (0: any free one), started after the subgraphs it calls, with its
 * reference data prepared; and the gateway in front over HTTP, fed the committed supergraph with
 * the subgraph URLs pointed at them. Fresh random secrets per stack.
 */
export async function startStack(
  stackOptions: { includeStacktrace?: boolean; workers?: boolean; captureLogs?: boolean; gateway?: Partial<Omit<GatewayOptions, 'supergraphSdl' | 'logger' | 'port'>> } = {},
): Promise<Stack> {
  const piiKeys = { encryptionKey: randomBytes(32).toString('base64'), hashKey: randomBytes(16).toString('hex') };
  const secrets = { jwtSecret: randomBytes(24).toString('base64url'), internalSecret: randomBytes(24).toString('base64url'), piiKeys };
  const serviceSecrets = { internalSecret: secrets.internalSecret, piiEncryptionKey: piiKeys.encryptionKey, piiHashKey: piiKeys.hashKey };
  // Captured logs: the production logger (its redaction included) at debug, into memory.
  const logLines: string[] = [];
  const logger = stackOptions.captureLogs ? createLogger({ name: 'stack', level: 'debug', destination: { write: (line: string) => void logLines.push(line) } }) : silentLogger();
  const definitions = definitionsInStartOrder();
  const databases = await Promise.all(definitions.map(({ name, entities, migrations }) => createTestDataSource({ name, entities, migrations })));
  // A test database logs nowhere; a service's own logs every statement at debug (SqlLogger).
  if (stackOptions.captureLogs) for (const db of databases) db.dataSource.sqlLogger.onStatement((sql) => logger.debug({ sql }, 'sql'));
  const services: RunningService[] = [];
  const subgraphs: Record<string, RunningSubgraph> = {};
  const urls: Record<string, string> = {};
  let gateway: RunningGateway | undefined;
  try {
    for (const [i, definition] of definitions.entries()) {
      const dataSource = databases[i].dataSource;
      const options = { dataSource, logger, secrets: serviceSecrets, subgraphUrls: urls };
      await definition.prepare?.(serviceDeps(definition, options));
      // Background workers (the honours feed consumer) only where a test asks for them: their own
      // statements would otherwise mix into other tests' statement counts.
      const service = await startService(definition, { ...options, port: 0, startWorker: stackOptions.workers ?? false });
      services.push(service);
      urls[definition.name] = service.url;
      subgraphs[definition.name] = { url: service.url, db: databases[i] };
    }
    gateway = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: urls,
      jwtSecret: secrets.jwtSecret,
      internalSecret: secrets.internalSecret,
      logger,
      port: 0,
      includeStacktrace: stackOptions.includeStacktrace ?? false,
      sandbox: true,
      rateLimits: TEST_RATE_LIMITS,
      ...stackOptions.gateway,
    });
  } catch (error) {
    for (const service of services.reverse()) await service.stop();
    await Promise.all(databases.map((db) => db.drop()));
    throw error;
  }
  const running = gateway;
  const token = (as: TokenFor) =>
    mintToken(
      {
        sub: as.sub ?? `test-${as.roles.join('-') || 'user'}`,
        roles: as.roles,
        volunteerId: as.volunteerId ?? null,
        redemptionPointId: as.redemptionPointId ?? null,
        enterpriseId: as.enterpriseId ?? null,
        socialOrganizationId: as.socialOrganizationId ?? null,
        scopes: as.scopes ?? [],
      },
      secrets.jwtSecret,
      identity,
    );
  return {
    ...(subgraphs as Record<SubgraphName, RunningSubgraph>),
    gatewayUrl: running.url,
    subgraphs,
    secrets,
    token,
    logs: () => [...logLines],
    viewerHeader: (viewer = {}) => ({ [VIEWER_HEADER]: encodeViewerHeader({ ...anonymousViewer, ...viewer }, secrets.internalSecret) }),
    query: <T>(query: string | DocumentNode, variables?: Record<string, unknown>, as?: TokenFor) =>
      postGraphQL<T>(running.url, typeof query === 'string' ? query : print(query), variables, as ? { authorization: `Bearer ${token(as)}` } : {}),
    stop: async () => {
      await running.stop();
      for (const service of services.reverse()) await service.stop();
      await Promise.all(databases.map((db) => db.drop()));
    },
  };
}

/** POSTs a GraphQL operation and returns the parsed body (whatever the HTTP status). */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { status?: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await response.json()) as GraphQLResponse<T>), status: response.status };
}
