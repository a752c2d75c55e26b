import { localDate } from '@vg/config';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type BuiltVolunteer, type World } from './builders';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * Honours as an attacker would walk it: who may do what before any input is looked at, the
 * neighbours of the must-show cases (ids past the bigint range, unknown volunteers, refunds that
 * race), and who may see a volunteer's points.
 */

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-review-1' };
/** Past PostgreSQL's bigint (9223372036854775807) but 19 digits, like a real id. */
const HUGE_ID = '9999999999999999999';
/** A cursor as the API makes them, around a tampered position. */
const UNKNOWN_ID = '987654321';
const cursorOf = (position: string) => Buffer.from(`c:${position}`).toString('base64url');

type Adjusted = { adjustPoints: { id: string; balanceAfter: number } };
type Redeemed = { redeem: { id: string; points: number; status: string } };
type Refunded = { refundRedemption: { id: string; status: string } };
type PointsOf = { volunteer: { id: string; points: { balance: number; ledger: { totalCount: number } } } | null };

const ADJUST = 'mutation ($v: ID!, $p: Int!, $r: String!) { adjustPoints(volunteerId: $v, points: $p, reason: $r) { id balanceAfter } }';
const REDEEM = 'mutation ($input: RedeemInput!) { redeem(input: $input) { id points status } }';
const REFUND = 'mutation ($id: ID!, $r: String!) { refundRedemption(id: $id, reason: $r) { id status } }';
const POINTS = 'query ($id: ID!) { volunteer(id: $id) { id points { balance ledger(first: 5) { totalCount } } } }';

let stack: Stack;
let world: World;
let pointA: string;
let rice: string;
let keys = 0;
const freshKey = () => `review-${process.pid}-${(keys += 1)}`;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  world = builders(stack);
  const db = stack.honours.db.dataSource;
  const [point]: { id: string }[] = await db.query(
    `INSERT INTO redemption_points (name, kind, operator, lat, lng, address, region_code) VALUES
       ('张店区和平社区美德超市', 'VIRTUE_SUPERMARKET', '车站便民超市', 36.8075, 118.0512, '淄博市张店区人民路1号', '370303') RETURNING id::text`,
  );
  pointA = point.id;
  const [item]: { id: string }[] = await db.query(`INSERT INTO catalogue_items (point_id, name, kind, points_cost, stock) VALUES ($1, '大米', 'GOODS', 10, 50) RETURNING id::text`, [pointA]);
  rice = item.id;
}, 120_000);
afterAll(() => stack?.stop());

