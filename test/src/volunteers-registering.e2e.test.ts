import { SubgraphClient } from '@vg/graphql';
import { makeIdNumber, serviceViewer } from '@vg/standards';
import { Pii, seedRegions } from '@vg/volunteers';
import { builders, dataOf } from './builders';
import { RegisterVolunteerInFullDocument, VolunteerPersonalDataDocument, VolunteersNamedDocument, type RegisterVolunteerInput } from './generated/volunteers-registering';
import { postGraphQL, startStack, type Stack, type TokenFor } from './testkit';

// Registering volunteers: the checks on the input, one registration per ID number and per account,
// and personal data stored encrypted and shown by role. Only the regions are seeded: every
// volunteer here is registered by the test.

const ADMIN: TokenFor = { roles: ['ADMIN'] };

let stack: Stack;
let pii: Pii;

beforeAll(async () => {
  stack = await startStack();
  pii = new Pii(stack.secrets.piiKeys);
  await seedRegions(stack.volunteers.db.dataSource);
});
afterAll(() => stack?.stop());

const count = async (table: string): Promise<number> => {
  const [{ n }]: { n: number }[] = await stack.volunteers.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
};

// The seed never makes birth years after 2008 or 191 numbers, so these cannot clash with it.
const idNumber = makeIdNumber('370303', '2010-05-17', 421);
const input = { name: '王晓梅', idNumber, phone: '19105331234', regionCode: '370303', skills: ['急救'] } satisfies RegisterVolunteerInput;
const register = (input: RegisterVolunteerInput, as?: TokenFor) => stack.query(RegisterVolunteerInFullDocument, { input }, as);

/** The first volunteer (oldest registration) whose name contains `name`. */
async function firstNamed(name: string): Promise<{ id: string; volunteerNo: string }> {
  const [first] = dataOf(await stack.query(VolunteersNamedDocument, { nameContains: name }, ADMIN)).volunteers.edges;
  if (!first) throw new Error(`no volunteer named ${name}`);
  return first.node;
}

describe('registering volunteers', () => {
  it('refuses a bad ID number, an unknown region and a missing sign-in, writing nothing', async () => {
    const before = await count('volunteers');
    const badCheck = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const bad = await register({ ...input, idNumber: badCheck }, ADMIN);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    expect(bad.errors?.[0].message).toMatch(/check digit/);

    const badDate = await register({ ...input, idNumber: makeIdNumber('370303', '2010-02-30', 1) }, ADMIN);
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });

    const region = await register({ ...input, regionCode: '370399' }, ADMIN);
    expect(region.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });

    const anonymous = await register(input);
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const phone = await register({ ...input, phone: '12345' }, ADMIN);
    expect(phone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
    expect(await count('volunteers')).toBe(before);
  });

  it('registers once, derives gender and birth date, and refuses the same ID number again', async () => {
    const before = await count('volunteers');
    const { registerVolunteer } = dataOf(await register(input, ADMIN));
    expect(registerVolunteer).toMatchObject({ name: '王晓梅', gender: 'MALE', birthDate: '2010-05-17', idNumber, phone: '19105331234', region: { code: '370303' } });

    const again = await register({ ...input, name: '别人', idNumber: idNumber.toLowerCase() }, ADMIN);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_ID_NUMBER' });
    expect(await count('volunteers')).toBe(before + 1);
  });

  it('stores ID numbers and phones only encrypted, and shows them in full only to the volunteer, INSURER and ADMIN', async () => {
    const [{ n }]: { n: number }[] = await stack.volunteers.db.dataSource.query(`SELECT count(*)::int AS n FROM volunteers v WHERE v::text LIKE $1 OR v::text LIKE $2`, [
      `%${idNumber}%`,
      '%19105331234%',
    ]);
    expect(n).toBe(0);

    const { id } = await firstNamed('王晓梅');
    const personalData = async (as?: TokenFor) => dataOf(await stack.query(VolunteerPersonalDataDocument, { id }, as)).volunteer;
    for (const viewer of [ADMIN, { roles: ['INSURER'] }, { roles: ['VOLUNTEER'], volunteerId: id }] satisfies TokenFor[]) {
      expect(await personalData(viewer)).toEqual({ idNumber, phone: '19105331234', birthDate: '2010-05-17' });
    }
    const someoneElse = await builders(stack).volunteer();
    for (const viewer of [someoneElse.as, { roles: ['TEAM_LEADER'] }, undefined] satisfies (TokenFor | undefined)[]) {
      expect(await personalData(viewer)).toEqual({ idNumber: `370303********${idNumber.slice(14)}`, phone: '191****1234', birthDate: null });
    }
  });

  it("tells internal services a volunteer's identity hash, by number, and nobody else", async () => {
    const no = (await firstNamed('王晓梅')).volunteerNo;
    // `volunteerIdentities` is @inaccessible: it stays a string with its own result type, sent straight to the subgraph,
    // and through the gateway on purpose to see it refused.
    const Q = `query($nos: [String!]!) { volunteerIdentities(volunteerNos: $nos) { volunteer { volunteerNo } name status idNumberHash } }`;
    type Identities = { volunteerIdentities: ({ volunteer: { volunteerNo: string }; name: string; status: string; idNumberHash: string } | null)[] };
    const client = new SubgraphClient({ url: stack.volunteers.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('insurance') });
    const answer = await client.request<Identities>(Q, { nos: ['ZB99999999', no.toLowerCase()] });
    expect(answer.volunteerIdentities).toEqual([null, { volunteer: { volunteerNo: no }, name: '王晓梅', status: 'ACTIVE', idNumberHash: pii.idNumberHash(idNumber) }]);
    // Not in the public graph at all; and the subgraph itself refuses other callers.
    expect((await stack.query<Identities>(Q, { nos: [no] }, ADMIN)).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postGraphQL<Identities>(stack.volunteers.url, Q, { nos: [no] }, stack.viewerHeader())).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a signed-in account register itself once', async () => {
    const self: TokenFor = { roles: ['VOLUNTEER'], sub: 'account-self-1' };
    dataOf(await register({ ...input, idNumber: makeIdNumber('370302', '2011-01-09', 36), phone: null }, self));
    const second = await register({ ...input, idNumber: makeIdNumber('370302', '2011-01-09', 38), phone: null }, self);
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REGISTERED' });
  });
});
