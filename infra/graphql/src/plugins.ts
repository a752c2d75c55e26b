import { unwrapResolverError } from '@apollo/server/errors';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '@vg/logger';
import { ErrorCode } from './errors';

const EXPECTED = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND']);

/**
 * Logs each operation once (name, duration, error codes) on the request's logger, and unexpected
 * errors with their stack, so the client can be told only "Internal server error".
 */
export function requestLoggingPlugin<T extends BaseContext & { logger: Logger }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            if (!EXPECTED.has(code)) contextValue.logger.error({ err: unwrapResolverError(error), operationName, path: error.path }, 'unexpected error');
          }
        },
        async willSendResponse({ operationName, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = body?.errors?.map((e) => e.extensions?.code);
          contextValue.logger.info({ operationName, ms: Math.round(performance.now() - started), ...(codes?.length ? { errors: codes } : {}) }, 'graphql');
        },
      };
    },
  };
}

/**
 * Error formatter: errors with a known code pass as they are; anything else becomes
 * "Internal server error" when `maskInternal` (production), so no SQL or stack reaches clients.
 * Masking also drops a `stacktrace` that came with a known code: Apollo only ever adds one, so the
 * gateway would otherwise pass on the trace of a subgraph started with INCLUDE_STACKTRACE=true.
 */
export function formatErrorFor({ maskInternal }: { maskInternal: boolean }) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (!maskInternal) return formatted;
    if (EXPECTED.has(code)) {
      if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
      const { stacktrace, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    }
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
