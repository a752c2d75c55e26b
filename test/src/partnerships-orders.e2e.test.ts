import { makeCreditCode } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type World } from './builders';
import {
  OrdersAcceptDocument,
  OrdersAddVolunteerDocument,
  OrdersCancelDocument,
  OrdersDeclineDocument,
  OrdersDeliverDocument,
  OrdersDispatchDocument,
  OrdersEnterpriseDocument,
  OrdersListDocument,
  OrdersOneDocument,
  OrdersOrderDocument,
  OrdersRateDocument,
  OrdersRegisterEnterpriseDocument,
  OrdersRegisterSocialOrganizationDocument,
  OrdersScheduleDocument,
  type OrderLoopFragment,
  type PartnershipServiceType,
} from './generated/partnerships-orders';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * The partnership order loop through the gateway by its three roles — the enterprise orders, the
 * centre dispatches, the social organisation accepts (or declines), schedules and delivers, the
 * enterprise rates — with every illegal jump refused (CONFLICT naming the status, nothing
 * changed), and each party confined to its own orders: an enterprise to its own, an
 * organisation to those dispatched to it, a county dispatcher to their county.
 */

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-orders-1' };
const CENTRE: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'centre-orders-1' };
const ZHANGDIAN: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'federation-370303', scopes: ['federation:370303'] };
const LINZI: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'federation-370305', scopes: ['federation:370305'] };

const chinaDate = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

let stack: Stack;
let world: World;
let enterpriseA: TokenFor;
let enterpriseB: TokenFor;
let orgX: TokenFor;
let orgY: TokenFor;
let orgXId: string;
let orgYId: string;
let volunteerId: string;

const failure = (response: GraphQLResponse<unknown>) => ({
  code: response.errors?.[0]?.extensions?.code,
  field: response.errors?.[0]?.extensions?.field,
  reason: response.errors?.[0]?.extensions?.reason,
});
const count = async (table: string): Promise<number> => {
  const [{ n }]: { n: number }[] = await stack.partnerships.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
};
const order = async (as: TokenFor, serviceType: PartnershipServiceType = 'MENTAL_HEALTH'): Promise<OrderLoopFragment> =>
  dataOf(await stack.query(OrdersOrderDocument, { input: { serviceType, title: '心理健康讲座', wantedFrom: chinaDate(), wantedTo: chinaDate(7), headcount: 3, place: '职工之家' } }, as), 'ordering')
    .orderPartnershipService;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  world = builders(stack);
  const enterprise = async (n: string, regionCode: string) =>
    dataOf(
      await stack.query(
        OrdersRegisterEnterpriseDocument,
        { input: { name: `淄博${n}化工有限公司`, creditCode: makeCreditCode(`91${regionCode}MA3C8E${n}`), regionCode, contactName: '王伟', contactPhone: '139 0533 1234' } },
        ADMIN,
      ),
      'registering an enterprise',
    ).registerEnterprise;
  const organization = async (n: string, serviceTypes: PartnershipServiceType[]) =>
    dataOf(
      await stack.query(
        OrdersRegisterSocialOrganizationDocument,
        { input: { name: `张店区${n}服务中心`, creditCode: makeCreditCode(`52370303MA3C8R${n}`), regionCode: '370303', serviceTypes } },
        CENTRE,
      ),
      'registering an organisation',
    ).registerSocialOrganization;
  const [a, b, x, y] = [
    await enterprise('A01', '370303'),
    await enterprise('B02', '370305'),
    await organization('X01', ['MENTAL_HEALTH', 'SAFETY_TRAINING']),
    await organization('Y02', ['FIRST_AID_TRAINING']),
  ];
  enterpriseA = { roles: ['ENTERPRISE'], sub: 'enterprise-a', enterpriseId: a.id };
  enterpriseB = { roles: ['ENTERPRISE'], sub: 'enterprise-b', enterpriseId: b.id };
  orgX = { roles: ['SOCIAL_ORGANIZATION'], sub: 'organization-x', socialOrganizationId: x.id };
  orgY = { roles: ['SOCIAL_ORGANIZATION'], sub: 'organization-y', socialOrganizationId: y.id };
  [orgXId, orgYId] = [x.id, y.id];
  volunteerId = (await world.volunteer()).id;
  const added = dataOf(await stack.query(OrdersAddVolunteerDocument, { socialOrganizationId: x.id, volunteerId }, orgX), 'adding a volunteer').addOrganizationVolunteer;
  expect(added.volunteers).toEqual([{ id: volunteerId }]);
}, 180_000);
afterAll(() => stack?.stop());

