import { encodeViewerHeader, SubgraphClient, VIEWER_HEADER } from '@vg/graphql';
import { anonymousViewer, makeIdNumber, serviceViewer, type Viewer } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { dataOf } from './builders';
import {
  MyVolunteerDocument,
  MyVolunteerIdDocument,
  RegisterMyselfDocument,
  UpdateVolunteerSkillsDocument,
  VolunteerIdNumberAndBirthDateDocument,
  type RegisterVolunteerInput,
} from './generated/volunteers-me';
import { postGraphQL, startStack, type Stack, type TokenFor } from './testkit';

// The account's own path: register (the token has no volunteer id yet) → see yourself → act as yourself.
let stack: Stack;
let service: SubgraphClient;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  service = new SubgraphClient({ url: stack.volunteers.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('gateway') });
});
afterAll(() => stack?.stop());

// `accountVolunteer` is @inaccessible: it stays a string with its own result type, sent straight to the
// subgraph, and through the gateway on purpose to see it refused.
const ACCOUNT_VOLUNTEER = 'query AccountVolunteer($sub: String!) { accountVolunteer(sub: $sub) { id } }';
type AccountVolunteer = { accountVolunteer: { id: string } | null };
// Birth years after 2008 never occur in the seed; these numbers are this file's own.
const idNumber = makeIdNumber('370305', '2012-03-04', 517);
const input = { name: '孙丽', idNumber, phone: '19105339876', regionCode: '370305', skills: [] } satisfies RegisterVolunteerInput;
const self = { roles: ['VOLUNTEER'], sub: 'account-me-1' } satisfies TokenFor;

/** Calls the volunteers subgraph directly as `viewer` (signed like the gateway signs). */
const direct = (query: string, variables: Record<string, unknown>, viewer: Viewer) =>
  postGraphQL<AccountVolunteer>(stack.volunteers.url, query, variables, { [VIEWER_HEADER]: encodeViewerHeader(viewer, stack.secrets.internalSecret) });

describe('registering yourself, then being yourself', () => {
  let volunteerId: string;

  it('is no volunteer before registering: me is null', async () => {
    expect(dataOf(await stack.query(MyVolunteerDocument))).toEqual({ me: null });
    expect(dataOf(await stack.query(MyVolunteerDocument, undefined, self))).toEqual({ me: null });
  });

  it('shows the just-registered volunteer their own unmasked personal data in the registration response', async () => {
    const { registerVolunteer } = dataOf(await stack.query(RegisterMyselfDocument, { input }, self));
    expect(registerVolunteer).toMatchObject({ name: '孙丽', idNumber, phone: '19105339876', birthDate: '2012-03-04' });
    volunteerId = registerVolunteer.id;
  });

  it('finds the volunteer by account for the gateway, in one indexed statement', async () => {
    const statements: string[] = [];
    const stop = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => statements.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql));
    expect(await service.request<AccountVolunteer>(ACCOUNT_VOLUNTEER, { sub: self.sub })).toEqual({ accountVolunteer: { id: volunteerId } });
    stop();
    expect(statements).toEqual(['volunteerByAccountSub']);
    expect(await service.request<AccountVolunteer>(ACCOUNT_VOLUNTEER, { sub: 'account-never-registered' })).toEqual({ accountVolunteer: null });
    expect(await service.request<AccountVolunteer>(ACCOUNT_VOLUNTEER, { sub: 'x'.repeat(500) })).toEqual({ accountVolunteer: null });

    // With sequential scans priced out, the planner must have an index that answers the look-up.
    const plan = await stack.volunteers.db.dataSource.transaction(async (manager): Promise<{ 'QUERY PLAN': string }[]> => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return manager.query(`EXPLAIN SELECT id FROM volunteers WHERE account_sub = $1`, [self.sub]);
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan using volunteers_account_sub_key/);
  });

  it('answers accountVolunteer only to services, and never through the public graph', async () => {
    const viaGateway = await stack.query<AccountVolunteer>(ACCOUNT_VOLUNTEER, { sub: self.sub }, { roles: ['ADMIN'] });
    expect(viaGateway.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const viewer of [anonymousViewer, { ...anonymousViewer, sub: 'admin-1', roles: ['ADMIN' as const] }, { ...anonymousViewer, sub: self.sub, roles: ['VOLUNTEER' as const] }]) {
      const answer = await direct(ACCOUNT_VOLUNTEER, { sub: self.sub }, viewer);
      expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(answer.data?.accountVolunteer ?? null).toBeNull();
    }
  });

  it('gives the volunteer themself through me, with what other subgraphs add', async () => {
    const { me } = dataOf(await stack.query(MyVolunteerDocument, undefined, { ...self, volunteerId }));
    expect(me).toEqual({ id: volunteerId, name: '孙丽', idNumber, phone: '19105339876', birthDate: '2012-03-04', teams: [], serviceHours: 0, signups: [] });
    // A token whose volunteer id names nobody is no volunteer either.
    expect(dataOf(await stack.query(MyVolunteerIdDocument, undefined, { ...self, sub: 'account-me-2', volunteerId: '999999999' }))).toEqual({ me: null });
  });

  it('treats the account link as "this is me" for personal data and updates, and nobody else', async () => {
    const personalData = async (as: TokenFor) => dataOf(await stack.query(VolunteerIdNumberAndBirthDateDocument, { id: volunteerId }, as)).volunteer;
    expect(await personalData(self)).toEqual({ idNumber, birthDate: '2012-03-04' });
    const other: TokenFor = { roles: ['VOLUNTEER'], sub: 'account-me-other' };
    expect(await personalData(other)).toEqual({ idNumber: `370305********${idNumber.slice(14)}`, birthDate: null });

    const updated = dataOf(await stack.query(UpdateVolunteerSkillsDocument, { id: volunteerId, input: { skills: ['手语'] } }, self));
    expect(updated.updateVolunteer).toEqual({ skills: ['手语'] });
    const refused = await stack.query(UpdateVolunteerSkillsDocument, { id: volunteerId, input: { skills: ['x'.repeat(50)] } }, other);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a second self-registration by the stored link, before looking at the input, even when the token has no id', async () => {
    const count = async (): Promise<number> => {
      const [{ n }]: { n: number }[] = await stack.volunteers.db.dataSource.query('SELECT count(*)::int AS n FROM volunteers');
      return n;
    };
    const before = await count();
    const again = await stack.query(RegisterMyselfDocument, { input: { ...input, idNumber: 'not an id number', regionCode: 'nowhere' } }, self);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REGISTERED' });
    expect(await count()).toBe(before);
  });
});
