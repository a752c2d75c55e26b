import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, type ASTVisitor, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';

export interface QueryLimits {
  /** Deepest nesting of fields an operation may have (introspection not counted). */
  maxDepth: number;
  /** Most fields an operation may select (aliases and fragment uses count; introspection not counted). */
  maxFields: number;
  /** Introspection's own limits (see DEFAULT_INTROSPECTION_LIMITS). */
  introspection?: Partial<IntrospectionLimits>;
}

/** Bounds on the whole document, checked before validation (documentPrecheck, parsing) or beside the rules above. */
export interface DocumentLimits {
  /** Most bytes of query text (the variables are not counted: the insurer's batches travel there). */
  maxBytes: number;
  /** Most lexical tokens in a document: graphql-js stops parsing past it, before any rule runs. */
  maxTokens: number;
  /** Most fields with one response name in one selection set, its inline fragments included (checked before validation). */
  maxSameResponseName: number;
  /** Most fragment spreads in one selection set, its inline fragments included (checked before validation). */
  maxSpreads: number;
  /** Most operations in one document (checked before validation). */
  maxOperations: number;
  /** Most aliases in one operation (through fragments, each fragment counted once: GraphQL Armor). */
  maxAliases: number;
  /** Most directives in one operation (as above). */
  maxDirectives: number;
}

/**
 * Room for every real document — GraphiQL's introspection query is ≈ 400 tokens and 2 KB, the
 * largest front-end operation ≈ 300 tokens, the sandbox's collection 7 operations; a field asked
 * for a few times in one selection (`id` in several inline fragments), a dozen fragments spread in
 * one place — while a hostile one is cut off early. The README's "Validation cost" has the
 * measured cost of validation at these sizes.
 */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxBytes: 64 * 1024,
  maxTokens: 5000,
  maxSameResponseName: 20,
  maxSpreads: 30,
  maxOperations: 50,
  maxAliases: 50,
  maxDirectives: 50,
};

export interface IntrospectionLimits {
  /** Most `ofType` fields nested on one path: graphql-js's own query nests 9 (older tools 7). */
  maxOfTypeNesting: number;
  /** Deepest introspection nesting not counting `ofType`: the standard queries reach 6. */
  maxDepth: number;
  /** Most fields inside introspection (fragment uses count): the standard queries select ~230. */
  maxFields: number;
  /** Most `__schema` / `__type` fields in one operation: tools send one. */
  maxRoots: number;
}

/**
 * Room above every introspection query GraphiQL, Apollo's tools and graphql-js send, yet small
 * enough that a hostile one (ofType nested 30 times, `fields { type { fields { type …` or a
 * thousand aliased `types`) is refused: introspection answers from the gateway's own schema, but
 * each nested or aliased list there still multiplies the response.
 */
export const DEFAULT_INTROSPECTION_LIMITS: IntrospectionLimits = { maxOfTypeNesting: 10, maxDepth: 8, maxFields: 500, maxRoots: 3 };

/** What a selection set costs: depths are maxima over its paths, counts are sums. */
export interface Measure {
  depth: number;
  fields: number;
  introspectionDepth: number;
  ofTypeNesting: number;
  introspectionFields: number;
  introspectionRoots: number;
}

const ZERO: Measure = Object.freeze({ depth: 0, fields: 0, introspectionDepth: 0, ofTypeNesting: 0, introspectionFields: 0, introspectionRoots: 0 });
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
type Mode = 'operation' | 'introspection';

/**
 * Measures the operations of one document in a single pass: each fragment is measured once per
 * mode (memoised), so the work is linear in the document even when every fragment spreads the one
 * below twice (walking every path would double with each fragment). Counts may then be large
 * numbers, but are never computed by enumeration.
 */
