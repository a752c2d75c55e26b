import { makeIdNumber } from '@vg/standards';
import { Pii, seedRegions } from '@vg/volunteers';
import { builders, dataOf, type BuiltVolunteer } from './builders';
import { RegisterForOracleDocument, type RegisterVolunteerInput } from './generated/registration-oracle';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

// Registering is no oracle of who is registered: a caller who may not see other volunteers' ID
// numbers (anyone but INSURER and ADMIN) learns nothing from a refusal, every refusal is logged
// by the number's keyed hash for the service centre, and attempts are limited. The stack runs with
// the default limits: 5 self-registration attempts an hour per account, 3 refusals a day per ID
// number, 30 refusals a day per registrar account.

const REFUSED = {
  message: 'This registration cannot be completed online: please visit a service station with your ID card',
  // serviceName: the gateway's, on every subgraph error.
  extensions: { code: 'CONFLICT', reason: 'REGISTRATION_REFUSED', serviceName: 'volunteers' },
};

let stack: Stack;
let pii: Pii;
/** Registered by ADMIN (the builders), one per test so that the per-number counters do not mix. */
let owners: BuiltVolunteer[];

beforeAll(async () => {
  stack = await startStack();
  pii = new Pii(stack.secrets.piiKeys);
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  owners = [];
  for (let i = 0; i < 8; i += 1) owners.push(await world.volunteer());
});
afterAll(() => stack?.stop());

/** A number nobody holds: born in 2012 (the builders' are from 2008 on, one a day), sequence 500 on. */
let fresh = 0;
const freshIdNumber = () => makeIdNumber('370303', '2012-06-01', 500 + (fresh += 1));

const self = (sub: string): TokenFor => ({ roles: ['VOLUNTEER'], sub });
const register = (idNumber: string, as: TokenFor) => stack.query(RegisterForOracleDocument, { input: { name: '陈思远', idNumber, regionCode: '370303' } satisfies RegisterVolunteerInput }, as);

const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => stack.volunteers.db.dataSource.query(text, values);
const volunteerCount = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM volunteers'))[0].n;
const attemptsFor = (idNumber: string) =>
  sql<{ account_sub: string; outcome: string }>('SELECT account_sub, outcome FROM registration_attempts WHERE id_number_hash = $1 ORDER BY id', [pii.idNumberHash(idNumber)]);

/** The refusal exactly, with nothing else in it (no other extension, no data). */
function expectRefused(response: GraphQLResponse<unknown>): void {
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  const [{ message, extensions }] = response.errors!;
  expect({ message, extensions }).toEqual(REFUSED);
}

