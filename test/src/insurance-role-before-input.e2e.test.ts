import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { serviceDir } from '@vg/schema';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { dataOf } from './builders';
import { EnrolmentBatchWithResultsDocument, type EnrolmentBatchWithResultsMutation, type EnrolmentRejection } from './generated/insurance';
import {
  CancelledEnrolmentStatusDocument,
  CoveredOnDateDocument,
  EnrolmentBatchIdOfDocument,
  EnrolmentIdOfDocument,
  EnrolmentTotalDocument,
  InsuredRosterTotalDocument,
} from './generated/insurance-role-before-input';
import { ADMIN, asVolunteer, CITY_PLAN, enrol, INSURER, itemFor, registerPeople, type Item, type Person } from './insurer';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

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

const VOLUNTEER = (): TokenFor => asVolunteer(person);
const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'], sub: 'data-staff-1' };
/** Every refused caller of a staff-only operation: anonymous, a plain volunteer (insured!), data staff. */
const UNPRIVILEGED = (): (TokenFor | undefined)[] => [undefined, VOLUNTEER(), DATA_STAFF];

/** A case the permitted roles get BAD_USER_INPUT for, naming `field`. */
interface FieldCase {
  name: string;
  /** Sends the operation with the case's arguments as `as` (read when sent: they may name what `beforeAll` made). */
  send: (as?: TokenFor) => Promise<GraphQLResponse<object>>;
  field: string;
}

/** A case of a batch's items: the permitted roles get the item rejected with `rejected`. */
interface ItemCase {
  name: string;
  send: (as?: TokenFor) => Promise<GraphQLResponse<EnrolmentBatchWithResultsMutation>>;
  rejected: EnrolmentRejection;
}

type Case = FieldCase | ItemCase;

interface Operation {
  /** Roles that may use it: each must get the case's answer. */
  permitted: TokenFor[];
  /** Callers that must get FORBIDDEN. */
  refused: () => (TokenFor | undefined)[];
  cases: Case[];
}

/** Sends a batch as `as` (anonymous when undefined). */
const batch = (as: TokenFor | undefined, batchId: string, items: Item[], planCode = CITY_PLAN) => stack.query(EnrolmentBatchWithResultsDocument, { input: { batchId, planCode, items } }, as);
const cancel = (as: TokenFor | undefined, id: string, reason: string) => stack.query(CancelledEnrolmentStatusDocument, { id, reason }, as);

/** Every insurance mutation, with invalid arguments. */
const MUTATIONS: Record<string, Operation> = {
  enrolVolunteers: {
    permitted: [INSURER],
    // ADMIN may cancel but not enrol: enrolment is the insurer's own act.
    refused: () => [...UNPRIVILEGED(), ADMIN],
    cases: [
      { name: 'an empty batch id', send: (as) => batch(as, '', [itemFor(person, 'RBI-1')]), field: 'input.batchId' },
      { name: 'a batch id of the wrong form', send: (as) => batch(as, 'not a batch id!', [itemFor(person, 'RBI-2')]), field: 'input.batchId' },
      { name: '0 items', send: (as) => batch(as, 'RBI-EMPTY', []), field: 'input.items' },
      {
        name: '1,001 items',
        send: (as) =>
          batch(
            as,
            'RBI-TOO-MANY',
            Array.from({ length: 1001 }, (_, i) => itemFor(person, `RBI-M-${i}`)),
          ),
        field: 'input.items',
      },
      { name: 'an unknown plan', send: (as) => batch(as, 'RBI-NO-PLAN', [itemFor(person, 'RBI-3')], 'NO-SUCH-PLAN'), field: 'input.planCode' },
      { name: 'an empty plan code', send: (as) => batch(as, 'RBI-BLANK-PLAN', [itemFor(person, 'RBI-4')], ' '), field: 'input.planCode' },
      // Items are answered one by one (the insurer's batch is never refused for one bad item).
      { name: 'cover ending before it starts', send: (as) => batch(as, 'RBI-DATES', [itemFor(person, 'RBI-5', '2025-05-01', '2025-04-30')]), rejected: 'INVALID_PERIOD' },
      { name: 'a malformed ID number', send: (as) => batch(as, 'RBI-ID', [{ ...itemFor(person, 'RBI-6'), idNumber: '12345' }]), rejected: 'INVALID_ID_NUMBER' },
    ],
  },
  cancelEnrolment: {
    permitted: [INSURER, ADMIN],
    refused: UNPRIVILEGED,
    cases: [
      { name: 'an id that is not one', send: (as) => cancel(as, 'abc', 'duplicate'), field: 'id' },
      { name: 'id 0', send: (as) => cancel(as, '0', 'duplicate'), field: 'id' },
      { name: 'an empty reason', send: (as) => cancel(as, enrolmentId, '  '), field: 'reason' },
      { name: 'a reason of 501 characters', send: (as) => cancel(as, enrolmentId, 'x'.repeat(501)), field: 'reason' },
    ],
  },
};

const staffOnly = (cases: Case[]): Operation => ({ permitted: [INSURER, ADMIN], refused: UNPRIVILEGED, cases });

