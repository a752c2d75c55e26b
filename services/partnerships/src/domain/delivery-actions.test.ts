import { randomBytes } from 'node:crypto';
import { PersonalDataAudit } from '@vg/graphql';
import { FieldCipher } from '@vg/crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer, type Role, type Viewer } from '@vg/standards';
import { contextFactory, type PartnershipsContext } from '../context';
import { entities, migrations } from '../data/entities';
import type { PartnerServiceRequest } from '../data/projects.client';
import type { DeliverPartnershipOrderInput } from '../generated/graphql';
import { checkDelivery, deliverPartnershipOrder } from './delivery-actions';
import { partnershipServicesOf } from './delivery-queries';

let db: TestDataSource;
const cipher = new FieldCipher(randomBytes(32).toString('base64'));

/** Volunteers of the fake volunteers subgraph: 1–3 ACTIVE, 4 SUSPENDED; anything else unknown. */
const STATUSES: Record<string, string> = { '1': 'ACTIVE', '2': 'ACTIVE', '3': 'ACTIVE', '4': 'SUSPENDED' };
const volunteerCalls: number[] = [];
const volunteers = {
  request: async <T>(_q: string, vars: { r: { id: string }[] }): Promise<T> => {
    volunteerCalls.push(vars.r.length);
    return { _entities: vars.r.map((r) => (STATUSES[r.id] ? { id: r.id, status: STATUSES[r.id] } : null)) } as T;
  },
} as unknown as SubgraphClient;

/** A fake projects subgraph, idempotent per (reference, volunteer) like the real one; can be down. */
const projectCalls: PartnerServiceRequest[] = [];
const written = new Map<string, string>();
let projectsDown = false;
const projects = {
  request: async <T>(_q: string, vars: { input: PartnerServiceRequest }): Promise<T> => {
    if (projectsDown) throw new Error('projects unavailable');
    projectCalls.push(vars.input);
    const records = vars.input.services.map((s) => {
      const key = `${vars.input.reference}/${s.volunteerId}`;
      if (!written.has(key)) written.set(key, String(1000 + written.size));
      return { id: written.get(key)!, volunteer: { id: s.volunteerId } };
    });
    return { recordPartnerService: records } as T;
  },
} as unknown as SubgraphClient;

