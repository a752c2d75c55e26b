import { serviceViewer } from '@vg/standards';
import { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { seedProjectsDatabase } from '@vg/projects';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { builders, dataOf, type BuiltTeam, type BuiltVolunteer } from './builders';
import {
  ActivityIdsOfProjectDocument,
  AddProjectAwardDocument,
  AddToDemonstrationLibraryDocument,
  BrandProjectsDocument,
  BrandsOfKindDocument,
  BrandsWithProjectsDocument,
  CreateProjectWithDetailsDocument,
  DemonstrationLibraryByYearDocument,
  DemonstrationProjectsDocument,
  FilteredProjectsDocument,
  ProjectActivitiesPageDocument,
  ProjectAndBrandIdsDocument,
  ProjectIdsPageDocument,
  ProjectsAwardedDocument,
  ProjectsWithActivitiesDocument,
  ProjectsWithHistoryDocument,
  ProjectsWithLibraryDocument,
  RemoveFromDemonstrationLibraryDocument,
  TeamOfProjectNamedDocument,
  TeamProjectsDocument,
  TeamsWithProjectsDocument,
  type CreateProjectInput,
  type ProjectAwardInput,
  type ProjectFilter,
  type ProjectsWithHistoryQuery,
} from './generated/projects';
import { postGraphQL, startStack, type Stack, type TokenFor } from './testkit';

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-city-1' };
const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'] };

let stack: Stack;
let seeded: Awaited<ReturnType<typeof seedProjectsDatabase>>;
const seedStatements: string[] = [];
let seedMs = 0;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 400 });
  const started = Date.now();
  const stop = stack.projects.db.dataSource.sqlLogger.onStatement((sql) => seedStatements.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql.slice(0, 30)));
  seeded = await seedProjectsDatabase(stack.projects.db.dataSource, new SubgraphClient({ url: stack.volunteers.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('test') }), {
    contactKeys: stack.secrets.piiKeys,
    logger: silentLogger(),
  });
  stop();
  seedMs = Date.now() - started;
}, 120_000);
afterAll(() => stack?.stop());

const projectsDb = () => stack.projects.db.dataSource;
const count = async (table: string): Promise<number> => {
  const [{ n }]: { n: number }[] = await projectsDb().query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
};
/** How many rows of `table` belong to the project. */
const rowsOfProject = async (table: string, projectId: string): Promise<number> => {
  const [{ n }]: { n: number }[] = await projectsDb().query(`SELECT count(*)::int AS n FROM ${table} WHERE project_id = $1`, [projectId]);
  return n;
};
const names = (statements: string[]) => statements.map((sql) => /\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql);

type ProjectWithHistory = ProjectsWithHistoryQuery['projects']['edges'][number]['node'];

/** Every project with its library history, through the gateway (pages of 100). */
async function allProjects(): Promise<ProjectWithHistory[]> {
  const nodes: ProjectWithHistory[] = [];
  for (let after: string | null = null; ;) {
    const { projects }: ProjectsWithHistoryQuery = dataOf(await stack.query(ProjectsWithHistoryDocument, { after }));
    nodes.push(...projects.edges.map((e) => e.node));
    if (!projects.pageInfo.hasNextPage) return nodes;
    after = projects.pageInfo.endCursor;
  }
}

describe('the demo seed over the real volunteers subgraph', () => {
  it('seeds brands, ~120 projects and ~3,000 activities referring to real teams and stations', async () => {
    expect(seeded).toMatchObject({ seeded: true, brands: 10, projects: 120, activities: 3000, serviceRequests: 210 });
    const teams: { id: string }[] = await stack.volunteers.db.dataSource.query('SELECT id FROM teams');
    const stations: { id: string }[] = await stack.volunteers.db.dataSource.query('SELECT id FROM stations');
    const [unknown] = await projectsDb().query(
      `SELECT (SELECT count(*)::int FROM projects WHERE NOT team_id = ANY($1::bigint[])) AS teams,
              (SELECT count(*)::int FROM activities WHERE NOT station_id = ANY($2::bigint[])) AS stations`,
      [teams.map((t) => t.id), stations.map((s) => s.id)],
    );
    expect(unknown).toEqual({ teams: 0, stations: 0 });
    expect(seedMs).toBeLessThan(60_000);
  });

  it('writes each table in one statement, however many rows (~50,000 sign-ups, ~37,000 records)', () => {
    expect(seeded).toMatchObject({ signups: expect.any(Number), serviceRecords: expect.any(Number) });
    expect((seeded as Record<string, number>).signups).toBeGreaterThan(10_000);
    expect(seedStatements).toEqual([
      'seedHasBrands',
      'START TRANSACTION',
      'seedLock',
      'seedHasBrands',
      'seedLockTables',
      'seedReserveIds',
      'seedBrands',
      'seedProjects',
      'seedProjectAwards',
      'seedDemonstrationLibraryChanges',
      'seedActivities',
      'seedSignups',
      'seedServiceRecords',
      'seedServiceRequests',
      'seedServiceRequestRecords',
      'seedClaimFeedSequences',
      'seedServiceRecordChanges',
      'seedServiceRequestEvents',
      'COMMIT',
    ]);
  });
});