describe('registering with an ID number someone else holds', () => {
  it('refuses a self-registration generically, says nothing of the holder, writes no volunteer and logs the attempt by hash', async () => {
    const [a] = owners;
    const before = await volunteerCount();
    const answer = await register(a.idNumber, self('oracle-b'));
    expectRefused(answer);
    const body = JSON.stringify(answer);
    for (const secret of [a.id, a.volunteerNo, a.name, a.idNumber, a.idNumber.slice(-4), 'DUPLICATE']) expect(body).not.toContain(secret);
    expect(await volunteerCount()).toBe(before);
    expect(await attemptsFor(a.idNumber)).toEqual([{ account_sub: 'oracle-b', outcome: 'DUPLICATE' }]);

    // A registrar who may not see the stranger's ID number (TEAM_LEADER, STATION_STAFF) learns no more.
    expectRefused(await register(a.idNumber, { roles: ['TEAM_LEADER', 'VOLUNTEER'], sub: 'oracle-leader' }));
    expect(await attemptsFor(a.idNumber)).toEqual([
      { account_sub: 'oracle-b', outcome: 'DUPLICATE' },
      { account_sub: 'oracle-leader', outcome: 'DUPLICATE' },
    ]);
    // Nothing stored holds the plain number: not the log, not the limiter's counters.
    const [{ n }] = await sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM registration_attempts t WHERE t::text LIKE $1) + (SELECT count(*) FROM registration_limits t WHERE t::text LIKE $1)::int AS n`,
      [`%${a.idNumber}%`],
    );
    expect(Number(n)).toBe(0);
    expect((await sql<{ key: string }>('SELECT key FROM registration_limits WHERE key = $1', [`id:${pii.idNumberHash(a.idNumber)}`])).length).toBe(1);
  });

  it('lets the refused account register its own, unregistered number', async () => {
    const idNumber = freshIdNumber();
    const { registerVolunteer } = dataOf(await register(idNumber, self('oracle-b')));
    expect(registerVolunteer.name).toBe('陈思远');
    expect(await attemptsFor(idNumber)).toEqual([]);
  });

  it('tells the precise reason to INSURER and ADMIN, who see every ID number anyway, and logs nothing', async () => {
    const [a] = owners;
    for (const as of [
      { roles: ['ADMIN'], sub: 'oracle-admin' },
      { roles: ['INSURER'], sub: 'oracle-insurer' },
    ] satisfies TokenFor[]) {
      const answer = await register(a.idNumber, as);
      expect(answer.errors?.[0].extensions).toEqual({ code: 'CONFLICT', reason: 'DUPLICATE_ID_NUMBER', serviceName: 'volunteers' });
    }
    expect((await attemptsFor(a.idNumber)).map((r) => r.account_sub)).toEqual(['oracle-b', 'oracle-leader']);
  });
});

describe('the limit per ID number, across accounts', () => {
  it('after 3 refusals a day refuses the number to every other account in the very same words, until ADMIN', async () => {
    const a = owners[1];
    const first = await register(a.idNumber, self('oracle-c1'));
    expectRefused(first);
    for (const sub of ['oracle-c2', 'oracle-c3']) expectRefused(await register(a.idNumber, self(sub)));
    // The number is now locked: the refusal cannot be told from the one for a registered number.
    const locked = await register(a.idNumber, self('oracle-c4'));
    expect(locked).toEqual(first);
    expect(await register(a.idNumber, { roles: ['STATION_STAFF'], sub: 'oracle-station-1' })).toEqual(first);
    expect(await attemptsFor(a.idNumber)).toEqual([
      { account_sub: 'oracle-c1', outcome: 'DUPLICATE' },
      { account_sub: 'oracle-c2', outcome: 'DUPLICATE' },
      { account_sub: 'oracle-c3', outcome: 'DUPLICATE' },
      { account_sub: 'oracle-c4', outcome: 'ID_NUMBER_LOCKED' },
      { account_sub: 'oracle-station-1', outcome: 'ID_NUMBER_LOCKED' },
    ]);
    // The entitled are not locked out: the centre resolves the case.
    expect((await register(a.idNumber, { roles: ['ADMIN'], sub: 'oracle-admin' })).errors?.[0].extensions?.reason).toBe('DUPLICATE_ID_NUMBER');
  });
});

describe('the limit per account', () => {
  it('gives a self-registering account 5 attempts an hour, then RATE_LIMITED with retryAfterSeconds, writing nothing', async () => {
    const account = self('oracle-d');
    for (const owner of owners.slice(2, 7)) expectRefused(await register(owner.idNumber, account));
    const before = await volunteerCount();
    const idNumber = freshIdNumber();
    const limited = await register(idNumber, account);
    expect(limited.data ?? null).toBeNull();
    expect(limited.errors?.[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number), serviceName: 'volunteers' });
    const wait = limited.errors![0].extensions!.retryAfterSeconds as number;
    expect(wait).toBeGreaterThan(3000);
    expect(wait).toBeLessThanOrEqual(3600);
    expect(await volunteerCount()).toBe(before);
    expect(await sql('SELECT 1 FROM volunteers WHERE account_sub = $1', ['oracle-d'])).toEqual([]);
    expect(await attemptsFor(idNumber)).toEqual([]);
    // The number itself was fine: another account registers it.
    dataOf(await register(idNumber, self('oracle-e')));
  });

  it('does not limit a registrar registering a queue of new people', async () => {
    const station: TokenFor = { roles: ['STATION_STAFF'], sub: 'oracle-station-queue' };
    for (let i = 0; i < 8; i += 1) dataOf(await register(freshIdNumber(), station), `registering person ${i + 1} of the queue`);
  });

  it('gives a registrar 30 refusals a day, then RATE_LIMITED, even for a new number', async () => {
    const station: TokenFor = { roles: ['STATION_STAFF'], sub: 'oracle-station-2' };
    const a = owners[7];
    for (let i = 0; i < 30; i += 1) expectRefused(await register(a.idNumber, station));
    const before = await volunteerCount();
    const limited = await register(freshIdNumber(), station);
    expect(limited.errors?.[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number), serviceName: 'volunteers' });
    expect(limited.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(86_000);
    expect(await volunteerCount()).toBe(before);
  });
});
