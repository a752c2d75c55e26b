import { makeIdNumber } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf } from './builders';
import { MeIdDocument, MeInFullDocument, MeRegisterDocument, MeSignUpDocument, MeVolunteerIdNumberDocument } from './generated/me';
import { startStack, type Stack, type TokenFor } from './testkit';

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-1' };
const FRESH: TokenFor = { roles: ['VOLUNTEER'], sub: 'new-account-1' };
const OTHER: TokenFor = { roles: ['VOLUNTEER'], sub: 'new-account-2' };

let stack: Stack;
let activityId: string;
/** A volunteer registered by an administrator: someone a token may name by its volunteer_id. */
let registeredVolunteerId: string;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  // Everything goes through the gateway as ADMIN, so no account is looked up here.
  const world = builders(stack);
  registeredVolunteerId = (await world.volunteer()).id;
  activityId = (await world.activity({ title: '社区助老', capacity: 10 }).published()).id;
});
afterAll(() => stack?.stop());

/** How often the gateway asked the volunteers subgraph for an account's volunteer (its /metrics). */
async function linkLookups(): Promise<number> {
  const metrics = await (await fetch(new URL('/metrics', stack.volunteers.url))).text();
  const match = /vg_graphql_operations_total\{service="volunteers",operation="AccountVolunteer",outcome="ok"\} (\d+)/.exec(metrics);
  return match ? Number(match[1]) : 0;
}

// Not a number the builder makes (its sequence is 999) nor the seed's (no birth years after 2008).
const idNumber = makeIdNumber('370303', '2011-03-08', 517);

describe('a volunteer who registers acts as themself (the token has no volunteer_id)', () => {
  let myId: string;

  it('walks register → sign up → me with one token', async () => {
    expect((await stack.query(MeIdDocument, undefined, FRESH)).data).toEqual({ me: null });

    const { registerVolunteer } = dataOf(await stack.query(MeRegisterDocument, { input: { name: '李新', idNumber, regionCode: '370303' } }, FRESH));
    myId = registerVolunteer.id;
    expect(registerVolunteer.idNumber).toBe(idNumber);

    // Straight after registering (the "not linked" answer of a moment ago is forgotten).
    const { signUp } = dataOf(await stack.query(MeSignUpDocument, { activityId }, FRESH));
    expect(signUp).toEqual({ status: 'SIGNED_UP', volunteer: { id: myId } });

    const { me } = dataOf(await stack.query(MeInFullDocument, undefined, FRESH));
    expect(me).toEqual({ id: myId, idNumber, teams: [], signups: [{ status: 'SIGNED_UP', activity: { id: activityId } }], serviceHours: 0, insurance: { coveredOn: false } });
  });

  it('shows the ID number in full to the volunteer only, not to another account', async () => {
    const { volunteer: mine } = dataOf(await stack.query(MeVolunteerIdNumberDocument, { id: myId }, FRESH));
    expect(mine?.idNumber).toBe(idNumber);
    expect(dataOf(await stack.query(MeIdDocument, undefined, OTHER)).me).toBeNull();
    const seen = dataOf(await stack.query(MeVolunteerIdNumberDocument, { id: myId }, OTHER)).volunteer?.idNumber;
    expect(seen).not.toBe(idNumber);
    expect(seen).toMatch(/\*/);
  });

  it('never overrides a volunteer_id the token carries, and does not look it up', async () => {
    const before = await linkLookups();
    const { me } = dataOf(await stack.query(MeIdDocument, undefined, { ...FRESH, volunteerId: registeredVolunteerId }));
    expect(me?.id).toBe(registeredVolunteerId);
    expect(await linkLookups()).toBe(before);
  });

  it('looks nothing up for staff (no VOLUNTEER or TEAM_LEADER role) or anonymous callers', async () => {
    const before = await linkLookups();
    expect(before).toBeGreaterThan(0); // the look-ups above were counted here
    const staff: TokenFor[] = [ADMIN, { roles: ['DATA_STAFF'], sub: 'data-1' }];
    for (const as of [...staff, undefined]) {
      expect((await stack.query(MeIdDocument, undefined, as)).data).toEqual({ me: null });
    }
    expect(await linkLookups()).toBe(before);
  });

  it('asks once for an account, then answers from its cache', async () => {
    const before = await linkLookups();
    for (let i = 0; i < 3; i++) expect(dataOf(await stack.query(MeIdDocument, undefined, FRESH)).me?.id).toBe(myId);
    expect(await linkLookups()).toBe(before);
  });
});