describe('brands and projects', () => {
  it('lists brands regional first, then by name, each with its projects', async () => {
    const data = dataOf(await stack.query(BrandsWithProjectsDocument));
    const kinds = data.brands.map((b) => b.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => (a === b ? 0 : a === 'REGIONAL' ? -1 : 1)));
    expect(data.regional.map((b) => b.name).sort()).toEqual(['沂源红', '焦桐花开', '红火炬', '齐有爱'].sort());
    expect(data.brands.find((b) => b.name === '齐有爱')?.regionCode).toBe('370305');
    expect(data.brands.filter((b) => b.projects.length > 0).length).toBeGreaterThan(5);

    const [one] = data.brands.filter((b) => b.name === '护学岗');
    const { brand } = dataOf(await stack.query(BrandProjectsDocument, { id: one.id }));
    expect(brand?.projects.length).toBe(one.projects.length);
    expect(brand?.projects.every((p) => p.brand?.name === '护学岗' && p.name.endsWith('护学岗'))).toBe(true);
  });

  it('shows the gold-medal projects with their award and organising team (from the volunteers subgraph)', async () => {
    const { projects } = dataOf(await stack.query(ProjectsAwardedDocument, { nameContains: '长者食堂' }));
    expect(projects.totalCount).toBe(1);
    expect(projects.edges[0].node).toMatchObject({
      name: '长者食堂多效互助',
      theme: 'ELDERLY_CARE',
      inDemonstrationLibrary: true,
      awards: [{ title: '第七届中国青年志愿服务项目大赛', rank: '金奖', level: 'NATIONAL', year: 2024 }],
      team: { name: '淄博市志愿服务联合会' },
    });
  });

  it('filters by brand, team, theme, region (a city code covers its counties), library and name, paging by cursor', async () => {
    const filtered = async (filter?: ProjectFilter, first?: number) => dataOf(await stack.query(FilteredProjectsDocument, { filter, first })).projects;
    expect((await filtered(undefined, 1)).totalCount).toBe(120);
    expect((await filtered({ regionCode: '370300' }, 1)).totalCount).toBe(120);

    const linzi = await filtered({ regionCode: '370305' }, 100);
    expect(linzi.totalCount).toBeGreaterThan(0);
    expect(linzi.totalCount).toBeLessThan(120);
    expect(linzi.edges.every((e) => e.node.regionCode.startsWith('370305'))).toBe(true);

    const sample = linzi.edges[0].node;
    const filters: ProjectFilter[] = [{ teamId: sample.team.id }, { theme: sample.theme }, { inDemonstrationLibrary: true }, { regionCode: sample.regionCode }];
    for (const f of filters) {
      const projects = await filtered(f, 100);
      expect(projects.totalCount).toBeGreaterThan(0);
      for (const { node } of projects.edges) {
        if (f.teamId) expect(node.team.id).toBe(f.teamId);
        if (f.theme) expect(node.theme).toBe(f.theme);
        if (f.inDemonstrationLibrary) expect(node.inDemonstrationLibrary).toBe(true);
        if (f.regionCode) expect(node.regionCode.startsWith(String(f.regionCode))).toBe(true);
      }
    }
    const combined = await filtered({ regionCode: '370305', theme: sample.theme, nameContains: sample.name.slice(0, 3) }, 100);
    expect(combined.edges.map((e) => e.node.id)).toContain(sample.id);
    expect((await filtered({ nameContains: '%' })).totalCount).toBe(0);
    expect((await filtered({ nameContains: '_' })).totalCount).toBe(0);

    const bad = await stack.query(FilteredProjectsDocument, { filter: { regionCode: '3703' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });

    const page1 = dataOf(await stack.query(ProjectIdsPageDocument)).projects;
    const page2 = dataOf(await stack.query(ProjectIdsPageDocument, { after: page1.pageInfo.endCursor })).projects;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(Math.min(...page2.edges.map((e) => Number(e.node.id)))).toBeGreaterThan(Math.max(...page1.edges.map((e) => Number(e.node.id))));
  });

  it('lists 10 and 100 projects with brands, awards and library history in the same statements, counting only when asked', async () => {
    async function statementsToList(first: number): Promise<string[]> {
      const statements: string[] = [];
      const stop = projectsDb().sqlLogger.onStatement((sql) => statements.push(sql));
      const response = await stack.query(ProjectsWithLibraryDocument, { first });
      stop();
      expect(dataOf(response).projects.edges).toHaveLength(first);
      return names(statements);
    }
    const ten = await statementsToList(10);
    expect(await statementsToList(100)).toEqual(ten);
    expect([...ten].sort()).toEqual(['awardsOfProjects', 'brandsByIds', 'demonstrationHistoryOfProjects', 'pageProjects']);
  });

  it("lists each project's activities, batched across projects, paging like Query.activities", async () => {
    async function statementsToList(first: number) {
      const statements: string[] = [];
      const stop = projectsDb().sqlLogger.onStatement((sql) => statements.push(sql));
      const response = await stack.query(ProjectsWithActivitiesDocument, { first });
      stop();
      return { statements: names(statements), nodes: dataOf(response).projects.edges.map((e) => e.node) };
    }
    const ten = await statementsToList(10);
    const hundred = await statementsToList(100);
    expect(hundred.statements).toEqual(ten.statements);
    expect(hundred.nodes.filter((p) => p.activities.edges.length === 3).length).toBeGreaterThan(50);

    const busiest = hundred.nodes.reduce((a, b) => (b.activities.totalCount > a.activities.totalCount ? b : a));
    expect(busiest.activities.totalCount).toBe(await rowsOfProject('activities', busiest.id));
    const activitiesPage = async (after?: string | null) => {
      const { project } = dataOf(await stack.query(ProjectActivitiesPageDocument, { id: busiest.id, after }));
      if (!project) throw new Error(`project ${busiest.id} not found`);
      return project.activities;
    };
    const page1 = await activitiesPage();
    const page2 = await activitiesPage(page1.pageInfo.endCursor);
    const listed = dataOf(await stack.query(ActivityIdsOfProjectDocument, { projectId: busiest.id }));
    expect([...page1.edges, ...page2.edges].map((e) => e.node.id)).toEqual(listed.activities.edges.map((e) => e.node.id));
  });

  it('resolves project and brand references from other subgraphs in one statement per type, duplicates included', async () => {
    const { projects } = dataOf(await stack.query(ProjectAndBrandIdsDocument));
    const ids = projects.edges.map((e) => e.node.id);
    const brandIds = projects.edges.flatMap((e) => (e.node.brand ? [e.node.brand.id] : []));
    const representations = [...ids, ...ids].map((id) => ({ __typename: 'Project', id })).concat(brandIds.map((id) => ({ __typename: 'Brand', id })));
    const statements: string[] = [];
    const stop = projectsDb().sqlLogger.onStatement((sql) => statements.push(sql));
    // Straight to the subgraph: `_entities` is federation plumbing, not in the public schema, so it stays a string with its own result type.
    const response = await postGraphQL<{ _entities: ({ id: string } | null)[] }>(
      stack.projects.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id } ... on Brand { id } } }',
      { r: representations },
      stack.viewerHeader(),
    );
    stop();
    expect(dataOf(response)._entities.map((e) => e?.id)).toEqual(representations.map((r) => r.id));
    expect(names(statements).sort()).toEqual(['brandsByIds', 'projectsByIds']);
  });

  it("extends Team with its projects: the team's name from volunteers, its projects from projects", async () => {
    const listed = dataOf(await stack.query(TeamOfProjectNamedDocument, { nameContains: '适老安居' }));
    const teamId = listed.projects.edges[0].node.team.id;
    const { team } = dataOf(await stack.query(TeamProjectsDocument, { id: teamId }));
    expect(team?.name).toBe('淄博市志愿服务联合会');
    expect(team?.projects.map((p) => p.name)).toEqual(expect.arrayContaining(['长者食堂多效互助', '适老安居规划师']));
    const [{ n }]: { n: number }[] = await projectsDb().query('SELECT count(*)::int AS n FROM projects WHERE team_id = $1', [teamId]);
    expect(team?.projects).toHaveLength(n);

    const many = dataOf(await stack.query(TeamsWithProjectsDocument, undefined, DATA_STAFF));
    expect(many.teams.edges.filter((e) => e.node.projects.length > 0).length).toBeGreaterThan(20);
  });
});

