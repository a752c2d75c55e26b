import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { Logger } from '@vg/logger';
import { ErrorCode } from './errors';
import { OperationMetrics } from './metrics';
import { PersonalDataAudit, personalDataAuditPlugin, type PersonalDataAuditSink } from './personalDataAudit';
import { formatErrorFor, requestLoggingPlugin } from './plugins';
import { serveHttp } from './serveHttp';
import { operationalRoutes, quietPlugins } from './standard';
import type { BaseViewer, IdentityModel } from './viewer';
import { decodeViewerHeader, VIEWER_HEADER } from './viewerHeader';

/** What every subgraph's context holds; services extend it with their loaders and stores. */
export interface BaseContext<V extends BaseViewer = BaseViewer> {
  viewer: V;
  requestId: string;
  logger: Logger;
  /** The request's record of unmasked personal data it returns (see PersonalDataAudit). */
  audit: PersonalDataAudit;
}

export interface SubgraphServerOptions<V extends BaseViewer, TContext extends BaseContext<V>> {
  name: string;
  typeDefs: DocumentNode;
  /** The service's resolver map (generated types differ in detail from @apollo/subgraph's). */
  resolvers: object;
  /** Verifies the gateway's signed viewer header. */
  internalSecret: string;
  /** The roles and identity claims a viewer header carries. */
  identity: IdentityModel<V>;
  logger: Logger;
  /** Adds the service's per-request parts (fresh DataLoaders, stores) to the base context. */
  createContext: (base: BaseContext<V>) => TContext | Promise<TContext>;
  /** Where the unmasked personal-data reads of each response are written; none: the subgraph returns no such data. */
  personalDataAudit?: PersonalDataAuditSink;
  /** Readiness: e.g. the database answers. */
  ready?: () => Promise<boolean>;
  /** More Prometheus text for /metrics (e.g. a background worker's gauges), each line ending in a newline. */
  extraMetrics?: () => string;
  /** Stack traces in error responses (development only). */
  includeStacktrace?: boolean;
  port: number;
  host?: string;
}

export interface SubgraphServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts one federated subgraph over HTTP: GraphQL at /graphql, /health, /ready and /metrics. No landing
 * page, no inline tracing, no usage reporting: nothing leaves the machine. Only the gateway and
 * sibling services call a subgraph, and they sign every request (anonymous callers too), so a
 * request without a valid viewer header — missing, forged, stale — is refused with 401 before
 * anything is parsed or answered. The gateway answers introspection itself; a subgraph refuses it,
 * and its errors name no types or fields ("did you mean …") for anyone probing it.
 */
export async function createSubgraphServer<V extends BaseViewer, TContext extends BaseContext<V>>(options: SubgraphServerOptions<V, TContext>): Promise<SubgraphServer> {
  const { logger } = options;
  const metrics = new OperationMetrics(options.name);
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    logger,
    includeStacktraceInErrorResponses: options.includeStacktrace ?? false,
    // A variable the subgraph's own scalars refuse (e.g. a Date that is not one) is the client's
    // BAD_USER_INPUT: answered with 200 and the error, so the gateway passes it on instead of
    // turning the HTTP 400 into an INTERNAL_SERVER_ERROR.
    status400ForVariableCoercionErrors: false,
    introspection: false,
    hideSchemaDetailsFromClientErrors: true,
    formatError: formatErrorFor({ maskInternal: !options.includeStacktrace }),
    plugins: [...quietPlugins<TContext>(), ApolloServerPluginLandingPageDisabled(), metrics.plugin(), requestLoggingPlugin<TContext>(), personalDataAuditPlugin<TContext>(options.personalDataAudit)],
  });
  await apollo.start();

  const http = await serveHttp<TContext>({
    apollo,
    logger,
    port: options.port,
    host: options.host,
    routes: operationalRoutes(options.name, metrics, async () => ({ ready: options.ready ? await options.ready() : true, service: options.name }), options.extraMetrics),
    context: async ({ headers, requestId, logger: requestLogger }) => {
      const header = headers[VIEWER_HEADER];
      const refuse = (reason: string) => new GraphQLError(`Refused: ${reason}`, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
      if (typeof header !== 'string') throw refuse('requests must be signed by the gateway or a sibling service');
      let viewer: V;
      try {
        viewer = decodeViewerHeader(header, options.internalSecret, options.identity);
      } catch (error) {
        throw refuse((error as Error).message);
      }
      return options.createContext({ viewer, requestId, logger: requestLogger, audit: new PersonalDataAudit(options.personalDataAudit !== undefined) });
    },
  });
  logger.info({ url: http.url }, `${options.name} subgraph ready`);
  return {
    url: http.url,
    port: http.port,
    stop: async () => {
      await http.close();
      await apollo.stop();
    },
  };
}
