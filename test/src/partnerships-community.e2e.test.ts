import { builders, dataOf, type BuiltProject, type BuiltStation, type World } from './builders';
import {
  CommunityDonateDocument,
  CommunityFundDocument,
  CommunityFundingDocument,
  CommunityFundsOfRegionDocument,
  CommunityGrantDocument,
  CommunityLedgerDocument,
  CommunityMarkDocument,
  CommunityPackagesDocument,
  CommunityPackagesNearDocument,
  CommunityProfileDocument,
  CommunitySnapshotDocument,
  type GrantInput,
} from './generated/partnerships-community';
import { DISPATCHER, FUNDER, RESIDENT, startLoop, type Loop } from './service-requests';
import type { GraphQLResponse, Stack, TokenFor } from './testkit';

/**
 * New-employment groups and community funds through the gateway: the package catalogue and the
 * places near a point offering it (a station resolved by the volunteers subgraph); a rider marked
 * by the centre files 随手拍 reports as themself; donations in and grants out of a community fund,
 * a grant above the balance refused with a code and nothing written, 20 concurrent grants against
 * a fund covering 7 of them, the ledger for the centre, and `ServiceRequest.funding`.
 */

const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'], sub: 'data-staff-community' };
const COMMUNITY = '370303001001';

let loop: Loop;
let stack: Stack;
let world: World;
let station: BuiltStation;
let project: BuiltProject;
let requestId: string;

const failure = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions;
const movementsOf = async (fundId: string): Promise<number> =>
  Number((await stack.partnerships.db.dataSource.query('SELECT count(*)::int AS n FROM fund_movements WHERE fund_id = $1', [fundId]))[0].n);

/** Funds have no creating mutation (one per community, set up by the city): written straight into the database. */
async function newFund(regionCode: string, name: string): Promise<string> {
  const [row]: { id: string }[] = await stack.partnerships.db.dataSource.query('INSERT INTO community_funds (name, region_code) VALUES ($1, $2) RETURNING id::text', [name, regionCode]);
  return row.id;
}

beforeAll(async () => {
  loop = await startLoop();
  stack = loop.stack;
  world = builders(stack);
  station = await world.station({ name: '和平社区新就业群体服务站', region: '370303001', lat: 36.8075, lng: 118.0512 });
  project = await world.project({ name: '骑手关爱行动' });
  requestId = (await loop.requestIn('DISPATCHED')).id;
  // The catalogue is the city's (seeded): two packages, offered at a shop and at the station.
  const db = stack.partnerships.db.dataSource;
  const packages: { id: string }[] = await db.query(
    `INSERT INTO service_packages (name, category, description) VALUES ('法律咨询', 'LEGAL', '律师坐诊'), ('充电', 'REST_STOP', '免费充电') RETURNING id::text`,
  );
  const offers: { id: string }[] = await db.query(
    `INSERT INTO package_offers (kind, name, address, lat, lng, station_id) VALUES
       ('SHOP', '王记便利店', '淄博市张店区人民路1号', 36.807, 118.051, NULL),
       ('STATION', $1, '淄博市张店区和平路2号', 36.8075, 118.0512, $2),
       ('SHOP', '博山的店', '淄博市博山区', 36.495, 117.862, NULL)
     RETURNING id::text`,
    [station.name, station.id],
  );
  await db.query(`INSERT INTO package_offer_packages (offer_id, package_id) VALUES ($1, $4), ($2, $3), ($2, $4), ($5, $4)`, [offers[0].id, offers[1].id, packages[0].id, packages[1].id, offers[2].id]);
}, 180_000);
afterAll(() => stack?.stop());

