import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, parse, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { seedRegions } from '@vg/volunteers';
import { builders } from './builders';
import {
  ProjectsAttemptAcceptServiceRequestDocument,
  ProjectsAttemptAddProjectAwardDocument,
  ProjectsAttemptAddToDemonstrationLibraryDocument,
  ProjectsAttemptCancelActivityDocument,
  ProjectsAttemptCancelServiceRequestDocument,
  ProjectsAttemptCancelSignupDocument,
  ProjectsAttemptCheckInDocument,
  ProjectsAttemptCheckOutDocument,
  ProjectsAttemptCompleteActivityDocument,
  ProjectsAttemptCompleteServiceRequestDocument,
  ProjectsAttemptCorrectServiceRecordDocument,
  ProjectsAttemptCreateActivityDocument,
  ProjectsAttemptCreateProjectDocument,
  ProjectsAttemptDispatchServiceRequestDocument,
  ProjectsAttemptFundServiceRequestDocument,
  ProjectsAttemptOrderServiceDocument,
  ProjectsAttemptPublishActivityDocument,
  ProjectsAttemptRateServiceRequestDocument,
  ProjectsAttemptRemoveFromDemonstrationLibraryDocument,
  ProjectsAttemptSignUpDocument,
} from './generated/projects-role-before-input';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * Role before input: every mutation of the projects subgraph, called anonymously and as a plain
 * registered volunteer (one who leads nothing) with invalid arguments, answers FORBIDDEN where
 * that viewer may never take it — never a validation error that reveals the rules — and writes
 * nothing. The list of mutations is read from the schema, so a new one without a case fails here.
 */

type Expected = 'FORBIDDEN' | { code: 'BAD_USER_INPUT'; field: string };
interface Case {
  /** Sends the mutation, with its invalid arguments, as `as` (anonymously when undefined). */
  send(as?: TokenFor): Promise<GraphQLResponse<Record<string, unknown>>>;
  anonymous: Expected;
  volunteer: Expected;
}

const FORBIDDEN = 'FORBIDDEN' as const;
const badInput = (field: string) => ({ code: 'BAD_USER_INPUT' as const, field });
const NOW = new Date().toISOString();

/** A case: `document` sent with `variables`, expected to answer the anonymous caller and the plain volunteer so. */
function attempt<R extends Record<string, unknown>, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V, anonymous: Expected, volunteer: Expected): Case {
  return {
    send: (as) => {
      const query: (d: TypedDocumentNode<R, V>, v: V, as?: TokenFor) => Promise<GraphQLResponse<R>> = stack.query;
      return query(document, variables, as);
    },
    anonymous,
    volunteer,
  };
}

/**
 * Invalid arguments everywhere (empty text, 0 and negative numbers, ids like "x"). Volunteer
 * actions (signing up, cancelling one's sign-up, one's own check-in/out, accepting and completing
 * requests) and resident actions (ordering, rating, cancelling one's request) are open to the
 * volunteer, so their malformed arguments are theirs to hear about; checking someone else in or
 * out is not.
 */