describe('the city demonstration library', () => {
  const add = (projectId: string, reason: string, as?: TokenFor) => stack.query(AddToDemonstrationLibraryDocument, { projectId, reason }, as);
  const remove = (projectId: string, reason: string, as?: TokenFor) => stack.query(RemoveFromDemonstrationLibraryDocument, { projectId, reason }, as);

  /** The library at the end of `year` (now, when undefined), from each project's history. */
  function expectedLibrary(projects: ProjectWithHistory[], before?: number): string[] {
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
    const data = dataOf(await stack.query(DemonstrationLibraryByYearDocument));
    expect(data.y2024.map((p) => p.id)).toEqual(expectedLibrary(projects, end2024));
    expect(data.now.map((p) => p.id)).toEqual(expectedLibrary(projects));
    expect(data.now.every((p) => p.inDemonstrationLibrary)).toBe(true);
    expect(data.now.length).toBe(projects.filter((p) => p.inDemonstrationLibrary).length);
    expect(data.y2023).toEqual([]);
    const removedSince = data.y2024.filter((p) => !data.now.some((q) => q.id === p.id));
    expect(removedSince.length).toBeGreaterThan(0);
    expect((await stack.query(DemonstrationProjectsDocument, { year: 1800 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('refuses non-admins and bad input, writing nothing', async () => {
    const [project] = (await allProjects()).filter((p) => !p.inDemonstrationLibrary);
    const before = [await count('demonstration_library_changes'), await count('projects WHERE in_demonstration_library')];
    for (const viewer of [undefined, DATA_STAFF, { roles: ['TEAM_LEADER'] }, { roles: ['VOLUNTEER'] }] satisfies (TokenFor | undefined)[]) {
      const result = await add(project.id, '推荐入库', viewer);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await add(project.id, '  ', ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await add('x1', '推荐', ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    expect((await add('999999', '推荐', ADMIN)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect([await count('demonstration_library_changes'), await count('projects WHERE in_demonstration_library')]).toEqual(before);
  });

  it('adds and removes with the reason kept in the history; adding twice or removing what is not in it is CONFLICT', async () => {
    const [project] = (await allProjects()).filter((p) => !p.inDemonstrationLibrary && p.demonstrationHistory.length === 0);
    const added = dataOf(await add(project.id, '2026年度市级示范项目评审入库', ADMIN));
    expect(added.addToDemonstrationLibrary).toEqual({
      id: project.id,
      inDemonstrationLibrary: true,
      demonstrationHistory: [{ action: 'ADDED', reason: '2026年度市级示范项目评审入库', by: 'admin-city-1' }],
    });
    const now = dataOf(await stack.query(DemonstrationProjectsDocument));
    expect(now.demonstrationProjects.map((p) => p.id)).toContain(project.id);

    const again = await add(project.id, '重复', ADMIN);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_IN_LIBRARY' });

    const { removeFromDemonstrationLibrary: removed } = dataOf(await remove(project.id, '年度复核未通过', ADMIN));
    expect(removed.inDemonstrationLibrary).toBe(false);
    expect(removed.demonstrationHistory.map((c) => `${c.action}:${c.reason}`)).toEqual(['ADDED:2026年度市级示范项目评审入库', 'REMOVED:年度复核未通过']);
    const twice = await remove(project.id, '再次调出', ADMIN);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_IN_LIBRARY' });
    expect(await rowsOfProject('demonstration_library_changes', project.id)).toBe(2);
  });

  it('lets exactly one of many concurrent additions succeed', async () => {
    const [project] = (await allProjects()).filter((p) => !p.inDemonstrationLibrary && p.demonstrationHistory.length === 0);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => add(project.id, `并发入库 ${i}`, ADMIN)));
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT').length).toBe(7);
    expect(await rowsOfProject('demonstration_library_changes', project.id)).toBe(1);
  });
});

describe('creating projects and recording awards', () => {
  const create = (input: CreateProjectInput, as?: TokenFor) => stack.query(CreateProjectWithDetailsDocument, { input }, as);
  let team: BuiltTeam;
  let leader: BuiltVolunteer;
  let otherLeader: BuiltVolunteer;

  beforeAll(async () => {
    const world = builders(stack);
    team = await world.team({ level: 'COUNTY', region: '370303' });
    leader = await world.volunteer().inTeam(team).asLeader();
    otherLeader = await world
      .volunteer()
      .inTeam(await world.team({ level: 'COUNTY', region: '370303' }))
      .asLeader();
  });

  it("lets ADMIN and the team's own leader create projects, and refuses other leaders and volunteers", async () => {
    const input = { name: '测试·邻里互助', teamId: team.id, theme: 'COMMUNITY_GOVERNANCE', regionCode: team.regionCode } satisfies CreateProjectInput;
    const before = await count('projects');
    for (const viewer of [undefined, { roles: ['VOLUNTEER'], volunteerId: leader.id }, otherLeader.as, { roles: ['TEAM_LEADER'] }] satisfies (TokenFor | undefined)[]) {
      expect((await create(input, viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count('projects')).toBe(before);

    const { brands } = dataOf(await stack.query(BrandsOfKindDocument, { kind: 'PROJECT' }));
    const [brand] = brands.filter((b) => b.name === '明理胡同');
    const byLeader = dataOf(await create({ ...input, brandId: brand.id, regionCode: `${team.regionCode}001` }, leader.as));
    expect(byLeader.createProject).toMatchObject({
      name: '测试·邻里互助',
      theme: 'COMMUNITY_GOVERNANCE',
      inDemonstrationLibrary: false,
      brand: { name: '明理胡同' },
      team: { id: team.id },
      awards: [],
    });
    // The team's name comes from the volunteers subgraph.
    expect(byLeader.createProject.team.name).toBe(team.name);

    dataOf(await create({ ...input, name: '测试·文明交通' }, ADMIN));
    const duplicate = await create({ ...input, name: ' 测试·文明交通 ' }, ADMIN);
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_PROJECT' });
    expect(await count('projects')).toBe(before + 2);
  });

  it('names the field of bad input and writes nothing', async () => {
    const input = { name: '测试·坏输入', teamId: team.id, theme: 'ELDERLY_CARE', regionCode: team.regionCode } satisfies CreateProjectInput;
    const before = await count('projects');
    const cases: [Partial<CreateProjectInput>, string][] = [
      [{ name: '   ' }, 'input.name'],
      [{ name: '长'.repeat(101) }, 'input.name'],
      [{ teamId: '999999' }, 'input.teamId'],
      [{ teamId: 'abc' }, 'input.teamId'],
      [{ brandId: '999999' }, 'input.brandId'],
      [{ regionCode: '37030' }, 'input.regionCode'],
      [{ regionCode: team.regionCode === '370305' ? '370306' : '370305' }, 'input.regionCode'],
    ];
    for (const [change, field] of cases) {
      const result = await create({ ...input, ...change }, ADMIN);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count('projects')).toBe(before);
  });

  it('records awards (ADMIN), refusing duplicates, future years and other roles', async () => {
    const award = (projectId: string, input: ProjectAwardInput, as: TokenFor) => stack.query(AddProjectAwardDocument, { projectId, input }, as);
    const { projects } = dataOf(await stack.query(FilteredProjectsDocument, { filter: { nameContains: '测试·文明交通' } }));
    const id = projects.edges[0].node.id;
    const input = { title: '淄博市志愿服务项目大赛', rank: '二等奖', level: 'CITY', year: 2025 } satisfies ProjectAwardInput;
    expect((await award(id, input, DATA_STAFF)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(dataOf(await award(id, input, ADMIN)).addProjectAward.awards).toEqual([input]);
    expect((await award(id, { ...input, rank: '一等奖' }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_AWARD' });
    expect((await award(id, { ...input, year: 2999 }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect((await award(id, { ...input, title: '' }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expect(await rowsOfProject('project_awards', id)).toBe(1);
  });
});
