/**
 * The security suite: hostile requests through the gateway (and straight at subgraphs), one class
 * of attack per block, each refused with the right code, within a second, and with nothing written
 * anywhere (every table of every subgraph database counted before and after). The gateway runs as
 * in production — introspection and suggestions for DATA_STAFF and ADMIN only, no stack traces,
 * the production rate limits — and every case comes from its own loopback address and client name,
 * so the per-address and per-client limits of one case never touch another.
 */
import { request as httpRequest } from 'node:http';
import jwt from 'jsonwebtoken';
import { encodeViewerHeader, mintToken, VIEWER_HEADER } from '@vg/graphql';
import { anonymousViewer, identity, type Role } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, type BuiltVolunteer } from './builders';
import { startStack, type Stack } from './testkit';

jest.setTimeout(120_000);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | undefined;
  ms: number;
}

interface SendOptions {
  /** The loopback address the request comes from (127.0.0.x). */
  from: string;
  client: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** A raw body instead of `{ query, variables }`. */
  body?: string | Buffer;
  url?: string;
}

/** One HTTP request with node:http (fetch cannot choose the local address). */
function send(payload: { query: string; variables?: Record<string, unknown> } | undefined, options: SendOptions): Promise<Answer> {
  const url = new URL(options.url ?? stack.gatewayUrl);
  if (options.method === 'GET' && payload) url.searchParams.set('query', payload.query);
  const body = options.body ?? (payload && options.method !== 'GET' ? JSON.stringify(payload) : undefined);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'POST',
        localAddress: options.from,
        headers: { 'content-type': 'application/json', 'apollographql-client-name': options.client, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Answer['json'];
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every table's row count in every subgraph database (one statement per database). */
async function fingerprint(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const perDatabase = await Promise.all(
    Object.entries(stack.subgraphs).map(async ([name, { db }]) => {
      const rows: { t: string; n: number }[] = await db.dataSource.query(
        `SELECT table_name AS t, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::int AS n
         FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      );
      return rows.map(({ t, n }) => [`${name}.${t}`, n, t] as const);
    }),
  );
  for (const [key, n, table] of perDatabase.flat()) if (!WRITTEN_ON_REFUSAL.has(table)) counts[key] = n;
  return counts;
}

/** Tables a refusal writes on purpose: the registration attempts kept for the centre and the limiter's counters. */
const WRITTEN_ON_REFUSAL = new Set(['registration_attempts', 'registration_limits']);

let stack: Stack;
let volunteer: BuiltVolunteer;
let other: BuiltVolunteer;
let nextAddress = 10;
const token = (roles: Role[], extra: Record<string, unknown> = {}) => mintToken({ sub: `sec-${roles.join('-')}-${nextAddress}`, roles, ...extra }, stack.secrets.jwtSecret, identity);
const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
/** A token signed with the stack's key but with claims of our choosing. */
const crafted = (claims: Record<string, unknown>, options: jwt.SignOptions = {}) => jwt.sign(claims, stack.secrets.jwtSecret, { algorithm: 'HS256', ...options });
const now = () => Math.floor(Date.now() / 1000);
const repeat = (n: number, f: (i: number) => string, sep = ' ') => Array.from({ length: n }, (_, i) => f(i)).join(sep);

beforeAll(async () => {
  stack = await startStack({ gateway: { sandbox: true, introspectionAccess: 'staff', includeStacktrace: false, rateLimits: undefined } });
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  [volunteer, other] = await Promise.all([world.volunteer(), world.volunteer()]);
});
afterAll(() => stack?.stop());

interface HostileCase {
  name: string;
  /** The request, from the case's own address and client. */
  run: (at: SendOptions) => Promise<Answer>;
  /** HTTP status and error code expected (code null: a non-error answer checked by `check`). */
  status: number;
  code: string | null;
  /** More to check on the answer (e.g. that nothing personal came back). */
  check?: (answer: Answer) => void;
}

const post = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => (at: SendOptions) =>
  send({ query, variables }, { ...at, headers: { ...at.headers, ...headers } });

function doublingFragments(levels: number): string {
  return `{ region(code: "370300") { ...F0 } } ${repeat(levels, (i) => `fragment F${i} on Region { a: parent { ...F${i + 1} } b: parent { ...F${i + 1} } }`)} fragment F${levels} on Region { code }`;
}

const cases: Record<string, HostileCase[]> = {
  'documents that would make validation slow or huge': [
    { name: 'fragments doubling the work at every level (1.5 KB, 2^30 paths)', run: post(doublingFragments(30)), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'more tokens than any document may have', run: post(`{ ${repeat(2600, (i) => `f${i}: __typename`)} }`), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'a list literal nested 3,000 deep', run: post(`{ region(code: ${'['.repeat(3000)}"1"${']'.repeat(3000)}) { name } }`), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    { name: '60 aliases of one field', run: post(`{ ${repeat(60, (i) => `r${i}: region(code: "370300") { name }`)} }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: '100 directives on one field', run: post(`{ region(code: "370300") { name ${repeat(100, () => '@include(if: true)')} } }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    {
      name: '60 operations in one document',
      run: post(
        repeat(60, (i) => `query Q${i} { __typename }`),
        undefined,
      ),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    { name: 'nesting 20 levels deep', run: post(`{ region(code: "370300") { ${'parent { '.repeat(20)}code${' }'.repeat(20)} } }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    {
      name: 'more than 1,000 fields through fragments',
      run: post(`{ ...W } fragment W on Query { ${repeat(40, (i) => `r${i}: region(code: "1") { ...N }`)} } fragment N on Region { ${repeat(30, (i) => `c${i}: code`)} }`),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'one field asked for 300 times in a selection (quadratic for graphql-js)',
      run: post(`{ ${repeat(300, () => 'region(code: "370300") { name }')} }`),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: '40 fragments spread in one selection',
      run: post(`{ region(code: "1") { ${repeat(40, (i) => `...F${i}`)} } } ${repeat(40, (i) => `fragment F${i} on Region { name }`)}`),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    { name: 'a query text of 100 KB in one string', run: post(`{ region(code: "${'3'.repeat(100_000)}") { name } }`), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'a fragment spreading itself', run: post('{ region(code: "1") { ...A } } fragment A on Region { parent { ...A } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    {
      name: 'ofType nested 30 times in introspection (as DATA_STAFF)',
      run: (at) => post(`{ __schema { types { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } }`, undefined, bearer(token(['DATA_STAFF'])))(at),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: '__schema asked for 5 times (as DATA_STAFF)',
      run: (at) => post(`{ ${repeat(5, (i) => `s${i}: __schema { queryType { name } }`)} }`, undefined, bearer(token(['DATA_STAFF'])))(at),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    { name: 'a body over the size limit', run: (at) => send(undefined, { ...at, body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(5 * 1024 * 1024)}` }) }), status: 413, code: null },
  ],
  'operations that would cost too much': [
    {
      name: 'anonymous: 30 aliased pages of 100 activities with their stations',
      run: post(`{ ${repeat(30, (i) => `a${i}: activities(first: 100) { edges { node { title station { name region { name } } } } }`)} }`),
      status: 400,
      code: 'COST_LIMIT_EXCEEDED',
    },
    {
      name: 'anonymous: pages of 100 inside pages of 100',
      run: post('{ projects(first: 100) { edges { node { name activities(first: 100) { edges { node { title station { name } } } } } } } }'),
      status: 400,
      code: 'COST_LIMIT_EXCEEDED',
      check: ({ json }) => expect(json?.errors?.[0].extensions).toMatchObject({ cost: expect.any(Number), limit: 5000 }),
    },
    {
      name: 'anonymous: the page size in a variable',
      run: post('query($n: Int) { projects(first: $n) { edges { node { name activities(first: $n) { edges { node { title } } } } } } }', { n: 100 }),
      status: 400,
      code: 'COST_LIMIT_EXCEEDED',
    },
    {
      name: 'a volunteer: 10 aliased pages of 100 volunteers with their records',
      run: (at) =>
        post(`{ ${repeat(10, (i) => `v${i}: volunteers(first: 100) { edges { node { name serviceRecords(first: 100) { edges { node { hours } } } } } }`)} }`, undefined, bearer(volunteer.token))(at),
      status: 400,
      code: 'COST_LIMIT_EXCEEDED',
    },
  ],
  'tokens that are not good enough': [
    {
      name: 'signed with the committed development secret',
      run: post('{ __typename }', undefined, bearer(jwt.sign({ sub: 'x', roles: ['ADMIN'], aud: 'volunteer-graph' }, 'dev-only-jwt-secret-change-me', { issuer: 'volunteer-graph', expiresIn: 600 }))),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'without exp',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['ADMIN'], iat: now(), iss: 'volunteer-graph', aud: 'volunteer-graph' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'expired two minutes ago',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['ADMIN'], iat: now() - 600, exp: now() - 120, iss: 'volunteer-graph', aud: 'volunteer-graph' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'valid for 30 days',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['ADMIN'], iat: now(), exp: now() + 30 * 86400, iss: 'volunteer-graph', aud: 'volunteer-graph' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'issued an hour in the future',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['ADMIN'], iat: now() + 3600, exp: now() + 7200, iss: 'volunteer-graph', aud: 'volunteer-graph' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'for another audience',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['ADMIN'], iat: now(), exp: now() + 600, iss: 'volunteer-graph', aud: 'someone-else' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'from another issuer',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['ADMIN'], iat: now(), exp: now() + 600, iss: 'evil', aud: 'volunteer-graph' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'without audience',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['ADMIN'], iat: now(), exp: now() + 600, iss: 'volunteer-graph' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'alg none',
      run: post(
        '{ __typename }',
        undefined,
        bearer(
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['ADMIN'], exp: 4e9, aud: 'volunteer-graph', iss: 'volunteer-graph' })).toString('base64url')}.`,
        ),
      ),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'signed with another key',
      run: post('{ __typename }', undefined, bearer(mintToken({ sub: 'x', roles: ['ADMIN'] }, 'another-key-another-key-another-key', identity))),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a role that does not exist',
      run: (at) => post('{ __typename }', undefined, bearer(crafted({ sub: 'x', roles: ['SUPERUSER'] }, { expiresIn: 600, issuer: 'volunteer-graph', audience: 'volunteer-graph' })))(at),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    { name: 'not a bearer token', run: post('{ __typename }', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' }), status: 401, code: 'UNAUTHENTICATED' },
  ],
  'personal data for those not entitled': [
    {
      name: "anonymous asks for a volunteer's ID number (masked: no birth date, no sequence)",
      run: (at) => post('query($id: ID!) { volunteer(id: $id) { idNumber phone } }', { id: volunteer.id })(at),
      status: 200,
      code: null,
      check: ({ json, text }) => {
        expect((json?.data?.volunteer as { idNumber: string }).idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
        expect(text).not.toContain(volunteer.idNumber.slice(6, 14));
      },
    },
    {
      name: "a volunteer asks for another's ID number",
      run: (at) => post('query($id: ID!) { volunteer(id: $id) { idNumber } }', { id: other.id }, bearer(volunteer.token))(at),
      status: 200,
      code: null,
      check: ({ json }) => expect((json?.data?.volunteer as { idNumber: string }).idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/),
    },
    {
      name: 'a volunteer reads the audit of personal-data reads',
      run: (at) => post('{ personalDataAudit { volunteerReads(first: 5) { edges { node { viewerSub } } } } }', undefined, bearer(volunteer.token))(at),
      status: 200,
      code: 'FORBIDDEN',
    },
    { name: 'anonymous reads the audit of personal-data reads', run: post('{ personalDataAudit { volunteerReads(first: 5) { edges { node { viewerSub } } } } }'), status: 200, code: 'FORBIDDEN' },
    {
      name: "an account registers with someone else's ID number",
      run: (at) =>
        post(
          'mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }',
          { input: { name: '冒名', idNumber: other.idNumber, regionCode: other.regionCode } },
          bearer(token(['VOLUNTEER'])),
        )(at),
      status: 200,
      code: 'CONFLICT',
      check: ({ json, text }) => {
        expect(json?.errors?.[0].extensions?.reason).toBe('REGISTRATION_REFUSED');
        expect(text).not.toMatch(/already registered|DUPLICATE/i);
      },
    },
  ],
  'the schema for those who may not introspect': [
    { name: 'anonymous __schema', run: post('{ __schema { types { name } } }'), status: 403, code: 'FORBIDDEN' },
    { name: 'anonymous __type', run: post('{ __type(name: "Volunteer") { fields { name } } }'), status: 403, code: 'FORBIDDEN' },
    { name: 'introspection hidden in a fragment', run: post('{ ...F } fragment F on Query { __schema { queryType { name } } }'), status: 403, code: 'FORBIDDEN' },
    { name: 'a volunteer introspects', run: (at) => post('{ __schema { queryType { name } } }', undefined, bearer(volunteer.token))(at), status: 403, code: 'FORBIDDEN' },
    {
      name: 'a misspelt field hunting for suggestions',
      run: post('{ volunter(id: "1") { name } }'),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      check: ({ text }) => expect(text).not.toMatch(/Did you mean/),
    },
    {
      name: 'a misspelt argument hunting for suggestions',
      run: post('{ region(cod: "1") { name } }'),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      check: ({ text }) => expect(text).not.toMatch(/Did you mean/),
    },
    {
      name: 'a misspelt enum value hunting for suggestions',
      run: (at) => post('mutation { createProject(input: { name: "x", teamId: "1", theme: EXAM_SUPPOR, regionCode: "370303" }) { id } }', undefined, bearer(volunteer.token))(at),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      check: ({ text }) => expect(text).not.toMatch(/Did you mean/),
    },
  ],
  'subgraphs reached directly': [
    {
      name: 'an anonymous read without the signed header',
      run: (at) => send({ query: '{ region(code: "370300") { name } }' }, { ...at, url: stack.volunteers.url }),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    { name: '_service { sdl } without the signed header', run: (at) => send({ query: '{ _service { sdl } }' }, { ...at, url: stack.projects.url }), status: 401, code: 'UNAUTHENTICATED' },
    {
      name: '_entities with a made-up representation',
      run: (at) => send({ query: '{ _entities(representations: [{ __typename: "Volunteer", id: "1" }]) { ... on Volunteer { idNumber } } }' }, { ...at, url: stack.volunteers.url }),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a viewer header signed with another secret',
      run: (at) =>
        send(
          { query: '{ __typename }' },
          { ...at, url: stack.insurance.url, headers: { [VIEWER_HEADER]: encodeViewerHeader({ ...anonymousViewer, sub: 'x', roles: ['ADMIN'] }, 'not-the-internal-secret') } },
        ),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a viewer header ten minutes old',
      run: (at) =>
        send(
          { query: '{ __typename }' },
          { ...at, url: stack.honours.url, headers: { [VIEWER_HEADER]: encodeViewerHeader({ ...anonymousViewer, sub: 'x', roles: ['ADMIN'] }, stack.secrets.internalSecret, Date.now() - 600_000) } },
        ),
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'a forged viewer header sent to the gateway (replaced by the real, anonymous viewer)',
      run: post('{ personalDataAudit { volunteerReads(first: 1) { edges { node { viewerSub } } } } }', undefined, {
        [VIEWER_HEADER]: encodeViewerHeader({ ...anonymousViewer, sub: 'x', roles: ['ADMIN'] }, 'guess'),
      }),
      status: 200,
      code: 'FORBIDDEN',
    },
  ],
  'what held before and must keep holding': [
    {
      name: 'a mutation over GET',
      run: (at) => send({ query: 'mutation { registerVolunteer(input: { name: "x", idNumber: "1", regionCode: "1" }) { id } }' }, { ...at, method: 'GET' }),
      status: 405,
      code: 'BAD_REQUEST',
    },
    {
      name: 'a simple (CSRF-able) text/plain POST',
      run: (at) => send(undefined, { ...at, headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) }),
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'an array of operations (batching)',
      run: (at) => send(undefined, { ...at, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) }),
      status: 400,
      code: 'BAD_REQUEST',
    },
    { name: 'a body that is not JSON', run: (at) => send(undefined, { ...at, body: '{"query": ' }), status: 400, code: null },
    {
      name: 'SQL in a text filter (answered, as text)',
      run: (at) => post('query($q: String!) { volunteers(first: 5, filter: { nameContains: $q }) { totalCount } }', { q: "'; DROP TABLE volunteers; --" }, bearer(token(['ADMIN'])))(at),
      status: 200,
      code: null,
      check: ({ json }) => expect(json?.data?.volunteers).toEqual({ totalCount: 0 }),
    },
    { name: 'a page of 101', run: (at) => post('{ volunteers(first: 101) { totalCount } }', undefined, bearer(token(['ADMIN'])))(at), status: 200, code: 'BAD_USER_INPUT' },
    { name: 'a negative page', run: (at) => post('{ volunteers(first: -1) { totalCount } }', undefined, bearer(token(['ADMIN'])))(at), status: 200, code: 'BAD_USER_INPUT' },
    { name: 'a page size that is not a number', run: post('query($n: Int) { activities(first: $n) { totalCount } }', { n: 'all' }), status: 400, code: 'BAD_USER_INPUT' },
    { name: 'an id beyond bigint', run: (at) => post('{ volunteer(id: "99999999999999999999999999") { name } }', undefined, bearer(token(['ADMIN'])))(at), status: 200, code: 'BAD_USER_INPUT' },
    {
      name: 'a volunteer enrols people in insurance',
      run: (at) => post('mutation { enrolVolunteers(input: { batchId: "b-1", planCode: "x", items: [] }) { enrolledCount } }', undefined, bearer(volunteer.token))(at),
      status: 200,
      code: 'FORBIDDEN',
    },
    {
      name: 'anonymous creates a project',
      run: post('mutation { createProject(input: { name: "x", teamId: "1", theme: EXAM_SUPPORT, regionCode: "370303" }) { id } }'),
      status: 200,
      code: 'FORBIDDEN',
    },
    { name: 'an internal mutation through the gateway', run: post('mutation { recordPartnerService(input: {}) { id } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'an operation name that is not in the document', run: (at) => send({ query: 'query A { __typename }', operationName: 'B' } as never, at), status: 400, code: 'BAD_REQUEST' },
  ],
};

describe.each(Object.entries(cases))('refused: %s', (_class, list) => {
  it.each(list.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const at: SendOptions = { from: `127.0.0.${nextAddress}`, client: `security-${nextAddress}` };
    nextAddress += 1;
    const before = await fingerprint();
    const answer = await hostile.run(at);
    expect(answer.ms).toBeLessThan(1000);
    expect(answer.status).toBe(hostile.status);
    if (hostile.code) expect(answer.json?.errors?.map((e) => e.extensions?.code)).toContain(hostile.code);
    else if (answer.json && hostile.status === 200) expect(answer.json.errors).toBeUndefined();
    expect(answer.text).not.toMatch(/stacktrace|at \/|node_modules/);
    hostile.check?.(answer);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('rate limits (429 with Retry-After, nothing written)', () => {
  /** `count` requests, 20 at a time: none may be refused yet. */
  const flood = async (count: number, run: (at: SendOptions) => Promise<Answer>, at: SendOptions) => {
    for (let sent = 0; sent < count; sent += 20) {
      const answers = await Promise.all(Array.from({ length: Math.min(20, count - sent) }, () => run(at)));
      if (answers.some((answer) => answer.status === 429)) throw new Error(`refused within the first ${sent + 20} of ${count}`);
    }
  };
  const expectRateLimited = (answer: Answer) => {
    expect(answer.status).toBe(429);
    const error = answer.json?.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(answer.headers['retry-after'])).toBe(error?.extensions?.retryAfterSeconds);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(answer.ms).toBeLessThan(1000);
  };

  it('an anonymous address, past 600 requests a minute', async () => {
    const at = { from: '127.0.1.1', client: 'flood-anonymous' };
    await flood(600, post('{ __typename }'), at);
    expectRateLimited(await post('{ __typename }')(at));
    // Another address is served.
    expect((await post('{ __typename }')({ from: '127.0.1.2', client: 'flood-anonymous' })).status).toBe(200);
  });

  it('an account, past 1,200 requests a minute, from any address', async () => {
    const tokenOf = bearer(token(['VOLUNTEER']));
    await flood(1200, (at) => post('{ __typename }', undefined, tokenOf)({ ...at, from: `127.0.2.${(1 + Math.random() * 200) | 0}` }), { from: '', client: 'flood-account' });
    expectRateLimited(await post('{ __typename }', undefined, tokenOf)({ from: '127.0.2.250', client: 'flood-account' }));
  });

  it('anonymous writes (service requests), past 10 in ten minutes, and nothing written', async () => {
    const at = { from: '127.0.3.1', client: 'flood-orders' };
    const order = post('mutation($input: OrderServiceInput!) { orderService(input: $input) { id } }', {
      input: { title: '修理水管', address: '张店区人民西路 1 号', regionCode: '370303', contactPhone: '13800138000' },
    });
    for (let i = 0; i < 10; i++) expect((await order(at)).json?.errors).toBeUndefined();
    const before = await fingerprint();
    expectRateLimited(await order(at));
    expect(await fingerprint()).toEqual(before);
  });

  it('an address sending refused tokens, past 10: even a good token is refused for a while', async () => {
    const at = { from: '127.0.4.1', client: 'flood-sign-in' };
    for (let i = 0; i < 10; i++) expect((await post('{ __typename }', undefined, bearer('not.a.token'))(at)).status).toBe(401);
    expectRateLimited(await post('{ __typename }', undefined, bearer(token(['ADMIN'])))(at));
    // Without a token the address is still served (it is not shut out of public reads).
    expect((await post('{ __typename }')(at)).status).toBe(200);
  });
});

describe('a hostile request does not stall the others', () => {
  it('answers a normal query in under a second while hostile documents are being refused', async () => {
    const hostile = [doublingFragments(30), `{ ${repeat(2400, (i) => `f${i}: __typename`)} }`, '{ projects(first: 100) { edges { node { activities(first: 100) { edges { node { title } } } } } } }'];
    let refusing = true;
    const attackers = Array.from({ length: 6 }, async (_, i) => {
      let refused = 0;
      while (refusing) {
        const answer = await post(hostile[i % hostile.length])({ from: `127.0.5.${i + 1}`, client: `attacker-${i}` });
        if (answer.status !== 400) throw new Error(`hostile document answered ${answer.status}`);
        refused += 1;
      }
      return refused;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const normal = await post('{ region(code: "370300") { name children { name } } }')({ from: '127.0.5.100', client: 'resident-app' });
    refusing = false;
    const refused = await Promise.all(attackers);
    expect(normal.status).toBe(200);
    expect(normal.json?.data?.region).toMatchObject({ name: '淄博市' });
    expect(normal.ms).toBeLessThan(1000);
    expect(refused.reduce((a, b) => a + b, 0)).toBeGreaterThan(6);
  });
});

it('holds at least 50 hostile cases', () => {
  expect(Object.values(cases).flat().length + 4).toBeGreaterThanOrEqual(60);
});
