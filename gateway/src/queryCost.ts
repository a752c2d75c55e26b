import type { ApolloServerPlugin } from '@apollo/server';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { ErrorCode } from '@vg/graphql';
import type { Viewer } from '@vg/standards';

/** The most a caller's operations may cost, by who they are (see the README's "Query cost"). */
export interface CostLimits {
  anonymous: number;
  /** Any signed-in role not listed in `byRole`. */
  signedIn: number;
  /** Higher limits for roles whose real work is large (the highest of a viewer's roles applies). */
  byRole: Partial<Record<string, number>>;
}

export const DEFAULT_COST_LIMITS: CostLimits = {
  anonymous: 5_000,
  signedIn: 25_000,
  byRole: { INSURER: 50_000, CENTRE_DISPATCHER: 50_000, DATA_STAFF: 100_000, ADMIN: 100_000, SERVICE: 100_000 },
};

/** How many items a list without a `first` argument is assumed to hold. */
export const ASSUMED_LIST_SIZE = 20;

export function costLimitFor(viewer: Viewer, limits: CostLimits): number {
  if (!viewer.sub) return limits.anonymous;
  const byRole = viewer.roles.map((role) => limits.byRole[role]).filter((n): n is number => n !== undefined);
  return Math.max(limits.signedIn, ...byRole);
}

/**
 * The cost model: every field costs 1; a field returning a connection or a list multiplies what it
 * selects by the number of items it may return — its `first` (or the argument's default) for a
 * connection or a paged list, ASSUMED_LIST_SIZE for a plain list — so sizes multiply down the tree
 * and every alias counts again. The lists inside a connection (`edges`, `nodes`) are the
 * connection's own items, already counted by its `first`. Inline fragments on different types are
 * added up (an upper bound). Introspection and `__typename` cost nothing here: introspection has
 * its own limits.
 *
 * Each fragment is costed once per request (memoised), so the walk is linear in the document even
 * when every fragment spreads the one below twice. (graphql-query-complexity walks every path: it
 * took 1.6 s to give up on such a 1 KB document here, so it is not used.)
 */
class CostWalker {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly memo = new Map<string, number>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  selectionSet(set: SelectionSetNode, parent: GraphQLNamedType | undefined): number {
    let total = 0;
    let spread: Set<string> | undefined;
    for (const selection of set.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) total += this.field(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += this.selectionSet(selection.selectionSet, selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent);
      } else {
        // graphql-js executes a fragment once per selection set however often it is spread there.
        spread ??= new Set();
        if (spread.has(selection.name.value)) continue;
        spread.add(selection.name.value);
        total += this.fragment(selection.name.value);
      }
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined): number {
    if (node.name.value.startsWith('__')) return 0;
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    // An unknown field is a validation error; never reached here.
    if (!definition) return 1;
    const inner = node.selectionSet ? this.selectionSet(node.selectionSet, getNamedType(definition.type)) : 0;
    return 1 + itemsOf(parent!.name, definition, this.argumentsOf(definition, node)) * inner;
  }

  private fragment(name: string): number {
    const known = this.memo.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    // A cycle or an unknown fragment is a validation error; never reached here.
    if (!fragment || this.inProgress.has(name)) return 0;
    this.inProgress.add(name);
    const cost = this.selectionSet(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value));
    this.inProgress.delete(name);
    this.memo.set(name, cost);
    return cost;
  }

  private argumentsOf(definition: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(definition, node, this.variables);
    } catch {
      return {}; // bad arguments fail execution; for the cost, the default sizes
    }
  }

  private included(node: SelectionNode): boolean {
    if (!node.directives?.length) return true;
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
    } catch {
      return true;
    }
  }
}

/** How many items `field` may return (1 for a single value). */
function itemsOf(parentName: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const first = args.first;
  const size = typeof first === 'number' && Number.isFinite(first) && first >= 0 ? first : ASSUMED_LIST_SIZE;
  if (getNamedType(field.type).name.endsWith('Connection')) return size;
  if (!isListType(getNullableType(field.type))) return 1;
  if (parentName.endsWith('Connection')) return 1;
  return 'first' in args ? size : ASSUMED_LIST_SIZE;
}

/** The cost of one operation of `document` with these variables (see CostWalker). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> = {}): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return new CostWalker(schema, document, variables).selectionSet(operation.selectionSet, root ?? undefined);
}

/**
 * Refuses an operation whose cost exceeds the viewer's limit, after validation (so the query
 * limits have already bounded its size) and before any subgraph is called. The error says the cost
 * and the limit.
 */
export function queryCostPlugin<TContext extends { viewer: Viewer }>(limits: CostLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, operationName, request, contextValue }) {
          // Apollo leaves an unknown operationName to the executor, where the gateway's planner fails with a 500.
          if (!operation) throw new GraphQLError(`Unknown operation named "${operationName}"`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          const limit = costLimitFor(contextValue.viewer, limits);
          const cost = operationCost(schema, document, operationName ?? undefined, request.variables);
          if (cost > limit) {
            throw costError(`Query cost ${cost} exceeds the limit of ${limit} for this caller (see "Query cost" in the README: ask for fewer items or fewer aliases)`, cost, limit);
          }
        },
      };
    },
  };
}

function costError(message: string, cost: number, limit: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.COST_LIMIT_EXCEEDED, cost, limit, http: { status: 400 } } });
}
