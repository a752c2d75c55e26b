import { PersonalDataAudit } from '@vg/graphql';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer, type Role, type Viewer } from '@vg/standards';
import { contextFactory, type HonoursContext } from '../context';
import { entities, migrations } from '../data/entities';
import { repositoriesFor } from '../data/repositories';
import type { RedeemInput } from '../generated/graphql';
import { checkRedeemInput, redeem, redeemer, refundRedemption, sameRedemption } from './redemption-actions';
import { listRedemptionPoints, redemptionPointsNear } from './redemption-point-queries';

let db: TestDataSource;
/** The volunteers subgraph knows every volunteer asked for. */
const client = {
  request: async (_query: string, variables?: { r?: { id: string }[] }) => ({ _entities: (variables?.r ?? []).map(({ id }) => ({ id, volunteerNo: `V${id}`, region: { code: '370303' } })) }),
} as unknown as SubgraphClient;

function ctxAs(viewer: Partial<Viewer>): HonoursContext {
  return contextFactory({ dataSource: db.dataSource, clients: { volunteers: client, projects: client } })({
    viewer: { ...anonymousViewer, ...viewer },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}
const volunteer = (id: string) => ctxAs({ sub: `u-${id}`, roles: ['VOLUNTEER'], volunteerId: id });
const staffOf = (pointId: string, roles: Role[] = ['STATION_STAFF']) => ctxAs({ sub: `staff-${pointId}`, roles, redemptionPointId: pointId });
const admin = () => ctxAs({ sub: 'admin', roles: ['ADMIN'] });

/** The error's code, field and reason (undefined when it did not throw). */
async function failure(work: Promise<unknown>): Promise<{ code?: string; field?: string; reason?: string } | undefined> {
  try {
    await work;
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string; reason?: string } }).extensions;
  }
  return undefined;
}

let pointA: string;
let pointB: string;
/** Items of point A: rice (10 points, 100 in stock), a haircut (5, unlimited), soap (3, 2 in stock). */
let rice: string;
let haircut: string;
let soap: string;
let itemOfB: string;

async function give(volunteerId: string, points: number): Promise<void> {
  await db.dataSource.transaction(async (manager) => {
    const repos = repositoriesFor(manager);
    await repos.points.lockAccount(volunteerId);
    await repos.points.credit({ volunteerId, points, kind: 'ADJUSTMENT', earnedOn: new Date().toISOString().slice(0, 10), reason: 'test', by: 'test' });
  });
}
const balanceOf = async (volunteerId: string) => (await repositoriesFor(db.dataSource.manager).points.accountsOf([volunteerId]))[0]?.balance ?? 0;
const stockOf = async (itemId: string) => (await repositoriesFor(db.dataSource.manager).redemptionPoints.itemsByIds([itemId]))[0].stock;
const count = async (table: string, where = 'true') => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n);

beforeAll(async () => {
  db = await createTestDataSource({ name: 'honours', entities, migrations });
  const repo = repositoriesFor(db.dataSource.manager).redemptionPoints;
  [pointA, pointB] = await repo.insertPoints([
    {
      name: '张店区车站街道和平社区美德超市',
      kind: 'VIRTUE_SUPERMARKET',
      operator: '车站便民超市',
      lat: 36.807,
      lng: 118.052,
      address: '淄博市张店区人民路1号',
      regionCode: '370303',
      openingHours: '08:00-20:00',
    },
    { name: '临淄区闻韶街道幸福社区爱心驿站', kind: 'LOVE_STATION', operator: '王氏理发店', lat: 36.826, lng: 118.309, address: '淄博市临淄区中心路2号', regionCode: '370305', openingHours: null },
  ]);
  await repo.insertItems([
    { pointId: pointA, name: '大米（5kg）', kind: 'GOODS', pointsCost: 10, stock: 100 },
    { pointId: pointA, name: '理发', kind: 'SERVICE', pointsCost: 5, stock: null },
    { pointId: pointA, name: '肥皂', kind: 'GOODS', pointsCost: 3, stock: 2 },
    { pointId: pointB, name: '家电维修', kind: 'SERVICE', pointsCost: 50, stock: null },
  ]);
  const items = await repo.catalogueOf([pointA, pointB]);
  const id = (name: string) => items.find((i) => i.name === name)!.id;
  [rice, haircut, soap, itemOfB] = [id('大米（5kg）'), id('理发'), id('肥皂'), id('家电维修')];
});