function as(roles: Role[], claims: Partial<Viewer> = {}): PartnershipsContext {
  return contextFactory({ dataSource: db.dataSource, clients: { volunteers, projects }, cipher })({
    viewer: { ...anonymousViewer, sub: 'someone', roles, ...claims },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}
let org: string;
let otherOrg: string;
const organization = () => as(['SOCIAL_ORGANIZATION'], { socialOrganizationId: org });

async function failure(work: Promise<unknown>): Promise<{ code?: string; field?: string } | undefined> {
  try {
    await work;
  } catch (error) {
    const { code, field } = (error as { extensions?: { code?: string; field?: string } }).extensions ?? {};
    return { code, field };
  }
  return undefined;
}

async function order(status: string, organizationId: string | null = org): Promise<string> {
  const [{ id: enterpriseId }] = await db.dataSource.query(`SELECT id FROM enterprises LIMIT 1`);
  const [{ id }] = await db.dataSource.query(
    `INSERT INTO partnership_orders (enterprise_id, service_type, title, wanted_from, wanted_to, headcount, place, region_code, status, social_organization_id)
     VALUES ($1, 'FIRST_AID_TRAINING', '急救培训', '2026-04-01', '2026-04-30', 3, '三号车间', '370303', $2, $3) RETURNING id`,
    [enterpriseId, status, organizationId],
  );
  return String(id);
}
const input = (over: Partial<DeliverPartnershipOrderInput> = {}): DeliverPartnershipOrderInput => ({
  deliveredOn: '2026-04-10',
  services: [
    { volunteerId: '1', hours: 2 },
    { volunteerId: '2', hours: 1.5 },
  ],
  ...over,
});
const written_ = async (orderId: string) =>
  (
    await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM partnership_services WHERE order_id = $1) AS services, (SELECT count(*)::int FROM partnership_order_events WHERE order_id = $1) AS events,
     (SELECT status FROM partnership_orders WHERE id = $1) AS status`,
      [orderId],
    )
  )[0] as { services: number; events: number; status: string };

beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships_deliveries', entities, migrations });
  await db.dataSource.query(`INSERT INTO enterprises (name, credit_code, region_code) VALUES ('淄博某化工有限公司', '91370300000000001X', '370303')`);
  const [a, b] = await db.dataSource.query(
    `INSERT INTO social_organizations (name, credit_code, region_code, service_types) VALUES ('张店区某社工服务中心', '52370300000000002X', '370303', '{FIRST_AID_TRAINING}'), ('另一社工机构', '52370300000000003X', '370303', '{FIRST_AID_TRAINING}') RETURNING id`,
  );
  [org, otherOrg] = [String(a.id), String(b.id)];
  // Volunteers 1, 2 and 4 serve with the organisation; 3 does not.
  await db.dataSource.query(`INSERT INTO organization_volunteers (organization_id, volunteer_id) VALUES ($1, 1), ($1, 2), ($1, 4), ($2, 3)`, [org, otherOrg]);
});
afterAll(() => db?.drop());
beforeEach(() => {
  projectsDown = false;
  projectCalls.length = 0;
  volunteerCalls.length = 0;
});

describe('checkDelivery (pure)', () => {
  const o = { wantedFrom: '2026-04-01', wantedTo: '2026-04-30' };
  const now = new Date('2026-04-15T04:00:00Z');
  it.each([
    [{ deliveredOn: '2026-03-31' }, 'input.deliveredOn'],
    [{ deliveredOn: '2026-04-16' }, 'input.deliveredOn'],
    [{ deliveredOn: '2026-4-1' }, 'input.deliveredOn'],
    [{ services: [] }, 'input.services'],
    [
      {
        services: [
          { volunteerId: '1', hours: 1 },
          { volunteerId: '1', hours: 2 },
        ],
      },
      'input.services[1].volunteerId',
    ],
    [{ services: [{ volunteerId: 'x', hours: 1 }] }, 'input.services[0].volunteerId'],
    [{ services: [{ volunteerId: '1', hours: 0 }] }, 'input.services[0].hours'],
    [{ services: [{ volunteerId: '1', hours: 1.25 }] }, 'input.services[0].hours'],
    [{ services: [{ volunteerId: '1', hours: 24.5 }] }, 'input.services[0].hours'],
  ] as [Partial<DeliverPartnershipOrderInput>, string][])('refuses %j naming %s', (over, field) => {
    expect(() => checkDelivery(o, input(over), now)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }));
  });
  it('refuses 501 services', () => {
    const services = Array.from({ length: 501 }, (_, i) => ({ volunteerId: String(i + 1), hours: 1 }));
    expect(() => checkDelivery(o, input({ services }), now)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ field: 'input.services' }) }));
  });
  it('accepts 0.5 and 24 hours on the first and last wanted dates', () => {
    expect(
      checkDelivery(
        o,
        input({
          deliveredOn: '2026-04-01',
          services: [
            { volunteerId: '1', hours: 0.5 },
            { volunteerId: '2', hours: 24 },
          ],
        }),
        now,
      ).services,
    ).toEqual([
      { volunteerId: '1', hours: 0.5 },
      { volunteerId: '2', hours: 24 },
    ]);
  });
});

describe('deliverPartnershipOrder', () => {
  it('refuses anyone but the organisation it was dispatched to, before reading the input', async () => {
    const id = await order('SCHEDULED');
    const bad = input({ deliveredOn: 'never' });
    expect(await failure(deliverPartnershipOrder(as(['ENTERPRISE'], { enterpriseId: '1' }), id, bad))).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await failure(deliverPartnershipOrder(as(['ADMIN']), id, bad))).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await failure(deliverPartnershipOrder(as(['SOCIAL_ORGANIZATION'], { socialOrganizationId: otherOrg }), id, bad))).toEqual({ code: 'FORBIDDEN', field: undefined });
    expect(await written_(id)).toEqual({ services: 0, events: 0, status: 'SCHEDULED' });
  });

  it('refuses an order not SCHEDULED with CONFLICT, before reading the input', async () => {
    const id = await order('ACCEPTED');
    expect(await failure(deliverPartnershipOrder(organization(), id, input({ deliveredOn: 'never' })))).toEqual({ code: 'CONFLICT', field: undefined });
  });

  it.each([
    ['an unknown volunteer', '99'],
    ['a SUSPENDED volunteer', '4'],
    ['a volunteer of another organisation', '3'],
  ])('refuses %s naming input.services[1].volunteerId, and writes nothing', async (_what, volunteerId) => {
    const id = await order('SCHEDULED');
    const bad = input({
      services: [
        { volunteerId: '1', hours: 2 },
        { volunteerId, hours: 1 },
      ],
    });
    expect(await failure(deliverPartnershipOrder(organization(), id, bad, new Date('2026-04-20T00:00:00Z')))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.services[1].volunteerId' });
    expect(await written_(id)).toEqual({ services: 0, events: 0, status: 'SCHEDULED' });
    expect(volunteerCalls).toEqual([2]);
    expect(projectCalls).toEqual([]);
  });

  it('delivers: the step, the services, and at once the records in projects (one call with the national fields)', async () => {
    const id = await order('SCHEDULED');
    const delivered = await deliverPartnershipOrder(organization(), id, input({ content: '心肺复苏培训' }), new Date('2026-04-20T00:00:00Z'));
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredOn: '2026-04-10' });
    expect(await written_(id)).toEqual({ services: 2, events: 1, status: 'DELIVERED' });
    expect(projectCalls).toEqual([
      {
        source: 'partnerships',
        reference: id,
        serviceDate: '2026-04-10',
        place: '三号车间（淄博某化工有限公司）',
        servedParty: '淄博某化工有限公司',
        content: '心肺复苏培训',
        personInCharge: '张店区某社工服务中心',
        services: [
          { volunteerId: '1', hours: 2 },
          { volunteerId: '2', hours: 1.5 },
        ],
      },
    ]);
    const services = await organization().loaders.servicesOfOrder.load(id);
    expect(services.map((s) => [s.volunteerId, s.hours, s.serviceRecordId !== null])).toEqual([
      ['1', 2, true],
      ['2', 1.5, true],
    ]);
    // A second delivery of the same order is an illegal jump.
    expect(await failure(deliverPartnershipOrder(organization(), id, input(), new Date('2026-04-20T00:00:00Z')))).toEqual({ code: 'CONFLICT', field: undefined });
  });

  it('still delivers when projects is down: the services wait in the outbox with the failed attempt', async () => {
    projectsDown = true;
    const id = await order('SCHEDULED');
    await deliverPartnershipOrder(organization(), id, input(), new Date('2026-04-20T00:00:00Z'));
    const rows = await db.dataSource.query(`SELECT service_record_id, attempts, last_error FROM partnership_services WHERE order_id = $1`, [id]);
    expect(rows).toEqual([
      { service_record_id: null, attempts: 1, last_error: 'projects unavailable' },
      { service_record_id: null, attempts: 1, last_error: 'projects unavailable' },
    ]);
  });
});

describe('partnershipServicesOf', () => {
  it('lists the orders a volunteer served on for themself and the centre; FORBIDDEN for another volunteer', async () => {
    const mine = await partnershipServicesOf(as(['VOLUNTEER'], { volunteerId: '2' }), '2');
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.map((o) => Number(o.id))).toEqual([...mine.map((o) => Number(o.id))].sort((a, b) => b - a));
    expect((await partnershipServicesOf(as(['CENTRE_DISPATCHER']), '2')).map((o) => o.id)).toEqual(mine.map((o) => o.id));
    expect(await partnershipServicesOf(as(['DATA_STAFF']), '3')).toEqual([]);
    expect(await failure(partnershipServicesOf(as(['VOLUNTEER'], { volunteerId: '1' }), '2'))).toEqual({ code: 'FORBIDDEN', field: undefined });
  });
});
