import { encodeViewerHeader, SubgraphClient, VIEWER_HEADER } from '@vg/graphql';
import { anonymousViewer, makeIdNumber, serviceViewer, type Viewer } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { postGraphQL, startStack, type Stack } from './testkit';

// The account's own path: register (the token has no volunteer id yet) → see yourself → act as yourself.
let stack: Stack;
let service: SubgraphClient;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  service = new SubgraphClient({ url: stack.volunteers.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('gateway') });
});
afterAll(() => stack?.stop());

const REGISTER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id name idNumber phone birthDate } }`;
const ACCOUNT_VOLUNTEER = 'query AccountVolunteer($sub: String!) { accountVolunteer(sub: $sub) { id } }';
const ME = '{ me { id name idNumber phone birthDate teams { id } serviceHours signups { id } } }';
// Birth years after 2008 never occur in the seed; these numbers are this file's own.
const idNumber = makeIdNumber('370305', '2012-03-04', 517);
const input = { name: '孙丽', idNumber, phone: '19105339876', regionCode: '370305', skills: [] };
const self = { roles: ['VOLUNTEER' as const], sub: 'account-me-1' };

/** Calls the volunteers subgraph directly as `viewer` (signed like the gateway signs). */
const direct = (query: string, variables: Record<string, unknown>, viewer: Viewer) =>
  postGraphQL<any>(stack.volunteers.url, query, variables, { [VIEWER_HEADER]: encodeViewerHeader(viewer, stack.secrets.internalSecret) });

describe('registering yourself, then being yourself', () => {
  let volunteerId: string;

  it('is no volunteer before registering: me is null', async () => {
    expect((await stack.query<any>(ME)).data).toEqual({ me: null });
    expect((await stack.query<any>(ME, undefined, self)).data).toEqual({ me: null });
  });

  it('shows the just-registered volunteer their own unmasked personal data in the registration response', async () => {
    const { data, errors } = await stack.query<any>(REGISTER, { input }, self);
    expect(errors).toBeUndefined();
    expect(data.registerVolunteer).toMatchObject({ name: '孙丽', idNumber, phone: '19105339876', birthDate: '2012-03-04' });
    volunteerId = data.registerVolunteer.id;
  });

  it('finds the volunteer by account for the gateway, in one indexed statement', async () => {
    const statements: string[] = [];
    const stop = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => statements.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql));
    expect(await service.request<any>(ACCOUNT_VOLUNTEER, { sub: self.sub })).toEqual({ accountVolunteer: { id: volunteerId } });
    stop();
    expect(statements).toEqual(['volunteerByAccountSub']);
    expect(await service.request<any>(ACCOUNT_VOLUNTEER, { sub: 'account-never-registered' })).toEqual({ accountVolunteer: null });
    expect(await service.request<any>(ACCOUNT_VOLUNTEER, { sub: 'x'.repeat(500) })).toEqual({ accountVolunteer: null });

    // With sequential scans priced out, the planner must have an index that answers the look-up.
    const plan = await stack.volunteers.db.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return manager.query(`EXPLAIN SELECT id FROM volunteers WHERE account_sub = $1`, [self.sub]);
    });
    expect(plan.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan using volunteers_account_sub_key/);
  });

  it('answers accountVolunteer only to services, and never through the public graph', async () => {
    const viaGateway = await stack.query<any>(ACCOUNT_VOLUNTEER, { sub: self.sub }, { roles: ['ADMIN'] });
    expect(viaGateway.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const viewer of [anonymousViewer, { ...anonymousViewer, sub: 'admin-1', roles: ['ADMIN' as const] }, { ...anonymousViewer, sub: self.sub, roles: ['VOLUNTEER' as const] }]) {
      const answer = await direct(ACCOUNT_VOLUNTEER, { sub: self.sub }, viewer);
      expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(answer.data?.accountVolunteer ?? null).toBeNull();
    }
  });

  it('gives the volunteer themself through me, with what other subgraphs add', async () => {
    const { data, errors } = await stack.query<any>(ME, undefined, { ...self, volunteerId });
    expect(errors).toBeUndefined();
    expect(data.me).toEqual({ id: volunteerId, name: '孙丽', idNumber, phone: '19105339876', birthDate: '2012-03-04', teams: [], serviceHours: 0, signups: [] });
    // A token whose volunteer id names nobody is no volunteer either.
    expect((await stack.query<any>('{ me { id } }', undefined, { ...self, sub: 'account-me-2', volunteerId: '999999999' })).data).toEqual({ me: null });
  });

  it('treats the account link as "this is me" for personal data and updates, and nobody else', async () => {
    const Q = 'query($id: ID!) { volunteer(id: $id) { idNumber birthDate } }';
    expect((await stack.query<any>(Q, { id: volunteerId }, self)).data.volunteer).toEqual({ idNumber, birthDate: '2012-03-04' });
    const other = { roles: ['VOLUNTEER' as const], sub: 'account-me-other' };
    expect((await stack.query<any>(Q, { id: volunteerId }, other)).data.volunteer).toEqual({ idNumber: `370305********${idNumber.slice(14)}`, birthDate: null });

    const UPDATE = 'mutation($id: ID!, $input: UpdateVolunteerInput!) { updateVolunteer(id: $id, input: $input) { skills } }';
    const updated = await stack.query<any>(UPDATE, { id: volunteerId, input: { skills: ['手语'] } }, self);
    expect(updated.data?.updateVolunteer).toEqual({ skills: ['手语'] });
    const refused = await stack.query<any>(UPDATE, { id: volunteerId, input: { skills: ['x'.repeat(50)] } }, other);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a second self-registration by the stored link, before looking at the input, even when the token has no id', async () => {
    const before = (await stack.volunteers.db.dataSource.query('SELECT count(*)::int AS n FROM volunteers'))[0].n;
    const again = await stack.query<any>(REGISTER, { input: { ...input, idNumber: 'not an id number', regionCode: 'nowhere' } }, self);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REGISTERED' });
    expect((await stack.volunteers.db.dataSource.query('SELECT count(*)::int AS n FROM volunteers'))[0].n).toBe(before);
  });
});
