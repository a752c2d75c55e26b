import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { serviceDir } from '@vg/schema';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { ADMIN, CITY_PLAN, ENROL, enrol, INSURER, itemFor, registerPeople, type Person } from './insurer';
import { startStack, type Stack, type TokenFor } from './testkit';

/**
 * Role before input: whoever may not use an operation at all is told FORBIDDEN, whatever they
 * sent, so the errors never teach them its rules (batch limits, id and cursor forms, plan codes);
 * the roles that may use it get BAD_USER_INPUT naming the field. Nothing is written either way.
 *
 * The tables are checked against services/insurance/schema.graphql, so a new mutation or query
 * without an entry here fails this test. (A date that is not a calendar date is refused by the
 * Date scalar before any resolver runs, for everyone: that form is the schema's, public anyway;
 * the cases below use well-formed dates that break a rule.)
 */

let stack: Stack;
let person: Person;
/** An ACTIVE enrolment of `person`, for cancelEnrolment's cases. */
let enrolmentId: string;

const VOLUNTEER = (): TokenFor => ({ roles: ['VOLUNTEER'], sub: `v-${person.id}`, volunteerId: person.id });
const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'], sub: 'data-staff-1' };
/** Every refused caller of a staff-only operation: anonymous, a plain volunteer (insured!), data staff. */
const UNPRIVILEGED = (): (TokenFor | undefined)[] => [undefined, VOLUNTEER(), DATA_STAFF];

/** What the permitted roles get: BAD_USER_INPUT naming `field`, or (items of a batch) the item rejected with `rejected`. */
type Allowed = { field: string } | { rejected: string };

interface Case {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  allowed: Allowed;
}

interface Operation {
  /** Roles that may use it: each must get the `allowed` answer. */
  permitted: TokenFor[];
  /** Callers that must get FORBIDDEN. */
  refused: () => (TokenFor | undefined)[];
  cases: Case[];
}

