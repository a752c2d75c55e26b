import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { execute, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

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
          if (operation.operation !== 'query' || !onlyMetaFields(operation.selectionSet, document)) return null;
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

/** Whether every root field (through fragments) is a meta field. Each fragment is read once. */
function onlyMetaFields(set: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): boolean {
  return set.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return META_FIELDS.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyMetaFields(selection.selectionSet, document, seen);
    if (seen.has(selection.name.value)) return true;
    seen.add(selection.name.value);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment !== undefined && onlyMetaFields((fragment as OperationDefinitionNode).selectionSet, document, seen);
  });
}
