import type { GraphQLError } from 'graphql';
import { PersonalDataAudit } from '@vg/graphql';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer, type Role } from '@vg/standards';
import { contextFactory, type HonoursContext } from '../context';
import { entities, migrations } from '../data/entities';
import { certifyStars, revokeCertification } from './certification-actions';
import { certificationsOf, starCandidates, verifyCertificate } from './certification-queries';
import { commend } from './commendation-actions';
import { commendationsOf, listCommendations } from './commendation-queries';
import { honoursDashboard } from './dashboard-queries';
import { starLevelFor } from './stars';

/** Volunteers of the fake volunteers subgraph, with the hours honours has credited them. */
const HOURS: [id: string, hours: number, region: string][] = [
  ['1', 99.5, '370303001'],
  ['2', 100, '370303001'],
  ['3', 299.9, '370303002'],
  ['4', 300, '370303'],
  ['5', 1500, '370304001'],
  ['6', 150, '370304'],
];
const TEAMS: Record<string, string> = { '11': '370303', '12': '370304001' };

let db: TestDataSource;
/** Every `_entities` call to the fake subgraphs: the typename and how many keys. */
const calls: { typename: string; count: number }[] = [];

function fakeClient(resolve: (typename: string, id: string) => object | null): SubgraphClient {
  return {
    request: async <T>(_query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const reps = variables.r as { __typename: string; id: string }[];
      calls.push({ typename: reps[0].__typename, count: reps.length });
      return { _entities: reps.map((r) => resolve(r.__typename, r.id)) } as T;
    },
  } as unknown as SubgraphClient;
}

const volunteers = fakeClient((typename, id) => {
  if (typename === 'Volunteer') {
    const row = HOURS.find(([v]) => v === id);
    return row ? { id, volunteerNo: `ZB${id.padStart(8, '0')}`, region: { code: row[2] } } : null;
  }
  if (typename === 'Team') return TEAMS[id] ? { id, region: { code: TEAMS[id] } } : null;
  return null;
});
const projects = fakeClient((_typename, id) => (id === '21' ? { id, regionCode: '370303' } : null));

function as(roles: Role[], scopes: string[] = [], sub = 'tester'): HonoursContext {
  return contextFactory({ dataSource: db.dataSource, clients: { volunteers, projects } })({
    viewer: { ...anonymousViewer, sub, roles, scopes },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}
const county = () => as(['CENTRE_DISPATCHER'], ['federation:370303'], 'zhangdian-federation');
const city = () => as(['CENTRE_DISPATCHER'], ['federation:370300'], 'city-federation');
const province = () => as(['ADMIN'], ['federation:370000'], 'province-federation');

/** The error a promise is rejected with: its code, field and reason. */
async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  )) as GraphQLError;
  return { code: error.extensions?.code, field: error.extensions?.field, reason: error.extensions?.reason };
}
const certificateCount = async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM star_certifications'))[0].n as number;

beforeAll(async () => {
  db = await createTestDataSource({ name: 'honours_certifications', entities, migrations });
  await db.dataSource.query(`INSERT INTO volunteer_hours (volunteer_id, hours, region_code) SELECT * FROM unnest($1::bigint[], $2::numeric[], $3::varchar[])`, [
    HOURS.map((h) => h[0]),
    HOURS.map((h) => h[1]),
    HOURS.map((h) => h[2]),
  ]);
});
afterAll(() => db?.drop());

describe('star levels at the thresholds', () => {
  it('gives 0, 1, 1, 2 and 5 stars for 99.5, 100, 299.9, 300 and 1500 hours', () => {
    expect([99.5, 100, 299.9, 300, 1500].map(starLevelFor)).toEqual([0, 1, 1, 2, 5]);
  });
});

