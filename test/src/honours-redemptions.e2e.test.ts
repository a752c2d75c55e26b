import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type BuiltVolunteer, type World } from './builders';
import {
  HonoursGivePointsDocument,
  HonoursPointsOfDocument,
  HonoursRedeemDocument,
  HonoursRedemptionPointDocument,
  HonoursRedemptionPointsDocument,
  HonoursRedemptionPointsNearDocument,
  HonoursRefundRedemptionDocument,
  type RedeemInput,
} from './generated/honours-redemptions';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * Points spent at redemption points (美德超市, 爱心驿站) through the gateway: the volunteer
 * themself or the point's staff redeem; the balance and the stock never go negative under
 * concurrent redemptions; a repeated idempotency key spends once; bad input is refused with a
 * code and writes nothing; a refund is a new ledger entry.
 */

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-honours-1' };

let stack: Stack;
let world: World;
let pointA: string;
let pointB: string;
/** Point A's catalogue: rice (10 points, 50 in stock), a haircut (5, unlimited), soap (3, 2 in stock). */
const item = { rice: '', haircut: '', soap: '', ofB: '' };
let keys = 0;
const freshKey = () => `e2e-${process.pid}-${(keys += 1)}`;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  world = builders(stack);
  // Redemption points have no mutation (the city registers them): written straight into honours' database.
  const db = stack.honours.db.dataSource;
  const points: { id: string }[] = await db.query(
    `INSERT INTO redemption_points (name, kind, operator, lat, lng, address, region_code, opening_hours) VALUES
       ('张店区车站街道和平社区美德超市', 'VIRTUE_SUPERMARKET', '车站便民超市', 36.8075, 118.0512, '淄博市张店区人民路1号', '370303', '08:00-20:00'),
       ('临淄区闻韶街道幸福社区爱心驿站', 'LOVE_STATION', '王氏理发店', 36.826, 118.309, '淄博市临淄区中心路2号', '370305', NULL)
     RETURNING id::text`,
  );
  [pointA, pointB] = points.map((p) => p.id);
  const items: { id: string; name: string }[] = await db.query(
    `INSERT INTO catalogue_items (point_id, name, kind, points_cost, stock) VALUES
       ($1, '大米（5kg）', 'GOODS', 10, 50), ($1, '理发', 'SERVICE', 5, NULL), ($1, '肥皂', 'GOODS', 3, 2), ($2, '家电维修', 'SERVICE', 50, NULL)
     RETURNING id::text, name`,
    [pointA, pointB],
  );
  const idOf = (name: string) => items.find((i) => i.name === name)!.id;
  Object.assign(item, { rice: idOf('大米（5kg）'), haircut: idOf('理发'), soap: idOf('肥皂'), ofB: idOf('家电维修') });
}, 120_000);
afterAll(() => stack?.stop());

const staffOf = (pointId: string): TokenFor => ({ roles: ['STATION_STAFF'], sub: `staff-of-${pointId}`, redemptionPointId: pointId });

async function volunteerWith(points: number): Promise<BuiltVolunteer> {
  const v = await world.volunteer();
  dataOf(await stack.query(HonoursGivePointsDocument, { volunteerId: v.id, points, reason: '测试积分' }, ADMIN), `giving ${v.name} ${points} points`);
  return v;
}

async function pointsOf(v: BuiltVolunteer) {
  return dataOf(await stack.query(HonoursPointsOfDocument, { id: v.id }, v.as), 'reading points').volunteer!.points;
}

async function stockOf(itemId: string): Promise<number | null> {
  const { redemptionPoint } = dataOf(await stack.query(HonoursRedemptionPointDocument, { id: pointA }), 'reading the catalogue');
  return redemptionPoint!.catalogue.find((i) => i.id === itemId)!.stock ?? null;
}

async function redemptionCount(): Promise<number> {
  const [{ n }]: { n: number }[] = await stack.honours.db.dataSource.query('SELECT count(*)::int AS n FROM redemptions');
  return n;
}