const CASES: Record<string, Case> = {
  createProject: attempt(ProjectsAttemptCreateProjectDocument, { input: { name: '', teamId: 'x', theme: 'ELDERLY_CARE', regionCode: '' } }, FORBIDDEN, FORBIDDEN),
  addToDemonstrationLibrary: attempt(ProjectsAttemptAddToDemonstrationLibraryDocument, {}, FORBIDDEN, FORBIDDEN),
  removeFromDemonstrationLibrary: attempt(ProjectsAttemptRemoveFromDemonstrationLibraryDocument, {}, FORBIDDEN, FORBIDDEN),
  addProjectAward: attempt(ProjectsAttemptAddProjectAwardDocument, {}, FORBIDDEN, FORBIDDEN),
  createActivity: attempt(ProjectsAttemptCreateActivityDocument, { input: { projectId: 'x', stationId: 'x', title: '', startsAt: NOW, endsAt: NOW, capacity: 0 } }, FORBIDDEN, FORBIDDEN),
  publishActivity: attempt(ProjectsAttemptPublishActivityDocument, {}, FORBIDDEN, FORBIDDEN),
  cancelActivity: attempt(ProjectsAttemptCancelActivityDocument, {}, FORBIDDEN, FORBIDDEN),
  completeActivity: attempt(ProjectsAttemptCompleteActivityDocument, {}, FORBIDDEN, FORBIDDEN),
  signUp: attempt(ProjectsAttemptSignUpDocument, {}, FORBIDDEN, badInput('activityId')),
  cancelSignup: attempt(ProjectsAttemptCancelSignupDocument, {}, FORBIDDEN, badInput('activityId')),
  checkIn: attempt(ProjectsAttemptCheckInDocument, {}, FORBIDDEN, FORBIDDEN),
  checkOut: attempt(ProjectsAttemptCheckOutDocument, {}, FORBIDDEN, FORBIDDEN),
  correctServiceRecord: attempt(ProjectsAttemptCorrectServiceRecordDocument, {}, FORBIDDEN, FORBIDDEN),
  orderService: attempt(ProjectsAttemptOrderServiceDocument, {}, badInput('input.title'), badInput('input.title')),
  dispatchServiceRequest: attempt(ProjectsAttemptDispatchServiceRequestDocument, {}, FORBIDDEN, FORBIDDEN),
  fundServiceRequest: attempt(ProjectsAttemptFundServiceRequestDocument, {}, FORBIDDEN, FORBIDDEN),
  acceptServiceRequest: attempt(ProjectsAttemptAcceptServiceRequestDocument, {}, FORBIDDEN, badInput('id')),
  completeServiceRequest: attempt(ProjectsAttemptCompleteServiceRequestDocument, {}, FORBIDDEN, badInput('id')),
  rateServiceRequest: attempt(ProjectsAttemptRateServiceRequestDocument, {}, FORBIDDEN, badInput('id')),
  cancelServiceRequest: attempt(ProjectsAttemptCancelServiceRequestDocument, {}, FORBIDDEN, badInput('id')),
};

/**
 * Every field of `type Mutation` (and its extensions) in the projects subgraph's schema, but the
 * `@inaccessible` ones: those are not in the public graph (internal services call them directly,
 * as SERVICE; their role check is tested there), and the gateway refuses them (tested below).
 */
function schemaMutations(internal = false): string[] {
  const document = parse(readFileSync(join(__dirname, '../../services/projects/schema.graphql'), 'utf8'));
  return document.definitions
    .filter((d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation')
    .flatMap((d) => d.fields ?? [])
    .filter((f) => (f.directives ?? []).some((directive) => directive.name.value === 'inaccessible') === internal)
    .map((f) => f.name.value);
}

let stack: Stack;
let plainVolunteer: TokenFor;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  // An ordinary member of a team, leading no team at all.
  const world = builders(stack);
  plainVolunteer = (await world.volunteer().inTeam(await world.team())).as;
}, 120_000);
afterAll(() => stack?.stop());

/** Rows of every table of the projects database. */
async function rowCounts(): Promise<Record<string, number>> {
  const db = stack.projects.db.dataSource;
  const tables: { name: string }[] = await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }]: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  return counts;
}

it('has a case for every mutation in the schema', () => {
  expect(Object.keys(CASES).sort()).toEqual(schemaMutations().sort());
});

it.each(schemaMutations(true))('the gateway refuses the internal %s (not in the public graph), even for ADMIN', async (mutation) => {
  const { data, errors } = await stack.query(`mutation { ${mutation}(input: {}) { id } }`, {}, { roles: ['ADMIN'], sub: 'admin' });
  expect(data).toBeUndefined();
  expect(errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

describe.each(schemaMutations())('%s', (mutation) => {
  it.each(['anonymous', 'volunteer'] as const)('answers the %s caller as it should before reading the input, and writes nothing', async (who) => {
    const entry = CASES[mutation];
    expect(entry).toBeDefined();
    const before = await rowCounts();
    const { data, errors } = await entry.send(who === 'volunteer' ? plainVolunteer : undefined);
    expect(data?.[mutation] ?? null).toBeNull();
    const expected = entry[who];
    expect(errors?.[0].extensions).toMatchObject(expected === FORBIDDEN ? { code: 'FORBIDDEN' } : expected);
    expect(await rowCounts()).toEqual(before);
  });
});