describe('certifyStars', () => {
  it('refuses a volunteer below the level, naming them, and writes nothing', async () => {
    expect(await failure(certifyStars(county(), { level: 1, issuerRegionCode: '370303', volunteerIds: ['2', '1'] }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.volunteerIds[1]',
      reason: undefined,
    });
    expect(await failure(certifyStars(county(), { level: 2, issuerRegionCode: '370303', volunteerIds: ['3'] }))).toMatchObject({ field: 'input.volunteerIds[0]' });
    expect(await certificateCount()).toBe(0);
  });

  it('refuses an issuer outside their level or region before looking at the input', async () => {
    expect(await failure(certifyStars(county(), { level: 3, issuerRegionCode: '370303', volunteerIds: ['4'] }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(certifyStars(county(), { level: 1, issuerRegionCode: '370304', volunteerIds: ['6'] }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(certifyStars(city(), { level: 5, issuerRegionCode: '370300', volunteerIds: ['5'] }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(certifyStars(as(['ADMIN']), { level: 1, issuerRegionCode: '370303', volunteerIds: ['nonsense'] }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(certifyStars(as(['DATA_STAFF'], ['federation:370303']), { level: 1, issuerRegionCode: '370303', volunteerIds: ['2'] }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await certificateCount()).toBe(0);
  });

  it('refuses volunteers outside the federation region and unknown ones', async () => {
    expect(await failure(certifyStars(county(), { level: 1, issuerRegionCode: '370303', volunteerIds: ['2', '6'] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.volunteerIds[1]' });
    expect(await failure(certifyStars(county(), { level: 1, issuerRegionCode: '370303', volunteerIds: ['99'] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.volunteerIds[0]' });
    expect(await failure(certifyStars(county(), { level: 1, issuerRegionCode: '370303', volunteerIds: ['2', '2'] }))).toMatchObject({ field: 'input.volunteerIds[1]' });
    expect(await certificateCount()).toBe(0);
  });

  it('certifies at exactly the threshold, in bulk, asking the volunteers subgraph once', async () => {
    calls.length = 0;
    const issued = await certifyStars(county(), { level: 1, issuerRegionCode: '370303', volunteerIds: ['3', '2'], issuedOn: '2025-06-01' });
    expect(calls).toEqual([{ typename: 'Volunteer', count: 2 }]);
    expect(issued.map((c) => [c.volunteerId, c.volunteerNo, c.level, c.issuerLevel, c.hoursAtIssue, c.issuedBy])).toEqual([
      ['3', 'ZB00000003', 1, 'COUNTY', 299.9, 'zhangdian-federation'],
      ['2', 'ZB00000002', 1, 'COUNTY', 100, 'zhangdian-federation'],
    ]);
    expect(issued.map((c) => c.certificateNo)).toEqual([expect.stringMatching(/^ZBXJ1-370303-2025-\d{6}$/), expect.stringMatching(/^ZBXJ1-370303-2025-\d{6}$/)]);
    expect(new Set(issued.map((c) => c.certificateNo)).size).toBe(2);
    const four = await certifyStars(county(), { level: 2, issuerRegionCode: '370303', volunteerIds: ['4'] });
    expect(four[0].hoursAtIssue).toBe(300);
    const five = await certifyStars(province(), { level: 5, issuerRegionCode: '370000', volunteerIds: ['5'] });
    expect(five[0].certificateNo).toMatch(/^ZBXJ5-370000-\d{4}-\d{6}$/);
  });

  it('refuses a second live certificate of the level (CONFLICT), all or nothing', async () => {
    const before = await certificateCount();
    expect(await failure(certifyStars(county(), { level: 1, issuerRegionCode: '370303', volunteerIds: ['4', '2'] }))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CERTIFIED' });
    expect(await certificateCount()).toBe(before);
  });
});

describe('starCandidates', () => {
  it('lists who qualifies without a certificate of the level or higher, for the right viewers only', async () => {
    // 2 and 3 hold 1 star now, 4 holds 2; 1 has too few hours.
    const page = await starCandidates(county(), { level: 1, regionCode: '370303', first: 10 });
    expect(page.edges.map((e) => e.node)).toEqual([]);
    const two = await starCandidates(as(['DATA_STAFF']), { level: 1, regionCode: '370304', first: 10 });
    expect(two.edges.map((e) => [e.node.volunteerId, e.node.recordedHours, e.node.qualifiesFor])).toEqual([['6', 150, 1]]);
    expect(await failure(starCandidates(county(), { level: 1, regionCode: '370304', first: 10 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(starCandidates(county(), { level: 9, regionCode: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(starCandidates(as(['ADMIN']), { level: 9, regionCode: '370303' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
  });

  it('pages by hours then id', async () => {
    const first = await starCandidates(as(['ADMIN']), { level: 1, regionCode: '370300', first: 1 });
    // 5 holds 5 stars (≥ 1), so only 6 is left in the city.
    expect(first.edges.map((e) => e.node.volunteerId)).toEqual(['6']);
    expect(first.pageInfo.hasNextPage).toBe(false);
    const next = await starCandidates(as(['ADMIN']), { level: 1, regionCode: '370300', first: 1, after: first.pageInfo.endCursor });
    expect(next.edges).toEqual([]);
  });
});

describe('revokeStarCertification and verification', () => {
  it('lets the issuing federation revoke once; the number still verifies, as revoked', async () => {
    const [certificate] = (await certificationsOf(as([]), '2')).filter((c) => c.level === 1);
    expect(await failure(revokeCertification(as(['CENTRE_DISPATCHER'], ['federation:370304']), certificate.id, 'x'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(revokeCertification(county(), certificate.id, '   '))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const revoked = await revokeCertification(county(), certificate.id, 'hours corrected');
    expect([revoked.revokedAt != null, revoked.revokeReason, revoked.revokedBy]).toEqual([true, 'hours corrected', 'zhangdian-federation']);
    expect(await failure(revokeCertification(as(['ADMIN']), certificate.id, 'again'))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVOKED' });
    expect((await verifyCertificate(as([]), certificate.certificateNo))?.revokedAt).not.toBeNull();
    expect(await verifyCertificate(as([]), 'ZBXJ1-370303-2025-999999')).toBeNull();
    // Revoked, volunteer 2 is a candidate again.
    const page = await starCandidates(county(), { level: 1, regionCode: '370303', first: 10 });
    expect(page.edges.map((e) => e.node.volunteerId)).toEqual(['2']);
  });
});

describe('commend', () => {
  const input = { title: '四个100·最美志愿服务组织', year: 2024, level: 'CITY' as const, awardingBody: '淄博市志愿服务联合会', awardeeKind: 'TEAM' as const, awardeeId: '11', regionCode: '370300' };
  const commendationCount = async () => (await db.dataSource.query('SELECT count(*)::int AS n FROM commendations'))[0].n as number;

  it('refuses an unknown awardee, a wrong role and bad input; writes nothing', async () => {
    expect(await failure(commend(as(['VOLUNTEER']), { ...input, title: '' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(commend(as(['ADMIN']), { ...input, awardeeId: '999' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.awardeeId' });
    expect(await failure(commend(as(['ADMIN']), { ...input, awardeeKind: 'PROJECT', awardeeId: '22' }))).toMatchObject({ field: 'input.awardeeId' });
    expect(await failure(commend(as(['ADMIN']), { ...input, year: 2999 }))).toMatchObject({ field: 'input.year' });
    expect(await failure(commend(as(['ADMIN']), { ...input, regionCode: '370304' }))).toMatchObject({ field: 'input.regionCode' });
    expect(await commendationCount()).toBe(0);
  });

  it("records it under the awardee's region; the same again is CONFLICT", async () => {
    const made = await commend(as(['CENTRE_DISPATCHER'], [], 'dispatcher-1'), input);
    expect([made.regionCode, made.recordedBy, made.awardeeKind, made.awardeeId]).toEqual(['370303', 'dispatcher-1', 'TEAM', '11']);
    expect(await failure(commend(as(['ADMIN']), input))).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_COMMENDATION' });
    await commend(as(['ADMIN']), { ...input, title: '学雷锋示范点', awardeeKind: 'PROJECT', awardeeId: '21', level: 'PROVINCE', year: 2023 });
    await commend(as(['ADMIN']), { ...input, title: '五个十佳·优秀志愿者', awardeeKind: 'VOLUNTEER', awardeeId: '5', year: 2025 });
    expect(await commendationCount()).toBe(3);
  });

  it('lists by filter, newest year first, and per awardee in one statement per batch', async () => {
    const all = await listCommendations(as([]), { first: 2 });
    expect(all.edges.map((e) => e.node.year)).toEqual([2025, 2024]);
    const rest = await listCommendations(as([]), { first: 2, after: all.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.year)).toEqual([2023]);
    expect((await listCommendations(as([]), { filter: { regionCode: '370303' } })).edges.map((e) => e.node.title)).toEqual(['四个100·最美志愿服务组织', '学雷锋示范点']);
    expect((await listCommendations(as([]), { filter: { level: 'PROVINCE', year: 2023 } })).edges).toHaveLength(1);

    const ctx = as([]);
    const statements: string[] = [];
    const stop = db.dataSource.sqlLogger.onStatement((q) => statements.push(q));
    const [team, project, none] = await Promise.all([commendationsOf(ctx, 'TEAM', '11'), commendationsOf(ctx, 'PROJECT', '21'), commendationsOf(ctx, 'STATION', '11')]);
    stop();
    expect([team.length, project.length, none.length]).toEqual([1, 1, 0]);
    expect(statements.filter((q) => q.includes('commendationsOfAwardees'))).toHaveLength(1);
  });
});

describe('honoursDashboard', () => {
  it('counts star volunteers by county and level, for centre staff only', async () => {
    expect(await failure(honoursDashboard(as(['VOLUNTEER']), {}))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(honoursDashboard(as(['ADMIN']), { regionCode: '370303001' }))).toMatchObject({ field: 'regionCode' });
    const board = await honoursDashboard(as(['DATA_STAFF']), {});
    expect(board.starVolunteers).toEqual([
      { regionCode: '370303', level: 1, qualified: 3, certified: 1 },
      { regionCode: '370303', level: 2, qualified: 1, certified: 1 },
      { regionCode: '370304', level: 1, qualified: 2, certified: 0 },
      { regionCode: '370304', level: 2, qualified: 1, certified: 0 },
      { regionCode: '370304', level: 3, qualified: 1, certified: 0 },
      { regionCode: '370304', level: 4, qualified: 1, certified: 0 },
      { regionCode: '370304', level: 5, qualified: 1, certified: 1 },
    ]);
    expect((await honoursDashboard(as(['ADMIN']), { regionCode: '370304' })).starVolunteers.every((s) => s.regionCode === '370304')).toBe(true);
  });
});
