import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { TOOL_INTROSPECTION_QUERIES } from './introspectionQueries';
import { DocumentMeasurer, queryLimits } from './queryLimits';

const schema = buildSchema(`
  type Query { region(code: String!): Region }
  type Region { code: String! name: String! parent: Region children: [Region!]! }
`);
const rule = queryLimits({ maxDepth: 12, maxFields: 1000 });
const errorsOf = (query: string) => validate(schema, parse(query), [...specifiedRules, rule]).map((e) => e.message);

/** fragment F0 spreads F1 twice, F1 spreads F2 twice, …: 2^n paths through n fragments. */
function doublingFragments(n: number, aliased: boolean): string {
  const fragments = Array.from({ length: n }, (_, i) =>
    aliased ? `fragment F${i} on Region { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }` : `fragment F${i} on Region { ...F${i + 1} ...F${i + 1} }`,
  );
  return `{ region(code: "1") { ...F0 } } ${fragments.join(' ')} fragment F${n} on Region { code }`;
}

describe('query limits', () => {
  it.each(TOOL_INTROSPECTION_QUERIES)('lets the introspection query of %s through', (_tool, query) => {
    expect(errorsOf(query)).toEqual([]);
  });

  it('still refuses a deep query that is not introspection', () => {
    expect(errorsOf(`{ region(code: "1") { ${'children { '.repeat(13)}code${' }'.repeat(13)} } }`)).toEqual(['Query is 15 levels deep; the limit is 12']);
  });

  it('counts fields reached through fragments, and aliases', () => {
    const wide = `{ ...W } fragment W on Query { ${Array.from({ length: 501 }, (_, i) => `r${i}: region(code: "1") { code }`).join(' ')} }`;
    expect(errorsOf(wide)).toEqual(['Query selects more than 1000 fields']);
  });

  it('refuses introspection nesting ofType 30 times, with a message saying so', () => {
    const deep = `{ __type(name: "Region") { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } }`;
    expect(errorsOf(deep)).toEqual(['Introspection nests ofType 30 times; the limit is 10']);
  });

  it('refuses introspection that recurses through fields and types, or repeats __schema', () => {
    const recursive = `{ __schema { types { ${'fields { type { '.repeat(5)}name${' } }'.repeat(5)} } } }`;
    // graphql-js's own MaxIntrospectionDepthRule also refuses this one.
    expect(errorsOf(recursive)).toContain('Introspection is 13 levels deep (ofType not counted); the limit is 8');
    const repeated = `{ ${Array.from({ length: 4 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`;
    expect(errorsOf(repeated)).toEqual(['Operation asks for __schema or __type 4 times; the limit is 3']);
    const aliased = `{ __schema { ${Array.from({ length: 200 }, (_, i) => `t${i}: types { name kind }`).join(' ')} } }`;
    expect(errorsOf(aliased)).toEqual(['Introspection selects more than 500 fields']);
  });

  it('measures each fragment once, however often it is spread (linear, not 2^n)', () => {
    for (const aliased of [false, true]) {
      const document = parse(doublingFragments(20, aliased));
      const selections = (doublingFragments(20, aliased).match(/\.\.\.|\bcode\b|parent|region/g) ?? []).length;
      const measurer = new DocumentMeasurer(document);
      const operation = document.definitions[0] as { selectionSet: Parameters<DocumentMeasurer['measure']>[0] };
      const measure = measurer.measure(operation.selectionSet);
      expect(measurer.selectionsVisited).toBeLessThanOrEqual(selections);
      // Spreading the same fragment twice in one selection set expands it once (as graphql-js
      // executes it); two aliased fields really do double the work.
      // region + F0, where Fi = 2 × (parent + Fi+1) and F20 = 1.
      expect(measure.fields).toBe(aliased ? 3 * 2 ** 20 - 1 : 2);
      expect(measure.depth).toBe(aliased ? 22 : 2);
    }
  });

  it('refuses the aliased doubling document on depth and fields', () => {
    expect(errorsOf(doublingFragments(20, true))).toEqual(['Query is 22 levels deep; the limit is 12', 'Query selects more than 1000 fields']);
  });
});