const batch = (batchId: string, items: unknown[], planCode = CITY_PLAN) => ({ input: { batchId, planCode, items } });
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelEnrolment(id: $id, reason: $reason) { id status } }`;

/** Every insurance mutation, with invalid arguments. */
const MUTATIONS: Record<string, Operation> = {
  enrolVolunteers: {
    permitted: [INSURER],
    // ADMIN may cancel but not enrol: enrolment is the insurer's own act.
    refused: () => [...UNPRIVILEGED(), ADMIN],
    cases: [
      { name: 'an empty batch id', query: ENROL, variables: () => batch('', [itemFor(person, 'RBI-1')]), allowed: { field: 'input.batchId' } },
      { name: 'a batch id of the wrong form', query: ENROL, variables: () => batch('not a batch id!', [itemFor(person, 'RBI-2')]), allowed: { field: 'input.batchId' } },
      { name: '0 items', query: ENROL, variables: () => batch('RBI-EMPTY', []), allowed: { field: 'input.items' } },
      { name: '1,001 items', query: ENROL, variables: () => batch('RBI-TOO-MANY', Array.from({ length: 1001 }, (_, i) => itemFor(person, `RBI-M-${i}`))), allowed: { field: 'input.items' } },
      { name: 'an unknown plan', query: ENROL, variables: () => batch('RBI-NO-PLAN', [itemFor(person, 'RBI-3')], 'NO-SUCH-PLAN'), allowed: { field: 'input.planCode' } },
      { name: 'an empty plan code', query: ENROL, variables: () => batch('RBI-BLANK-PLAN', [itemFor(person, 'RBI-4')], ' '), allowed: { field: 'input.planCode' } },
      // Items are answered one by one (the insurer's batch is never refused for one bad item).
      { name: 'cover ending before it starts', query: ENROL, variables: () => batch('RBI-DATES', [itemFor(person, 'RBI-5', '2025-05-01', '2025-04-30')]), allowed: { rejected: 'INVALID_PERIOD' } },
      { name: 'a malformed ID number', query: ENROL, variables: () => batch('RBI-ID', [{ ...itemFor(person, 'RBI-6'), idNumber: '12345' }]), allowed: { rejected: 'INVALID_ID_NUMBER' } },
    ],
  },
  cancelEnrolment: {
    permitted: [INSURER, ADMIN],
    refused: UNPRIVILEGED,
    cases: [
      { name: 'an id that is not one', query: CANCEL, variables: () => ({ id: 'abc', reason: 'duplicate' }), allowed: { field: 'id' } },
      { name: 'id 0', query: CANCEL, variables: () => ({ id: '0', reason: 'duplicate' }), allowed: { field: 'id' } },
      { name: 'an empty reason', query: CANCEL, variables: () => ({ id: enrolmentId, reason: '  ' }), allowed: { field: 'reason' } },
      { name: 'a reason of 501 characters', query: CANCEL, variables: () => ({ id: enrolmentId, reason: 'x'.repeat(501) }), allowed: { field: 'reason' } },
    ],
  },
};

const ENROLMENTS = `query($filter: EnrolmentFilter, $first: Int, $after: String) { enrolments(filter: $filter, first: $first, after: $after) { totalCount } }`;
const COVERAGE = `query($no: String!, $date: Date!) { coverageOn(volunteerNo: $no, date: $date) { covered } }`;
const ROSTER = `query($from: Date!, $to: Date!, $planCode: String, $first: Int, $after: String) { insuredRoster(from: $from, to: $to, planCode: $planCode, first: $first, after: $after) { totalCount } }`;
const BATCH = `query($batchId: String!) { enrolmentBatch(batchId: $batchId) { batchId } }`;
const ONE = `query($id: ID!) { enrolment(id: $id) { id } }`;
const staffOnly = (cases: Case[]): Operation => ({ permitted: [INSURER, ADMIN], refused: UNPRIVILEGED, cases });

/** Queries that are not public, with invalid arguments. */
const QUERIES: Record<string, Operation> = {
  enrolments: staffOnly([
    { name: 'a negative page size', query: ENROLMENTS, variables: () => ({ first: -1 }), allowed: { field: 'first' } },
    { name: 'a page of 101', query: ENROLMENTS, variables: () => ({ first: 101 }), allowed: { field: 'first' } },
    { name: 'a cursor this API never gave', query: ENROLMENTS, variables: () => ({ after: 'bm90IGEgY3Vyc29y' }), allowed: { field: 'after' } },
    { name: 'an unknown plan', query: ENROLMENTS, variables: () => ({ filter: { planCode: 'NO-SUCH-PLAN' } }), allowed: { field: 'filter.planCode' } },
  ]),
  coverageOn: staffOnly([{ name: 'an empty volunteer number', query: COVERAGE, variables: () => ({ no: ' ', date: '2025-06-01' }), allowed: { field: 'volunteerNo' } }]),
  insuredRoster: staffOnly([
    { name: 'to before from', query: ROSTER, variables: () => ({ from: '2025-06-01', to: '2025-05-31' }), allowed: { field: 'to' } },
    { name: 'a page of 1,000', query: ROSTER, variables: () => ({ from: '2025-01-01', to: '2025-12-31', first: 1000 }), allowed: { field: 'first' } },
    { name: 'an unknown plan', query: ROSTER, variables: () => ({ from: '2025-01-01', to: '2025-12-31', planCode: 'NO-SUCH-PLAN' }), allowed: { field: 'planCode' } },
    { name: 'a cursor this API never gave', query: ROSTER, variables: () => ({ from: '2025-01-01', to: '2025-12-31', after: '!!' }), allowed: { field: 'after' } },
  ]),
  enrolmentBatch: staffOnly([
    { name: 'an empty batch id', query: BATCH, variables: () => ({ batchId: '' }), allowed: { field: 'batchId' } },
    { name: 'a batch id of the wrong form', query: BATCH, variables: () => ({ batchId: 'not a batch id!' }), allowed: { field: 'batchId' } },
  ]),
  // The insured volunteer may read their own enrolment, so only callers who can see none are refused.
  enrolment: {
    permitted: [INSURER, ADMIN],
    refused: () => [undefined, DATA_STAFF, { roles: ['VOLUNTEER'], sub: 'no-volunteer-claim' }],
    cases: [{ name: 'an id that is not one', query: ONE, variables: () => ({ id: 'abc' }), allowed: { field: 'id' } }],
  },
};
/** Public queries: nothing to refuse. */
const PUBLIC_QUERIES = ['insurancePlans', 'insurancePlan'];

/** The fields of `typeName` in the insurance subgraph's own schema file. */
function schemaFields(typeName: string): string[] {
  const document = parse(readFileSync(join(serviceDir('insurance'), 'schema.graphql'), 'utf8'));
  return document.definitions.flatMap((d) => ((d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === typeName ? (d.fields ?? []).map((f) => f.name.value) : []));
}

/** Every row of every insurance table, in one digest: any write changes it. */
async function insuranceDigest(): Promise<string> {
  const db = stack.insurance.db.dataSource;
  const tables: { name: string }[] = await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`);
  const digests = await Promise.all(tables.map(async ({ name }) => (await db.query(`SELECT '${name}:' || count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d FROM "${name}" t`))[0].d as string));
  return digests.join(' ');
}

