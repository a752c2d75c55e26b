import { localDate } from '@vg/config';
import { makeCreditCode } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf } from './builders';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/**
 * Review probes of the partnerships subgraph through the gateway: a county dispatcher confined to
 * their county everywhere (not only in the order lists), role before input for accounts lacking the
 * organisation they act for, and concurrent steps of one order.
 */

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-review' };
const CENTRE: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'centre-review' };
const ZHANGDIAN: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'federation-370303-review', scopes: ['federation:370303'] };
const LINZI: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'federation-370305-review', scopes: ['federation:370305'] };

interface Order {
  id: string;
  status: string;
}
const ORDER_FIELDS = 'id status';

let stack: Stack;
let enterprise: TokenFor;
let org: TokenFor;
let orgId: string;
let volunteerId: string;

const code = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const today = () => localDate(new Date());
const inDays = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));

async function order(): Promise<string> {
  const response = await stack.query<{ orderPartnershipService: Order }>(
    `mutation($input: OrderPartnershipServiceInput!) { orderPartnershipService(input: $input) { ${ORDER_FIELDS} } }`,
    { input: { serviceType: 'MENTAL_HEALTH', title: '心理讲座', wantedFrom: today(), wantedTo: inDays(7), headcount: 2, place: '职工之家' } },
    enterprise,
  );
  return dataOf(response, 'ordering').orderPartnershipService.id;
}
async function dispatch(id: string): Promise<void> {
  const response = await stack.query<{ dispatchPartnershipOrder: Order }>(
    `mutation($id: ID!, $org: ID!) { dispatchPartnershipOrder(id: $id, socialOrganizationId: $org) { ${ORDER_FIELDS} } }`,
    { id, org: orgId },
    CENTRE,
  );
  expect(dataOf(response, 'dispatching').dispatchPartnershipOrder.status).toBe('DISPATCHED');
}
const accept = (id: string, as: TokenFor = org) => stack.query<{ acceptPartnershipOrder: Order }>(`mutation($id: ID!) { acceptPartnershipOrder(id: $id) { ${ORDER_FIELDS} } }`, { id }, as);
const decline = (id: string, as: TokenFor = org) =>
  stack.query<{ declinePartnershipOrder: Order }>(`mutation($id: ID!) { declinePartnershipOrder(id: $id, reason: "忙") { ${ORDER_FIELDS} } }`, { id }, as);
const schedule = (id: string, as: TokenFor = org) =>
  stack.query<{ schedulePartnershipOrder: Order }>(
    `mutation($id: ID!, $at: DateTime!) { schedulePartnershipOrder(id: $id, at: $at) { ${ORDER_FIELDS} } }`,
    { id, at: new Date(Date.now() + 60_000).toISOString() },
    as,
  );
const deliver = (id: string, as: TokenFor = org) =>
  stack.query<{ deliverPartnershipOrder: Order }>(
    `mutation($id: ID!, $input: DeliverPartnershipOrderInput!) { deliverPartnershipOrder(id: $id, input: $input) { ${ORDER_FIELDS} } }`,
    { id, input: { deliveredOn: today(), services: [{ volunteerId, hours: 2 }] } },
    as,
  );

let deliveredId: string;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
}, 180_000);
afterAll(() => stack?.stop());

