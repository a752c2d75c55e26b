import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { execute } from 'graphql';
import { rootFieldNames } from './introspectionAccess';

const META_FIELDS = new Set(['__schema', '__type', '__typename']);

/**
 * Answers operations that select only introspection (`__schema`, `__type`, `__typename`) with
 * graphql-js against the gateway's public schema, without the query planner: @apollo/gateway's
 * operation model predates `__Type.isOneOf` and fails GraphiQL 4's introspection query with an
 * internal error, though graphql-js (which validated it) answers it. Nothing is asked of any
 * subgraph either way; the query limits have already run (validation comes first).
 */
export function localIntrospectionPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, document, schema, request, contextValue }) {
          if (!operation || operation.operation !== 'query' || ![...rootFieldNames(operation.selectionSet, document)].every((name) => META_FIELDS.has(name))) return null;
          const result = await execute({ schema, document, operationName: operation.name?.value, variableValues: request.variables, contextValue });
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: result.data, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) } },
          };
        },
      };
    },
  };
}