const who = (as: TokenFor | undefined) => (as ? `${as.roles.join(',')}${as.volunteerId ? ' (a volunteer)' : ''}` : 'anonymous');

beforeAll(async () => {
  stack = await startStack();
  // The regions volunteers register in come with the volunteers subgraph's seed.
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 5 });
  [person] = await registerPeople(stack, 3000, 1);
  const { data } = await enrol(stack, 'RBI-SETUP', [itemFor(person, 'RBI-SETUP-1')]);
  enrolmentId = data.enrolVolunteers.results[0].enrolment.id;
}, 60_000);
afterAll(() => stack?.stop());

describe('the tables cover the schema', () => {
  it('has cases for every insurance mutation', () => {
    expect(Object.keys(MUTATIONS).sort()).toEqual(schemaFields('Mutation').sort());
  });

  it('has cases for every insurance query that is not public', () => {
    expect([...Object.keys(QUERIES), ...PUBLIC_QUERIES].sort()).toEqual(schemaFields('Query').sort());
  });
});

describe.each([...Object.entries(MUTATIONS), ...Object.entries(QUERIES)])('%s', (_, operation) => {
  it.each(operation.cases.map((c) => [c.name, c] as const))('with %s: FORBIDDEN to callers without the role, writing nothing; the field named to those with it', async (__, c) => {
    const before = await insuranceDigest();
    for (const as of operation.refused()) {
      const { data, errors } = await stack.query<any>(c.query, c.variables(), as);
      expect({ who: who(as), code: errors?.[0].extensions?.code, field: errors?.[0].extensions?.field }).toEqual({ who: who(as), code: 'FORBIDDEN', field: undefined });
      expect(Object.values(data ?? {}).filter((v) => v !== null)).toEqual([]);
    }
    expect(await insuranceDigest()).toBe(before);

    for (const as of operation.permitted) {
      const { data, errors } = await stack.query<any>(c.query, c.variables(), as);
      if ('field' in c.allowed) {
        expect({ who: who(as), code: errors?.[0].extensions?.code, field: errors?.[0].extensions?.field }).toEqual({ who: who(as), code: 'BAD_USER_INPUT', field: c.allowed.field });
        // Refused input writes nothing, for those who may use the operation too.
        expect(await insuranceDigest()).toBe(before);
      } else {
        expect(errors).toBeUndefined();
        expect(data.enrolVolunteers.results.map((r: any) => [r.status, r.reason])).toEqual([['REJECTED', c.allowed.rejected]]);
      }
    }
  });
});

describe('what was refused left the enrolment as it was', () => {
  it('is still ACTIVE and uncancelled after every refused cancellation', async () => {
    const [row] = await stack.insurance.db.dataSource.query(`SELECT status, cancelled_by FROM enrolments WHERE id = $1`, [enrolmentId]);
    expect(row).toEqual({ status: 'ACTIVE', cancelled_by: null });
  });
});
