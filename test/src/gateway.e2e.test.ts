import { readFileSync } from 'node:fs';
import { gatewayOptionsFrom, loadEnvironment, startGateway } from '@vg/gateway';
import { encodeViewerHeader, mintToken, REQUEST_ID_HEADER, VIEWER_HEADER } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { SUBGRAPHS, SUPERGRAPH_PATH } from '@vg/schema';
import { print } from 'graphql';
import { anonymousViewer, identity } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { dataOf } from './builders';
import { CityNameDocument, GatewayRegionNameDocument, GatewayVolunteerIdDocument } from './generated/gateway';
import { postGraphQL, startStack, type Stack } from './testkit';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
});
afterAll(() => stack?.stop());

const origin = () => new URL(stack.gatewayUrl).origin;

describe('gateway', () => {
  it('answers /health, and /ready once every subgraph is ready', async () => {
    expect((await fetch(`${origin()}/health`)).status).toBe(200);
    const ready = await fetch(`${origin()}/ready`);
    expect(ready.status).toBe(200);
    // Every subgraph of the registry, each ready.
    expect(await ready.json()).toEqual({ ready: true, subgraphs: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, true])) });
  });

  it('refuses bad tokens with 401 UNAUTHENTICATED and serves anonymous callers', async () => {
    const Q = print(GatewayRegionNameDocument);
    const city = { code: '370300' };
    const forged = mintToken({ sub: 'x', roles: ['ADMIN'] }, 'not-the-secret-at-all', identity);
    for (const authorization of [`Bearer ${forged}`, 'Bearer garbage', 'Basic abc']) {
      const response = await postGraphQL(stack.gatewayUrl, Q, city, { authorization });
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Past the 30 s of clock skew tokens are allowed.
    const expired = mintToken({ sub: 'x', roles: ['ADMIN'] }, stack.secrets.jwtSecret, identity, -120);
    expect((await postGraphQL(stack.gatewayUrl, Q, city, { authorization: `Bearer ${expired}` })).status).toBe(401);
    const { region } = dataOf(await stack.query(GatewayRegionNameDocument, city));
    expect(region?.name).toBe('淄博市');
  });

  it('exposes operation counts and latencies at /metrics (gateway and subgraphs)', async () => {
    dataOf(await stack.query(CityNameDocument));
    dataOf(await stack.query(CityNameDocument));
    const gateway = await (await fetch(`${origin()}/metrics`)).text();
    expect(gateway).toMatch(/vg_graphql_operations_total\{service="gateway",operation="CityName",outcome="ok"\} 2/);
    expect(gateway).toMatch(/vg_graphql_duration_ms_count\{service="gateway",operation="CityName"\} 2/);
    const subgraph = await (await fetch(new URL('/metrics', stack.volunteers.url))).text();
    expect(subgraph).toMatch(/vg_graphql_operations_total\{service="volunteers",operation="CityName__volunteers__0",outcome="ok"\} 2/);
  });

  it('passes the request id through and back', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: 'req-abc-123' },
      body: JSON.stringify({ query: '{ region(code: "370300") { code } }' }),
    });
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe('req-abc-123');
  });

  it('refuses queries nested too deep before calling any subgraph', async () => {
    const deep = `{ region(code: "370300") { ${'children { '.repeat(13)}code${' }'.repeat(13)} } }`;
    const response = await postGraphQL(stack.gatewayUrl, deep);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/levels deep/);
  });

  it('serves the sandbox to browsers as one self-contained page (no CDN: it works offline)', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']?(https?:)?\/\//i);
  });

  it('refuses queries selecting too many fields, e.g. by aliases', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: region(code: "370300") { name }`).join(' ')} }`;
    // 600 aliases are more tokens than any document may have: parsing stops before any rule runs.
    const huge = await postGraphQL(stack.gatewayUrl, aliased(600));
    expect(huge.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(huge.errors?.[0].message).toMatch(/more that 5000 tokens/); // (sic: graphql-js says "more that")
    const wide = await postGraphQL(stack.gatewayUrl, aliased(60));
    expect(wide.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['GRAPHQL_VALIDATION_FAILED', 'Aliases limit of 50 exceeded, found 60.']]);
  });

  it('does not send stack traces to clients', async () => {
    const response = await stack.query(GatewayVolunteerIdDocument, { id: 'abc' });
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it("answers a variable a subgraph's scalar refuses (a Date that is not one) with BAD_USER_INPUT, not an internal error", async () => {
    // Deliberately invalid variable values: sent as a plain document with a typed result.
    const ROSTER = 'query($from: Date!, $to: Date!) { insuredRoster(from: $from, to: $to) { totalCount } }';
    for (const from of ['not a date', '2025-02-30', '0000-00-00']) {
      const response = await stack.query<{ insuredRoster: { totalCount: number } }>(ROSTER, { from, to: '2025-12-31' }, { roles: ['INSURER'] });
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toMatch(/\$from.*YYYY-MM-DD/);
    }
  });

  it('sends no stack traces with the settings pnpm start uses (development), only when INCLUDE_STACKTRACE=true', async () => {
    /** A gateway as main.ts starts it, from these environment variables, in front of the stack's subgraphs. */
    const gatewayWith = (env: Record<string, string>) => {
      const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, { url }]) => [`${name.toUpperCase()}_URL`, url]));
      const parsed = loadEnvironment({ NODE_ENV: 'development', GATEWAY_PORT: '0', JWT_SECRET: stack.secrets.jwtSecret, INTERNAL_SECRET: stack.secrets.internalSecret, ...urls, ...env });
      return startGateway(gatewayOptionsFrom(parsed, { supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'), logger: silentLogger() }));
    };
    // Invalid (a field the schema does not have), and valid but refused by the subgraph (not an id).
    const errors: { query: string; variables?: Record<string, unknown> }[] = [{ query: '{ nope }' }, { query: print(GatewayVolunteerIdDocument), variables: { id: 'abc' } }];
    const leaks = /stacktrace|\.ts:\d+|\/node_modules\/|at [\w.<>]+ \(/;
    const quiet = await gatewayWith({});
    try {
      for (const { query, variables } of errors) {
        const response = await postGraphQL(quiet.url, query, variables);
        expect(response.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(response)).not.toMatch(leaks);
      }
    } finally {
      await quiet.stop();
    }
    // The same check sees a trace when one is asked for (so it can fail).
    const verbose = await gatewayWith({ INCLUDE_STACKTRACE: 'true' });
    try {
      expect(JSON.stringify(await postGraphQL(verbose.url, errors[0].query))).toMatch(leaks);
    } finally {
      await verbose.stop();
    }
  });

  it('opens introspection and suggestions to anyone in development, to DATA_STAFF and ADMIN only in production (SANDBOX=true)', async () => {
    const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, { url }]) => [`${name.toUpperCase()}_URL`, url]));
    const gatewayIn = (NODE_ENV: string) => {
      const env = { NODE_ENV, SANDBOX: 'true', GATEWAY_PORT: '0', JWT_SECRET: stack.secrets.jwtSecret, INTERNAL_SECRET: stack.secrets.internalSecret, ...urls };
      return startGateway(gatewayOptionsFrom(loadEnvironment(env), { supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'), logger: silentLogger() }));
    };
    const introspect = '{ __schema { queryType { name } } }';
    const misspelt = '{ regon(code: "370300") { name } }';
    const dataStaff = { authorization: `Bearer ${stack.token({ roles: ['DATA_STAFF'] })}` };
    const development = await gatewayIn('development');
    try {
      expect((await postGraphQL(development.url, introspect)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await postGraphQL(development.url, misspelt)).errors?.[0].message).toMatch(/Did you mean "region"/);
    } finally {
      await development.stop();
    }
    const production = await gatewayIn('production');
    try {
      const anonymous = await postGraphQL(production.url, introspect);
      expect([anonymous.status, anonymous.errors?.[0].extensions?.code]).toEqual([403, 'FORBIDDEN']);
      const hidden = await postGraphQL(production.url, misspelt);
      expect(hidden.errors?.[0].message).toBe('Cannot query field "regon" on type "Query".');
      expect((await postGraphQL(production.url, introspect, undefined, dataStaff)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await postGraphQL(production.url, misspelt, undefined, dataStaff)).errors?.[0].message).toMatch(/Did you mean "region"/);
    } finally {
      await production.stop();
    }
  });
});