describe('organisations', () => {
  it('refuse a credit code with a wrong check character or a duplicate, naming the field, writing nothing', async () => {
    const before = await count('enterprises');
    const good = makeCreditCode('91370303MA3C8E999');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const bad = await stack.query(OrdersRegisterEnterpriseDocument, { input: { name: '淄博坏码有限公司', creditCode: wrong, regionCode: '370303' } }, ADMIN);
    expect(failure(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.creditCode' });
    const short = await stack.query(OrdersRegisterSocialOrganizationDocument, { input: { name: '短码中心', creditCode: '52370303', regionCode: '370303', serviceTypes: ['MENTAL_HEALTH'] } }, ADMIN);
    expect(failure(short)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.creditCode' });
    const duplicate = await stack.query(OrdersRegisterEnterpriseDocument, { input: { name: '淄博重复有限公司', creditCode: makeCreditCode('91370303MA3C8EA01'), regionCode: '370303' } }, ADMIN);
    expect(failure(duplicate)).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_CREDIT_CODE' });
    expect(await count('enterprises')).toBe(before);
  });

  it('are registered only by ADMIN and the centre (FORBIDDEN before the input is read)', async () => {
    const response = await stack.query(OrdersRegisterEnterpriseDocument, { input: { name: '', creditCode: 'x', regionCode: 'x' } }, enterpriseA);
    expect(failure(response).code).toBe('FORBIDDEN');
  });

  it('show the contact phone in full to the enterprise itself and the centre, masked to others', async () => {
    const phone = async (as?: TokenFor) => dataOf(await stack.query(OrdersEnterpriseDocument, { id: enterpriseA.enterpriseId! }, as)).enterprise?.contactPhone;
    expect(await phone(enterpriseA)).toBe('13905331234');
    expect(await phone(CENTRE)).toBe('13905331234');
    expect(await phone(enterpriseB)).toBe('139****1234');
    expect(await phone()).toBe('139****1234');
  });

  it('add volunteers only for themselves (or ADMIN); a volunteer already added is CONFLICT', async () => {
    expect(failure(await stack.query(OrdersAddVolunteerDocument, { socialOrganizationId: orgXId, volunteerId }, orgY)).code).toBe('FORBIDDEN');
    expect(failure(await stack.query(OrdersAddVolunteerDocument, { socialOrganizationId: orgXId, volunteerId }, ADMIN))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ORGANIZATION_VOLUNTEER' });
    expect(failure(await stack.query(OrdersAddVolunteerDocument, { socialOrganizationId: orgYId, volunteerId: '987654321' }, orgY))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'volunteerId' });
  });
});

describe('the order loop', () => {
  it('goes ORDERED → DISPATCHED → (declined) ORDERED → DISPATCHED → ACCEPTED → SCHEDULED → DELIVERED → RATED, each by its party, refusing illegal jumps', async () => {
    const o = await order(enterpriseA);
    expect(o).toMatchObject({ status: 'ORDERED', regionCode: '370303', enterprise: { id: enterpriseA.enterpriseId }, socialOrganization: null });
    const step = async <T>(response: GraphQLResponse<T>) => dataOf(response, 'a step');
    const refused = async (response: GraphQLResponse<unknown>, status: string) => {
      expect(failure(response)).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
      expect(response.errors?.[0].message).toContain(`is ${status}`);
      expect(dataOf(await stack.query(OrdersOneDocument, { id: o.id }, ADMIN)).partnershipOrder?.status).toBe(status);
    };

    await refused(await stack.query(OrdersRateDocument, { id: o.id, rating: 5 }, enterpriseA), 'ORDERED');
    // Not dispatched to the organisation: not theirs to act on.
    expect(failure(await stack.query(OrdersAcceptDocument, { id: o.id }, orgX)).code).toBe('FORBIDDEN');
    // A county dispatcher acts only in their county; an organisation not offering the type is refused by field.
    expect(failure(await stack.query(OrdersDispatchDocument, { id: o.id, socialOrganizationId: orgXId }, LINZI)).code).toBe('FORBIDDEN');
    const events = await count('partnership_order_events');
    expect(failure(await stack.query(OrdersDispatchDocument, { id: o.id, socialOrganizationId: orgYId }, CENTRE))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'socialOrganizationId' });
    expect(await count('partnership_order_events')).toBe(events);

    const dispatched = (await step(await stack.query(OrdersDispatchDocument, { id: o.id, socialOrganizationId: orgXId, note: '就近派单' }, CENTRE))).dispatchPartnershipOrder;
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', socialOrganization: { id: orgXId } });
    await refused(await stack.query(OrdersScheduleDocument, { id: o.id, at: new Date(Date.now() + 3_600_000).toISOString() }, orgX), 'DISPATCHED');
    expect(failure(await stack.query(OrdersAcceptDocument, { id: o.id }, orgY)).code).toBe('FORBIDDEN');

    const declined = (await step(await stack.query(OrdersDeclineDocument, { id: o.id, reason: '本周人手不足' }, orgX))).declinePartnershipOrder;
    expect(declined).toMatchObject({ status: 'ORDERED', socialOrganization: null });
    // Declined: no longer the organisation's order.
    expect(failure(await stack.query(OrdersOneDocument, { id: o.id }, orgX)).code).toBe('FORBIDDEN');

    await step(await stack.query(OrdersDispatchDocument, { id: o.id, socialOrganizationId: orgXId }, ZHANGDIAN));
    await refused(await stack.query(OrdersDispatchDocument, { id: o.id, socialOrganizationId: orgXId }, CENTRE), 'DISPATCHED');
    const accepted = (await step(await stack.query(OrdersAcceptDocument, { id: o.id }, orgX))).acceptPartnershipOrder;
    expect(accepted.acceptedAt).not.toBeNull();
    await refused(await stack.query(OrdersAcceptDocument, { id: o.id }, orgX), 'ACCEPTED');
    await refused(await stack.query(OrdersCancelDocument, { id: o.id, reason: '不要了' }, enterpriseA), 'ACCEPTED');

    expect(failure(await stack.query(OrdersScheduleDocument, { id: o.id, at: `${chinaDate(30)}T09:00:00+08:00` }, orgX))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
    const at = new Date(Date.now() + 60_000).toISOString();
    expect((await step(await stack.query(OrdersScheduleDocument, { id: o.id, at }, orgX))).schedulePartnershipOrder.status).toBe('SCHEDULED');
    await refused(await stack.query(OrdersRateDocument, { id: o.id, rating: 5 }, enterpriseA), 'SCHEDULED');

    const delivered = await stack.query(OrdersDeliverDocument, { id: o.id, input: { deliveredOn: chinaDate(), services: [{ volunteerId, hours: 2 }], content: '心理健康讲座' } }, orgX);
    expect(dataOf(delivered).deliverPartnershipOrder.status).toBe('DELIVERED');
    expect(failure(await stack.query(OrdersRateDocument, { id: o.id, rating: 5 }, enterpriseB)).code).toBe('FORBIDDEN');
    expect(failure(await stack.query(OrdersRateDocument, { id: o.id, rating: 6 }, enterpriseA))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rating' });
    const rated = (await step(await stack.query(OrdersRateDocument, { id: o.id, rating: 5, comment: '职工反响很好' }, enterpriseA))).ratePartnershipOrder;
    expect(rated).toMatchObject({ status: 'RATED', rating: 5, ratingComment: '职工反响很好' });
    await refused(await stack.query(OrdersRateDocument, { id: o.id, rating: 4 }, enterpriseA), 'RATED');

    expect(rated.history.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorRole])).toEqual([
      ['ORDER', null, 'ORDERED', 'ENTERPRISE'],
      ['DISPATCH', 'ORDERED', 'DISPATCHED', 'CENTRE_DISPATCHER'],
      ['DECLINE', 'DISPATCHED', 'ORDERED', 'SOCIAL_ORGANIZATION'],
      ['DISPATCH', 'ORDERED', 'DISPATCHED', 'CENTRE_DISPATCHER'],
      ['ACCEPT', 'DISPATCHED', 'ACCEPTED', 'SOCIAL_ORGANIZATION'],
      ['SCHEDULE', 'ACCEPTED', 'SCHEDULED', 'SOCIAL_ORGANIZATION'],
      ['DELIVER', 'SCHEDULED', 'DELIVERED', 'SOCIAL_ORGANIZATION'],
      ['RATE', 'DELIVERED', 'RATED', 'ENTERPRISE'],
    ]);
    expect(rated.history.filter((e) => e.action !== 'DELIVER').map((e) => e.note)).toEqual([null, '就近派单', '本周人手不足', null, null, null, '职工反响很好']);
    expect(rated.history[1].actor).toBe('centre-orders-1');
  });

  it('is cancelled by the enterprise before acceptance, the reason kept; then nothing more happens', async () => {
    const o = await order(enterpriseA);
    expect(failure(await stack.query(OrdersCancelDocument, { id: o.id, reason: '改期' }, enterpriseB)).code).toBe('FORBIDDEN');
    const cancelled = dataOf(await stack.query(OrdersCancelDocument, { id: o.id, reason: '改期' }, enterpriseA)).cancelPartnershipOrder;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.history.at(-1)).toMatchObject({ action: 'CANCEL', note: '改期', actorRole: 'ENTERPRISE' });
    expect(failure(await stack.query(OrdersDispatchDocument, { id: o.id, socialOrganizationId: orgXId }, ADMIN))).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
  });

  it('is ordered only by an ENTERPRISE acting for its enterprise, with checked dates and headcount', async () => {
    const input = { serviceType: 'MENTAL_HEALTH' as const, title: '讲座', wantedFrom: chinaDate(), wantedTo: chinaDate(1), headcount: 2, place: '会议室' };
    expect(failure(await stack.query(OrdersOrderDocument, { input }, CENTRE)).code).toBe('FORBIDDEN');
    expect(failure(await stack.query(OrdersOrderDocument, { input }, { roles: ['ENTERPRISE'], sub: 'no-enterprise' })).code).toBe('FORBIDDEN');
    expect(failure(await stack.query(OrdersOrderDocument, { input: { ...input, wantedFrom: chinaDate(-2) } }, enterpriseA))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.wantedFrom' });
    expect(failure(await stack.query(OrdersOrderDocument, { input: { ...input, wantedTo: chinaDate(-1) } }, enterpriseA))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.wantedTo' });
    expect(failure(await stack.query(OrdersOrderDocument, { input: { ...input, headcount: 0 } }, enterpriseA))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.headcount' });
  });
});

describe('who sees which orders', () => {
  it('an enterprise its own, an organisation those dispatched to it, a county dispatcher their county', async () => {
    const mine = await order(enterpriseA);
    const theirs = await order(enterpriseB);
    dataOf(await stack.query(OrdersDispatchDocument, { id: mine.id, socialOrganizationId: orgXId }, CENTRE));
    const ids = async (as: TokenFor) => dataOf(await stack.query(OrdersListDocument, {}, as)).partnershipOrders.edges.map((e) => e.node.id);

    expect(await ids(enterpriseA)).toContain(mine.id);
    expect(await ids(enterpriseA)).not.toContain(theirs.id);
    expect(await ids(enterpriseB)).toEqual([theirs.id]);
    expect(await ids(orgX)).toContain(mine.id);
    expect(await ids(orgX)).not.toContain(theirs.id);
    expect(await ids(orgY)).toEqual([]);
    expect(await ids(ZHANGDIAN)).toContain(mine.id);
    expect(await ids(ZHANGDIAN)).not.toContain(theirs.id);
    expect(await ids(LINZI)).toEqual([theirs.id]);
    expect(await ids(CENTRE)).toEqual(expect.arrayContaining([mine.id, theirs.id]));

    for (const as of [enterpriseB, orgY, LINZI]) expect(failure(await stack.query(OrdersOneDocument, { id: mine.id }, as)).code).toBe('FORBIDDEN');
    for (const as of [enterpriseA, orgX, ZHANGDIAN, ADMIN, { roles: ['DATA_STAFF'] } as TokenFor])
      expect(dataOf(await stack.query(OrdersOneDocument, { id: mine.id }, as)).partnershipOrder?.id).toBe(mine.id);
    expect(failure(await stack.query(OrdersListDocument, {}, { roles: ['VOLUNTEER'], sub: 'v' })).code).toBe('FORBIDDEN');
    // An enterprise cannot act on another's order either.
    expect(failure(await stack.query(OrdersCancelDocument, { id: mine.id, reason: '试试' }, enterpriseB)).code).toBe('FORBIDDEN');
  });
});
