import './disableTelemetry';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { anonymousViewer, identity, serviceViewer, type Viewer } from '@vg/standards';
import {
  createTokenVerifier,
  encodeViewerHeader,
  ErrorCode,
  formatErrorFor,
  OperationMetrics,
  operationalRoutes,
  quietPlugins,
  REQUEST_ID_HEADER,
  requestLoggingPlugin,
  serveHttp,
  SubgraphClient,
  TokenError,
  type TokenRules,
  VIEWER_HEADER,
} from '@vg/graphql';
import type { Logger } from '@vg/logger';
import { forgetLinksAfterMutations, IdentityLinks } from './identityLinks';
import { documentPrecheck } from './documentPrecheck';
import { introspectionAccessPlugin, type IntrospectionAccess } from './introspectionAccess';
import { localIntrospectionPlugin } from './localIntrospection';
import { queryCostPlugin, DEFAULT_COST_LIMITS, type CostLimits } from './queryCost';
import { DEFAULT_DOCUMENT_LIMITS, documentRules, type DocumentLimits } from './queryLimits';
import { anonymousWritesPlugin, DEFAULT_RATE_LIMITS, GatewayRateLimiter, type RateLimits } from './rateLimits';
import { offlineSandboxPlugin } from './sandbox';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Per-subgraph URL overrides, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  jwtSecret: string;
  /** Issuer, audience, longest lifetime and clock skew of accepted tokens; defaults DEFAULT_TOKEN_RULES. */
  tokenRules?: Partial<TokenRules>;
  internalSecret: string;
  logger: Logger;
  port: number;
  host?: string;
  /** Stack traces and unmasked internal errors in responses: for debugging only (INCLUDE_STACKTRACE). */
  includeStacktrace?: boolean;
  /** The sandbox page and the introspection it loads the schema with (refused when off, whatever NODE_ENV says). */
  sandbox?: boolean;
  /** Who may introspect (and see "Did you mean" suggestions) when the sandbox is on: `open` (default) or `staff` (DATA_STAFF, ADMIN). */
  introspectionAccess?: Exclude<IntrospectionAccess, 'off'>;
  /** Deepest field nesting one operation may have (introspection has its own limits). */
  maxQueryDepth?: number;
  /** Most fields one operation may select (aliases and fragment uses count; introspection has its own limits). */
  maxQueryFields?: number;
  /** Bounds on the whole document (tokens, operations, aliases, directives); defaults DEFAULT_DOCUMENT_LIMITS. */
  documentLimits?: Partial<DocumentLimits>;
  /** Query cost limits by caller; defaults DEFAULT_COST_LIMITS. */
  costLimits?: Partial<CostLimits>;
  /** Request rate limits; defaults DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<RateLimits>;
}

export interface GatewayContext {
  viewer: Viewer;
  requestId: string;
  logger: Logger;
  /** The client's address (the rate limits' key for anonymous callers). */
  remoteAddress: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The gateway: verifies the caller's JWT, plans each operation over the subgraphs (keep-alive
 * HTTP), and passes the viewer and request id on in signed headers. /health answers when the
 * process is up; /ready when every subgraph is ready; /metrics in the Prometheus text format.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { logger } = options;
  const subgraphUrls = new Map<string, string>();
  const metrics = new OperationMetrics('gateway');
  const linkClients = new Map<string, SubgraphClient>();
  const links = new IdentityLinks({
    logger,
    clientFor: (name) => {
      const url = subgraphUrls.get(name);
      if (!url) return undefined;
      let client = linkClients.get(name);
      if (!client) {
        // Short timeout: a request waits for this before planning, and goes on without the claim.
        client = new SubgraphClient({ url, internalSecret: options.internalSecret, viewer: serviceViewer('gateway'), timeoutMs: 2000 });
        linkClients.set(name, client);
      }
      return client;
    },
  });

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls?.[name] ?? url!;
      subgraphUrls.set(name, target);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: target,
        // Node's fetch (undici) keeps connections alive and pools them per subgraph. Its types
        // differ from Apollo's Fetcher only in Buffer bodies, which undici accepts.
        fetcher: fetch as typeof fetch & RemoteGraphQLDataSource['fetcher'],
        willSendRequest: ({ request, context }) => {
          // Signed for every caller, anonymous ones too: subgraphs answer only signed requests.
          request.http!.headers.set(VIEWER_HEADER, encodeViewerHeader(context.viewer ?? anonymousViewer, options.internalSecret));
          if (context.requestId) request.http!.headers.set(REQUEST_ID_HEADER, context.requestId);
        },
      });
    },
  });

  const documentLimits = { ...DEFAULT_DOCUMENT_LIMITS, ...options.documentLimits };
  const introspection: IntrospectionAccess = options.sandbox ? (options.introspectionAccess ?? 'open') : 'off';
  const rateLimiter = new GatewayRateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    includeStacktraceInErrorResponses: options.includeStacktrace ?? false,
    // Apollo's own default follows process.env.NODE_ENV: SANDBOX=true in production would serve a
    // page whose introspection is refused, and SANDBOX=false in development would still answer it.
    introspection: introspection !== 'off',
    formatError: formatErrorFor({ maskInternal: !options.includeStacktrace }),
    // Parsing stops past maxTokens, so no rule ever sees a document larger than that; the rules are linear.
    parseOptions: { maxTokens: documentLimits.maxTokens },
    validationRules: documentRules({ maxDepth: options.maxQueryDepth ?? 12, maxFields: options.maxQueryFields ?? 1000 }, documentLimits),
    plugins: [
      ...quietPlugins<GatewayContext>(),
      options.sandbox ? offlineSandboxPlugin('/graphql') : ApolloServerPluginLandingPageDisabled(),
      metrics.plugin(),
      requestLoggingPlugin<GatewayContext>(),
      forgetLinksAfterMutations<GatewayContext>(links),
      introspectionAccessPlugin<GatewayContext>(introspection),
      anonymousWritesPlugin<GatewayContext>(rateLimiter),
      queryCostPlugin<GatewayContext>({ ...DEFAULT_COST_LIMITS, ...options.costLimits }),
      localIntrospectionPlugin<GatewayContext>(),
    ],
  });
  await apollo.start();

  // Prepared once: the secret becomes a key here, not again on every request.
  const verifyToken = createTokenVerifier(options.jwtSecret, identity, options.tokenRules);
  const http = await serveHttp<GatewayContext>({
    apollo,
    logger,
    port: options.port,
    host: options.host,
    precheck: (query) => documentPrecheck(query, documentLimits),
    routes: operationalRoutes('gateway', metrics, async () => {
      const subgraphs = await subgraphReadiness(subgraphUrls);
      return { ready: Object.values(subgraphs).every(Boolean), subgraphs };
    }),
    // The token's viewer, completed with the identity claims it lacks (before any planning).
    context: async ({ headers, requestId, logger: requestLogger, remoteAddress }) => {
      // An address that keeps sending refused tokens is refused before its next token is read.
      if (headers.authorization) await rateLimiter.checkSignInsAllowed(remoteAddress);
      let viewer: Viewer;
      try {
        viewer = viewerFrom(headers.authorization, verifyToken);
      } catch (error) {
        await rateLimiter.recordFailedSignIn(remoteAddress);
        throw error;
      }
      const clientName = headers['apollographql-client-name'];
      await rateLimiter.consumeRequest(viewer, remoteAddress, typeof clientName === 'string' ? clientName : undefined);
      return { viewer: await links.complete(viewer, requestId), requestId, logger: requestLogger, remoteAddress };
    },
  });
  logger.info({ url: http.url }, 'gateway ready');
  return {
    url: http.url,
    port: http.port,
    stop: async () => {
      await http.close();
      await apollo.stop();
    },
  };
}

/** The viewer of a request: anonymous without a token; 401 UNAUTHENTICATED for a bad one. */
function viewerFrom(authorization: string | undefined, verify: (token: string) => Viewer): Viewer {
  if (!authorization) return anonymousViewer;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const fail = (reason: string) => new GraphQLError(`Invalid token: ${reason}`, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  if (!match) throw fail('expected "Authorization: Bearer <token>"');
  try {
    return verify(match[1]);
  } catch (error) {
    throw fail(error instanceof TokenError ? error.message : 'unreadable');
  }
}

/** Each subgraph's /ready, checked in parallel with a short timeout. */
async function subgraphReadiness(urls: Map<string, string>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    [...urls].map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) });
        return [name, response.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
