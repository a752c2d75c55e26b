import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, parse, print, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { seedRegions } from '@vg/volunteers';
import { builders } from './builders';
import {
  AddTeamMemberRoleDocument,
  CreateStationIdDocument,
  CreateTeamIdDocument,
  RegisterVolunteerIdDocument,
  RemoveTeamMemberTeamIdDocument,
  UpdateVolunteerIdDocument,
  type CreateStationInput,
  type CreateTeamInput,
  type RegisterVolunteerInput,
  type UpdateVolunteerInput,
} from './generated/volunteers-role-before-input';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * "Role before input": a caller who may not run a mutation gets FORBIDDEN whatever the input, so
 * the error never teaches the rules. Every mutation of the volunteers schema needs an entry here
 * (the schema is parsed, so a new mutation without one fails), tried anonymously and as a plain
 * volunteer who leads nothing, with input that is wrong in every way it can be.
 */
const SCHEMA = readFileSync(join(__dirname, '../../services/volunteers/schema.graphql'), 'utf8');

function mutationNames(sdl: string): string[] {
  return parse(sdl)
    .definitions.filter(
      (d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Mutation',
    )
    .flatMap((d) => (d.fields ?? []).map((f) => f.name.value));
}

type Who = 'anonymous' | 'plainVolunteer' | 'unlinkedAccount' | 'nonLeadingLeader';
interface Attempt<V> {
  as: Who;
  /** Ids known only after setup: the plain volunteer, another volunteer, a team the plain volunteer does not lead. */
  variables: (ids: Ids) => V;
  /** The error expected: FORBIDDEN where the viewer may not; otherwise what an allowed caller's bad input gets. */
  code: string;
  reason?: string;
  /** For allowed callers: the field the domain names, so the error is ours and not the variables' coercion. */
  field?: string;
}
interface Ids {
  plain: string;
  leader: string;
  team: string;
}
/** A mutation's attempts, each sent as the document with its (typed) variables. */
interface MutationCase {
  attempts: (Omit<Attempt<unknown>, 'variables'> & { send: (ids: Ids, as?: TokenFor) => Promise<GraphQLResponse> })[];
}

/** Types each attempt's variables by the document's; the case then sends the printed document. */
function mutationCase<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, attempts: Attempt<V>[]): MutationCase {
  const source = print(document);
  return { attempts: attempts.map(({ variables, ...attempt }) => ({ ...attempt, send: (ids, as) => stack.query(source, variables(ids), as) })) };
}

const BAD_VOLUNTEER = { name: ' ', idNumber: '12345', phone: '42', regionCode: 'nowhere', skills: ['x'.repeat(99)] } satisfies RegisterVolunteerInput;
const BAD_UPDATE = { name: ' ', phone: '42', regionCode: 'nowhere', skills: ['x'.repeat(99)] } satisfies UpdateVolunteerInput;
const BAD_TEAM = { name: '', level: 'COUNTY', regionCode: 'nowhere', parentId: 'not-an-id', leaderVolunteerId: '-1', description: 'x'.repeat(5000) } satisfies CreateTeamInput;
const BAD_STATION = { name: '', kind: 'PARK_SQUARE', lat: 999, lng: -999, address: '', regionCode: 'nowhere', operatingTeamId: 'not-an-id' } satisfies CreateStationInput;

