import { randomInt } from 'node:crypto';
import { localDate } from '@vg/config';
import { makeCreditCode } from '@vg/standards';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { builders, dataOf, type World } from './builders';
import {
  PartnershipsDeliveriesAcceptDocument,
  PartnershipsDeliveriesAddVolunteerDocument,
  PartnershipsDeliveriesDeliverDocument,
  PartnershipsDeliveriesDispatchDocument,
  PartnershipsDeliveriesOrderByIdDocument,
  PartnershipsDeliveriesOrderDocument,
  PartnershipsDeliveriesRateDocument,
  PartnershipsDeliveriesRegisterEnterpriseDocument,
  PartnershipsDeliveriesRegisterOrganizationDocument,
  PartnershipsDeliveriesScheduleDocument,
  PartnershipsDeliveriesServedOnDocument,
  PartnershipsDeliveriesVolunteerDocument,
  type PartnershipsDeliveriesVolunteerQuery,
} from './generated/partnerships-deliveries';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-partnerships' };
const CENTRE: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'city-federation' };

let stack: Stack;
let world: World;

beforeAll(async () => {
  // Workers: the record outbox (partnerships) and the feed consumer (honours).
  stack = await startStack({ workers: true });
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 20 });
  world = builders(stack);
}, 120_000);
afterAll(() => stack?.stop());

const creditCode = (prefix: string) => makeCreditCode(`${prefix}370303${String(randomInt(1e8, 1e9))}`);
/** The error's code, field and reason of the first error (the operation must have failed). */
function refusal(response: GraphQLResponse): { code?: string; field?: string; reason?: unknown } {
  expect(response.errors?.length).toBeGreaterThan(0);
  const { code, field, reason } = response.errors![0].extensions ?? {};
  return { code, field, reason };
}
type Served = NonNullable<PartnershipsDeliveriesVolunteerQuery['volunteer']>;

