import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { startStack, type Stack, type TokenFor } from './testkit';

/**
 * Role before input: every mutation of the projects subgraph, called anonymously and as a plain
 * registered volunteer (one who leads nothing) with invalid arguments, answers FORBIDDEN where
 * that viewer may never take it — never a validation error that reveals the rules — and writes
 * nothing. The list of mutations is read from the schema, so a new one without a case fails here.
 */

type Expected = 'FORBIDDEN' | { code: 'BAD_USER_INPUT'; field: string };
interface Case {
  query: string;
  variables: Record<string, unknown>;
  anonymous: Expected;
  volunteer: Expected;
}

const FORBIDDEN = 'FORBIDDEN' as const;
const badInput = (field: string) => ({ code: 'BAD_USER_INPUT' as const, field });
const NOW = new Date().toISOString();

/**
 * Invalid arguments everywhere (empty text, 0 and negative numbers, ids like "x"). Volunteer
 * actions (signing up, cancelling one's sign-up, one's own check-in/out, accepting and completing
 * requests) and resident actions (ordering, rating, cancelling one's request) are open to the
 * volunteer, so their malformed arguments are theirs to hear about; checking someone else in or
 * out is not.
 */
const CASES: Record<string, Case> = {
  createProject: {
    query: 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
    variables: { input: { name: '', teamId: 'x', theme: 'ELDERLY_CARE', regionCode: '' } },
    anonymous: FORBIDDEN,
    volunteer: FORBIDDEN,
  },
  addToDemonstrationLibrary: {
    query: 'mutation { addToDemonstrationLibrary(projectId: "x", reason: "") { id } }',
    variables: {},
    anonymous: FORBIDDEN,
    volunteer: FORBIDDEN,
  },
  removeFromDemonstrationLibrary: {
    query: 'mutation { removeFromDemonstrationLibrary(projectId: "x", reason: "") { id } }',
    variables: {},
    anonymous: FORBIDDEN,
    volunteer: FORBIDDEN,
  },
  addProjectAward: {
    query: 'mutation { addProjectAward(projectId: "x", input: { title: "", rank: "", level: CITY, year: 0 }) { id } }',
    variables: {},
    anonymous: FORBIDDEN,
    volunteer: FORBIDDEN,
  },
  createActivity: {
    query: 'mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }',
    variables: { input: { projectId: 'x', stationId: 'x', title: '', startsAt: NOW, endsAt: NOW, capacity: 0 } },
    anonymous: FORBIDDEN,
    volunteer: FORBIDDEN,
  },
  publishActivity: { query: 'mutation { publishActivity(id: "x") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: FORBIDDEN },
  cancelActivity: { query: 'mutation { cancelActivity(id: "x", reason: "") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: FORBIDDEN },
  completeActivity: { query: 'mutation { completeActivity(id: "x") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: FORBIDDEN },
  signUp: { query: 'mutation { signUp(activityId: "x") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: badInput('activityId') },
  cancelSignup: { query: 'mutation { cancelSignup(activityId: "x") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: badInput('activityId') },
  checkIn: { query: 'mutation { checkIn(activityId: "x", volunteerId: "x") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: FORBIDDEN },
  checkOut: {
    query: 'mutation { checkOut(activityId: "x", input: { volunteerId: "x", servedParty: "", personInCharge: "" }) { id } }',
    variables: {},
    anonymous: FORBIDDEN,
    volunteer: FORBIDDEN,
  },
  correctServiceRecord: {
    query: 'mutation { correctServiceRecord(id: "x", input: { hours: -1, content: "", reason: "" }) { id } }',
    variables: {},
    anonymous: FORBIDDEN,
    volunteer: FORBIDDEN,
  },
  orderService: {
    query: 'mutation { orderService(input: { title: "", address: "", regionCode: "" }) { id } }',
    variables: {},
    anonymous: badInput('input.title'),
    volunteer: badInput('input.title'),
  },
  dispatchServiceRequest: { query: 'mutation { dispatchServiceRequest(id: "x", teamId: "x", note: "") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: FORBIDDEN },
  fundServiceRequest: { query: 'mutation { fundServiceRequest(id: "x", amount: -1) { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: FORBIDDEN },
  acceptServiceRequest: { query: 'mutation { acceptServiceRequest(id: "x") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: badInput('id') },
  completeServiceRequest: { query: 'mutation { completeServiceRequest(id: "x", input: { hours: 0 }) { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: badInput('id') },
  rateServiceRequest: { query: 'mutation { rateServiceRequest(id: "x", rating: 0) { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: badInput('id') },
  cancelServiceRequest: { query: 'mutation { cancelServiceRequest(id: "x", reason: "") { id } }', variables: {}, anonymous: FORBIDDEN, volunteer: badInput('id') },
};

/** Every field of `type Mutation` (and its extensions) in the projects subgraph's schema. */
function schemaMutations(): string[] {
  const document = parse(readFileSync(join(__dirname, '../../services/projects/schema.graphql'), 'utf8'));
  return document.definitions
    .filter((d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation')
    .flatMap((d) => d.fields ?? [])
    .map((f) => f.name.value);
}

let stack: Stack;
let plainVolunteer: TokenFor;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 120 });
  const { data } = await stack.query<any>('{ teams(first: 100) { edges { node { members(first: 100) { edges { node { role volunteer { id status } } } } } } } }', undefined, { roles: ['ADMIN'] });
  const memberships = data.teams.edges.flatMap((t: any) => t.node.members.edges.map((e: any) => e.node));
  const leading = new Set(memberships.filter((m: any) => m.role !== 'MEMBER').map((m: any) => m.volunteer.id));
  // An ordinary member somewhere, leading no team at all.
  const id = memberships.find((m: any) => m.volunteer.status === 'ACTIVE' && !leading.has(m.volunteer.id)).volunteer.id;
  plainVolunteer = { roles: ['VOLUNTEER'], sub: `volunteer-${id}`, volunteerId: id };
}, 120_000);
afterAll(() => stack?.stop());

/** Rows of every table of the projects database. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = stack.projects.db.dataSource;
  const tables: { name: string }[] = await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (await db.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n;
  return counts;
}

it('has a case for every mutation in the schema', () => {
  expect(Object.keys(CASES).sort()).toEqual(schemaMutations().sort());
});

describe.each(schemaMutations())('%s', (mutation) => {
  it.each(['anonymous', 'volunteer'] as const)('answers the %s caller as it should before reading the input, and writes nothing', async (who) => {
    const entry = CASES[mutation];
    expect(entry).toBeDefined();
    const before = await rowCounts();
    const { data, errors } = await stack.query<any>(entry.query, entry.variables, who === 'volunteer' ? plainVolunteer : undefined);
    expect(data?.[mutation] ?? null).toBeNull();
    const expected = entry[who];
    expect(errors?.[0].extensions).toMatchObject(expected === FORBIDDEN ? { code: 'FORBIDDEN' } : expected);
    expect(await rowCounts()).toEqual(before);
  });
});