describe('service packages', () => {
  it('lists the catalogue with where each package is offered; anyone may', async () => {
    const { servicePackages } = dataOf(await stack.query(CommunityPackagesDocument, {}), 'listing packages');
    expect(servicePackages.map((p) => [p.name, p.offers.map((o) => o.kind).sort()])).toEqual([
      ['法律咨询', ['STATION']],
      ['充电', ['SHOP', 'SHOP', 'STATION']],
    ]);
    const { servicePackages: legal } = dataOf(await stack.query(CommunityPackagesDocument, { category: 'LEGAL' }));
    expect(legal.map((p) => p.name)).toEqual(['法律咨询']);
  });

  it('finds the places near a point, nearest first, the station resolved by the volunteers subgraph', async () => {
    const { servicePackagesNear } = dataOf(await stack.query(CommunityPackagesNearDocument, { lat: 36.8075, lng: 118.0512 }), 'packages near');
    expect(servicePackagesNear.map((n) => n.offer.name)).toEqual([station.name, '王记便利店']);
    expect(servicePackagesNear[0]).toMatchObject({ distanceMeters: 0, walkingMinutes: 1, offer: { kind: 'STATION', station: { id: station.id, name: station.name } } });
    expect(servicePackagesNear[0].offer.packages.map((p) => p.name)).toEqual(['法律咨询', '充电']);
    expect(servicePackagesNear[1].offer.station).toBeNull();
    const refused = await stack.query(CommunityPackagesNearDocument, { lat: 36.8, lng: 118, walkingMinutes: 500 });
    expect(failure(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'walkingMinutes' });
  });
});

describe('new-employment volunteers', () => {
  it('the centre marks a rider, who files 随手拍 reports as themself; others see no profile', async () => {
    const rider = loop.outsider;
    const other = loop.team.members[1];
    // Not yet marked: even the volunteer themself may not file one.
    expect(failure(await stack.query(CommunitySnapshotDocument, { input: { description: '路灯不亮', lat: 36.8, lng: 118.05 } }, rider.as))).toMatchObject({ code: 'FORBIDDEN' });
    expect(failure(await stack.query(CommunityMarkDocument, { volunteerId: rider.id, occupation: 'DELIVERY_RIDER' }, rider.as))).toMatchObject({ code: 'FORBIDDEN' });
    expect(failure(await stack.query(CommunityMarkDocument, { volunteerId: '99999999', occupation: 'DELIVERY_RIDER' }, DISPATCHER))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'volunteerId' });
    const marked = dataOf(await stack.query(CommunityMarkDocument, { volunteerId: rider.id, occupation: 'DELIVERY_RIDER' }, DISPATCHER), 'marking');
    expect(marked.markNewEmploymentVolunteer).toMatchObject({ occupation: 'DELIVERY_RIDER', snapshotReports: 0 });
    const filed = dataOf(await stack.query(CommunitySnapshotDocument, { input: { description: '路口井盖缺失', lat: 36.81, lng: 118.06 } }, rider.as), 'filing');
    expect(filed.fileSnapshotReport).toMatchObject({ description: '路口井盖缺失', location: { lat: 36.81, lng: 118.06 } });
    expect(failure(await stack.query(CommunitySnapshotDocument, { input: { description: '', lat: 36.8, lng: 118.05 } }, rider.as))).toMatchObject({ field: 'input.description' });
    expect(failure(await stack.query(CommunitySnapshotDocument, { input: { description: 'x', lat: 36.8, lng: 118.05 } }, other.as))).toMatchObject({ code: 'FORBIDDEN' });
    const own = dataOf(await stack.query(CommunityProfileDocument, { id: rider.id }, rider.as));
    expect(own.volunteer?.newEmployment).toEqual({ occupation: 'DELIVERY_RIDER', snapshotReports: 1 });
    const seenByOther = dataOf(await stack.query(CommunityProfileDocument, { id: rider.id }, other.as));
    expect(seenByOther.volunteer?.newEmployment).toBeNull();
  });
});