describe('subgraph reached directly', () => {
  it('refuses a viewer header not signed with the internal secret', async () => {
    const forged = encodeViewerHeader({ ...anonymousViewer, sub: 'x', roles: ['ADMIN'] }, 'wrong-secret');
    const response = await postGraphQL(stack.volunteers.url, '{ region(code: "370300") { name } }', undefined, { [VIEWER_HEADER]: forged });
    expect(response.status).toBe(401);
    const genuine = encodeViewerHeader({ ...anonymousViewer, sub: 'x', roles: ['ADMIN'] }, stack.secrets.internalSecret);
    const answered = await postGraphQL<{ region: { name: string } }>(stack.volunteers.url, '{ region(code: "370300") { name } }', undefined, { [VIEWER_HEADER]: genuine });
    expect(answered.data?.region.name).toBe('淄博市');
  });

  it('refuses a request without a viewer header, and treats a signed anonymous one as anonymous', async () => {
    const mutation = 'mutation { createStation(input: { name: "x", kind: PARK_SQUARE, lat: 36.8, lng: 118.0, address: "x", regionCode: "370303" }) { id } }';
    const unsigned = await postGraphQL(stack.volunteers.url, mutation);
    expect(unsigned.status).toBe(401);
    expect(unsigned.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const anonymous = await postGraphQL(stack.volunteers.url, mutation, undefined, stack.viewerHeader());
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