/** The volunteer's hours, records and points as ADMIN sees them, once `ready` holds (the workers act within seconds). */
async function volunteerOnce(id: string, ready: (v: Served) => boolean = () => true): Promise<Served> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = dataOf(await stack.query(PartnershipsDeliveriesVolunteerDocument, { id }, ADMIN)).volunteer!;
    if (ready(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('a partnership order from order to rating, through the gateway by its three roles', () => {
  let enterprise: { id: string; name: string };
  let organization: { id: string; name: string };
  let enterpriseToken: TokenFor;
  let orgToken: TokenFor;
  let members: string[];
  let outsider: string;
  let orderId: string;
  const today = localDate(new Date());
  const inAWeek = localDate(new Date(Date.now() + 7 * 86_400_000));

  it('sets the scene: an enterprise, an organisation with two of three volunteers', async () => {
    enterprise = dataOf(
      await stack.query(PartnershipsDeliveriesRegisterEnterpriseDocument, { input: { name: '淄博齐鲁化工有限公司', creditCode: creditCode('91'), regionCode: '370303' } }, ADMIN),
    ).registerEnterprise;
    organization = dataOf(
      await stack.query(
        PartnershipsDeliveriesRegisterOrganizationDocument,
        { input: { name: '张店区阳光社工服务中心', creditCode: creditCode('52'), regionCode: '370303', serviceTypes: ['FIRST_AID_TRAINING'] } },
        ADMIN,
      ),
    ).registerSocialOrganization;
    enterpriseToken = { roles: ['ENTERPRISE'], sub: `enterprise-${enterprise.id}`, enterpriseId: enterprise.id };
    orgToken = { roles: ['SOCIAL_ORGANIZATION'], sub: `organization-${organization.id}`, socialOrganizationId: organization.id };
    const volunteers = await Promise.all([world.volunteer(), world.volunteer(), world.volunteer()]);
    members = volunteers.slice(0, 2).map((v) => v.id);
    outsider = volunteers[2].id;
    for (const volunteerId of members) dataOf(await stack.query(PartnershipsDeliveriesAddVolunteerDocument, { socialOrganizationId: organization.id, volunteerId }, ADMIN));
    for (const id of [...members, outsider]) expect((await volunteerOnce(id)).serviceHours).toBe(0);
  });

  it('企业点单 → 联合会派单 → 社会组织接单 → scheduled, refusing the illegal jumps with CONFLICT', async () => {
    const order = dataOf(
      await stack.query(
        PartnershipsDeliveriesOrderDocument,
        { input: { serviceType: 'FIRST_AID_TRAINING', title: '车间急救培训', wantedFrom: today, wantedTo: inAWeek, headcount: 2, place: '三号车间' } },
        enterpriseToken,
      ),
    ).orderPartnershipService;
    orderId = order.id;
    expect(order.status).toBe('ORDERED');
    // The enterprise cannot rate what was never delivered.
    expect(refusal(await stack.query(PartnershipsDeliveriesRateDocument, { id: orderId, rating: 5 }, enterpriseToken))).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });

    expect(dataOf(await stack.query(PartnershipsDeliveriesDispatchDocument, { id: orderId, socialOrganizationId: organization.id }, CENTRE)).dispatchPartnershipOrder.status).toBe('DISPATCHED');
    expect(refusal(await stack.query(PartnershipsDeliveriesDispatchDocument, { id: orderId, socialOrganizationId: organization.id }, CENTRE))).toMatchObject({ code: 'CONFLICT' });
    // Delivering what was not even accepted is an illegal jump.
    const deliverNow = { deliveredOn: today, services: [{ volunteerId: members[0], hours: 1 }] };
    expect(refusal(await stack.query(PartnershipsDeliveriesDeliverDocument, { id: orderId, input: deliverNow }, orgToken))).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });

    expect(dataOf(await stack.query(PartnershipsDeliveriesAcceptDocument, { id: orderId }, orgToken)).acceptPartnershipOrder.status).toBe('ACCEPTED');
    expect(refusal(await stack.query(PartnershipsDeliveriesDeliverDocument, { id: orderId, input: deliverNow }, orgToken))).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    const at = new Date(Date.now() + 60_000).toISOString();
    expect(dataOf(await stack.query(PartnershipsDeliveriesScheduleDocument, { id: orderId, at }, orgToken)).schedulePartnershipOrder.status).toBe('SCHEDULED');
  });

  it.each([
    ['an unknown volunteer', () => '987654321'],
    ['a volunteer not of the organisation', () => outsider],
  ])('refuses a delivery naming %s: BAD_USER_INPUT naming input.services[1].volunteerId, nothing written', async (_what, who) => {
    const input = {
      deliveredOn: today,
      services: [
        { volunteerId: members[0], hours: 2.5 },
        { volunteerId: who(), hours: 1 },
      ],
    };
    expect(refusal(await stack.query(PartnershipsDeliveriesDeliverDocument, { id: orderId, input }, orgToken))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.services[1].volunteerId' });
    const order = dataOf(await stack.query(PartnershipsDeliveriesOrderByIdDocument, { id: orderId }, ADMIN)).partnershipOrder!;
    expect(order).toMatchObject({ status: 'SCHEDULED', deliveredOn: null, services: [] });
    expect((await volunteerOnce(members[0])).serviceHours).toBe(0);
  });

  it('refuses a delivery by anyone but the organisation (FORBIDDEN), before the input', async () => {
    const input = { deliveredOn: '2999-01-01', services: [] };
    expect(refusal(await stack.query(PartnershipsDeliveriesDeliverDocument, { id: orderId, input }, enterpriseToken))).toMatchObject({ code: 'FORBIDDEN' });
    expect(refusal(await stack.query(PartnershipsDeliveriesDeliverDocument, { id: orderId, input }, CENTRE))).toMatchObject({ code: 'FORBIDDEN' });
  });

  let recordIds: string[];

  it('delivers: the hours become the volunteers’ service records in projects (national fields), at once, and then hours and points in honours', async () => {
    const input = {
      deliveredOn: today,
      content: '心肺复苏与止血包扎培训',
      services: [
        { volunteerId: members[0], hours: 2.5 },
        { volunteerId: members[1], hours: 3 },
      ],
    };
    const delivered = dataOf(await stack.query(PartnershipsDeliveriesDeliverDocument, { id: orderId, input }, orgToken)).deliverPartnershipOrder;
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.deliveredOn).toBe(today);
    expect(delivered.services.map((s) => [s.volunteer.id, s.hours])).toEqual(
      [
        [members[0], 2.5],
        [members[1], 3],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );

    const [first, second] = await Promise.all([
      volunteerOnce(members[0], (v) => v.serviceHours > 0 && v.recordedHours > 0),
      volunteerOnce(members[1], (v) => v.serviceHours > 0 && v.recordedHours > 0),
    ]);
    expect([first.serviceHours, second.serviceHours]).toEqual([2.5, 3]);
    expect([first.recordedHours, second.recordedHours]).toEqual([2.5, 3]);
    expect(first.points?.earned ?? 0).toBeGreaterThan(0);
    expect(first.serviceRecords.totalCount).toBe(1);
    expect(first.serviceRecords.edges[0].node).toMatchObject({
      serviceDate: today,
      hours: 2.5,
      place: `三号车间（${enterprise.name}）`,
      servedParty: enterprise.name,
      content: '心肺复苏与止血包扎培训',
      personInCharge: organization.name,
      partnerSource: 'partnerships',
      partnerReference: orderId,
      activity: null,
      serviceRequest: null,
    });
    recordIds = [first, second].map((v) => v.serviceRecords.edges[0].node.id);
    const order = dataOf(await stack.query(PartnershipsDeliveriesOrderByIdDocument, { id: orderId }, ADMIN)).partnershipOrder!;
    expect(order.services.map((s) => s.serviceRecord?.id).sort()).toEqual([...recordIds].sort());
    expect((await volunteerOnce(outsider)).serviceHours).toBe(0);
  });

  it('counts the hours once even when the outbox retries (its store lost, as after a crash): the same records, no new ones', async () => {
    const partnerships = stack.partnerships.db.dataSource;
    await partnerships.query('UPDATE partnership_services SET service_record_id = NULL WHERE order_id = $1', [orderId]);
    const deadline = Date.now() + 15_000;
    let stored: { id: string | null }[] = [];
    while (Date.now() < deadline) {
      stored = await partnerships.query('SELECT service_record_id::text AS id FROM partnership_services WHERE order_id = $1', [orderId]);
      if (stored.every((s) => s.id !== null)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(stored.map((s) => s.id).sort()).toEqual([...recordIds].sort());
    const [{ n }] = await stack.projects.db.dataSource.query(`SELECT count(*)::int AS n FROM service_records WHERE partner_source = 'partnerships' AND partner_reference = $1`, [orderId]);
    expect(n).toBe(2);
    const [{ changes }] = await stack.projects.db.dataSource.query(`SELECT count(*)::int AS changes FROM service_record_changes WHERE record_id = ANY($1::bigint[])`, [recordIds]);
    expect(changes).toBe(2);
    const after = await volunteerOnce(members[0]);
    expect([after.serviceHours, after.recordedHours]).toEqual([2.5, 2.5]);
    // The worker did the retry, and its gauges say nothing is left.
    const metrics = await fetch(`${new URL(stack.partnerships.url).origin}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^vg_partnership_records_pending 0$/m);
    expect(metrics).toMatch(/^vg_partnership_records_written_total [2-9]\d*$/m);
  });

  it('评单: the enterprise rates the delivered order once; the history has every step by its role', async () => {
    const rated = dataOf(await stack.query(PartnershipsDeliveriesRateDocument, { id: orderId, rating: 5, comment: '很实用' }, enterpriseToken)).ratePartnershipOrder;
    expect(rated).toMatchObject({ status: 'RATED', rating: 5 });
    expect(refusal(await stack.query(PartnershipsDeliveriesRateDocument, { id: orderId, rating: 4 }, enterpriseToken))).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect(rated.history.map((e) => [e.action, e.toStatus, e.actorRole])).toEqual([
      ['ORDER', 'ORDERED', 'ENTERPRISE'],
      ['DISPATCH', 'DISPATCHED', 'CENTRE_DISPATCHER'],
      ['ACCEPT', 'ACCEPTED', 'SOCIAL_ORGANIZATION'],
      ['SCHEDULE', 'SCHEDULED', 'SOCIAL_ORGANIZATION'],
      ['DELIVER', 'DELIVERED', 'SOCIAL_ORGANIZATION'],
      ['RATE', 'RATED', 'ENTERPRISE'],
    ]);
  });

  it('Volunteer.partnershipServices: the volunteer themself and the centre see the order; another volunteer is refused', async () => {
    const me: TokenFor = { roles: ['VOLUNTEER'], sub: `v-${members[0]}`, volunteerId: members[0] };
    expect(dataOf(await stack.query(PartnershipsDeliveriesServedOnDocument, { id: members[0] }, me)).volunteer!.partnershipServices).toEqual([{ id: orderId, status: 'RATED' }]);
    expect(dataOf(await stack.query(PartnershipsDeliveriesServedOnDocument, { id: members[1] }, CENTRE)).volunteer!.partnershipServices).toEqual([{ id: orderId, status: 'RATED' }]);
    expect(dataOf(await stack.query(PartnershipsDeliveriesServedOnDocument, { id: outsider }, ADMIN)).volunteer!.partnershipServices).toEqual([]);
    expect(refusal(await stack.query(PartnershipsDeliveriesServedOnDocument, { id: members[1] }, me))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
