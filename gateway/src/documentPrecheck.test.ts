import { documentPrecheck } from './documentPrecheck';
import { DEFAULT_DOCUMENT_LIMITS } from './queryLimits';

const check = (query: string) => documentPrecheck(query, DEFAULT_DOCUMENT_LIMITS);
const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

describe('document precheck (before validation)', () => {
  it('lets real documents through, and leaves syntax errors to the parser', () => {
    expect(check('query V($id: ID!) { volunteer(id: $id) { id name ... on Volunteer { id } teams { id name } } }')).toBeUndefined();
    expect(check(`{ region(code: "1") { ${repeat(20, () => 'name')} } }`)).toBeUndefined();
    expect(check('{ region(')).toBeUndefined();
  });

  it('refuses a query text over the byte limit (a single string token would pass the token limit)', () => {
    expect(check(`{ region(code: "${'x'.repeat(70_000)}") { name } }`)).toEqual({ message: expect.stringMatching(/bytes; the limit is 65536$/), code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('refuses one response name asked for more than 20 times in a selection, inline fragments included', () => {
    expect(check(`{ region(code: "1") { ${repeat(21, () => 'name')} } }`)?.message).toBe('A selection asks for "name" more than 20 times');
    expect(check(`{ region(code: "1") { ${repeat(21, () => '... on Region { name }')} } }`)?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Deeper down, and in fragments.
    expect(check(`{ region(code: "1") { parent { ${repeat(21, () => 'code')} } } }`)).toBeDefined();
    expect(check(`{ __typename } fragment F on Region { ${repeat(21, () => 'code')} }`)).toBeDefined();
    // Different names are not compared with each other.
    expect(check(`{ region(code: "1") { ${repeat(40, (i) => `n${i}: name`)} } }`)).toBeUndefined();
  });

  it('refuses more than 30 fragment spreads in one selection, and more than 50 operations', () => {
    const fragments = repeat(31, (i) => `fragment F${i} on Region { name }`);
    expect(check(`{ region(code: "1") { ${repeat(31, (i) => `...F${i}`)} } } ${fragments}`)?.message).toBe('A selection spreads more than 30 fragments');
    expect(check(repeat(51, (i) => `query Q${i} { __typename }`))?.message).toBe('Document holds 51 operations; the limit is 50');
    expect(check(repeat(50, (i) => `query Q${i} { __typename }`))).toBeUndefined();
  });
});