const errorOf = (response: GraphQLResponse<unknown>) => {
  expect(response.errors).toHaveLength(1);
  const { code, field, reason } = response.errors![0].extensions ?? {};
  return { code, field, reason };
};

const redeemAs = (as: TokenFor, input: Partial<RedeemInput>) =>
  stack.query(HonoursRedeemDocument, { input: { redemptionPointId: pointA, itemId: item.rice, quantity: 1, idempotencyKey: freshKey(), ...input } }, as);

describe('redeem through the gateway', () => {
  it('lets exactly 7 of 20 concurrent redemptions through when the balance covers 7, stock and balance exact', async () => {
    const v = await volunteerWith(70);
    const before = await stockOf(item.rice);
    const responses = await Promise.all(Array.from({ length: 20 }, () => redeemAs(v.as, {})));
    const succeeded = responses.filter((r) => r.data?.redeem);
    expect(succeeded).toHaveLength(7);
    expect(new Set(succeeded.map((r) => r.data!.redeem.id)).size).toBe(7);
    expect(responses.filter((r) => !r.data?.redeem).map(errorOf)).toEqual(Array(13).fill({ code: 'CONFLICT', field: undefined, reason: 'INSUFFICIENT_POINTS' }));
    const points = await pointsOf(v);
    expect({ balance: points.balance, spent: points.spent }).toEqual({ balance: 0, spent: 70 });
    expect(points.ledger.edges.filter((e) => e.node.kind === 'REDEMPTION')).toHaveLength(7);
    expect(points.ledger.edges.every((e) => e.node.balanceAfter >= 0)).toBe(true);
    expect(await stockOf(item.rice)).toBe(before! - 7);
  });

  it('spends once for a repeated idempotency key, also when the repeats arrive together', async () => {
    const v = await volunteerWith(50);
    const idempotencyKey = freshKey();
    const first = dataOf(await redeemAs(v.as, { itemId: item.haircut, quantity: 2, idempotencyKey }), 'redeeming').redeem;
    expect(first).toMatchObject({ quantity: 2, points: 10, status: 'REDEEMED', volunteer: { id: v.id, name: v.name }, redemptionPoint: { id: pointA }, item: { id: item.haircut, stock: null } });
    const again = dataOf(await redeemAs(v.as, { itemId: item.haircut, quantity: 2, idempotencyKey }), 'redeeming again').redeem;
    expect(again.id).toBe(first.id);
    const together = await Promise.all(Array.from({ length: 4 }, () => redeemAs(v.as, { itemId: item.haircut, quantity: 1, idempotencyKey: 'together' })));
    expect(new Set(together.map((r) => dataOf(r, 'redeeming together').redeem.id)).size).toBe(1);
    expect((await pointsOf(v)).balance).toBe(35);
    // The key again with other content is refused, and spends nothing.
    expect(errorOf(await redeemAs(v.as, { itemId: item.haircut, quantity: 3, idempotencyKey }))).toEqual({ code: 'CONFLICT', field: undefined, reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await pointsOf(v)).balance).toBe(35);
  });

  it('refuses bad input with a clear code, and writes nothing', async () => {
    const v = await volunteerWith(100);
    const other = await volunteerWith(100);
    const [redemptions, stock] = [await redemptionCount(), await stockOf(item.rice)];
    expect(errorOf(await redeemAs(v.as, { itemId: '999999' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemId' });
    expect(errorOf(await redeemAs(v.as, { itemId: item.ofB }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemId' });
    expect(errorOf(await redeemAs(v.as, { quantity: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quantity' });
    expect(errorOf(await redeemAs(v.as, { quantity: -2 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quantity' });
    // Another volunteer's redemption: FORBIDDEN, whatever else is wrong with it.
    expect(errorOf(await redeemAs(other.as, { volunteerId: v.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await redeemAs(other.as, { volunteerId: v.id, quantity: 0 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await redeemAs(staffOf(pointB), { volunteerId: v.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await stack.query(HonoursRedeemDocument, { input: { redemptionPointId: pointA, itemId: item.rice, quantity: 1, idempotencyKey: freshKey() } }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(errorOf(await redeemAs(v.as, { itemId: item.soap, quantity: 3 }))).toMatchObject({ code: 'CONFLICT', reason: 'OUT_OF_STOCK' });
    expect([await redemptionCount(), await stockOf(item.rice), (await pointsOf(v)).balance, (await pointsOf(other)).balance]).toEqual([redemptions, stock, 100, 100]);
  });

  it("lets the point's staff redeem for a volunteer and refund it: a new ledger entry, the stock back", async () => {
    const v = await volunteerWith(20);
    const staff = staffOf(pointA);
    const before = await stockOf(item.soap);
    const redeemed = dataOf(await redeemAs(staff, { itemId: item.soap, quantity: 2, volunteerId: v.id }), 'staff redeeming').redeem;
    expect(redeemed).toMatchObject({ points: 6, redeemedBy: staff.sub, volunteer: { id: v.id }, item: { stock: before! - 2 } });
    expect(errorOf(await stack.query(HonoursRefundRedemptionDocument, { id: redeemed.id, reason: '不要了' }, v.as))).toMatchObject({ code: 'FORBIDDEN' });
    const refunded = dataOf(await stack.query(HonoursRefundRedemptionDocument, { id: redeemed.id, reason: '商品破损' }, staff), 'refunding').refundRedemption;
    expect(refunded).toMatchObject({ id: redeemed.id, status: 'REFUNDED', refundReason: '商品破损' });
    expect(refunded.refundedAt).toBeTruthy();
    expect(errorOf(await stack.query(HonoursRefundRedemptionDocument, { id: redeemed.id, reason: 'again' }, ADMIN))).toEqual({ code: 'CONFLICT', field: undefined, reason: 'ALREADY_REFUNDED' });
    const points = await pointsOf(v);
    expect(points.balance).toBe(20);
    expect(points.ledger.edges.map((e) => [e.node.kind, e.node.points, e.node.redemption?.status ?? null])).toEqual([
      ['REFUND', 6, 'REFUNDED'],
      ['REDEMPTION', -6, 'REFUNDED'],
      ['ADJUSTMENT', 20, null],
    ]);
    expect(await stockOf(item.soap)).toBe(before);
  });
});

describe('redemption points through the gateway', () => {
  it('finds points within a walk, nearest first, and lists them by region and kind', async () => {
    const { redemptionPointsNear } = dataOf(await stack.query(HonoursRedemptionPointsNearDocument, { lat: 36.81, lng: 118.05 }), 'searching near');
    expect(redemptionPointsNear.map((n) => n.redemptionPoint.id)).toEqual([pointA]);
    expect(redemptionPointsNear[0].walkingMinutes).toBeLessThanOrEqual(15);
    expect(errorOf(await stack.query(HonoursRedemptionPointsNearDocument, { lat: 36.81, lng: 118.05, walkingMinutes: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'walkingMinutes' });
    const { redemptionPoints } = dataOf(await stack.query(HonoursRedemptionPointsDocument, { filter: { regionCode: '370305', kind: 'LOVE_STATION' } }), 'listing');
    expect(redemptionPoints.totalCount).toBe(1);
    expect(redemptionPoints.edges.map((e) => e.node.id)).toEqual([pointB]);
    const { redemptionPoint } = dataOf(await stack.query(HonoursRedemptionPointDocument, { id: pointA }), 'reading a point');
    expect(redemptionPoint).toMatchObject({ kind: 'VIRTUE_SUPERMARKET', operator: '车站便民超市', regionCode: '370303', openingHours: '08:00-20:00' });
    expect(redemptionPoint!.catalogue.map((i) => i.pointsCost)).toEqual([3, 5, 10]);
  });
});
