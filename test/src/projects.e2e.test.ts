import { serviceViewer } from '@vg/standards';
import { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { seedProjectsDatabase } from '@vg/projects';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { postGraphQL, startStack, type Stack } from './testkit';

const ADMIN = { roles: ['ADMIN' as const], sub: 'admin-city-1' };
const DATA_STAFF = { roles: ['DATA_STAFF' as const] };

let stack: Stack;
let seeded: Awaited<ReturnType<typeof seedProjectsDatabase>>;
const seedStatements: string[] = [];
let seedMs = 0;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 400 });
  const started = Date.now();
  const stop = stack.projects.db.dataSource.sqlLogger.onStatement((sql) => seedStatements.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql.slice(0, 30)));
  seeded = await seedProjectsDatabase(
    stack.projects.db.dataSource,
    new SubgraphClient({ url: stack.volunteers.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('test') }),
    { contactKeys: stack.secrets.piiKeys, logger: silentLogger() },
  );
  stop();
  seedMs = Date.now() - started;
}, 120_000);
afterAll(() => stack?.stop());

const projectsDb = () => stack.projects.db.dataSource;
const count = async (table: string): Promise<number> => Number((await projectsDb().query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
const names = (statements: string[]) => statements.map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql);

/** Every project with its library history, through the gateway (pages of 100). */
async function allProjects(): Promise<{ id: string; name: string; inDemonstrationLibrary: boolean; demonstrationHistory: { action: string; at: string }[] }[]> {
  const nodes = [];
  for (let after: string | null = null; ; ) {
    const { data, errors }: { data?: any; errors?: unknown[] } = await stack.query<any>(
      'query($a: String) { projects(first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { node { id name inDemonstrationLibrary demonstrationHistory { action at } } } } }',
      { a: after },
    );
    expect(errors).toBeUndefined();
    nodes.push(...data.projects.edges.map((e: any) => e.node));
    if (!data.projects.pageInfo.hasNextPage) return nodes;
    after = data.projects.pageInfo.endCursor;
  }
}

describe('the demo seed over the real volunteers subgraph', () => {
  it('seeds brands, ~120 projects and ~3,000 activities referring to real teams and stations', async () => {
    expect(seeded).toMatchObject({ seeded: true, brands: 10, projects: 120, activities: 3000, serviceRequests: 210 });
    const teams = await stack.volunteers.db.dataSource.query('SELECT id FROM teams');
    const stations = await stack.volunteers.db.dataSource.query('SELECT id FROM stations');
    const [unknown] = await projectsDb().query(
      `SELECT (SELECT count(*)::int FROM projects WHERE NOT team_id = ANY($1::bigint[])) AS teams,
              (SELECT count(*)::int FROM activities WHERE NOT station_id = ANY($2::bigint[])) AS stations`,
      [teams.map((t: { id: string }) => t.id), stations.map((s: { id: string }) => s.id)],
    );
    expect(unknown).toEqual({ teams: 0, stations: 0 });
    expect(seedMs).toBeLessThan(60_000);
  });

  it('writes each table in one statement, however many rows (~50,000 sign-ups, ~37,000 records)', () => {
    expect(seeded).toMatchObject({ signups: expect.any(Number), serviceRecords: expect.any(Number) });
    expect((seeded as Record<string, number>).signups).toBeGreaterThan(10_000);
    expect(seedStatements).toEqual([
      'seedHasBrands', 'START TRANSACTION', 'seedLock', 'seedHasBrands', 'seedLockTables', 'seedReserveIds', 'seedBrands', 'seedProjects', 'seedProjectAwards',
      'seedDemonstrationLibraryChanges', 'seedActivities', 'seedSignups', 'seedServiceRecords', 'seedClaimFeedSequences', 'seedServiceRecordChanges',
      'seedServiceRequests', 'seedServiceRequestEvents', 'COMMIT',
    ]);
  });
});

describe('brands and projects', () => {
  it('lists brands regional first, then by name, each with its projects', async () => {
    const { data, errors } = await stack.query<any>('{ brands { id name kind regionCode projects { name } } regional: brands(kind: REGIONAL) { name } }');
    expect(errors).toBeUndefined();
    const kinds = data.brands.map((b: any) => b.kind);
    expect(kinds).toEqual([...kinds].sort((a: string, b: string) => (a === b ? 0 : a === 'REGIONAL' ? -1 : 1)));
    expect(data.regional.map((b: any) => b.name).sort()).toEqual(['沂源红', '焦桐花开', '红火炬', '齐有爱'].sort());
    expect(data.brands.find((b: any) => b.name === '齐有爱').regionCode).toBe('370305');
    expect(data.brands.filter((b: any) => b.projects.length > 0).length).toBeGreaterThan(5);

    const one = data.brands.find((b: any) => b.name === '护学岗');
    const brand = await stack.query<any>('query($id: ID!) { brand(id: $id) { name projects { name brand { name } } } }', { id: one.id });
    expect(brand.data.brand.projects.length).toBe(one.projects.length);
    expect(brand.data.brand.projects.every((p: any) => p.brand.name === '护学岗' && p.name.endsWith('护学岗'))).toBe(true);
  });

  it('shows the gold-medal projects with their award and organising team (from the volunteers subgraph)', async () => {
    const { data, errors } = await stack.query<any>(
      '{ projects(filter: { nameContains: "长者食堂" }) { totalCount edges { node { name theme inDemonstrationLibrary awards { title rank level year } team { id name } } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.projects.totalCount).toBe(1);
    expect(data.projects.edges[0].node).toMatchObject({
      name: '长者食堂多效互助',
      theme: 'ELDERLY_CARE',
      inDemonstrationLibrary: true,
      awards: [{ title: '第七届中国青年志愿服务项目大赛', rank: '金奖', level: 'NATIONAL', year: 2024 }],
      team: { name: '淄博市志愿服务联合会' },
    });
  });

  it('filters by brand, team, theme, region (a city code covers its counties), library and name, paging by cursor', async () => {
    const FILTERED = 'query($f: ProjectFilter, $first: Int) { projects(filter: $f, first: $first) { totalCount edges { node { id name theme regionCode inDemonstrationLibrary brand { id } team { id } } } } }';
    const total = (await stack.query<any>(FILTERED, { first: 1 })).data.projects.totalCount;
    expect(total).toBe(120);
    expect((await stack.query<any>(FILTERED, { f: { regionCode: '370300' }, first: 1 })).data.projects.totalCount).toBe(120);

    const linzi = (await stack.query<any>(FILTERED, { f: { regionCode: '370305' }, first: 100 })).data.projects;
    expect(linzi.totalCount).toBeGreaterThan(0);
    expect(linzi.totalCount).toBeLessThan(120);
    expect(linzi.edges.every((e: any) => e.node.regionCode.startsWith('370305'))).toBe(true);

    const sample = linzi.edges[0].node;
    for (const f of [{ teamId: sample.team.id }, { theme: sample.theme }, { inDemonstrationLibrary: true }, { regionCode: sample.regionCode }]) {
      const { data } = await stack.query<any>(FILTERED, { f, first: 100 });
      expect(data.projects.totalCount).toBeGreaterThan(0);
      for (const { node } of data.projects.edges) {
        if ('teamId' in f) expect(node.team.id).toBe(f.teamId);
        if ('theme' in f) expect(node.theme).toBe(f.theme);
        if ('inDemonstrationLibrary' in f) expect(node.inDemonstrationLibrary).toBe(true);
        if ('regionCode' in f) expect(node.regionCode.startsWith(f.regionCode)).toBe(true);
      }
    }
    const combined = await stack.query<any>(FILTERED, { f: { regionCode: '370305', theme: sample.theme, nameContains: sample.name.slice(0, 3) }, first: 100 });
    expect(combined.data.projects.edges.map((e: any) => e.node.id)).toContain(sample.id);
    expect((await stack.query<any>(FILTERED, { f: { nameContains: '%' } })).data.projects.totalCount).toBe(0);
    expect((await stack.query<any>(FILTERED, { f: { nameContains: '_' } })).data.projects.totalCount).toBe(0);

    const bad = await stack.query<any>(FILTERED, { f: { regionCode: '3703' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });

    const PAGE = 'query($a: String) { projects(first: 7, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }';
    const page1 = (await stack.query<any>(PAGE)).data.projects;
    const page2 = (await stack.query<any>(PAGE, { a: page1.pageInfo.endCursor })).data.projects;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(Math.min(...page2.edges.map((e: any) => Number(e.node.id)))).toBeGreaterThan(Math.max(...page1.edges.map((e: any) => Number(e.node.id))));
  });

  it('lists 10 and 100 projects with brands, awards and library history in the same statements, counting only when asked', async () => {
    const LIST = 'query($first: Int) { projects(first: $first) { edges { node { name brand { name } awards { title } inDemonstrationLibrary demonstrationHistory { action } } } } }';
    async function statementsToList(first: number): Promise<string[]> {
      const statements: string[] = [];
      const stop = projectsDb().sqlLogger.onStatement((sql) => statements.push(sql));
      const { data, errors } = await stack.query<any>(LIST, { first });
      stop();
      expect(errors).toBeUndefined();
      expect(data.projects.edges).toHaveLength(first);
      return names(statements);
    }
    const ten = await statementsToList(10);
    expect(await statementsToList(100)).toEqual(ten);
    expect([...ten].sort()).toEqual(['awardsOfProjects', 'brandsByIds', 'demonstrationHistoryOfProjects', 'pageProjects']);
  });

  it('lists each project\'s activities, batched across projects, paging like Query.activities', async () => {
    const LIST = 'query($first: Int) { projects(first: $first) { edges { node { id activities(first: 3) { totalCount edges { node { startsAt } } } } } } }';
    async function statementsToList(first: number): Promise<{ statements: string[]; nodes: any[] }> {
      const statements: string[] = [];
      const stop = projectsDb().sqlLogger.onStatement((sql) => statements.push(sql));
      const { data, errors } = await stack.query<any>(LIST, { first });
      stop();
      expect(errors).toBeUndefined();
      return { statements: names(statements), nodes: data.projects.edges.map((e: any) => e.node) };
    }
    const ten = await statementsToList(10);
    const hundred = await statementsToList(100);
    expect(hundred.statements).toEqual(ten.statements);
    expect(hundred.nodes.filter((p) => p.activities.edges.length === 3).length).toBeGreaterThan(50);

    const busiest = hundred.nodes.reduce((a, b) => (b.activities.totalCount > a.activities.totalCount ? b : a));
    const [{ n }] = await projectsDb().query('SELECT count(*)::int AS n FROM activities WHERE project_id = $1', [busiest.id]);
    expect(busiest.activities.totalCount).toBe(n);
    const PAGE = 'query($id: ID!, $a: String) { project(id: $id) { activities(first: 5, after: $a) { edges { node { id } } pageInfo { endCursor hasNextPage } } } }';
    const page1 = (await stack.query<any>(PAGE, { id: busiest.id })).data.project.activities;
    const page2 = (await stack.query<any>(PAGE, { id: busiest.id, a: page1.pageInfo.endCursor })).data.project.activities;
    const listed = await stack.query<any>('query($id: ID!) { activities(filter: { projectId: $id }, first: 10) { edges { node { id } } } }', { id: busiest.id });
    expect([...page1.edges, ...page2.edges].map((e: any) => e.node.id)).toEqual(listed.data.activities.edges.map((e: any) => e.node.id));
  });

  it('resolves project and brand references from other subgraphs in one statement per type, duplicates included', async () => {
    const { data } = await stack.query<any>('{ projects(first: 50) { edges { node { id brand { id } } } } }');
    const ids: string[] = data.projects.edges.map((e: any) => e.node.id);
    const brandIds: string[] = data.projects.edges.flatMap((e: any) => (e.node.brand ? [e.node.brand.id] : []));
    const representations = [...ids, ...ids].map((id) => ({ __typename: 'Project', id })).concat(brandIds.map((id) => ({ __typename: 'Brand', id })));
    const statements: string[] = [];
    const stop = projectsDb().sqlLogger.onStatement((sql) => statements.push(sql));
    const response = await postGraphQL<any>(stack.projects.url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id } ... on Brand { id } } }', { r: representations });
    stop();
    expect(response.errors).toBeUndefined();
    expect(response.data._entities.map((e: any) => e.id)).toEqual(representations.map((r) => r.id));
    expect(names(statements).sort()).toEqual(['brandsByIds', 'projectsByIds']);
  });

  it('extends Team with its projects: the team\'s name from volunteers, its projects from projects', async () => {
    const { data: listed } = await stack.query<any>('{ projects(filter: { nameContains: "适老安居" }) { edges { node { team { id } } } } }');
    const teamId = listed.projects.edges[0].node.team.id;
    const { data, errors } = await stack.query<any>('query($id: ID!) { team(id: $id) { name projects { name } } }', { id: teamId });
    expect(errors).toBeUndefined();
    expect(data.team.name).toBe('淄博市志愿服务联合会');
    expect(data.team.projects.map((p: any) => p.name)).toEqual(expect.arrayContaining(['长者食堂多效互助', '适老安居规划师']));
    const [{ n }] = await projectsDb().query('SELECT count(*)::int AS n FROM projects WHERE team_id = $1', [teamId]);
    expect(data.team.projects).toHaveLength(n);

    const { data: many } = await stack.query<any>('{ teams(first: 30) { edges { node { name projects { name } } } } }', undefined, DATA_STAFF);
    expect(many.teams.edges.filter((e: any) => e.node.projects.length > 0).length).toBeGreaterThan(20);
  });
});

describe('the city demonstration library', () => {
  const ADD = 'mutation($p: ID!, $r: String!) { addToDemonstrationLibrary(projectId: $p, reason: $r) { id inDemonstrationLibrary demonstrationHistory { action reason by } } }';
  const REMOVE = 'mutation($p: ID!, $r: String!) { removeFromDemonstrationLibrary(projectId: $p, reason: $r) { id inDemonstrationLibrary demonstrationHistory { action reason by } } }';

  /** The library at the end of `year` (now, when undefined), from each project's history. */
  function expectedLibrary(projects: Awaited<ReturnType<typeof allProjects>>, before?: number): string[] {
    return projects
      .filter((p) => {
        const past = p.demonstrationHistory.filter((c) => before === undefined || Date.parse(c.at) < before);
        return past.at(-1)?.action === 'ADDED';
      })
      .map((p) => p.id);
  }

  it('answers demonstrationProjects(year) from the history: projects removed in 2025 were still in it at the end of 2024', async () => {
    const projects = await allProjects();
    const end2024 = Date.parse('2025-01-01T00:00:00+08:00');
    const { data, errors } = await stack.query<any>('{ y2024: demonstrationProjects(year: 2024) { id } now: demonstrationProjects { id inDemonstrationLibrary } y2023: demonstrationProjects(year: 2023) { id } }');
    expect(errors).toBeUndefined();
    expect(data.y2024.map((p: any) => p.id)).toEqual(expectedLibrary(projects, end2024));
    expect(data.now.map((p: any) => p.id)).toEqual(expectedLibrary(projects));
    expect(data.now.every((p: any) => p.inDemonstrationLibrary)).toBe(true);
    expect(data.now.length).toBe(projects.filter((p) => p.inDemonstrationLibrary).length);
    expect(data.y2023).toEqual([]);
    const removedSince = data.y2024.filter((p: any) => !data.now.some((q: any) => q.id === p.id));
    expect(removedSince.length).toBeGreaterThan(0);
    expect((await stack.query<any>('{ demonstrationProjects(year: 1800) { id } }')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('refuses non-admins and bad input, writing nothing', async () => {
    const [project] = (await allProjects()).filter((p) => !p.inDemonstrationLibrary);
    const before = [await count('demonstration_library_changes'), await count('projects WHERE in_demonstration_library')];
    for (const viewer of [undefined, DATA_STAFF, { roles: ['TEAM_LEADER' as const] }, { roles: ['VOLUNTEER' as const] }]) {
      const result = await stack.query<any>(ADD, { p: project.id, r: '推荐入库' }, viewer);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await stack.query<any>(ADD, { p: project.id, r: '  ' }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await stack.query<any>(ADD, { p: 'x1', r: '推荐' }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    expect((await stack.query<any>(ADD, { p: '999999', r: '推荐' }, ADMIN)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect([await count('demonstration_library_changes'), await count('projects WHERE in_demonstration_library')]).toEqual(before);
  });

  it('adds and removes with the reason kept in the history; adding twice or removing what is not in it is CONFLICT', async () => {
    const [project] = (await allProjects()).filter((p) => !p.inDemonstrationLibrary && p.demonstrationHistory.length === 0);
    const added = await stack.query<any>(ADD, { p: project.id, r: '2026年度市级示范项目评审入库' }, ADMIN);
    expect(added.errors).toBeUndefined();
    expect(added.data.addToDemonstrationLibrary).toEqual({ id: project.id, inDemonstrationLibrary: true, demonstrationHistory: [{ action: 'ADDED', reason: '2026年度市级示范项目评审入库', by: 'admin-city-1' }] });
    const now = await stack.query<any>('{ demonstrationProjects { id } }');
    expect(now.data.demonstrationProjects.map((p: any) => p.id)).toContain(project.id);

    const again = await stack.query<any>(ADD, { p: project.id, r: '重复' }, ADMIN);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_IN_LIBRARY' });

    const removed = await stack.query<any>(REMOVE, { p: project.id, r: '年度复核未通过' }, ADMIN);
    expect(removed.data.removeFromDemonstrationLibrary.inDemonstrationLibrary).toBe(false);
    expect(removed.data.removeFromDemonstrationLibrary.demonstrationHistory.map((c: any) => `${c.action}:${c.reason}`)).toEqual(['ADDED:2026年度市级示范项目评审入库', 'REMOVED:年度复核未通过']);
    const twice = await stack.query<any>(REMOVE, { p: project.id, r: '再次调出' }, ADMIN);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_IN_LIBRARY' });
    const [{ n }] = await projectsDb().query('SELECT count(*)::int AS n FROM demonstration_library_changes WHERE project_id = $1', [project.id]);
    expect(n).toBe(2);
  });

  it('lets exactly one of many concurrent additions succeed', async () => {
    const [project] = (await allProjects()).filter((p) => !p.inDemonstrationLibrary && p.demonstrationHistory.length === 0);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => stack.query<any>(ADD, { p: project.id, r: `并发入库 ${i}` }, ADMIN)));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT').length).toBe(7);
    const [{ n }] = await projectsDb().query('SELECT count(*)::int AS n FROM demonstration_library_changes WHERE project_id = $1', [project.id]);
    expect(n).toBe(1);
  });
});

describe('creating projects and recording awards', () => {
  const CREATE = 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id name theme regionCode inDemonstrationLibrary brand { name } team { id name } awards { title } } }';
  let team: { id: string; regionCode: string; leaderId: string };
  let otherLeaderId: string;

  beforeAll(async () => {
    const { data } = await stack.query<any>('{ teams(first: 20, filter: { level: COUNTY }) { edges { node { id region { code } leader { id } } } } }', undefined, ADMIN);
    const [first, second] = data.teams.edges.map((e: any) => e.node);
    team = { id: first.id, regionCode: first.region.code, leaderId: first.leader.id };
    otherLeaderId = second.leader.id;
  });

  it('lets ADMIN and the team\'s own leader create projects, and refuses other leaders and volunteers', async () => {
    const input = { name: '测试·邻里互助', teamId: team.id, theme: 'COMMUNITY_GOVERNANCE', regionCode: team.regionCode };
    const before = await count('projects');
    for (const viewer of [undefined, { roles: ['VOLUNTEER' as const], volunteerId: team.leaderId }, { roles: ['TEAM_LEADER' as const], volunteerId: otherLeaderId }, { roles: ['TEAM_LEADER' as const] }]) {
      expect((await stack.query<any>(CREATE, { input }, viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count('projects')).toBe(before);

    const { data: brands } = await stack.query<any>('{ brands(kind: PROJECT) { id name } }');
    const brand = brands.brands.find((b: any) => b.name === '明理胡同');
    const byLeader = await stack.query<any>(CREATE, { input: { ...input, brandId: brand.id, regionCode: `${team.regionCode}001` } }, { roles: ['TEAM_LEADER'], volunteerId: team.leaderId });
    expect(byLeader.errors).toBeUndefined();
    expect(byLeader.data.createProject).toMatchObject({ name: '测试·邻里互助', theme: 'COMMUNITY_GOVERNANCE', inDemonstrationLibrary: false, brand: { name: '明理胡同' }, team: { id: team.id }, awards: [] });
    expect(byLeader.data.createProject.team.name).toMatch(/志愿服务联合会$/);

    const byAdmin = await stack.query<any>(CREATE, { input: { ...input, name: '测试·文明交通' } }, ADMIN);
    expect(byAdmin.errors).toBeUndefined();
    const duplicate = await stack.query<any>(CREATE, { input: { ...input, name: ' 测试·文明交通 ' } }, ADMIN);
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_PROJECT' });
    expect(await count('projects')).toBe(before + 2);
  });

  it('names the field of bad input and writes nothing', async () => {
    const input = { name: '测试·坏输入', teamId: team.id, theme: 'ELDERLY_CARE', regionCode: team.regionCode };
    const before = await count('projects');
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '   ' }, 'input.name'],
      [{ name: '长'.repeat(101) }, 'input.name'],
      [{ teamId: '999999' }, 'input.teamId'],
      [{ teamId: 'abc' }, 'input.teamId'],
      [{ brandId: '999999' }, 'input.brandId'],
      [{ regionCode: '37030' }, 'input.regionCode'],
      [{ regionCode: team.regionCode === '370305' ? '370306' : '370305' }, 'input.regionCode'],
    ];
    for (const [change, field] of cases) {
      const result = await stack.query<any>(CREATE, { input: { ...input, ...change } }, ADMIN);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count('projects')).toBe(before);
  });

  it('records awards (ADMIN), refusing duplicates, future years and other roles', async () => {
    const AWARD = 'mutation($p: ID!, $input: ProjectAwardInput!) { addProjectAward(projectId: $p, input: $input) { awards { title rank level year } } }';
    const { data } = await stack.query<any>('{ projects(filter: { nameContains: "测试·文明交通" }) { edges { node { id } } } }');
    const id = data.projects.edges[0].node.id;
    const award = { title: '淄博市志愿服务项目大赛', rank: '二等奖', level: 'CITY', year: 2025 };
    expect((await stack.query<any>(AWARD, { p: id, input: award }, DATA_STAFF)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const added = await stack.query<any>(AWARD, { p: id, input: award }, ADMIN);
    expect(added.data.addProjectAward.awards).toEqual([award]);
    expect((await stack.query<any>(AWARD, { p: id, input: { ...award, rank: '一等奖' } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_AWARD' });
    expect((await stack.query<any>(AWARD, { p: id, input: { ...award, year: 2999 } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect((await stack.query<any>(AWARD, { p: id, input: { ...award, title: '' } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const [{ n }] = await projectsDb().query('SELECT count(*)::int AS n FROM project_awards WHERE project_id = $1', [id]);
    expect(n).toBe(1);
  });
});