afterAll(() => db?.drop());

describe('redeem: who', () => {
  const input = (over: Partial<RedeemInput> = {}): RedeemInput => ({ redemptionPointId: '1', itemId: '1', quantity: 1, idempotencyKey: 'k', ...over });

  it('lets the volunteer themself and the point’s staff (naming a volunteer) through, before any input is read', () => {
    expect(redeemer({ ...anonymousViewer, sub: 'u', roles: ['VOLUNTEER'], volunteerId: '9' }, input())).toEqual({ as: 'SELF', volunteerId: '9' });
    expect(redeemer({ ...anonymousViewer, sub: 'u', roles: ['VOLUNTEER'], volunteerId: '9' }, input({ volunteerId: '9' }))).toEqual({ as: 'SELF', volunteerId: '9' });
    expect(redeemer({ ...anonymousViewer, sub: 's', roles: ['STATION_STAFF'], redemptionPointId: '1' }, input({ volunteerId: '9' }))).toEqual({ as: 'STAFF', volunteerId: '9' });
  });

  it('refuses anyone else with FORBIDDEN, whatever the input', () => {
    const refused = (viewer: Partial<Viewer>, over: Partial<RedeemInput>) => {
      try {
        redeemer({ ...anonymousViewer, ...viewer }, input(over));
      } catch (error) {
        return (error as { extensions: { code: string } }).extensions.code;
      }
      return 'allowed';
    };
    expect(refused({}, {})).toBe('FORBIDDEN');
    expect(refused({ sub: 'u', roles: ['VOLUNTEER'], volunteerId: '9' }, { volunteerId: '10', quantity: -1 })).toBe('FORBIDDEN');
    expect(refused({ sub: 's', roles: ['STATION_STAFF'], redemptionPointId: '2' }, { volunteerId: '9' })).toBe('FORBIDDEN');
    expect(refused({ sub: 's', roles: ['STATION_STAFF'] }, { volunteerId: '9' })).toBe('FORBIDDEN');
    expect(refused({ sub: 'a', roles: ['ADMIN'] }, { volunteerId: '9' })).toBe('FORBIDDEN');
    // The claim alone is not the role.
    expect(refused({ sub: 's', roles: ['VOLUNTEER'], redemptionPointId: '1' }, { volunteerId: '9' })).toBe('FORBIDDEN');
  });

  it('names the field that is wrong', () => {
    const field = (over: Partial<RedeemInput>, who: ReturnType<typeof redeemer> = { as: 'SELF', volunteerId: '9' }) => {
      try {
        checkRedeemInput(who, input(over));
      } catch (error) {
        return (error as { extensions: { field: string } }).extensions.field;
      }
      return 'valid';
    };
    expect(field({})).toBe('valid');
    expect(field({ redemptionPointId: 'x' })).toBe('input.redemptionPointId');
    expect(field({ itemId: '0' })).toBe('input.itemId');
    for (const quantity of [0, -1, 101, 1.5]) expect(field({ quantity })).toBe('input.quantity');
    for (const idempotencyKey of ['', 'a b', 'x'.repeat(65), 'tab\t']) expect(field({ idempotencyKey })).toBe('input.idempotencyKey');
    expect(field({}, { as: 'STAFF', volunteerId: null })).toBe('input.volunteerId');
    expect(field({ volunteerId: 'abc' }, { as: 'STAFF', volunteerId: 'abc' })).toBe('input.volunteerId');
  });

  it('compares a retry by point, item and quantity', () => {
    const existing = { pointId: '1', itemId: '2', quantity: 3 };
    expect(sameRedemption(existing, { redemptionPointId: '1', itemId: '2', quantity: 3 })).toBe(true);
    expect(sameRedemption(existing, { redemptionPointId: '1', itemId: '2', quantity: 4 })).toBe(false);
  });
});