describe('setup', () => {
  it('registers an enterprise in 张店, an organisation with a volunteer, and delivers one order', async () => {
    const e = dataOf(
      await stack.query<{ registerEnterprise: { id: string } }>(
        `mutation($input: RegisterOrganizationInput!) { registerEnterprise(input: $input) { id } }`,
        { input: { name: '淄博审查化工有限公司', creditCode: makeCreditCode('91370303MA3C8RW02'), regionCode: '370303' } },
        ADMIN,
      ),
      'enterprise',
    ).registerEnterprise;
    const o = dataOf(
      await stack.query<{ registerSocialOrganization: { id: string } }>(
        `mutation($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id } }`,
        { input: { name: '张店区审查服务中心', creditCode: makeCreditCode('52370303MA3C8RW03'), regionCode: '370303', serviceTypes: ['MENTAL_HEALTH'] } },
        ADMIN,
      ),
      'organisation',
    ).registerSocialOrganization;
    enterprise = { roles: ['ENTERPRISE'], sub: 'enterprise-review', enterpriseId: e.id };
    org = { roles: ['SOCIAL_ORGANIZATION'], sub: 'organization-review', socialOrganizationId: o.id };
    orgId = o.id;
    volunteerId = (await builders(stack).volunteer()).id;
    dataOf(await stack.query(`mutation($o: ID!, $v: ID!) { addOrganizationVolunteer(socialOrganizationId: $o, volunteerId: $v) { id } }`, { o: orgId, v: volunteerId }, org), 'adding');
    deliveredId = await order();
    await dispatch(deliveredId);
    dataOf(await accept(deliveredId), 'accepting');
    dataOf(await schedule(deliveredId), 'scheduling');
    expect(dataOf(await deliver(deliveredId), 'delivering').deliverPartnershipOrder.status).toBe('DELIVERED');
  });
});

describe('a county dispatcher stays in their county', () => {
  const servedOn = (id: string, as: TokenFor) =>
    stack.query<{ volunteer: { partnershipServices: Order[] } | null }>(`query($id: ID!) { volunteer(id: $id) { partnershipServices { id status } } }`, { id }, as);

  it("Volunteer.partnershipServices shows another county's orders to no county dispatcher", async () => {
    expect(dataOf(await servedOn(volunteerId, ZHANGDIAN)).volunteer!.partnershipServices.map((o) => o.id)).toEqual([deliveredId]);
    const other = await servedOn(volunteerId, LINZI);
    expect(other.data?.volunteer?.partnershipServices ?? []).toEqual([]);
  });

  it("partnershipReport does not give a county dispatcher another county's (or the whole city's) figures", async () => {
    const report = (regionCode: string | null) =>
      stack.query<{ partnershipReport: { ordersByRegion: { key: string; count: number }[] } }>(
        `query($from: Date!, $to: Date!, $regionCode: ID) { partnershipReport(from: $from, to: $to, regionCode: $regionCode) { ordersByRegion { key count } } }`,
        { from: today(), to: today(), regionCode },
        LINZI,
      );
    expect(code(await report('370303'))).toBe('FORBIDDEN');
    const own = await report(null);
    expect(own.data?.partnershipReport.ordersByRegion ?? []).toEqual([]);
    expect(dataOf(await report('370305')).partnershipReport.ordersByRegion).toEqual([]);
  });
});

describe('role before input', () => {
  it('refuses an ENTERPRISE token without enterprise_id and a SOCIAL_ORGANIZATION token without social_organization_id, whatever the id', async () => {
    const bareEnterprise: TokenFor = { roles: ['ENTERPRISE'], sub: 'enterprise-bare' };
    const bareOrg: TokenFor = { roles: ['SOCIAL_ORGANIZATION'], sub: 'organization-bare' };
    const cancel = await stack.query(`mutation { cancelPartnershipOrder(id: "not-an-id", reason: "") { id } }`, {}, bareEnterprise);
    expect(code(cancel)).toBe('FORBIDDEN');
    const rate = await stack.query(`mutation { ratePartnershipOrder(id: "not-an-id", rating: 9) { id } }`, {}, bareEnterprise);
    expect(code(rate)).toBe('FORBIDDEN');
    for (const document of [
      `mutation { acceptPartnershipOrder(id: "not-an-id") { id } }`,
      `mutation { declinePartnershipOrder(id: "not-an-id", reason: "") { id } }`,
      `mutation { schedulePartnershipOrder(id: "not-an-id", at: "2020-01-01T00:00:00Z") { id } }`,
    ]) {
      expect([document, code(await stack.query(document, {}, bareOrg))]).toEqual([document, 'FORBIDDEN']);
    }
  });
});

