import { serviceViewer } from '@vg/standards';
import { SubgraphClient } from '@vg/graphql';
import { makeIdNumber } from '@vg/standards';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { postGraphQL, startStack, type Stack } from './testkit';

const ADMIN = { roles: ['ADMIN' as const] };
const DATA_STAFF = { roles: ['DATA_STAFF' as const] };

let stack: Stack;
let pii: Pii;

beforeAll(async () => {
  stack = await startStack();
  pii = new Pii(stack.secrets.piiKeys);
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, pii, { volunteers: 400 });
});
afterAll(() => stack?.stop());

const count = async (table: string): Promise<number> =>
  Number((await stack.volunteers.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

describe('reading the graph', () => {
  const HOME = `{
    volunteers(first: 5) { totalCount edges { node { volunteerNo name region { name parent { name } } teams { name level } } } }
    stationsNear(lat: 36.81, lng: 118.05) { station { name kind } walkingMinutes distanceMeters }
  }`;

  it('answers the home query with seeded data, stations nearest first within 15 minutes', async () => {
    const { data, errors } = await stack.query<any>(HOME, undefined, DATA_STAFF);
    expect(errors).toBeUndefined();
    expect(data.volunteers.totalCount).toBe(400);
    expect(data.volunteers.edges).toHaveLength(5);
    const first = data.volunteers.edges[0].node;
    expect(first.volunteerNo).toMatch(/^ZB\d{8}$/);
    expect(first.region.parent).not.toBeNull();
    expect(data.stationsNear.length).toBeGreaterThanOrEqual(4);
    const distances = data.stationsNear.map((s: any) => s.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const near of data.stationsNear) {
      expect(near.walkingMinutes).toBeLessThanOrEqual(15);
      expect(near.walkingMinutes).toBe(Math.max(1, Math.ceil(near.distanceMeters / 80)));
    }
  });

  it('shows anonymous callers surnames only, and masked personal data', async () => {
    const { data, errors } = await stack.query<any>('{ volunteers(first: 3) { edges { node { id name idNumber phone birthDate } } } }');
    expect(errors).toBeUndefined();
    const { data: full } = await stack.query<any>('{ volunteers(first: 3) { edges { node { id name } } } }', undefined, DATA_STAFF);
    data.volunteers.edges.forEach(({ node }: any, i: number) => {
      const name: string = full.volunteers.edges[i].node.name;
      expect(node.name).toBe(name[0] + '*'.repeat([...name].length - 1));
      expect(node.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(node.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(node.birthDate).toBeNull();
    });
  });

  it('filters volunteers by region (and below), team, skill and name, paging by cursor', async () => {
    const county = '370303';
    const { data } = await stack.query<any>('query($f: VolunteerFilter) { volunteers(filter: $f, first: 100) { totalCount edges { node { region { code } } } } }', { f: { regionCode: county } }, DATA_STAFF);
    expect(data.volunteers.totalCount).toBeGreaterThan(0);
    for (const { node } of data.volunteers.edges) expect(node.region.code.startsWith(county)).toBe(true);

    const FILTERED = 'query($f: VolunteerFilter) { volunteers(filter: $f, first: 100) { totalCount edges { node { id name skills teams { id } } } } }';
    const { data: all } = await stack.query<any>('{ volunteers(first: 100) { edges { node { name skills teams { id } } } } }', undefined, DATA_STAFF);
    const sample = all.volunteers.edges.map((e: any) => e.node).find((v: any) => v.skills.length > 0 && v.teams.length > 0);
    const bySkill = await stack.query<any>(FILTERED, { f: { skill: sample.skills[0] } }, DATA_STAFF);
    expect(bySkill.data.volunteers.totalCount).toBeGreaterThan(0);
    for (const { node } of bySkill.data.volunteers.edges) expect(node.skills).toContain(sample.skills[0]);
    const byTeam = await stack.query<any>(FILTERED, { f: { teamId: sample.teams[0].id } }, DATA_STAFF);
    expect(byTeam.data.volunteers.totalCount).toBeGreaterThan(0);
    for (const { node } of byTeam.data.volunteers.edges) expect(node.teams.map((t: any) => t.id)).toContain(sample.teams[0].id);
    const surname = [...sample.name][0];
    const byName = await stack.query<any>(FILTERED, { f: { nameContains: surname, skill: sample.skills[0] } }, DATA_STAFF);
    for (const { node } of byName.data.volunteers.edges) expect(node.name).toContain(surname);
    expect(byName.data.volunteers.edges.map((e: any) => e.node.name)).toContain(sample.name);
    const wildcard = await stack.query<any>(FILTERED, { f: { nameContains: '%' } }, DATA_STAFF);
    expect(wildcard.data.volunteers.totalCount).toBe(0);

    const page1 = await stack.query<any>('{ volunteers(first: 7) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', undefined, DATA_STAFF);
    const page2 = await stack.query<any>('query($a: String) { volunteers(first: 7, after: $a) { edges { node { id } } } }', { a: page1.data.volunteers.pageInfo.endCursor }, DATA_STAFF);
    const ids1 = page1.data.volunteers.edges.map((e: any) => Number(e.node.id));
    const ids2 = page2.data.volunteers.edges.map((e: any) => Number(e.node.id));
    expect(page1.data.volunteers.pageInfo.hasNextPage).toBe(true);
    expect(Math.min(...ids2)).toBeGreaterThan(Math.max(...ids1));

    const unknown = await stack.query<any>('{ volunteers(filter: { regionCode: "999999" }) { totalCount } }', undefined, DATA_STAFF);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
    const tooMany = await stack.query<any>('{ volunteers(first: 1000) { totalCount } }', undefined, DATA_STAFF);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('walks the region tree', async () => {
    const { data } = await stack.query<any>('{ regions(level: COUNTY) { code name parent { code } } region(code: "370303") { name children { level } } }');
    expect(data.regions.map((r: any) => r.code)).toEqual(['370302', '370303', '370304', '370305', '370306', '370321', '370322', '370323']);
    expect(data.regions.every((r: any) => r.parent.code === '370300')).toBe(true);
    expect(data.region.name).toBe('张店区');
    expect(data.region.children.length).toBeGreaterThan(0);
    expect(data.region.children.every((c: any) => c.level === 'TOWN')).toBe(true);
  });
});

describe('batching', () => {
  const LIST = `query($first: Int) {
    volunteers(first: $first) { totalCount edges { node { volunteerNo name region { name parent { name } } teams { name level region { name parent { name } } } } } }
  }`;

  async function statementsToList(first: number): Promise<{ statements: string[]; withTeams: number }> {
    const statements: string[] = [];
    const stopListening = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => statements.push(sql));
    const { data, errors } = await stack.query<any>(LIST, { first }, DATA_STAFF);
    stopListening();
    expect(errors).toBeUndefined();
    expect(data.volunteers.edges).toHaveLength(first);
    return { statements, withTeams: data.volunteers.edges.filter((e: any) => e.node.teams.length > 0).length };
  }

  it('lists 10 and 100 volunteers with regions, teams and the teams\' regions in the same number of SQL statements', async () => {
    const ten = await statementsToList(10);
    const hundred = await statementsToList(100);
    // Both pages must really exercise the team path.
    expect(ten.withTeams).toBeGreaterThan(0);
    expect(hundred.withTeams).toBeGreaterThan(ten.withTeams);
    // Statement by statement (names from their /* queryName */ tags), so a failure shows which one repeats.
    const names = (statements: string[]) => statements.map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql);
    expect(names(hundred.statements)).toEqual(names(ten.statements));
    // Page, count, memberships, teams: regions come from the in-memory region directory.
    expect(names(ten.statements)).toEqual(['pageVolunteers', 'countVolunteers', 'membershipsOfVolunteers', 'teamsByIds']);
  });
});

describe('batching teams', () => {
  it('lists 10 and 50 teams with region, leader, member count and first members in the same statements', async () => {
    const TEAMS = `query($first: Int) { teams(first: $first) { edges { node { name region { name } parent { name } leader { name } memberCount members(first: 5) { totalCount edges { node { role volunteer { name } } } } } } } }`;
    async function statements(first: number) {
      const seen: string[] = [];
      const stop = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => seen.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql));
      const { data, errors } = await stack.query<any>(TEAMS, { first }, DATA_STAFF);
      stop();
      expect(errors).toBeUndefined();
      expect(data.teams.edges).toHaveLength(first);
      expect(data.teams.edges.every((e: any) => e.node.members.edges.length > 0)).toBe(true);
      return seen.sort();
    }
    expect(await statements(50)).toEqual(await statements(10));
  });
});

describe('entity references from other subgraphs', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id volunteerNo } ... on Team { id name } } }`;

  it('resolves any number of references, by id or volunteer number, duplicates included, in one statement per key kind', async () => {
    const { data } = await stack.query<any>('{ volunteers(first: 100) { edges { node { id volunteerNo } } } }', undefined, DATA_STAFF);
    const nodes: { id: string; volunteerNo: string }[] = data.volunteers.edges.map((e: any) => e.node);
    async function resolve(n: number) {
      const picked = nodes.slice(0, n);
      const representations = [
        ...picked.map((v) => ({ __typename: 'Volunteer', id: v.id })),
        ...picked.map((v) => ({ __typename: 'Volunteer', volunteerNo: v.volunteerNo })),
        ...picked.map((v) => ({ __typename: 'Volunteer', id: v.id })), // the gateway does not de-duplicate
      ];
      const statements: string[] = [];
      const stop = stack.volunteers.db.dataSource.sqlLogger.onStatement((sql) => statements.push(sql));
      const response = await postGraphQL<any>(stack.volunteers.url, ENTITIES, { r: representations });
      stop();
      expect(response.errors).toBeUndefined();
      expect(response.data._entities.map((e: any) => e.id)).toEqual([...picked, ...picked, ...picked].map((v) => v.id));
      return statements.map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1]);
    }
    expect(await resolve(10)).toEqual(['volunteersByIds', 'volunteersByNos']);
    expect(await resolve(100)).toEqual(['volunteersByIds', 'volunteersByNos']);
  });
});

describe('registering volunteers', () => {
  const REGISTER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id volunteerNo name gender birthDate idNumber phone region { code } } }`;
  // The seed never makes birth years after 2008 or 191 numbers, so these cannot clash with it.
  const idNumber = makeIdNumber('370303', '2010-05-17', 421);
  const input = { name: '王晓梅', idNumber, phone: '19105331234', regionCode: '370303', skills: ['急救'] };

  it('refuses a bad ID number, an unknown region and a missing sign-in, writing nothing', async () => {
    const before = await count('volunteers');
    const badCheck = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const bad = await stack.query<any>(REGISTER, { input: { ...input, idNumber: badCheck } }, ADMIN);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });
    expect(bad.errors?.[0].message).toMatch(/check digit/);

    const badDate = await stack.query<any>(REGISTER, { input: { ...input, idNumber: makeIdNumber('370303', '2010-02-30', 1) } }, ADMIN);
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idNumber' });

    const region = await stack.query<any>(REGISTER, { input: { ...input, regionCode: '370399' } }, ADMIN);
    expect(region.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });

    const anonymous = await stack.query<any>(REGISTER, { input });
    expect(anonymous.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const phone = await stack.query<any>(REGISTER, { input: { ...input, phone: '12345' } }, ADMIN);
    expect(phone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
    expect(await count('volunteers')).toBe(before);
  });

  it('registers once, derives gender and birth date, and refuses the same ID number again', async () => {
    const before = await count('volunteers');
    const { data, errors } = await stack.query<any>(REGISTER, { input }, ADMIN);
    expect(errors).toBeUndefined();
    expect(data.registerVolunteer).toMatchObject({ name: '王晓梅', gender: 'MALE', birthDate: '2010-05-17', idNumber, phone: '19105331234', region: { code: '370303' } });

    const again = await stack.query<any>(REGISTER, { input: { ...input, name: '别人', idNumber: idNumber.toLowerCase() } }, ADMIN);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_ID_NUMBER' });
    expect(await count('volunteers')).toBe(before + 1);
  });

  it('stores ID numbers and phones only encrypted, and shows them in full only to the volunteer, INSURER and ADMIN', async () => {
    const rows = await stack.volunteers.db.dataSource.query(`SELECT count(*)::int AS n FROM volunteers v WHERE v::text LIKE $1 OR v::text LIKE $2`, [`%${idNumber}%`, '%19105331234%']);
    expect(rows[0].n).toBe(0);

    const { data } = await stack.query<any>(`{ volunteers(filter: { nameContains: "王晓梅" }) { edges { node { id } } } }`, undefined, ADMIN);
    const id = data.volunteers.edges[0].node.id;
    const Q = `query($id: ID!) { volunteer(id: $id) { idNumber phone birthDate } }`;
    for (const viewer of [ADMIN, { roles: ['INSURER' as const] }, { roles: ['VOLUNTEER' as const], volunteerId: id }]) {
      expect((await stack.query<any>(Q, { id }, viewer)).data.volunteer).toEqual({ idNumber, phone: '19105331234', birthDate: '2010-05-17' });
    }
    for (const viewer of [{ roles: ['VOLUNTEER' as const], volunteerId: '1' }, { roles: ['TEAM_LEADER' as const] }, undefined]) {
      expect((await stack.query<any>(Q, { id }, viewer)).data.volunteer).toEqual({ idNumber: `370303********${idNumber.slice(14)}`, phone: '191****1234', birthDate: null });
    }
  });

  it('tells internal services a volunteer\'s identity hash, by number, and nobody else', async () => {
    const { data } = await stack.query<any>(`{ volunteers(filter: { nameContains: "王晓梅" }) { edges { node { volunteerNo } } } }`, undefined, ADMIN);
    const no = data.volunteers.edges[0].node.volunteerNo;
    const Q = `query($nos: [String!]!) { volunteerIdentities(volunteerNos: $nos) { volunteer { volunteerNo } name status idNumberHash } }`;
    const client = new SubgraphClient({ url: stack.volunteers.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('insurance') });
    const answer = await client.request<any>(Q, { nos: ['ZB99999999', no.toLowerCase()] });
    expect(answer.volunteerIdentities).toEqual([null, { volunteer: { volunteerNo: no }, name: '王晓梅', status: 'ACTIVE', idNumberHash: pii.idNumberHash(idNumber) }]);
    // Not in the public graph at all; and the subgraph itself refuses other callers.
    expect((await stack.query<any>(Q, { nos: [no] }, ADMIN)).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postGraphQL<any>(stack.volunteers.url, Q, { nos: [no] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a signed-in account register itself once', async () => {
    const self = { roles: ['VOLUNTEER' as const], sub: 'account-self-1' };
    const first = await stack.query<any>(REGISTER, { input: { ...input, idNumber: makeIdNumber('370302', '2011-01-09', 36), phone: null } }, self);
    expect(first.errors).toBeUndefined();
    const second = await stack.query<any>(REGISTER, { input: { ...input, idNumber: makeIdNumber('370302', '2011-01-09', 38), phone: null } }, self);
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REGISTERED' });
  });
});

describe('teams and stations', () => {
  const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name level region { code } parent { id } leader { id } memberCount } }`;

  async function cityTeamId(): Promise<string> {
    const { data } = await stack.query<any>('{ teams(filter: { level: CITY }) { edges { node { id } } } }');
    return data.teams.edges[0].node.id;
  }

  it('refuses team and station changes without the right role, writing nothing', async () => {
    const [teams, stations] = [await count('teams'), await count('stations')];
    const parentId = await cityTeamId();
    const input = { name: '张店区测试志愿服务队', level: 'COUNTY', regionCode: '370303', parentId };
    for (const viewer of [undefined, { roles: ['VOLUNTEER' as const] }, { roles: ['TEAM_LEADER' as const] }]) {
      const result = await stack.query<any>(CREATE_TEAM, { input }, viewer);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const station = await stack.query<any>(
      `mutation { createStation(input: { name: "x", kind: PARK_SQUARE, lat: 36.8, lng: 118.0, address: "x", regionCode: "370303" }) { id } }`,
      undefined,
      { roles: ['VOLUNTEER'] },
    );
    expect(station.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect([await count('teams'), await count('stations')]).toEqual([teams, stations]);
  });

  it('creates a team under a parent with a leader, who then manages its members', async () => {
    const parentId = await cityTeamId();
    const { data: vs } = await stack.query<any>('{ volunteers(first: 3, filter: { regionCode: "370305" }) { edges { node { id } } } }', undefined, ADMIN);
    const [leaderId, memberId] = vs.volunteers.edges.map((e: any) => e.node.id);

    const wrongLevel = await stack.query<any>(CREATE_TEAM, { input: { name: '临淄区队', level: 'COUNTY', regionCode: '370305001', parentId } }, ADMIN);
    expect(wrongLevel.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });

    const { data, errors } = await stack.query<any>(CREATE_TEAM, { input: { name: '临淄区齐文化志愿服务队', level: 'COUNTY', regionCode: '370305', parentId, leaderVolunteerId: leaderId } }, { roles: ['CENTRE_DISPATCHER'] });
    expect(errors).toBeUndefined();
    expect(data.createTeam).toMatchObject({ level: 'COUNTY', region: { code: '370305' }, parent: { id: parentId }, leader: { id: leaderId }, memberCount: 1 });
    const teamId = data.createTeam.id;

    const duplicate = await stack.query<any>(CREATE_TEAM, { input: { name: '临淄区齐文化志愿服务队', level: 'COUNTY', regionCode: '370305', parentId } }, ADMIN);
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');

    const ADD = `mutation($t: ID!, $v: ID!, $r: TeamRole) { addTeamMember(teamId: $t, volunteerId: $v, role: $r) { role volunteer { id } team { memberCount } } }`;
    const otherLeader = await stack.query<any>(ADD, { t: teamId, v: memberId }, { roles: ['TEAM_LEADER'], volunteerId: memberId });
    expect(otherLeader.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const leader = { roles: ['TEAM_LEADER' as const], volunteerId: leaderId };
    const added = await stack.query<any>(ADD, { t: teamId, v: memberId }, leader);
    expect(added.data.addTeamMember).toEqual({ role: 'MEMBER', volunteer: { id: memberId }, team: { memberCount: 2 } });
    expect((await stack.query<any>(ADD, { t: teamId, v: memberId }, leader)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const secondLeader = await stack.query<any>(ADD, { t: teamId, v: vs.volunteers.edges[2].node.id, r: 'LEADER' }, ADMIN);
    expect(secondLeader.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'TEAM_HAS_LEADER' });

    const REMOVE = `mutation($t: ID!, $v: ID!) { removeTeamMember(teamId: $t, volunteerId: $v) { memberCount } }`;
    expect((await stack.query<any>(REMOVE, { t: teamId, v: leaderId }, ADMIN)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await stack.query<any>(REMOVE, { t: teamId, v: memberId }, leader)).data.removeTeamMember).toEqual({ memberCount: 1 });
    expect((await stack.query<any>(REMOVE, { t: teamId, v: memberId }, leader)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('creates a station that the 15-minute circle then finds', async () => {
    const { data, errors } = await stack.query<any>(
      `mutation { createStation(input: { name: "测试公园志愿服务站", kind: PARK_SQUARE, lat: 36.2, lng: 118.3, address: "测试路1号", regionCode: "370323", openingHours: "08:00-18:00" }) { id region { name } } }`,
      undefined,
      { roles: ['STATION_STAFF'] },
    );
    expect(errors).toBeUndefined();
    const near = await stack.query<any>('{ stationsNear(lat: 36.2045, lng: 118.3, walkingMinutes: 10) { station { id } distanceMeters walkingMinutes } }');
    expect(near.data.stationsNear).toEqual([{ station: { id: data.createStation.id }, distanceMeters: 500, walkingMinutes: 7 }]);
    const farther = await stack.query<any>('{ stationsNear(lat: 36.2045, lng: 118.3, walkingMinutes: 5) { station { id } } }');
    expect(farther.data.stationsNear).toEqual([]);
  });
});