/** Queries that are not public, with invalid arguments. */
const QUERIES: Record<string, Operation> = {
  enrolments: staffOnly([
    { name: 'a negative page size', send: (as) => stack.query(EnrolmentTotalDocument, { first: -1 }, as), field: 'first' },
    { name: 'a page of 101', send: (as) => stack.query(EnrolmentTotalDocument, { first: 101 }, as), field: 'first' },
    { name: 'a cursor this API never gave', send: (as) => stack.query(EnrolmentTotalDocument, { after: 'bm90IGEgY3Vyc29y' }, as), field: 'after' },
    { name: 'an unknown plan', send: (as) => stack.query(EnrolmentTotalDocument, { filter: { planCode: 'NO-SUCH-PLAN' } }, as), field: 'filter.planCode' },
  ]),
  coverageOn: staffOnly([{ name: 'an empty volunteer number', send: (as) => stack.query(CoveredOnDateDocument, { no: ' ', date: '2025-06-01' }, as), field: 'volunteerNo' }]),
  insuredRoster: staffOnly([
    { name: 'to before from', send: (as) => stack.query(InsuredRosterTotalDocument, { from: '2025-06-01', to: '2025-05-31' }, as), field: 'to' },
    { name: 'a page of 1,000', send: (as) => stack.query(InsuredRosterTotalDocument, { from: '2025-01-01', to: '2025-12-31', first: 1000 }, as), field: 'first' },
    { name: 'an unknown plan', send: (as) => stack.query(InsuredRosterTotalDocument, { from: '2025-01-01', to: '2025-12-31', planCode: 'NO-SUCH-PLAN' }, as), field: 'planCode' },
    { name: 'a cursor this API never gave', send: (as) => stack.query(InsuredRosterTotalDocument, { from: '2025-01-01', to: '2025-12-31', after: '!!' }, as), field: 'after' },
  ]),
  enrolmentBatch: staffOnly([
    { name: 'an empty batch id', send: (as) => stack.query(EnrolmentBatchIdOfDocument, { batchId: '' }, as), field: 'batchId' },
    { name: 'a batch id of the wrong form', send: (as) => stack.query(EnrolmentBatchIdOfDocument, { batchId: 'not a batch id!' }, as), field: 'batchId' },
  ]),
  // The insured volunteer may read their own enrolment, so only callers who can see none are refused.
  enrolment: {
    permitted: [INSURER, ADMIN],
    refused: () => [undefined, DATA_STAFF, { roles: ['VOLUNTEER'], sub: 'no-volunteer-claim' }],
    cases: [{ name: 'an id that is not one', send: (as) => stack.query(EnrolmentIdOfDocument, { id: 'abc' }, as), field: 'id' }],
  },
};
/** Public queries: nothing to refuse. */
const PUBLIC_QUERIES = ['insurancePlans', 'insurancePlan'];

/** The fields of `typeName` in the insurance subgraph's own schema file. */
function schemaFields(typeName: string): string[] {
  const document = parse(readFileSync(join(serviceDir('insurance'), 'schema.graphql'), 'utf8'));
  return document.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === typeName ? (d.fields ?? []).map((f) => f.name.value) : [],
  );
}

/** Every row of every insurance table, in one digest: any write changes it. */
async function insuranceDigest(): Promise<string> {
  const db = stack.insurance.db.dataSource;
  const tables: { name: string }[] = await db.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  const digestOf = async (name: string): Promise<string> => {
    const [{ d }]: { d: string }[] = await db.query(`SELECT '${name}:' || count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d FROM "${name}" t`);
    return d;
  };
  const digests = await Promise.all(tables.map(({ name }) => digestOf(name)));
  return digests.join(' ');
}

const who = (as: TokenFor | undefined) => (as ? `${as.roles.join(',')}${as.volunteerId ? ' (a volunteer)' : ''}` : 'anonymous');

beforeAll(async () => {
  stack = await startStack();
  // The regions volunteers register in come with the volunteers subgraph's seed.
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 5 });
  [person] = await registerPeople(stack, 3000, 1);
  const { enrolVolunteers } = dataOf(await enrol(stack, 'RBI-SETUP', [itemFor(person, 'RBI-SETUP-1')]), 'enrolling the person');
  const [{ enrolment }] = enrolVolunteers.results;
  if (!enrolment) throw new Error(`the set-up batch enrolled no one: ${JSON.stringify(enrolVolunteers.results)}`);
  enrolmentId = enrolment.id;
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
      const { data, errors } = await c.send(as);
      expect({ who: who(as), code: errors?.[0].extensions?.code, field: errors?.[0].extensions?.field }).toEqual({ who: who(as), code: 'FORBIDDEN', field: undefined });
      expect(Object.values(data ?? {}).filter((v) => v !== null)).toEqual([]);
    }
    expect(await insuranceDigest()).toBe(before);

    for (const as of operation.permitted) {
      if ('field' in c) {
        const { errors } = await c.send(as);
        expect({ who: who(as), code: errors?.[0].extensions?.code, field: errors?.[0].extensions?.field }).toEqual({ who: who(as), code: 'BAD_USER_INPUT', field: c.field });
        // Refused input writes nothing, for those who may use the operation too.
        expect(await insuranceDigest()).toBe(before);
      } else {
        const { enrolVolunteers } = dataOf(await c.send(as));
        expect(enrolVolunteers.results.map((r) => [r.status, r.reason])).toEqual([['REJECTED', c.rejected]]);
      }
    }
  });
});

describe('what was refused left the enrolment as it was', () => {
  it('is still ACTIVE and uncancelled after every refused cancellation', async () => {
    const [row]: { status: string; cancelled_by: string | null }[] = await stack.insurance.db.dataSource.query(`SELECT status, cancelled_by FROM enrolments WHERE id = $1`, [enrolmentId]);
    expect(row).toEqual({ status: 'ACTIVE', cancelled_by: null });
  });
});