describe('redeem against PostgreSQL', () => {
  it('lets exactly 7 of 20 concurrent redemptions through when the balance covers 7', async () => {
    await give('101', 70);
    const before = await stockOf(rice);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => redeem(volunteer('101'), { redemptionPointId: pointA, itemId: rice, quantity: 1, idempotencyKey: `burst-${i}` })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { extensions: { code: string; reason: string } }).extensions] : []));
    expect(ok).toHaveLength(7);
    expect(reasons).toHaveLength(13);
    expect(new Set(reasons.map((e) => `${e.code} ${e.reason}`))).toEqual(new Set(['CONFLICT INSUFFICIENT_POINTS']));
    expect(await balanceOf('101')).toBe(0);
    expect(await stockOf(rice)).toBe(before! - 7);
    expect(await count('redemptions', "volunteer_id = 101 AND status = 'REDEEMED'")).toBe(7);
    expect(await count('points_ledger', "volunteer_id = 101 AND kind = 'REDEMPTION'")).toBe(7);
  });

  it('spends once for a repeated idempotency key, also when the repeats arrive together', async () => {
    await give('102', 50);
    const input = { redemptionPointId: pointA, itemId: haircut, quantity: 2, idempotencyKey: 'haircut-once' };
    const first = await redeem(volunteer('102'), input);
    const again = await redeem(volunteer('102'), input);
    expect(again.id).toBe(first.id);
    expect(first.points).toBe(10);
    const together = await Promise.all(Array.from({ length: 5 }, () => redeem(volunteer('102'), { ...input, idempotencyKey: 'haircut-together' })));
    expect(new Set(together.map((r) => r.id)).size).toBe(1);
    expect(await balanceOf('102')).toBe(30);
    expect(await count('redemptions', 'volunteer_id = 102')).toBe(2);
    // The same key for another volunteer is another redemption.
    await give('103', 10);
    expect((await redeem(volunteer('103'), input)).id).not.toBe(first.id);
  });

  it('refuses a key reused for other content with CONFLICT, spending nothing', async () => {
    await give('104', 100);
    await redeem(volunteer('104'), { redemptionPointId: pointA, itemId: haircut, quantity: 1, idempotencyKey: 'reuse' });
    expect(await failure(redeem(volunteer('104'), { redemptionPointId: pointA, itemId: haircut, quantity: 2, idempotencyKey: 'reuse' }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await failure(redeem(volunteer('104'), { redemptionPointId: pointA, itemId: rice, quantity: 1, idempotencyKey: 'reuse' }))).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await balanceOf('104')).toBe(95);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    await give('105', 100);
    const [redemptions, ledger, riceStock] = [await count('redemptions'), await count('points_ledger'), await stockOf(rice)];
    const base = { redemptionPointId: pointA, itemId: rice, quantity: 1, idempotencyKey: 'bad' };
    expect(await failure(redeem(volunteer('105'), { ...base, itemId: '999999' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemId' });
    expect(await failure(redeem(volunteer('105'), { ...base, itemId: itemOfB }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.itemId' });
    expect(await failure(redeem(volunteer('105'), { ...base, redemptionPointId: '999999' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.redemptionPointId' });
    for (const quantity of [0, -3]) expect(await failure(redeem(volunteer('105'), { ...base, quantity }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quantity' });
    // Another volunteer's redemption: FORBIDDEN, even with a bad quantity.
    expect(await failure(redeem(volunteer('106'), { ...base, volunteerId: '105', quantity: 0 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(redeem(staffOf(pointB), { ...base, volunteerId: '105' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(redeem(volunteer('105'), { ...base, itemId: soap, quantity: 3 }))).toMatchObject({ code: 'CONFLICT', reason: 'OUT_OF_STOCK' });
    expect(await failure(redeem(volunteer('105'), { ...base, quantity: 11 }))).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    expect([await count('redemptions'), await count('points_ledger'), await stockOf(rice), await balanceOf('105')]).toEqual([redemptions, ledger, riceStock, 100]);
  });

  it('lets the point’s staff redeem for a volunteer they name, and refund it once', async () => {
    await give('107', 20);
    const staff = staffOf(pointA);
    const before = await stockOf(soap);
    const redemption = await redeem(staff, { redemptionPointId: pointA, itemId: soap, quantity: 2, volunteerId: '107', idempotencyKey: 'staff-1' });
    expect(redemption).toMatchObject({ volunteerId: '107', points: 6, status: 'REDEEMED', redeemedBy: `staff-${pointA}` });
    expect(await stockOf(soap)).toBe(before! - 2);
    expect(await failure(refundRedemption(volunteer('107'), redemption.id, 'changed my mind'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(refundRedemption(staffOf(pointB), redemption.id, 'wrong point'))).toMatchObject({ code: 'FORBIDDEN' });
    const refunded = await refundRedemption(staff, redemption.id, '商品破损');
    expect(refunded).toMatchObject({ id: redemption.id, status: 'REFUNDED', refundReason: '商品破损' });
    expect(await balanceOf('107')).toBe(20);
    expect(await stockOf(soap)).toBe(before);
    expect(await count('points_ledger', `volunteer_id = 107 AND kind = 'REFUND' AND redemption_id = ${redemption.id} AND points = 6`)).toBe(1);
    expect(await failure(refundRedemption(admin(), redemption.id, 'again'))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REFUNDED' });
    expect(await failure(refundRedemption(admin(), '999999', 'none'))).toMatchObject({ code: 'NOT_FOUND' });
    // Two refunds at once: one wins.
    const other = await redeem(volunteer('107'), { redemptionPointId: pointA, itemId: haircut, quantity: 1, idempotencyKey: 'twice' });
    const both = await Promise.allSettled([refundRedemption(admin(), other.id, 'a'), refundRedemption(staff, other.id, 'b')]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await balanceOf('107')).toBe(20);
  });
});

describe('redemption point queries against PostgreSQL', () => {
  it('finds points within walking distance, nearest first, and checks the arguments', async () => {
    const near = await redemptionPointsNear(ctxAs({}), { lat: 36.81, lng: 118.05, walkingMinutes: 15 });
    expect(near.map((n) => n.redemptionPoint.id)).toEqual([pointA]);
    expect(near[0].distanceMeters).toBeGreaterThan(0);
    expect(near[0].walkingMinutes).toBe(Math.ceil(near[0].distanceMeters / 80));
    expect(await redemptionPointsNear(ctxAs({}), { lat: 36.81, lng: 118.05, kind: 'LOVE_STATION' })).toEqual([]);
    expect(await failure(redemptionPointsNear(ctxAs({}), { lat: 91, lng: 118 }))).toMatchObject({ field: 'lat' });
    expect(await failure(redemptionPointsNear(ctxAs({}), { lat: 36, lng: Number.NaN }))).toMatchObject({ field: 'lng' });
    expect(await failure(redemptionPointsNear(ctxAs({}), { lat: 36, lng: 118, walkingMinutes: 121 }))).toMatchObject({ field: 'walkingMinutes' });
  });

  it('lists by region and kind', async () => {
    const zibo = await listRedemptionPoints(ctxAs({}), { filter: { regionCode: '370300' } });
    expect(zibo.edges.map((e) => e.node.id)).toEqual([pointA, pointB]);
    const linzi = await listRedemptionPoints(ctxAs({}), { filter: { regionCode: '370305', kind: 'LOVE_STATION' } });
    expect(linzi.edges.map((e) => e.node.id)).toEqual([pointB]);
    const page = await listRedemptionPoints(ctxAs({}), { first: 1 });
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await listRedemptionPoints(ctxAs({}), { first: 1, after: page.pageInfo.endCursor });
    expect(next.edges.map((e) => e.node.id)).toEqual([pointB]);
  });
});