const CASES: Record<string, MutationCase> = {
  registerVolunteer: mutationCase(RegisterVolunteerIdDocument, [
    { as: 'anonymous', variables: () => ({ input: BAD_VOLUNTEER }), code: 'FORBIDDEN' },
    // Allowed to any signed-in account: one that is already a volunteer learns just that…
    { as: 'plainVolunteer', variables: () => ({ input: BAD_VOLUNTEER }), code: 'CONFLICT', reason: 'ALREADY_REGISTERED' },
    // …and one that is not yet gets the input checked.
    { as: 'unlinkedAccount', variables: () => ({ input: BAD_VOLUNTEER }), code: 'BAD_USER_INPUT', field: 'input.name' },
  ]),
  updateVolunteer: mutationCase(UpdateVolunteerIdDocument, [
    { as: 'anonymous', variables: ({ plain }) => ({ id: plain, input: BAD_UPDATE }), code: 'FORBIDDEN' },
    { as: 'anonymous', variables: () => ({ id: 'not-an-id', input: BAD_UPDATE }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: ({ leader }) => ({ id: leader, input: BAD_UPDATE }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: () => ({ id: 'not-an-id', input: BAD_UPDATE }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: ({ plain }) => ({ id: plain, input: { ...BAD_UPDATE, status: 'ACTIVE' } }), code: 'FORBIDDEN' },
    // The volunteer themself may: then (and only then) the input is checked.
    { as: 'plainVolunteer', variables: ({ plain }) => ({ id: plain, input: BAD_UPDATE }), code: 'BAD_USER_INPUT', field: 'input.name' },
  ]),
  createTeam: mutationCase(CreateTeamIdDocument, [
    { as: 'anonymous', variables: () => ({ input: BAD_TEAM }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: () => ({ input: BAD_TEAM }), code: 'FORBIDDEN' },
    { as: 'nonLeadingLeader', variables: () => ({ input: BAD_TEAM }), code: 'FORBIDDEN' },
  ]),
  addTeamMember: mutationCase(AddTeamMemberRoleDocument, [
    { as: 'anonymous', variables: () => ({ teamId: 'not-an-id', volunteerId: 'not-an-id' }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: () => ({ teamId: 'not-an-id', volunteerId: 'not-an-id' }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: ({ team }) => ({ teamId: team, volunteerId: 'not-an-id' }), code: 'FORBIDDEN' },
    { as: 'nonLeadingLeader', variables: ({ team }) => ({ teamId: team, volunteerId: 'not-an-id' }), code: 'FORBIDDEN' },
  ]),
  removeTeamMember: mutationCase(RemoveTeamMemberTeamIdDocument, [
    { as: 'anonymous', variables: () => ({ teamId: 'not-an-id', volunteerId: 'not-an-id' }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: () => ({ teamId: 'not-an-id', volunteerId: 'not-an-id' }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: ({ team, leader }) => ({ teamId: team, volunteerId: leader }), code: 'FORBIDDEN' },
    { as: 'nonLeadingLeader', variables: ({ team }) => ({ teamId: team, volunteerId: 'not-an-id' }), code: 'FORBIDDEN' },
  ]),
  createStation: mutationCase(CreateStationIdDocument, [
    { as: 'anonymous', variables: () => ({ input: BAD_STATION }), code: 'FORBIDDEN' },
    { as: 'plainVolunteer', variables: () => ({ input: BAD_STATION }), code: 'FORBIDDEN' },
  ]),
};

let stack: Stack;
let ids: Ids;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  // A CITY team with a leader, and a plain volunteer who leads nothing.
  const team = await world.team({ level: 'CITY', region: '370300', name: '淄博市测试志愿服务队' });
  const leader = await world.volunteer({ name: '吴领' }).inTeam(team).asLeader();
  const plain = await world.volunteer({ name: '周平' });
  ids = { plain: plain.id, leader: leader.id, team: team.id };
});
afterAll(() => stack?.stop());

function viewer(who: Who): TokenFor | undefined {
  switch (who) {
    case 'anonymous':
      return undefined;
    case 'plainVolunteer':
      return { roles: ['VOLUNTEER'], sub: 'account-plain', volunteerId: ids.plain };
    case 'unlinkedAccount':
      return { roles: ['VOLUNTEER'], sub: 'account-unregistered' };
    case 'nonLeadingLeader':
      return { roles: ['TEAM_LEADER', 'VOLUNTEER'], sub: 'account-plain', volunteerId: ids.plain };
  }
}

/** Everything the volunteers subgraph writes, as one digest: any insert, update or delete changes it. */
async function fingerprint(): Promise<string> {
  const tables = ['volunteers', 'teams', 'team_memberships', 'stations'];
  const parts = tables.map((t) => `(SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) FROM ${t} r)`);
  const [{ digest }]: { digest: string }[] = await stack.volunteers.db.dataSource.query(`SELECT ${parts.join(' || ')} AS digest`);
  return digest;
}

describe('role before input', () => {
  const names = mutationNames(SCHEMA);

  it('finds the mutations in the schema', () => {
    expect(names).toEqual(expect.arrayContaining(['registerVolunteer', 'createTeam']));
  });

  it.each(names)('%s: has a case tried anonymously and as a plain volunteer', (name) => {
    const entry = CASES[name];
    expect(entry).toBeDefined();
    const who = entry.attempts.map((a) => a.as);
    expect(who).toContain('anonymous');
    expect(who).toContain('plainVolunteer');
    // Anonymous callers may run no volunteers mutation at all.
    expect(entry.attempts.filter((a) => a.as === 'anonymous').every((a) => a.code === 'FORBIDDEN')).toBe(true);
  });

  it.each(names.filter((n) => CASES[n]))('%s: refuses unauthorised callers with FORBIDDEN whatever the input, writing nothing', async (name) => {
    for (const attempt of CASES[name].attempts) {
      const before = await fingerprint();
      const { data, errors } = await attempt.send(ids, viewer(attempt.as));
      const extensions = errors?.[0]?.extensions;
      const seen = { as: attempt.as, code: extensions?.code, reason: extensions?.reason, field: attempt.field && extensions?.field };
      expect(seen).toEqual({ as: attempt.as, code: attempt.code, reason: attempt.reason, field: attempt.field });
      expect(data?.[name] ?? null).toBeNull();
      expect(await fingerprint()).toBe(before);
    }
  });
});
