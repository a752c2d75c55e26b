import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { dataOf } from './builders';
import {
  CountiesAndRegionChildrenDocument,
  FirstVolunteersPersonalDataDocument,
  TeamsWithFirstMembersDocument,
  VolunteerIdsPageDocument,
  VolunteersAndStationsHomeDocument,
  VolunteersFilteredDocument,
  VolunteersWithTeamRegionsDocument,
  type VolunteersFilteredQueryVariables,
} from './generated/volunteers';
import { postGraphQL, startStack, type Stack, type TokenFor } from './testkit';

// Reading the seeded graph: lists, filters, the region tree, batching and entity references.
// Registering volunteers: volunteers-registering.e2e.test.ts; teams and stations: volunteers-teams.e2e.test.ts.

const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'] };

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 400 });
});
afterAll(() => stack?.stop());

/** The names of the statements (from their /* queryName *\/ tags), so a failure shows which one repeats. */
const names = (statements: string[]) => statements.map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql);

describe('reading the graph', () => {
  it('answers the home query with seeded data, stations nearest first within 15 minutes', async () => {
    const { volunteers, stationsNear } = dataOf(await stack.query(VolunteersAndStationsHomeDocument, undefined, DATA_STAFF));
    expect(volunteers.totalCount).toBe(400);
    expect(volunteers.edges).toHaveLength(5);
    const first = volunteers.edges[0].node;
    expect(first.volunteerNo).toMatch(/^ZB\d{8}$/);
    expect(first.region.parent).not.toBeNull();
    expect(stationsNear.length).toBeGreaterThanOrEqual(4);
    const distances = stationsNear.map((s) => s.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const near of stationsNear) {
      expect(near.walkingMinutes).toBeLessThanOrEqual(15);
      expect(near.walkingMinutes).toBe(Math.max(1, Math.ceil(near.distanceMeters / 80)));
    }
  });

  it('shows anonymous callers surnames only, and masked personal data', async () => {
    const masked = dataOf(await stack.query(FirstVolunteersPersonalDataDocument));
    const full = dataOf(await stack.query(FirstVolunteersPersonalDataDocument, undefined, DATA_STAFF));
    expect(masked.volunteers.edges).toHaveLength(3);
    masked.volunteers.edges.forEach(({ node }, i) => {
      const name = full.volunteers.edges[i].node.name;
      expect(node.name).toBe(name[0] + '*'.repeat([...name].length - 1));
      expect(node.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(node.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(node.birthDate).toBeNull();
    });
  });

  it('filters volunteers by region (and below), team, skill and name, paging by cursor', async () => {
    const filtered = (variables: VolunteersFilteredQueryVariables) => stack.query(VolunteersFilteredDocument, variables, DATA_STAFF);
    const county = '370303';
    const inCounty = dataOf(await filtered({ filter: { regionCode: county } })).volunteers;
    expect(inCounty.totalCount).toBeGreaterThan(0);
    for (const { node } of inCounty.edges) expect(node.region.code.startsWith(county)).toBe(true);

    const all = dataOf(await filtered({})).volunteers;
    const sample = all.edges.map((e) => e.node).find((v) => v.skills.length > 0 && v.teams.length > 0);
    if (!sample) throw new Error('the seed has no volunteer with skills in a team');
    const bySkill = dataOf(await filtered({ filter: { skill: sample.skills[0] } })).volunteers;
    expect(bySkill.totalCount).toBeGreaterThan(0);
    for (const { node } of bySkill.edges) expect(node.skills).toContain(sample.skills[0]);
    const byTeam = dataOf(await filtered({ filter: { teamId: sample.teams[0].id } })).volunteers;
    expect(byTeam.totalCount).toBeGreaterThan(0);
    for (const { node } of byTeam.edges) expect(node.teams.map((t) => t.id)).toContain(sample.teams[0].id);
    const surname = [...sample.name][0];
    const byName = dataOf(await filtered({ filter: { nameContains: surname, skill: sample.skills[0] } })).volunteers;
    for (const { node } of byName.edges) expect(node.name).toContain(surname);
    expect(byName.edges.map((e) => e.node.name)).toContain(sample.name);
    const wildcard = dataOf(await filtered({ filter: { nameContains: '%' } })).volunteers;
    expect(wildcard.totalCount).toBe(0);

    const page1 = dataOf(await stack.query(VolunteerIdsPageDocument, undefined, DATA_STAFF)).volunteers;
    const page2 = dataOf(await stack.query(VolunteerIdsPageDocument, { after: page1.pageInfo.endCursor }, DATA_STAFF)).volunteers;
    const ids1 = page1.edges.map((e) => Number(e.node.id));
    const ids2 = page2.edges.map((e) => Number(e.node.id));
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(Math.min(...ids2)).toBeGreaterThan(Math.max(...ids1));

    const unknown = await filtered({ filter: { regionCode: '999999' } });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
    const tooMany = await filtered({ first: 1000 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('walks the region tree', async () => {
    const { regions, region } = dataOf(await stack.query(CountiesAndRegionChildrenDocument, { code: '370303' }));
    expect(regions.map((r) => r.code)).toEqual(['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323']);
    expect(regions.every((r) => r.parent?.code === '370300')).toBe(true);
    expect(region?.name).toBe('张店区');
    expect(region?.children.length).toBeGreaterThan(0);
    expect(region?.children.every((c) => c.level === 'TOWN')).toBe(true);
  });
});

describe('batching', () => {
  async function statementsToList(first: number): Promise<{ statements: string[]; withTeams: number }> {
    const statements: string[] = [];
    const stopListening = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => statements.push(sql));
    const response = await stack.query(VolunteersWithTeamRegionsDocument, { first }, DATA_STAFF);
    stopListening();
    const { volunteers } = dataOf(response);
    expect(volunteers.edges).toHaveLength(first);
    return { statements, withTeams: volunteers.edges.filter((e) => e.node.teams.length > 0).length };
  }

  it("lists 10 and 100 volunteers with regions, teams and the teams' regions in the same number of SQL statements", async () => {
    const ten = await statementsToList(10);
    const hundred = await statementsToList(100);
    // Both pages must really exercise the team path.
    expect(ten.withTeams).toBeGreaterThan(0);
    expect(hundred.withTeams).toBeGreaterThan(ten.withTeams);
    // Statement by statement, so a failure shows which one repeats.
    expect(names(hundred.statements)).toEqual(names(ten.statements));
    // Page, count, memberships, teams: regions come from the in-memory region directory.
    expect(names(ten.statements)).toEqual(['pageVolunteers', 'countVolunteers', 'membershipsOfVolunteers', 'teamsByIds']);
  });
});

describe('batching teams', () => {
  it('lists 10 and 50 teams with region, leader, member count and first members in the same statements', async () => {
    async function statements(first: number) {
      const seen: string[] = [];
      const stop = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => seen.push(sql));
      const response = await stack.query(TeamsWithFirstMembersDocument, { first }, DATA_STAFF);
      stop();
      const { teams } = dataOf(response);
      expect(teams.edges).toHaveLength(first);
      expect(teams.edges.every((e) => e.node.members.edges.length > 0)).toBe(true);
      return names(seen).sort();
    }
    expect(await statements(50)).toEqual(await statements(10));
  });
});

describe('entity references from other subgraphs', () => {
  // Straight to the subgraph: `_entities` is federation plumbing, not in the public schema, so it stays a string with its own result type.
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id volunteerNo } ... on Team { id name } } }`;

  it('resolves any number of references, by id or volunteer number, duplicates included, in one statement per key kind', async () => {
    const { volunteers } = dataOf(await stack.query(VolunteersFilteredDocument, { first: 100 }, DATA_STAFF));
    const nodes = volunteers.edges.map((e) => e.node);
    async function resolve(n: number) {
      const picked = nodes.slice(0, n);
      const representations = [
        ...picked.map((v) => ({ __typename: 'Volunteer', id: v.id })),
        ...picked.map((v) => ({ __typename: 'Volunteer', volunteerNo: v.volunteerNo })),
        ...picked.map((v) => ({ __typename: 'Volunteer', id: v.id })), // the gateway does not de-duplicate
      ];
      const statements: string[] = [];
      const stop = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => statements.push(sql));
      const response = await postGraphQL<{ _entities: ({ id: string; volunteerNo: string } | null)[] }>(stack.volunteers.url, ENTITIES, { r: representations }, stack.viewerHeader());
      stop();
      expect(dataOf(response)._entities.map((e) => e?.id)).toEqual([...picked, ...picked, ...picked].map((v) => v.id));
      return statements.map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1]);
    }
    expect(await resolve(10)).toEqual(['volunteersByIds', 'volunteersByNos']);
    expect(await resolve(100)).toEqual(['volunteersByIds', 'volunteersByNos']);
  });
});
