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
  };
}