describe('concurrent steps of one order', () => {
  it('accept and decline at once: exactly one wins, the other is CONFLICT', async () => {
    const id = await order();
    await dispatch(id);
    const results = await Promise.all([accept(id), decline(id)]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map(code)).toEqual(['CONFLICT']);
  });

  it('a decline, then a re-dispatch to the same organisation, then an accept works', async () => {
    const id = await order();
    await dispatch(id);
    dataOf(await decline(id), 'declining');
    await dispatch(id);
    expect(dataOf(await accept(id), 'accepting').acceptPartnershipOrder.status).toBe('ACCEPTED');
  });

  it('two deliveries at once: one wins, the hours written once', async () => {
    const id = await order();
    await dispatch(id);
    dataOf(await accept(id));
    dataOf(await schedule(id));
    const results = await Promise.all([deliver(id), deliver(id)]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors).map(code)).toEqual(['CONFLICT']);
    const [{ n }]: { n: number }[] = await stack.partnerships.db.dataSource.query('SELECT count(*)::int AS n FROM partnership_services WHERE order_id = $1', [id]);
    expect(n).toBe(1);
    const [{ r }]: { r: number }[] = await stack.projects.db.dataSource.query(`SELECT count(*)::int AS r FROM service_records WHERE partner_source = 'partnerships' AND partner_reference = $1`, [id]);
    expect(r).toBe(1);
  });
});

describe('N+1', () => {
  it('lists 10 or 100 orders with their enterprise, organisation, services and history in the same statements', async () => {
    const db = stack.partnerships.db.dataSource;
    await db.query(
      `WITH copies AS (
         INSERT INTO partnership_orders (enterprise_id, service_type, title, wanted_from, wanted_to, headcount, place, region_code, status, social_organization_id, delivered_on)
         SELECT enterprise_id, service_type, title, wanted_from, wanted_to, headcount, place, region_code, status, social_organization_id, delivered_on
         FROM partnership_orders, generate_series(1, 110) WHERE id = $1 RETURNING id),
       services AS (INSERT INTO partnership_services (order_id, volunteer_id, hours, service_record_id) SELECT id, $2, 2, 1 FROM copies)
       INSERT INTO partnership_order_events (order_id, to_status, action, actor_sub, actor_role) SELECT id, 'ORDERED', 'ORDER', 'x', 'ENTERPRISE' FROM copies`,
      [deliveredId, volunteerId],
    );
    const statementsFor = async (first: number): Promise<string[]> => {
      const statements: string[] = [];
      const stop = db.sqlLogger.onStatement((sql) => statements.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql.slice(0, 60)));
      const response = await stack.query<{ partnershipOrders: { edges: { node: { id: string } }[] } }>(
        `query($first: Int) { partnershipOrders(first: $first) { edges { node { id enterprise { name contactPhone orders(first: 1) { totalCount } }
           socialOrganization { name contactPhone } services { hours volunteer { id } } history { action } } } } }`,
        { first },
        ADMIN,
      );
      stop();
      expect(dataOf(response).partnershipOrders.edges).toHaveLength(first);
      return statements;
    };
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred.length).toBe(ten.length);
  });

  it('Enterprise.orders is batched across enterprises and gives each its own newest orders and count', async () => {
    const db = stack.partnerships.db.dataSource;
    const enterprises: { id: string }[] = await db.query(
      `INSERT INTO enterprises (name, credit_code, region_code) SELECT '批量企业' || n, lpad(n::text, 18, '9'), '370303' FROM generate_series(1, 30) n RETURNING id::text`,
    );
    // Enterprise k gets k orders (copies of the delivered one).
    await db.query(
      `INSERT INTO partnership_orders (enterprise_id, service_type, title, wanted_from, wanted_to, headcount, place, region_code)
       SELECT e.id, o.service_type, o.title, o.wanted_from, o.wanted_to, o.headcount, o.place, o.region_code
       FROM partnership_orders o, unnest($2::bigint[]) WITH ORDINALITY AS e(id, k), generate_series(1, 30) g WHERE o.id = $1 AND g <= e.k`,
      [deliveredId, enterprises.map((e) => e.id)],
    );
    const statements: string[] = [];
    const stop = db.sqlLogger.onStatement((sql) => statements.push(/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql.slice(0, 60)));
    const response = await stack.query<{ enterprises: { edges: { node: { id: string; orders: { totalCount: number; edges: { node: { id: string } }[] } } }[] } }>(
      `{ enterprises(first: 100, filter: { nameContains: "批量企业" }) { edges { node { id orders(first: 2) { totalCount edges { node { id } } } } } } }`,
      {},
      ADMIN,
    );
    stop();
    const nodes = dataOf(response).enterprises.edges.map((e) => e.node);
    expect(nodes).toHaveLength(30);
    const expected: { id: string; ids: string[] }[] = await db.query(
      `SELECT enterprise_id::text AS id, (array_agg(id::text ORDER BY id DESC))[1:2] AS ids FROM partnership_orders WHERE enterprise_id = ANY($1::bigint[]) GROUP BY enterprise_id`,
      [enterprises.map((e) => e.id)],
    );
    const byId = new Map(expected.map((e) => [e.id, e.ids]));
    nodes.forEach((node, i) => {
      const k = enterprises.findIndex((e) => e.id === node.id) + 1;
      expect([i, node.orders.totalCount, node.orders.edges.map((e) => e.node.id)]).toEqual([i, k, byId.get(node.id)]);
    });
    expect(statements.filter((s) => /OrdersOfEnterprises/.test(s)).length).toBeLessThanOrEqual(3);
  });
});

