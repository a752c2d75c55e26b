import { readFileSync } from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { startGateway, type RunningGateway } from '@vg/gateway';
import { silentLogger } from '@vg/logger';
import { SUPERGRAPH_PATH } from '@vg/schema';
import { definitionsInStartOrder, startService } from '@vg/service';
import { seedRegions } from '@vg/volunteers';
import { postGraphQL, startStack, type Stack } from './testkit';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
});
afterAll(() => stack?.stop());

/** A second gateway over the stack's subgraphs, started with this NODE_ENV (production unless said). */
async function productionGateway(sandbox: boolean, nodeEnv = 'production', urls: Record<string, string> = {}): Promise<RunningGateway> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    return await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      subgraphUrls: { ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, { url }]) => [name, url])), ...urls },
      jwtSecret: stack.secrets.jwtSecret,
      internalSecret: stack.secrets.internalSecret,
      logger: silentLogger(),
      port: 0,
      sandbox,
    });
  } finally {
    process.env.NODE_ENV = before;
  }
}

describe('introspection follows the SANDBOX setting, whatever NODE_ENV says', () => {
  it('answers the sandbox its introspection in production when SANDBOX=true', async () => {
    const gateway = await productionGateway(true);
    try {
      const response = await postGraphQL<{ __schema: { queryType: { name: string } } }>(gateway.url, getIntrospectionQuery());
      expect(response.errors).toBeUndefined();
      expect(response.data?.__schema.queryType.name).toBe('Query');
    } finally {
      await gateway.stop();
    }
  });

  it('refuses introspection in production with the sandbox off, ordinary queries still answered', async () => {
    const gateway = await productionGateway(false);
    try {
      const refused = await postGraphQL(gateway.url, '{ __schema { types { name } } }');
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const typeOnly = await postGraphQL(gateway.url, '{ __type(name: "Volunteer") { name } }');
      expect(typeOnly.data).toBeUndefined();
      const ordinary = await postGraphQL<{ region: { code: string } }>(gateway.url, '{ region(code: "370300") { code } }');
      expect(ordinary.errors).toBeUndefined();
      expect(ordinary.data?.region.code).toBe('370300');
    } finally {
      await gateway.stop();
    }
  });

  it('refuses introspection in development too when SANDBOX=false', async () => {
    const gateway = await productionGateway(false, 'development');
    try {
      const refused = await postGraphQL(gateway.url, getIntrospectionQuery());
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await gateway.stop();
    }
  });
});

describe('mixed operations', () => {
  it('counts the ordinary fields of an operation that also introspects', async () => {
    const deep = `{ __typename __schema { queryType { name } } region(code: "370300") { ${'children { '.repeat(13)}code${' }'.repeat(13)} } }`;
    const response = await postGraphQL(stack.gatewayUrl, deep);
    expect(response.errors?.map((e) => e.message)).toEqual(['Query is 15 levels deep; the limit is 12']);
  });
});

describe('role before input on queries with arguments', () => {
  it('tells a VOLUNTEER listing service requests with a bad region FORBIDDEN, not the rule', async () => {
    const response = await stack.query('{ serviceRequests(filter: { regionCode: "bad" }) { totalCount } }', undefined, { roles: ['VOLUNTEER'], sub: 'v-review', volunteerId: '1' });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('identity links', () => {
  it('gives `me` null for an ADMIN token and for a TEAM_LEADER account never registered', async () => {
    expect((await stack.query('{ me { id } }', undefined, { roles: ['ADMIN'], sub: 'admin-review' })).data).toEqual({ me: null });
    expect((await stack.query('{ me { id } }', undefined, { roles: ['TEAM_LEADER'], sub: 'leader-review' })).data).toEqual({ me: null });
  });
});

describe('stack traces', () => {
  it('keeps the stack traces of a subgraph with INCLUDE_STACKTRACE=true out of responses of a gateway without it', async () => {
    const definition = definitionsInStartOrder().find((d) => d.name === 'volunteers')!;
    const secrets = { internalSecret: stack.secrets.internalSecret, piiEncryptionKey: stack.secrets.piiKeys.encryptionKey, piiHashKey: stack.secrets.piiKeys.hashKey };
    const tracing = await startService(definition, {
      dataSource: stack.volunteers.db.dataSource,
      logger: silentLogger(),
      secrets,
      subgraphUrls: {},
      port: 0,
      includeStacktrace: true,
      startWorker: false,
    });
    const gateway = await productionGateway(true, 'development', { volunteers: tracing.url });
    try {
      const response = await postGraphQL(gateway.url, '{ volunteer(id: "abc") { id } }');
      expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.ts:\d+/);
    } finally {
      await gateway.stop();
      await tracing.stop();
    }
  });
});

describe('identity links when the volunteers subgraph is unreachable', () => {
  it('still answers a volunteer whose token has no volunteer_id (without the claim)', async () => {
    const gateway = await productionGateway(true, 'development', { volunteers: 'http://127.0.0.1:9/graphql' });
    try {
      const token = stack.token({ roles: ['VOLUNTEER'], sub: 'account-while-down' });
      const response = await postGraphQL<{ activities: { totalCount: number } }>(gateway.url, '{ activities { totalCount } }', undefined, { authorization: `Bearer ${token}` });
      expect(response.errors).toBeUndefined();
      expect(response.status).toBe(200);
      expect(typeof response.data?.activities.totalCount).toBe('number');
    } finally {
      await gateway.stop();
    }
  });
});

describe('introspection through aliases and fragments', () => {
  it('counts __schema asked for through a fragment spread in several places', async () => {
    const document = `{ ...S a: __type(name: "Query") { name } b: __type(name: "Volunteer") { name } } fragment S on Query { __schema { queryType { name } } }`;
    expect((await postGraphQL(stack.gatewayUrl, document)).errors).toBeUndefined();
    const four = `{ ...S a: __type(name: "Query") { name } b: __type(name: "Volunteer") { name } c: __type(name: "Team") { name } } fragment S on Query { __schema { queryType { name } } }`;
    expect((await postGraphQL(stack.gatewayUrl, four)).errors?.map((e) => e.message)).toEqual(['Operation asks for __schema or __type 4 times; the limit is 3']);
  });

  it('refuses nesting fields { type { fields … past the depth limit, also through fragments', async () => {
    const nested = `{ __type(name: "Query") { ...T } } fragment T on __Type { fields { type { ofType { ...U } } } } fragment U on __Type { fields { type { ofType { fields { type { name } } } } } }`;
    const response = await postGraphQL(stack.gatewayUrl, nested);
    expect(response.data).toBeUndefined();
    expect(response.errors?.length).toBeGreaterThan(0);
  });
});