export class DocumentMeasurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly memo = new Map<string, Measure>();
  private readonly inProgress = new Set<string>();
  /** Selections visited so far: at most twice the selections in the document (one per mode). */
  selectionsVisited = 0;

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  measure(set: SelectionSetNode | undefined, mode: Mode = 'operation'): Measure {
    const total = { ...ZERO };
    // graphql-js expands a fragment once per selection set however often it is spread there.
    let spread: Set<string> | undefined;
    for (const selection of set?.selections ?? []) {
      this.selectionsVisited += 1;
      let part: Measure;
      if (selection.kind === Kind.FIELD) part = this.field(selection.name.value, selection.selectionSet, mode);
      else if (selection.kind === Kind.INLINE_FRAGMENT) part = this.measure(selection.selectionSet, mode);
      else {
        spread ??= new Set();
        if (spread.has(selection.name.value)) continue;
        spread.add(selection.name.value);
        part = this.fragment(selection.name.value, mode);
      }
      combine(total, part);
    }
    return total;
  }

  private field(name: string, set: SelectionSetNode | undefined, mode: Mode): Measure {
    if (mode === 'operation' && !INTROSPECTION_ROOTS.has(name)) {
      const inner = this.measure(set, mode);
      return { ...inner, depth: inner.depth + 1, fields: inner.fields + 1 };
    }
    // Inside introspection: counted against introspection's own limits, not the operation's.
    const inner = this.measure(set, 'introspection');
    return {
      ...inner,
      introspectionDepth: inner.introspectionDepth + (name === 'ofType' ? 0 : 1),
      ofTypeNesting: inner.ofTypeNesting + (name === 'ofType' ? 1 : 0),
      introspectionFields: inner.introspectionFields + 1,
      introspectionRoots: inner.introspectionRoots + (INTROSPECTION_ROOTS.has(name) ? 1 : 0),
    };
  }

  private fragment(name: string, mode: Mode): Measure {
    const key = `${mode}:${name}`;
    const known = this.memo.get(key);
    if (known) return known;
    // A cycle (or an unknown fragment) is graphql-js's NoFragmentCycles / KnownFragmentNames error.
    if (this.inProgress.has(key) || !this.fragments.has(name)) return ZERO;
    this.inProgress.add(key);
    const measured = this.measure(this.fragments.get(name)!.selectionSet, mode);
    this.inProgress.delete(key);
    this.memo.set(key, measured);
    return measured;
  }
}

function combine(total: Measure, part: Measure): void {
  total.depth = Math.max(total.depth, part.depth);
  total.fields += part.fields;
  total.introspectionDepth = Math.max(total.introspectionDepth, part.introspectionDepth);
  total.ofTypeNesting = Math.max(total.ofTypeNesting, part.ofTypeNesting);
  total.introspectionFields += part.introspectionFields;
  total.introspectionRoots += part.introspectionRoots;
}

/** Why an operation with this measure is refused: one message per limit it exceeds. */
export function limitViolations(measure: Measure, limits: QueryLimits): string[] {
  const introspection = { ...DEFAULT_INTROSPECTION_LIMITS, ...limits.introspection };
  const problems: string[] = [];
  if (measure.depth > limits.maxDepth) problems.push(`Query is ${measure.depth} levels deep; the limit is ${limits.maxDepth}`);
  if (measure.fields > limits.maxFields) problems.push(`Query selects more than ${limits.maxFields} fields`);
  if (measure.ofTypeNesting > introspection.maxOfTypeNesting) {
    problems.push(`Introspection nests ofType ${measure.ofTypeNesting} times; the limit is ${introspection.maxOfTypeNesting}`);
  }
  if (measure.introspectionDepth > introspection.maxDepth) {
    problems.push(`Introspection is ${measure.introspectionDepth} levels deep (ofType not counted); the limit is ${introspection.maxDepth}`);
  }
  if (measure.introspectionFields > introspection.maxFields) problems.push(`Introspection selects more than ${introspection.maxFields} fields`);
  if (measure.introspectionRoots > introspection.maxRoots) {
    problems.push(`Operation asks for __schema or __type ${measure.introspectionRoots} times; the limit is ${introspection.maxRoots}`);
  }
  return problems;
}

/** Every rule below, in the order they report: each is linear in the document (fragments measured once). */
export function documentRules(limits: QueryLimits, document: Pick<DocumentLimits, 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  // GraphQL Armor's rules throw on rejection by default, which Apollo would answer with a 500: report instead.
  const report = (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
  const armor = { propagateOnRejection: false, onReject: [report] };
  return [maxAliasesRule({ n: document.maxAliases, ...armor }), maxDirectivesRule({ n: document.maxDirectives, ...armor }), queryLimits(limits)];
}

/**
 * A validation rule refusing operations too deep or too wide before any subgraph is called:
 * `{ a: volunteers(first: 100) { … } b: volunteers(…) … }` multiplies the work of one request
 * without being deep. Introspection (`__schema`, `__type` subtrees) has its own limits, so the
 * sandbox's 13-level introspection query passes while a hostile one does not.
 */
export function queryLimits(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const measurer = new DocumentMeasurer(context.getDocument());
    return {
      OperationDefinition(node) {
        for (const problem of limitViolations(measurer.measure(node.selectionSet), limits)) {
          context.reportError(new GraphQLError(problem, { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
      },
    };
  };
}
