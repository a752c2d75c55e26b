import { makeIdNumber } from '@vg/standards';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { startStack, type Stack, type TokenFor } from './testkit';

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-1' };
const FRESH: TokenFor = { roles: ['VOLUNTEER'], sub: 'new-account-1' };
const OTHER: TokenFor = { roles: ['VOLUNTEER'], sub: 'new-account-2' };
const hour = 3600_000;

let stack: Stack;
let activityId: string;
let seededVolunteerId: string;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 20 });
  const { data } = await stack.query<any>(
    '{ stations(first: 1) { edges { node { id } } } teams(first: 1) { edges { node { id } } } volunteers(first: 1) { edges { node { id } } } }',
    undefined,
    ADMIN,
  );
  seededVolunteerId = data.volunteers.edges[0].node.id;
  // Projects are the projects engineer's part: one row is all this test needs.
  const [project] = await stack.projects.db.dataSource.query(`INSERT INTO projects (name, team_id, theme, region_code) VALUES ('长者食堂多效互助', $1, 'ELDERLY_CARE', '370303') RETURNING id`, [
    data.teams.edges[0].node.id,
  ]);
  const startsAt = Date.now() + 24 * hour;
  const created = await stack.query<any>(
    'mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }',
    {
      input: {
        projectId: String(project.id),
        stationId: data.stations.edges[0].node.id,
        title: '社区助老',
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(startsAt + 2 * hour).toISOString(),
        capacity: 10,
      },
    },
    ADMIN,
  );
  activityId = created.data.createActivity.id;
  expect((await stack.query<any>('mutation($id: ID!) { publishActivity(id: $id) { status } }', { id: activityId }, ADMIN)).errors).toBeUndefined();
});
afterAll(() => stack?.stop());

/** How often the gateway asked the volunteers subgraph for an account's volunteer (its /metrics). */
async function linkLookups(): Promise<number> {
  const metrics = await (await fetch(new URL('/metrics', stack.volunteers.url))).text();
  const match = /vg_graphql_operations_total\{service="volunteers",operation="AccountVolunteer",outcome="ok"\} (\d+)/.exec(metrics);
  return match ? Number(match[1]) : 0;
}

const ME = '{ me { id idNumber teams { id } signups { status activity { id } } serviceHours insurance { coveredOn } } }';
const REGISTER = 'mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id idNumber } }';
// The seed never makes birth years after 2008, so this cannot clash with it.
const idNumber = makeIdNumber('370303', '2011-03-08', 517);

describe('a volunteer who registers acts as themself (the token has no volunteer_id)', () => {
  let myId: string;

  it('walks register → sign up → me with one token', async () => {
    expect((await stack.query<any>('{ me { id } }', undefined, FRESH)).data).toEqual({ me: null });

    const registered = await stack.query<any>(REGISTER, { input: { name: '李新', idNumber, regionCode: '370303' } }, FRESH);
    expect(registered.errors).toBeUndefined();
    myId = registered.data.registerVolunteer.id;
    expect(registered.data.registerVolunteer.idNumber).toBe(idNumber);

    // Straight after registering (the "not linked" answer of a moment ago is forgotten).
    const signedUp = await stack.query<any>('mutation($a: ID!) { signUp(activityId: $a) { status volunteer { id } } }', { a: activityId }, FRESH);
    expect(signedUp.errors).toBeUndefined();
    expect(signedUp.data.signUp).toEqual({ status: 'SIGNED_UP', volunteer: { id: myId } });

    const me = await stack.query<any>(ME, undefined, FRESH);
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toEqual({ id: myId, idNumber, teams: [], signups: [{ status: 'SIGNED_UP', activity: { id: activityId } }], serviceHours: 0, insurance: { coveredOn: false } });
  });

  it('shows the ID number in full to the volunteer only, not to another account', async () => {
    const Q = 'query($id: ID!) { volunteer(id: $id) { id idNumber } }';
    expect((await stack.query<any>(Q, { id: myId }, FRESH)).data.volunteer.idNumber).toBe(idNumber);
    expect((await stack.query<any>('{ me { id } }', undefined, OTHER)).data.me).toBeNull();
    const seen = (await stack.query<any>(Q, { id: myId }, OTHER)).data.volunteer.idNumber;
    expect(seen).not.toBe(idNumber);
    expect(seen).toMatch(/\*/);
  });

  it('never overrides a volunteer_id the token carries, and does not look it up', async () => {
    const before = await linkLookups();
    const me = await stack.query<any>('{ me { id } }', undefined, { ...FRESH, volunteerId: seededVolunteerId });
    expect(me.data.me.id).toBe(seededVolunteerId);
    expect(await linkLookups()).toBe(before);
  });

  it('looks nothing up for staff (no VOLUNTEER or TEAM_LEADER role) or anonymous callers', async () => {
    const before = await linkLookups();
    expect(before).toBeGreaterThan(0); // the look-ups above were counted here
    for (const as of [ADMIN, { roles: ['DATA_STAFF'], sub: 'data-1' } as TokenFor, undefined]) {
      expect((await stack.query<any>('{ me { id } }', undefined, as)).data).toEqual({ me: null });
    }
    expect(await linkLookups()).toBe(before);
  });

  it('asks once for an account, then answers from its cache', async () => {
    const before = await linkLookups();
    for (let i = 0; i < 3; i++) expect((await stack.query<any>('{ me { id } }', undefined, FRESH)).data.me.id).toBe(myId);
    expect(await linkLookups()).toBe(before);
  });
});
