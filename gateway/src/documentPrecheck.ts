import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import type { DocumentLimits } from './queryLimits';

type PrecheckLimits = Pick<DocumentLimits, 'maxBytes' | 'maxTokens' | 'maxOperations' | 'maxSameResponseName' | 'maxSpreads'>;

export interface PrecheckRefusal {
  message: string;
  code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED';
}

/**
 * What graphql-js's validation cannot bound by itself, refused before it runs: it runs every rule
 * whatever the others report, and OverlappingFieldsCanBeMerged compares every pair of fields that
 * share a response name (and every pair of fragments spread together) — quadratic, 60–130 ms for
 * 300–550 copies of one field inside the token limit, measured by `pnpm bench`. This check is one
 * parse and one walk of the document; a document that does not parse is left to Apollo, which
 * answers the syntax error itself.
 */
export function documentPrecheck(query: string, limits: PrecheckLimits): PrecheckRefusal | undefined {
  const bytes = Buffer.byteLength(query, 'utf8');
  if (bytes > limits.maxBytes) return { message: `Query is ${bytes} bytes; the limit is ${limits.maxBytes}`, code: 'GRAPHQL_PARSE_FAILED' };
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
  // Each operation would be validated and measured on its own.
  if (operations > limits.maxOperations) return { message: `Document holds ${operations} operations; the limit is ${limits.maxOperations}`, code: 'GRAPHQL_VALIDATION_FAILED' };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const problem = checkSelectionSet(definition.selectionSet, limits);
    if (problem) return { message: problem, code: 'GRAPHQL_VALIDATION_FAILED' };
  }
  return undefined;
}

/** Counts one merged selection set (through its inline fragments), then each field's own, once each. */
function checkSelectionSet(root: SelectionSetNode, limits: PrecheckLimits): string | undefined {
  const names = new Map<string, number>();
  let spreads = 0;
  const nested: SelectionSetNode[] = [];
  const collect = (set: SelectionSetNode): string | undefined => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.alias?.value ?? selection.name.value;
        const count = (names.get(name) ?? 0) + 1;
        if (count > limits.maxSameResponseName) return `A selection asks for "${name}" more than ${limits.maxSameResponseName} times`;
        names.set(name, count);
        if (selection.selectionSet) nested.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const problem = collect(selection.selectionSet);
        if (problem) return problem;
      } else if (++spreads > limits.maxSpreads) {
        return `A selection spreads more than ${limits.maxSpreads} fragments`;
      }
    }
    return undefined;
  };
  const problem = collect(root);
  if (problem) return problem;
  for (const set of nested) {
    const inner = checkSelectionSet(set, limits);
    if (inner) return inner;
  }
  return undefined;
}