describe('role before input on every partnerships mutation', () => {
  const org6 = '{ name: "", creditCode: "x", regionCode: "x" }';
  const documents = [
    `mutation { registerEnterprise(input: ${org6}) { id } }`,
    `mutation { registerSocialOrganization(input: { name: "", creditCode: "x", regionCode: "x", serviceTypes: [] }) { id } }`,
    `mutation { addOrganizationVolunteer(socialOrganizationId: "x", volunteerId: "x") { id } }`,
    `mutation { orderPartnershipService(input: { serviceType: MENTAL_HEALTH, title: "", wantedFrom: "2000-01-01", wantedTo: "1999-01-01", headcount: -1, place: "" }) { id } }`,
    `mutation { dispatchPartnershipOrder(id: "x", socialOrganizationId: "x") { id } }`,
    `mutation { acceptPartnershipOrder(id: "x") { id } }`,
    `mutation { declinePartnershipOrder(id: "x", reason: "") { id } }`,
    `mutation { schedulePartnershipOrder(id: "x", at: "2000-01-01T00:00:00Z") { id } }`,
    `mutation { deliverPartnershipOrder(id: "x", input: { deliveredOn: "2000-01-01", services: [] }) { id } }`,
    `mutation { ratePartnershipOrder(id: "x", rating: 0) { id } }`,
    `mutation { cancelPartnershipOrder(id: "x", reason: "") { id } }`,
    `mutation { markNewEmploymentVolunteer(volunteerId: "x", occupation: COURIER) { markedAt } }`,
    `mutation { fileSnapshotReport(input: { description: "", lat: 999, lng: 999 }) { id } }`,
    `mutation { donateToFund(fundId: "x", input: { amount: -1, donorKind: PERSON }) { id } }`,
    `mutation { grantFromFund(fundId: "x", input: { amount: -1, purpose: PROJECT, reason: "" }) { id } }`,
  ];
  it('anonymous callers and plain volunteers are refused before any argument is read', async () => {
    const volunteer: TokenFor = { roles: ['VOLUNTEER'], sub: `volunteer-${volunteerId}`, volunteerId };
    for (const document of documents) {
      expect([document, code(await stack.query(document))]).toEqual([document, expect.stringMatching(/^(UNAUTHENTICATED|FORBIDDEN)$/)]);
      expect([document, code(await stack.query(document, {}, volunteer))]).toEqual([document, 'FORBIDDEN']);
    }
  });
});
