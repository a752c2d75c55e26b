import type { Logger } from '@vg/logger';
import type { GatewayEnvironment } from './environment';
import type { GatewayOptions } from './startGateway';

/** The gateway's options from its parsed environment: what `pnpm start` runs (tests start the same). */
export function gatewayOptionsFrom(env: GatewayEnvironment, deps: { supergraphSdl: string; logger: Logger }): GatewayOptions {
  return {
    supergraphSdl: deps.supergraphSdl,
    logger: deps.logger,
    subgraphUrls: env.subgraphUrls,
    jwtSecret: env.jwtSecret,
    tokenRules: env.tokenRules,
    internalSecret: env.internalSecret,
    port: env.GATEWAY_PORT,
    host: env.HOST,
    includeStacktrace: env.includeStacktrace,
    sandbox: env.sandbox,
    maxQueryDepth: env.MAX_QUERY_DEPTH,
    maxQueryFields: env.MAX_QUERY_FIELDS,
    introspectionAccess: env.introspectionAccess,
    documentLimits: { maxTokens: env.MAX_QUERY_TOKENS, maxAliases: env.MAX_QUERY_ALIASES, maxDirectives: env.MAX_QUERY_DIRECTIVES },
    costLimits: { anonymous: env.COST_LIMIT_ANONYMOUS, signedIn: env.COST_LIMIT_SIGNED_IN },
    rateLimits: {
      signedIn: { points: env.RATE_LIMIT_SIGNED_IN_PER_MINUTE, seconds: 60 },
      anonymous: { points: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE, seconds: 60 },
      client: { points: env.RATE_LIMIT_CLIENT_PER_MINUTE, seconds: 60 },
    },
  };
}
