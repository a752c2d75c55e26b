import { makeCreditCode } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type World } from './builders';
import {
  PartnershipReportDocument,
  ReportAcceptDocument,
  ReportAddOrganizationVolunteerDocument,
  ReportCancelDocument,
  ReportDeliverDocument,
  ReportDispatchDocument,
  ReportDonateDocument,
  ReportGrantDocument,
  ReportOrderDocument,
  ReportRateDocument,
  ReportRegisterEnterpriseDocument,
  ReportRegisterSocialOrganizationDocument,
  ReportScheduleDocument,
  type PartnershipReportQueryVariables,
  type ReportOrderFragment,
} from './generated/partnerships-report';
import { startStack, type Stack, type TokenFor } from './testkit';

/**
 * The centre's partnership report through the gateway: only CENTRE_DISPATCHER, ADMIN and
 * DATA_STAFF see it (FORBIDDEN before any argument is looked at), and its numbers agree with the
 * orders and fund movements made through the gateway (企业点单 → 派单 → 接单 → delivered → rated,
 * a cancellation, a donation and a grant).
 */

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-report-1' };
const DISPATCHER: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'centre-report-1' };
const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'], sub: 'data-report-1' };

/** China's date today (YYYY-MM-DD) shifted by `days`. */
const chinaDate = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const AROUND_TODAY = { from: chinaDate(-1), to: chinaDate(1) };

let stack: Stack;
let world: World;
let enterprise: TokenFor;
let organization: TokenFor;
/** Accepted, then delivered and rated 4; accepted only; dispatched only (cancelled is the fourth). */
let rated: ReportOrderFragment;
let accepted: ReportOrderFragment;
let dispatched: ReportOrderFragment;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  world = builders(stack);
  const { registerEnterprise } = dataOf(
    await stack.query(ReportRegisterEnterpriseDocument, { input: { name: '淄博报表化工有限公司', creditCode: makeCreditCode('91370303MA3C8RP01'), regionCode: '370303' } }, ADMIN),
    'registering the enterprise',
  );
  const { registerSocialOrganization } = dataOf(
    await stack.query(
      ReportRegisterSocialOrganizationDocument,
      { input: { name: '张店区报表心理服务中心', creditCode: makeCreditCode('52370303MA3C8RP02'), regionCode: '370303', serviceTypes: ['MENTAL_HEALTH', 'SAFETY_TRAINING'] } },
      ADMIN,
    ),
    'registering the organisation',
  );
  enterprise = { roles: ['ENTERPRISE'], sub: 'enterprise-report-1', enterpriseId: registerEnterprise.id };
  organization = { roles: ['SOCIAL_ORGANIZATION'], sub: 'organization-report-1', socialOrganizationId: registerSocialOrganization.id };
  const volunteer = await world.volunteer();
  dataOf(await stack.query(ReportAddOrganizationVolunteerDocument, { socialOrganizationId: registerSocialOrganization.id, volunteerId: volunteer.id }, ADMIN), 'adding the volunteer');

  const order = async (serviceType: 'MENTAL_HEALTH' | 'SAFETY_TRAINING', title: string) =>
    dataOf(await stack.query(ReportOrderDocument, { input: { serviceType, title, wantedFrom: chinaDate(), wantedTo: chinaDate(7), headcount: 2, place: '职工食堂' } }, enterprise), `ordering ${title}`)
      .orderPartnershipService;
  const dispatch = async (o: ReportOrderFragment) =>
    dataOf(await stack.query(ReportDispatchDocument, { id: o.id, socialOrganizationId: registerSocialOrganization.id }, DISPATCHER), 'dispatching').dispatchPartnershipOrder;
  const accept = async (o: ReportOrderFragment) => dataOf(await stack.query(ReportAcceptDocument, { id: o.id }, organization), 'accepting').acceptPartnershipOrder;

  const first = await accept(await dispatch(await order('MENTAL_HEALTH', '心理健康讲座')));
  accepted = await accept(await dispatch(await order('SAFETY_TRAINING', '安全生产培训')));
  dispatched = await dispatch(await order('MENTAL_HEALTH', '减压团辅'));
  dataOf(await stack.query(ReportCancelDocument, { id: (await order('MENTAL_HEALTH', '取消的讲座')).id, reason: '改期' }, enterprise), 'cancelling');
  dataOf(await stack.query(ReportScheduleDocument, { id: first.id, at: new Date(Date.now() + 60_000).toISOString() }, organization), 'scheduling');
  dataOf(
    await stack.query(ReportDeliverDocument, { id: first.id, input: { deliveredOn: chinaDate(), services: [{ volunteerId: volunteer.id, hours: 2 }], content: '心理健康讲座' } }, organization),
    'delivering',
  );
  rated = dataOf(await stack.query(ReportRateDocument, { id: first.id, rating: 4 }, enterprise), 'rating').ratePartnershipOrder;

  // Community funds have no mutation that creates them (the city sets them up): written straight into the database.
  const [{ id: fundId }]: { id: string }[] = await stack.partnerships.db.dataSource.query(
    `INSERT INTO community_funds (name, region_code) VALUES ('和平社区发展基金', '370303001001') RETURNING id::text`,
  );
  const project = await world.project();
  dataOf(await stack.query(ReportDonateDocument, { fundId, input: { amount: 1000.5, donorKind: 'ENTERPRISE', enterpriseId: registerEnterprise.id } }, ADMIN), 'donating');
  dataOf(await stack.query(ReportDonateDocument, { fundId, input: { amount: 0.25, donorKind: 'PERSON', donorName: '张三' } }, ADMIN), 'donating');
  dataOf(await stack.query(ReportGrantDocument, { fundId, input: { amount: 300.1, purpose: 'PROJECT', projectId: project.id, reason: '社区项目' } }, ADMIN), 'granting');
}, 180_000);
afterAll(() => stack?.stop());

