import { buildClientSchema, type IntrospectionQuery } from 'graphql';
import { TOOL_INTROSPECTION_QUERIES } from '@vg/gateway';
import { seedRegions } from '@vg/volunteers';
import { postGraphQL, startStack, type Stack } from './testkit';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
});
afterAll(() => stack?.stop());

/** POSTs like GraphiQL does: the operation name with the document. */
async function introspect(query: string, token?: string) {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
  });
  return { status: response.status, ...((await response.json()) as { data?: IntrospectionQuery; errors?: { message: string }[] }) };
}

describe('the sandbox loads the schema (docs, autocomplete)', () => {
  const callers = [
    ['anonymous', () => undefined],
    ['DATA_STAFF', () => stack.token({ roles: ['DATA_STAFF'], sub: 'data-staff-1' })],
  ] as const;

  for (const [tool, query] of TOOL_INTROSPECTION_QUERIES) {
    it.each(callers)(`answers the introspection query of ${tool} in full (%s)`, async (_who, token) => {
      const response = await introspect(query, token());
      expect(response.errors).toBeUndefined();
      expect(response.status).toBe(200);
      const schema = buildClientSchema(response.data!);
      expect(schema.getQueryType()?.name).toBe('Query');
      expect(schema.getMutationType()?.getFields()).toHaveProperty('registerVolunteer');
      expect(schema.getType('Volunteer')).toBeDefined();
      // Internal fields stay out of the public graph.
      expect(schema.getQueryType()?.getFields()).not.toHaveProperty('accountVolunteer');
    });
  }
});

describe('hostile documents are refused cheaply', () => {
  it('still refuses a deep query that is not introspection', async () => {
    const deep = `{ region(code: "370300") { ${'children { '.repeat(13)}code${' }'.repeat(13)} } }`;
    const response = await postGraphQL(stack.gatewayUrl, deep);
    expect(response.errors?.map((e) => e.message)).toEqual(['Query is 15 levels deep; the limit is 12']);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses introspection nesting ofType 30 times, saying why', async () => {
    const deep = `{ __type(name: "Volunteer") { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } }`;
    const response = await postGraphQL(stack.gatewayUrl, deep);
    expect(response.data).toBeUndefined();
    expect(response.errors?.map((e) => e.message)).toEqual(['Introspection nests ofType 30 times; the limit is 10']);
  });

  it('refuses introspection asking for __schema again and again', async () => {
    const repeated = `{ ${Array.from({ length: 50 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`;
    const response = await postGraphQL(stack.gatewayUrl, repeated);
    expect(response.errors?.map((e) => e.message)).toEqual(['Operation asks for __schema or __type 50 times; the limit is 3']);
  });

  // 20 fragments, each spreading the next twice: 2^20 paths. The measure is computed once per
  // fragment (gateway/src/queryLimits.test.ts counts the selections visited); here the answer.
  const doubling = (aliased: boolean) =>
    `{ region(code: "370300") { ...F0 } } ${Array.from({ length: 20 }, (_, i) =>
      aliased ? `fragment F${i} on Region { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }` : `fragment F${i} on Region { ...F${i + 1} ...F${i + 1} }`,
    ).join(' ')} fragment F20 on Region { code name }`;

  it('refuses fragments that double the work at every level', async () => {
    const response = await postGraphQL(stack.gatewayUrl, doubling(true));
    expect(response.errors?.map((e) => e.message)).toEqual(['Aliases limit of 50 exceeded, found 2097150.', 'Query is 22 levels deep; the limit is 12', 'Query selects more than 1000 fields']);
  });

  it('answers fragments spread twice in one selection set (executed once)', async () => {
    const response = await postGraphQL<{ region: { code: string; name: string } }>(stack.gatewayUrl, doubling(false));
    expect(response.errors).toBeUndefined();
    expect(response.data?.region).toEqual({ code: '370300', name: '淄博市' });
  });
});
