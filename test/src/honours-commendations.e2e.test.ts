import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type BuiltProject, type BuiltStation, type BuiltTeam, type BuiltVolunteer } from './builders';
import { CommendDocument, CommendationsPageDocument, CommendedProjectDocument, CommendedStationDocument, CommendedTeamDocument, type CommendInput } from './generated/honours-commendations';
import { startStack, type Stack, type TokenFor } from './testkit';

const DISPATCHER: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'centre-1' };

let stack: Stack;
let team: BuiltTeam;
let station: BuiltStation;
let project: BuiltProject;
let volunteer: BuiltVolunteer;

const commendations = async (): Promise<number> => (await stack.honours.db.dataSource.query('SELECT count(*)::int AS n FROM commendations'))[0].n;
const base = (over: Partial<CommendInput>): CommendInput => ({
  title: '四个100·最佳志愿服务组织',
  year: 2024,
  level: 'CITY',
  awardingBody: '淄博市志愿服务联合会',
  awardeeKind: 'TEAM',
  awardeeId: team.id,
  regionCode: '370300',
  ...over,
});

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  team = await world.team({ region: '370303' });
  station = await world.station({ region: '370303' });
  project = await world.project({ team });
  volunteer = await world.volunteer({ region: '370304' });
}, 120_000);
afterAll(() => stack?.stop());

describe('commend', () => {
  it('refuses an unknown awardee with a code naming the field, and writes nothing', async () => {
    for (const awardeeKind of ['TEAM', 'STATION', 'PROJECT', 'VOLUNTEER'] as const) {
      const res = await stack.query(CommendDocument, { input: base({ awardeeKind, awardeeId: '987654321' }) }, DISPATCHER);
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'input.awardeeId']]);
    }
    expect((await stack.query(CommendDocument, { input: base({}) }, { roles: ['VOLUNTEER'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await commendations()).toBe(0);
  });

  it('commends each kind of awardee, resolved by its own subgraph through the union', async () => {
    const made = [];
    for (const [input, title] of [
      [base({}), '四个100·最佳志愿服务组织'],
      [base({ awardeeKind: 'STATION', awardeeId: station.id, title: '学雷锋示范点' }), '学雷锋示范点'],
      [base({ awardeeKind: 'PROJECT', awardeeId: project.id, title: '五个十佳·优秀志愿服务项目', year: 2025 }), '五个十佳·优秀志愿服务项目'],
      [base({ awardeeKind: 'VOLUNTEER', awardeeId: volunteer.id, title: '四个100·最美志愿者', level: 'PROVINCE', year: 2023 }), '四个100·最美志愿者'],
    ] as const) {
      const c = dataOf(await stack.query(CommendDocument, { input }, DISPATCHER)).commend;
      expect(c.title).toBe(title);
      made.push(c);
    }
    expect(made.map((c) => c.awardee)).toEqual([
      { __typename: 'Team', id: team.id, name: team.name },
      { __typename: 'Station', id: station.id, name: station.name },
      { __typename: 'Project', id: project.id, name: project.name },
      { __typename: 'Volunteer', id: volunteer.id, volunteerNo: volunteer.volunteerNo },
    ]);
    expect(made.map((c) => c.regionCode)).toEqual(['370303', '370303', project.regionCode, '370304']);
    const dup = await stack.query(CommendDocument, { input: base({}) }, DISPATCHER);
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_COMMENDATION' });
    expect(await commendations()).toBe(4);

    expect(dataOf(await stack.query(CommendedTeamDocument, { id: team.id })).team?.commendations.map((c) => c.title)).toEqual(['四个100·最佳志愿服务组织']);
    expect(dataOf(await stack.query(CommendedStationDocument, { id: station.id })).station?.commendations.map((c) => c.title)).toEqual(['学雷锋示范点']);
    expect(dataOf(await stack.query(CommendedProjectDocument, { id: project.id })).project?.commendations.map((c) => c.title)).toEqual(['五个十佳·优秀志愿服务项目']);
  });

  it('lists by year, level and region, newest year first', async () => {
    const all = dataOf(await stack.query(CommendationsPageDocument, { first: 2 })).commendations;
    expect([all.totalCount, all.edges.map((e) => e.node.year), all.pageInfo.hasNextPage]).toEqual([4, [2025, 2024], true]);
    const rest = dataOf(await stack.query(CommendationsPageDocument, { first: 5, after: all.pageInfo.endCursor })).commendations;
    expect(rest.edges.map((e) => e.node.year)).toEqual([2024, 2023]);
    const inCounty = dataOf(await stack.query(CommendationsPageDocument, { filter: { regionCode: '370304' } })).commendations;
    expect(inCounty.edges.map((e) => e.node.title)).toEqual(['四个100·最美志愿者']);
    const provincial = dataOf(await stack.query(CommendationsPageDocument, { filter: { level: 'PROVINCE', year: 2023 } })).commendations;
    expect(provincial.totalCount).toBe(1);
    const bad = await stack.query(CommendationsPageDocument, { filter: { regionCode: '110000' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
  });

  it('costs the same statements for a page of 10 and of 100, awardees resolved in one batch', async () => {
    // 120 more commendations of the one team, straight into honours' database.
    await stack.honours.db.dataSource.query(
      `INSERT INTO commendations (title, year, level, awarding_body, awardee_kind, awardee_id, region_code, recorded_by)
       SELECT '测试表彰' || n, 2020, 'COUNTY', '测试', 'TEAM', $1, '370303', 'test' FROM generate_series(1, 120) AS n`,
      [team.id],
    );
    const statementsFor = async (first: number) => {
      const statements: string[] = [];
      const stop = stack.honours.db.dataSource.sqlLogger.onStatement((q) => statements.push(q));
      const page = dataOf(await stack.query(CommendationsPageDocument, { first })).commendations;
      stop();
      expect(page.edges).toHaveLength(first);
      expect(page.edges.every((e) => e.node.awardee.__typename !== 'Team' || e.node.awardee.name === team.name)).toBe(true);
      return statements.length;
    };
    expect(await statementsFor(100)).toBe(await statementsFor(10));
  });
});