const rows = async (table: string): Promise<number> => (await stack.honours.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
const staffOf = (pointId: string): TokenFor => ({ roles: ['STATION_STAFF'], sub: `staff-of-${pointId}`, redemptionPointId: pointId });
const codeOf = (response: GraphQLResponse<unknown>) => {
  expect(response.errors).toHaveLength(1);
  const { code, field, reason } = response.errors![0].extensions ?? {};
  return { code, field, reason };
};

async function volunteerWith(points: number): Promise<BuiltVolunteer> {
  const v = await world.volunteer();
  dataOf(await stack.query<Adjusted>(ADJUST, { v: v.id, p: points, r: '测试积分' }, ADMIN), 'giving points');
  return v;
}

describe('honours under review', () => {
  it('answers ids past the bigint range as bad input or not found, never an internal error', async () => {
    const responses = await Promise.all([
      stack.query<Adjusted>(ADJUST, { v: HUGE_ID, p: 5, r: 'x' }, ADMIN),
      stack.query<Redeemed>(REDEEM, { input: { redemptionPointId: pointA, itemId: rice, quantity: 1, volunteerId: HUGE_ID, idempotencyKey: freshKey() } }, staffOf(pointA)),
      stack.query<Redeemed>(REDEEM, { input: { redemptionPointId: HUGE_ID, itemId: rice, quantity: 1, volunteerId: '1', idempotencyKey: freshKey() } }, { ...staffOf(HUGE_ID) }),
      stack.query<Refunded>(REFUND, { id: HUGE_ID, r: 'x' }, ADMIN),
      stack.query('mutation ($id: ID!) { revokeStarCertification(id: $id, reason: "x") { id } }', { id: HUGE_ID }, ADMIN),
      stack.query('query ($id: ID!) { commendation(id: $id) { id } }', { id: HUGE_ID }),
      stack.query('query ($id: ID!) { redemptionPoint(id: $id) { id } }', { id: HUGE_ID }),
      stack.query('query ($id: ID!) { volunteer(id: $id) { id points { balance } } }', { id: HUGE_ID }, ADMIN),
      stack.query('query ($id: ID!, $after: String) { volunteer(id: $id) { points { ledger(after: $after) { totalCount } } } }', { id: '1', after: cursorOf(HUGE_ID) }, ADMIN),
      stack.query('query ($after: String) { commendations(after: $after) { totalCount } }', { after: cursorOf(`2024|${HUGE_ID}`) }),
      stack.query('query ($after: String) { starCandidates(level: 1, regionCode: "370303", after: $after) { totalCount } }', { after: cursorOf(`100.0|${HUGE_ID}`) }, ADMIN),
    ]);
    for (const response of responses) {
      for (const error of response.errors ?? []) expect([error.extensions?.code, error.message]).toEqual([expect.stringMatching(/^(BAD_USER_INPUT|NOT_FOUND)$/), expect.anything()]);
    }
  });

  it('refunds once when two refunds of one redemption race', async () => {
    const v = await volunteerWith(20);
    const redeemed = dataOf(await stack.query<Redeemed>(REDEEM, { input: { redemptionPointId: pointA, itemId: rice, quantity: 1, idempotencyKey: freshKey() } }, v.as), 'redeeming').redeem;
    const both = await Promise.all([stack.query<Refunded>(REFUND, { id: redeemed.id, r: '破损' }, ADMIN), stack.query<Refunded>(REFUND, { id: redeemed.id, r: '破损' }, staffOf(pointA))]);
    expect(both.filter((r) => r.data?.refundRedemption)).toHaveLength(1);
    expect(both.filter((r) => !r.data?.refundRedemption).map(codeOf)).toEqual([{ code: 'CONFLICT', field: undefined, reason: 'ALREADY_REFUNDED' }]);
    expect(dataOf(await stack.query<PointsOf>(POINTS, { id: v.id }, v.as), 'points').volunteer!.points.balance).toBe(20);
  });

  it('refuses out-of-range arguments with the field named', async () => {
    const v = await volunteerWith(10);
    const cases: [Promise<GraphQLResponse<unknown>>, string][] = [
      [stack.query(REDEEM, { input: { redemptionPointId: pointA, itemId: rice, quantity: 101, idempotencyKey: freshKey() } }, v.as), 'input.quantity'],
      [stack.query(REDEEM, { input: { redemptionPointId: pointA, itemId: rice, quantity: 1, idempotencyKey: 'x'.repeat(65) } }, v.as), 'input.idempotencyKey'],
      [stack.query('query ($id: ID!) { volunteer(id: $id) { points { expiringSoon(days: 0) } } }', { id: v.id }, v.as), 'days'],
      [stack.query('query ($id: ID!) { volunteer(id: $id) { points { expiringSoon(days: 100000) } } }', { id: v.id }, v.as), 'days'],
      [stack.query('query ($id: ID!) { volunteer(id: $id) { points { ledger(after: "Yzow") { totalCount } } } }', { id: v.id }, v.as), 'after'],
      [stack.query('mutation { setPointsRule(input: { effectiveFrom: "2020-01-01", pointsPerHour: 10 }) { id } }', {}, ADMIN), 'input.effectiveFrom'],
      // Today's records may be credited already, by the rule before: a new rule starts tomorrow at the earliest.
      [stack.query('mutation ($d: Date!) { setPointsRule(input: { effectiveFrom: $d, pointsPerHour: 10 }) { id } }', { d: localDate(new Date()) }, ADMIN), 'input.effectiveFrom'],
      [
        stack.query('mutation { setPointsRule(input: { effectiveFrom: "2099-01-01", pointsPerHour: 10, coefficients: [{ theme: "EMERGENCY_RESCUE", coefficient: 11 }] }) { id } }', {}, ADMIN),
        'input.coefficients.0.coefficient',
      ],
      [stack.query(ADJUST, { v: v.id, p: -11, r: '扣' }, ADMIN), ''],
    ];
    const results = await Promise.all(cases.map(([r]) => r));
    expect(results.map((r, i) => (cases[i][1] ? codeOf(r) : codeOf(r)))).toEqual(
      cases.map(([, field]) => (field ? { code: 'BAD_USER_INPUT', field, reason: undefined } : { code: 'CONFLICT', field: undefined, reason: 'POINTS_BELOW_ZERO' })),
    );
  });

  it('keeps a volunteer’s points from STATION_STAFF who work at no redemption point', async () => {
    const v = await volunteerWith(30);
    const serviceStationStaff: TokenFor = { roles: ['STATION_STAFF'], sub: 'service-station-staff' };
    expect(codeOf(await stack.query<PointsOf>(POINTS, { id: v.id }, serviceStationStaff))).toMatchObject({ code: 'FORBIDDEN' });
    expect(dataOf(await stack.query<PointsOf>(POINTS, { id: v.id }, staffOf(pointA)), 'as the point’s staff').volunteer!.points.balance).toBe(30);
  });

  it('refuses points for a volunteer who does not exist, and writes nothing', async () => {
    const [accounts, ledger] = [await rows('points_accounts'), await rows('points_ledger')];
    expect(codeOf(await stack.query<Adjusted>(ADJUST, { v: UNKNOWN_ID, p: 50, r: '测试' }, ADMIN))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'volunteerId' });
    expect(
      codeOf(await stack.query<Redeemed>(REDEEM, { input: { redemptionPointId: pointA, itemId: rice, quantity: 1, volunteerId: UNKNOWN_ID, idempotencyKey: freshKey() } }, staffOf(pointA))),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.volunteerId',
    });
    expect([await rows('points_accounts'), await rows('points_ledger')]).toEqual([accounts, ledger]);
  });

  it('asks the role before the input on every honours mutation', async () => {
    const v = await world.volunteer();
    const dispatcherWithoutScope: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'dispatcher-no-scope' };
    const bad = [
      stack.query('mutation { revokeStarCertification(id: "not-an-id", reason: "") { id } }', {}, dispatcherWithoutScope),
      stack.query('mutation { revokeStarCertification(id: "987654321", reason: "x") { id } }', {}, dispatcherWithoutScope),
      stack.query('mutation { certifyStars(input: { level: 0, issuerRegionCode: "370303", volunteerIds: [] }) { id } }', {}, dispatcherWithoutScope),
      stack.query('mutation { adjustPoints(volunteerId: "x", points: 0, reason: "") { id } }', {}, v.as),
      stack.query('mutation { setPointsRule(input: { effectiveFrom: "2000-01-01", pointsPerHour: -1 }) { id } }', {}, v.as),
      stack.query('mutation { commend(input: { title: "", year: 1, level: CITY, awardingBody: "", awardeeKind: TEAM, awardeeId: "x", regionCode: "x" }) { id } }', {}, v.as),
      stack.query('mutation { refundRedemption(id: "x", reason: "") { id } }', {}, v.as),
      stack.query('mutation { refundRedemption(id: "x", reason: "") { id } }'),
      stack.query(`mutation { redeem(input: { redemptionPointId: "${pointA}", itemId: "x", quantity: 0, idempotencyKey: "" }) { id } }`),
    ];
    for (const response of await Promise.all(bad)) expect(codeOf(response)).toMatchObject({ code: 'FORBIDDEN' });
  });
  it('pages a ledger with its cursors, newest first, and refuses a tampered one', async () => {
    const v = await volunteerWith(1);
    for (const p of [2, 3, 4]) dataOf(await stack.query<Adjusted>(ADJUST, { v: v.id, p, r: '测试' }, ADMIN), 'adjusting');
    type Page = { volunteer: { points: { ledger: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { points: number } }[] } } } };
    const LEDGER = 'query ($id: ID!, $after: String) { volunteer(id: $id) { points { ledger(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { points } } } } } }';
    const first = dataOf(await stack.query<Page>(LEDGER, { id: v.id }, v.as), 'page 1').volunteer.points.ledger;
    const second = dataOf(await stack.query<Page>(LEDGER, { id: v.id, after: first.pageInfo.endCursor }, v.as), 'page 2').volunteer.points.ledger;
    expect([first.edges.map((e) => e.node.points), first.pageInfo.hasNextPage, first.totalCount]).toEqual([[4, 3, 2], true, 4]);
    expect([second.edges.map((e) => e.node.points), second.pageInfo.hasNextPage]).toEqual([[1], false]);
    expect(codeOf(await stack.query<Page>(LEDGER, { id: v.id, after: cursorOf('1 OR 1=1') }, v.as))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
  it('keeps star candidates to the issuers of that level and region, and refuses a commendation of the wrong kind', async () => {
    const county: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'zhangdian-federation', scopes: ['federation:370303'] };
    const CANDIDATES = 'query ($level: Int!, $region: ID!) { starCandidates(level: $level, regionCode: $region) { totalCount } }';
    expect(codeOf(await stack.query(CANDIDATES, { level: 3, region: '370303' }, county))).toMatchObject({ code: 'FORBIDDEN' });
    expect(codeOf(await stack.query(CANDIDATES, { level: 1, region: '370302' }, county))).toMatchObject({ code: 'FORBIDDEN' });
    expect(codeOf(await stack.query(CANDIDATES, { level: 1, region: '370300' }, county))).toMatchObject({ code: 'FORBIDDEN' });
    expect(dataOf(await stack.query<{ starCandidates: { totalCount: number } }>(CANDIDATES, { level: 1, region: '370303' }, county), 'as the county').starCandidates.totalCount).toBe(0);
    const v = await world.volunteer();
    const before = await rows('commendations');
    const res = await stack.query(
      'mutation ($id: ID!) { commend(input: { title: "四个100", year: 2024, level: CITY, awardingBody: "淄博市", awardeeKind: STATION, awardeeId: $id, regionCode: "370300" }) { id } }',
      { id: v.id },
      { roles: ['CENTRE_DISPATCHER'], sub: 'centre-1' },
    );
    expect(codeOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.awardeeId' });
    expect(await rows('commendations')).toBe(before);
  });
});

describe('honours statements per page', () => {
  it('costs the same statements for 10 and 100 volunteers’ points, ledgers, certificates and commendations', async () => {
    for (let i = 0; i < 100; i += 1) await volunteerWith(5);
    const statementsFor = async (first: number) => {
      const statements: string[] = [];
      const stop = stack.honours.db.dataSource.sqlLogger.onStatement((q) => statements.push(q));
      const res = await stack.query<{ volunteers: { edges: unknown[] } }>(
        `query ($first: Int) { volunteers(first: $first) { edges { node { id recordedHours starLevel nextStar { level } certifications { id } commendations { id }
           points { balance earned spent expiringSoon(days: 30) ledger(first: 3) { totalCount edges { node { id kind } } } } } } } }`,
        { first },
        ADMIN,
      );
      stop();
      expect(dataOf(res, 'listing').volunteers.edges).toHaveLength(first);
      return statements.length;
    };
    expect(await statementsFor(100)).toBe(await statementsFor(10));
  }, 60_000);
});