describe('community funds', () => {
  const grant = (amount: number, extra: Partial<GrantInput> = {}): GrantInput => ({ amount, purpose: 'SERVICE_REQUEST', serviceRequestId: requestId, reason: '社区买单：助老送餐', ...extra });
  const fundOf = async (id: string) => dataOf(await stack.query(CommunityFundDocument, { id }), 'reading the fund').communityFund!;

  it('refuses a grant above the balance with CONFLICT INSUFFICIENT_FUNDS, writing nothing', async () => {
    const fundId = await newFund('370303001002', '和平社区发展基金');
    dataOf(await stack.query(CommunityDonateDocument, { fundId, input: { amount: 300, donorKind: 'PERSON', donorName: '张建国', reason: '乐捐' } }, DISPATCHER), 'donating');
    const before = await movementsOf(fundId);
    const refused = await stack.query(CommunityGrantDocument, { fundId, input: grant(300.01) }, FUNDER);
    expect(refused.data?.grantFromFund ?? null).toBeNull();
    expect(failure(refused)).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_FUNDS' });
    expect(refused.errors?.[0].message).toMatch(/¥300\.01.*¥300\.00/);
    expect(await movementsOf(fundId)).toBe(before);
    expect(await fundOf(fundId)).toMatchObject({ balance: 300, raised: 300, granted: 0 });
  });

  it('lets exactly 7 of 20 concurrent grants through a fund covering 7; the balance never goes negative; the ledger agrees', async () => {
    const fundId = await newFund(COMMUNITY, '新村社区发展基金');
    dataOf(await stack.query(CommunityDonateDocument, { fundId, input: { amount: 700, donorKind: 'PERSON', donorName: '李秀英' } }, DISPATCHER), 'donating');
    const results = await Promise.all(Array.from({ length: 20 }, () => stack.query(CommunityGrantDocument, { fundId, input: grant(100) }, FUNDER)));
    const granted = results.filter((r) => r.data?.grantFromFund);
    const refused = results.filter((r) => r.errors);
    expect(granted).toHaveLength(7);
    expect(refused).toHaveLength(13);
    for (const r of refused) expect(failure(r)).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_FUNDS' });
    expect(granted.map((r) => r.data!.grantFromFund.balanceAfter).sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400, 500, 600]);
    const fund = await fundOf(fundId);
    expect(fund).toMatchObject({ balance: 0, raised: 700, granted: 700 });
    expect(fund.balance).toBe(fund.raised - fund.granted);
    // The ledger, newest first, for the centre's data staff: each balance-after one grant below the next older.
    const { communityFund } = dataOf(await stack.query(CommunityLedgerDocument, { id: fundId, first: 100 }, DATA_STAFF), 'reading the ledger');
    const ledger = communityFund!.ledger.edges.map((e) => e.node);
    expect(communityFund!.ledger.totalCount).toBe(8);
    expect(ledger.map((m) => [m.kind, m.balanceAfter])).toEqual([...[0, 100, 200, 300, 400, 500, 600].map((b) => ['GRANT', b]), ['DONATION', 700]]);
    expect(ledger[0]).toMatchObject({ by: FUNDER.sub, reason: '社区买单：助老送餐', serviceRequest: { id: requestId } });
    expect(ledger[7]).toMatchObject({ by: DISPATCHER.sub, donorKind: 'PERSON', donorName: '李秀英' });
    // Who paid for the request (public amounts and funds).
    const { serviceRequest } = dataOf(await stack.query(CommunityFundingDocument, { id: requestId }, FUNDER), 'reading the funding');
    expect(serviceRequest?.funding.filter((f) => f.fund.id === fundId).map((f) => f.amount)).toEqual([100, 100, 100, 100, 100, 100, 100]);
  });

  it('decides the role before the input; checks the request or project exists in projects', async () => {
    const fundId = await newFund('370303001003', '光明社区发展基金');
    dataOf(await stack.query(CommunityDonateDocument, { fundId, input: { amount: 1000, donorKind: 'PERSON', donorName: '王海涛' } }, DISPATCHER));
    for (const as of [undefined, loop.outsider.as, { roles: ['ENTERPRISE'], enterpriseId: '1' } as TokenFor, DATA_STAFF]) {
      expect(failure(await stack.query(CommunityGrantDocument, { fundId: 'bad', input: grant(-1, { purpose: 'PROJECT' }) }, as))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(failure(await stack.query(CommunityGrantDocument, { fundId, input: grant(10, { serviceRequestId: '99999999' }) }, FUNDER))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.serviceRequestId',
    });
    expect(failure(await stack.query(CommunityGrantDocument, { fundId, input: grant(10, { purpose: 'PROJECT', serviceRequestId: null, projectId: '99999999' }) }, FUNDER))).toMatchObject({
      field: 'input.projectId',
    });
    expect(failure(await stack.query(CommunityGrantDocument, { fundId, input: grant(0.001) }, FUNDER))).toMatchObject({ field: 'input.amount' });
    expect(await movementsOf(fundId)).toBe(1);
    const paid = dataOf(
      await stack.query(CommunityGrantDocument, { fundId, input: grant(250.5, { purpose: 'PROJECT', serviceRequestId: null, projectId: project.id, reason: '资助骑手关爱行动' }) }, DISPATCHER),
      'a project grant',
    );
    expect(paid.grantFromFund).toMatchObject({ kind: 'GRANT', amount: 250.5, balanceAfter: 749.5, project: { id: project.id, name: project.name }, serviceRequest: null, fund: { balance: 749.5 } });
  });

  it('shows the funds of a region to anyone, the ledger only to the centre and funders', async () => {
    const { region, communityFunds } = dataOf(await stack.query(CommunityFundsOfRegionDocument, { code: '370303001' }), 'funds of a town');
    expect(region?.communityFunds.map((f) => f.name).sort()).toEqual(['光明社区发展基金', '和平社区发展基金', '新村社区发展基金'].sort());
    expect(communityFunds.totalCount).toBe(3);
    const fundId = region!.communityFunds[0].id;
    for (const as of [undefined, loop.outsider.as, { roles: ['ENTERPRISE'], enterpriseId: '1' } as TokenFor]) {
      expect(failure(await stack.query(CommunityLedgerDocument, { id: fundId }, as))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(dataOf(await stack.query(CommunityLedgerDocument, { id: fundId, first: 1 }, FUNDER)).communityFund?.ledger.pageInfo.hasNextPage).toBe(true);
  });
});

describe('ServiceRequest.funding (review)', () => {
  it('shows amounts and funds to anyone who sees the request, but not who granted it nor why (the ledger’s details)', async () => {
    const fundId = await newFund('370303001004', '公开社区发展基金');
    dataOf(await stack.query(CommunityDonateDocument, { fundId, input: { amount: 50, donorKind: 'PERSON', donorName: '赵敏' } }, DISPATCHER));
    dataOf(await stack.query(CommunityGrantDocument, { fundId, input: { amount: 20, purpose: 'SERVICE_REQUEST', serviceRequestId: requestId, reason: '内部：张主任批示' } }, FUNDER));
    type Funding = { serviceRequest: { funding: { amount: number; by: string | null; reason: string | null }[] } | null };
    const ask = (as?: TokenFor) => stack.query<Funding>(`query($id: ID!) { serviceRequest(id: $id) { funding { amount by reason } } }`, { id: requestId }, as);
    for (const as of [undefined, loop.outsider.as, RESIDENT]) {
      const response = await ask(as);
      const funding = response.data?.serviceRequest?.funding ?? [];
      expect(funding.some((f) => f.by === FUNDER.sub || f.reason === '内部：张主任批示')).toBe(false);
    }
    const staff = dataOf(await ask(DATA_STAFF)).serviceRequest!.funding;
    expect(staff.some((f) => f.by === FUNDER.sub && f.reason === '内部：张主任批示')).toBe(true);
  });
});
