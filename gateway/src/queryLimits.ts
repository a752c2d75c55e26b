import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * A validation rule refusing operations nested deeper than `maxDepth` fields (fragments followed,
 * introspection included): a cheap guard against hostile queries before any subgraph is called.
 */
export function depthLimit(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth;
      let max = depth;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) max = Math.max(max, depthOf(selection.selectionSet, depth + 1, seen));
        else if (selection.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(selection.selectionSet, depth, seen));
        else if (!seen.has(selection.name.value)) {
          const fragment = fragments.get(selection.name.value);
          max = Math.max(max, depthOf(fragment?.selectionSet, depth, new Set([...seen, selection.name.value])));
        }
        if (max > maxDepth) return max;
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          context.reportError(new GraphQLError(`Query is ${depth} levels deep; the limit is ${maxDepth}`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
      },
    };
  };
}

/**
 * A validation rule refusing operations that select more than `maxFields` fields in all (aliases
 * and fragment uses each count): `{ a: volunteers(first: 100) { … } b: volunteers(…) … }` would
 * otherwise multiply the work of one request without being deep.
 */
export function fieldLimit(maxFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const countIn = (set: SelectionSetNode | undefined, seen: Set<string>, budget: { left: number }): void => {
      for (const selection of set?.selections ?? []) {
        if (budget.left < 0) return;
        if (selection.kind === Kind.FIELD) {
          budget.left -= 1;
          countIn(selection.selectionSet, seen, budget);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) countIn(selection.selectionSet, seen, budget);
        else if (!seen.has(selection.name.value)) countIn(fragments.get(selection.name.value)?.selectionSet, new Set([...seen, selection.name.value]), budget);
      }
    };
    return {
      OperationDefinition(node) {
        const budget = { left: maxFields };
        countIn(node.selectionSet, new Set(), budget);
        if (budget.left < 0) {
          context.reportError(new GraphQLError(`Query selects more than ${maxFields} fields`, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
      },
    };
  };
}
