import { encodeViewerHeader, VIEWER_HEADER } from '@vg/graphql';
import { SUBGRAPHS, type SubgraphName } from '@vg/schema';
import { anonymousViewer } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { getIntrospectionQuery } from 'graphql';
import { dataOf } from './builders';
import { LoopOrderServiceDocument } from './generated/service-requests';
import { ORDER_INPUT } from './service-requests';
import { postGraphQL, startStack, type Stack } from './testkit';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
});
afterAll(() => stack?.stop());

/** A read each subgraph answers an anonymous caller (typed by the registry: a new subgraph needs one). */
const ANONYMOUS_READ: Record<SubgraphName, string> = {
  volunteers: '{ regions(level: CITY) { code } }',
  projects: '{ brands { id } }',
  insurance: '{ insurancePlans { code } }',
  honours: '{ pointsRules { id } }',
  partnerships: '{ servicePackages { id } }',
};

/** What someone reaching a subgraph's port could try: data, federation plumbing, the schema, a write. */
const probes = (name: SubgraphName) => ({
  'an anonymous read': ANONYMOUS_READ[name],
  _entities: `{ _entities(representations: [{ __typename: "Nope", id: "1" }]) { __typename } }`,
  '_service { sdl }': '{ _service { sdl } }',
  introspection: getIntrospectionQuery(),
  'a mutation': 'mutation { __typename }',
  'a misspelt field': '{ _servic { sdl } }',
});

/** Headers that must not open a subgraph: none, another secret's, a stale one, a changed payload. */
const badHeaders = (): Record<string, Record<string, string>> => {
  const admin = { ...anonymousViewer, sub: 'intruder', roles: ['ADMIN'] };
  const genuine = encodeViewerHeader(anonymousViewer, stack.secrets.internalSecret);
  const [, signature] = genuine.split('.');
  const tamperedPayload = Buffer.from(JSON.stringify({ ...admin, iat: Math.floor(Date.now() / 1000) })).toString('base64url');
  return {
    'no header': {},
    'a header signed with another secret': { [VIEWER_HEADER]: encodeViewerHeader(admin, 'not-the-internal-secret') },
    'an expired header': { [VIEWER_HEADER]: encodeViewerHeader(admin, stack.secrets.internalSecret, Date.now() - 10 * 60_000) },
    'a tampered payload': { [VIEWER_HEADER]: `${tamperedPayload}.${signature}` },
  };
};

describe.each(SUBGRAPHS.map(({ name }) => name))('the %s subgraph reached directly', (name) => {
  const url = () => stack.subgraphs[name].url;

  it('answers nothing to a request that is not signed by the gateway or a sibling service', async () => {
    for (const [how, headers] of Object.entries(badHeaders())) {
      for (const [what, query] of Object.entries(probes(name))) {
        const response = await postGraphQL(url(), query, undefined, headers);
        const context = `${how}, ${what}`;
        expect({ context, status: response.status }).toEqual({ context, status: 401 });
        expect({ context, data: response.data }).toEqual({ context, data: undefined });
        expect({ context, codes: response.errors?.map((e) => e.extensions?.code) }).toEqual({ context, codes: ['UNAUTHENTICATED'] });
        // Nothing about the schema: no types, no fields, no suggestions.
        expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean|_service|__schema|Query/);
      }
    }
  });

  it('refuses GET requests without a signed header too', async () => {
    const target = new URL(url());
    target.searchParams.set('query', ANONYMOUS_READ[name]);
    const response = await fetch(target, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The same request signed (as the gateway signs an anonymous caller) is answered.
    const signed = await fetch(target, { headers: { 'apollo-require-preflight': 'true', ...stack.viewerHeader() } });
    expect(signed.status).toBe(200);
  });

  it('answers a signed anonymous request, but never introspection nor schema suggestions', async () => {
    const answered = await postGraphQL(url(), ANONYMOUS_READ[name], undefined, stack.viewerHeader());
    expect(answered.errors).toBeUndefined();
    expect(answered.data).toBeDefined();
    const introspection = await postGraphQL(url(), getIntrospectionQuery(), undefined, stack.viewerHeader());
    expect(introspection.data).toBeUndefined();
    expect(introspection.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const misspelt = await postGraphQL(url(), '{ _servic { sdl } }', undefined, stack.viewerHeader());
    expect(misspelt.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(misspelt.errors)).not.toMatch(/Did you mean/);
  });

  it('keeps /health and /ready open', async () => {
    const { origin } = new URL(url());
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
  });
});

describe('through the gateway', () => {
  it('still answers anonymous callers from every subgraph (the gateway signs for them)', async () => {
    for (const name of SUBGRAPHS.map((s) => s.name)) {
      const response = await stack.query(ANONYMOUS_READ[name]);
      expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
    }
  });

  it('lets an anonymous resident order a service, which the same mutation sent unsigned to the subgraph cannot', async () => {
    const count = async () => (await stack.projects.db.dataSource.query('SELECT count(*)::int AS n FROM service_requests'))[0].n as number;
    const before = await count();
    const direct = await postGraphQL(stack.projects.url, 'mutation($input: OrderServiceInput!) { orderService(input: $input) { id } }', { input: ORDER_INPUT });
    expect(direct.status).toBe(401);
    expect(await count()).toBe(before);
    const { orderService } = dataOf(await stack.query(LoopOrderServiceDocument, { input: ORDER_INPUT }));
    expect(orderService.status).toBe('ORDERED');
    expect(await count()).toBe(before + 1);
  });

  it('serves no personal data on /metrics', async () => {
    dataOf(await stack.query(LoopOrderServiceDocument, { input: ORDER_INPUT }));
    for (const { url } of Object.values(stack.subgraphs)) {
      const metrics = await (await fetch(new URL('/metrics', url))).text();
      expect(metrics).not.toContain(ORDER_INPUT.contactPhone);
      expect(metrics).toMatch(/vg_graphql_operations_total/);
    }
  });
});