const report = async (variables: PartnershipReportQueryVariables, as: TokenFor = DATA_STAFF) => dataOf(await stack.query(PartnershipReportDocument, variables, as), 'the report').partnershipReport;
const hoursToAcceptance = (o: ReportOrderFragment) => (Date.parse(String(o.acceptedAt)) - Date.parse(String(o.orderedAt))) / 3_600_000;

describe('partnershipReport through the gateway', () => {
  it('counts the orders placed through the gateway by status, service type, county and month', async () => {
    const r = await report(AROUND_TODAY);
    expect(r.ordersByStatus).toEqual([
      { key: 'ACCEPTED', count: 1 },
      { key: 'CANCELLED', count: 1 },
      { key: 'DISPATCHED', count: 1 },
      { key: 'RATED', count: 1 },
    ]);
    expect(r.ordersByServiceType).toEqual([
      { key: 'MENTAL_HEALTH', count: 3 },
      { key: 'SAFETY_TRAINING', count: 1 },
    ]);
    expect(r.ordersByRegion).toEqual([{ key: '370303', count: 4 }]);
    expect(r.ordersByMonth).toEqual([{ key: chinaDate().slice(0, 7), count: 4 }]);
  });

  it('averages the hours to acceptance of the accepted orders and the rating of the rated one, as the orders say', async () => {
    const r = await report(AROUND_TODAY, DISPATCHER);
    expect(rated.rating).toBe(4);
    expect(r.averageRating).toBe(4);
    expect(r.meanHoursToAcceptance).toBeCloseTo((hoursToAcceptance(rated) + hoursToAcceptance(accepted)) / 2, 5);
    expect(dispatched.acceptedAt).toBeNull();
  });

  it('sums the donations and the grant by the county of the fund, in yuan', async () => {
    expect((await report(AROUND_TODAY, ADMIN)).fundsByRegion).toEqual([{ regionCode: '370303', raised: 1000.75, granted: 300.1 }]);
  });

  it('narrows to a region: another county has nothing; dates before today have nothing', async () => {
    const elsewhere = await report({ ...AROUND_TODAY, regionCode: '370305' });
    expect([elsewhere.ordersByStatus, elsewhere.fundsByRegion, elsewhere.meanHoursToAcceptance, elsewhere.averageRating]).toEqual([[], [], null, null]);
    const here = await report({ ...AROUND_TODAY, regionCode: '370303' });
    expect(here.ordersByRegion).toEqual([{ key: '370303', count: 4 }]);
    const before = await report({ from: chinaDate(-30), to: chinaDate(-1) });
    expect(before.ordersByStatus).toEqual([]);
  });

  it('is FORBIDDEN to an enterprise, an organisation and anonymous callers, even with bad arguments', async () => {
    for (const as of [enterprise, organization, undefined]) {
      for (const variables of [AROUND_TODAY, { from: chinaDate(1), to: chinaDate(-1), regionCode: 'nowhere' }]) {
        const response = await stack.query(PartnershipReportDocument, variables, as);
        expect(response.data ?? null).toBeNull();
        expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
    }
  });

  it('names `to` when the dates are reversed or more than three years apart, and `regionCode` outside Zibo', async () => {
    const codeAndField = async (variables: PartnershipReportQueryVariables) =>
      (await stack.query(PartnershipReportDocument, variables, DATA_STAFF)).errors?.map((e) => [e.extensions?.code, e.extensions?.field]);
    expect(await codeAndField({ from: chinaDate(1), to: chinaDate(-1) })).toEqual([['BAD_USER_INPUT', 'to']]);
    expect(await codeAndField({ from: '2020-01-01', to: '2023-01-02' })).toEqual([['BAD_USER_INPUT', 'to']]);
    expect(await codeAndField({ ...AROUND_TODAY, regionCode: '110101' })).toEqual([['BAD_USER_INPUT', 'regionCode']]);
  });
});
