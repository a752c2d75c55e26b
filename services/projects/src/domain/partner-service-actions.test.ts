import type { GraphQLError } from 'graphql';
import { PersonalDataAudit } from '@vg/graphql';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer, type Role } from '@vg/standards';
import { contextFactory, type ProjectsContext } from '../context';
import { entities, migrations } from '../data/entities';
import type { PartnerServiceInput } from '../generated/graphql';
import { ContactCipher } from './contact';
import { partnerRecords } from './partner-service';
import { recordPartnerService } from './partner-service-actions';
import { correctServiceRecord } from './signup-actions';

let db: TestDataSource;
const noVolunteers = { request: async () => ({ _entities: [] }) } as unknown as SubgraphClient;
const contact = new ContactCipher({ encryptionKey: Buffer.alloc(32, 7).toString('base64'), hashKey: 'test-hash-key-test-hash-key-0123' });

function as(roles: Role[], sub = 'partnerships'): ProjectsContext {
  return contextFactory({ dataSource: db.dataSource, volunteersClient: noVolunteers, contact })({
    viewer: { ...anonymousViewer, sub, roles, scopes: [] },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}

async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  )) as GraphQLError;
  return { code: error.extensions?.code, field: error.extensions?.field };
}

const input = (over: Partial<PartnerServiceInput> = {}): PartnerServiceInput => ({
  source: 'partnerships',
  reference: '41',
  serviceDate: '2026-05-01',
  place: '张店区某公司（车间）',
  servedParty: '某公司',
  content: '急救培训',
  personInCharge: '某社工服务中心',
  services: [
    { volunteerId: '7', hours: 2.5 },
    { volunteerId: '8', hours: 3 },
  ],
  ...over,
});
const counts = async () =>
  (await db.dataSource.query(`SELECT (SELECT count(*)::int FROM service_records) AS records, (SELECT count(*)::int FROM service_record_changes) AS changes`))[0] as {
    records: number;
    changes: number;
  };

beforeAll(async () => {
  db = await createTestDataSource({ name: 'projects_partner_service', entities, migrations });
});
afterAll(() => db?.drop());

describe('partnerRecords (pure)', () => {
  const now = new Date('2026-05-02T00:00:00Z');
  it.each([
    [{ source: 'Partnerships' }, 'input.source'],
    [{ reference: '0' }, 'input.reference'],
    [{ serviceDate: '2026-05-03' }, 'input.serviceDate'],
    [{ place: ' ' }, 'input.place'],
    [{ services: [] }, 'input.services'],
    [
      {
        services: [
          { volunteerId: '7', hours: 1 },
          { volunteerId: '7', hours: 1 },
        ],
      },
      'input.services[1].volunteerId',
    ],
    [{ services: [{ volunteerId: '7', hours: 0.25 }] }, 'input.services[0].hours'],
    [{ services: [{ volunteerId: '7', hours: 24.5 }] }, 'input.services[0].hours'],
  ] as [Partial<PartnerServiceInput>, string][])('refuses %j naming %s', (over, field) => {
    expect(() => partnerRecords(input(over), 'svc', now)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) }));
  });
  it('makes one partner record per volunteer with the national fields', () => {
    const [first] = partnerRecords(input(), 'svc', now);
    expect(first).toMatchObject({
      partnerSource: 'partnerships',
      partnerReference: '41',
      volunteerId: '7',
      hours: 2.5,
      servedParty: '某公司',
      recordedBy: 'svc',
      signupId: null,
      serviceRequestId: null,
    });
  });
});

describe('recordPartnerService', () => {
  it('is for the SERVICE role only (before the input is read)', async () => {
    expect(await failure(recordPartnerService(as(['ADMIN']), input({ source: 'BAD' })))).toEqual({ code: 'FORBIDDEN', field: undefined });
  });

  it('writes a record and a CREATED change per volunteer, once: a retry returns the same records and writes nothing', async () => {
    const before = await counts();
    const first = await recordPartnerService(as(['SERVICE']), input());
    expect(first.map((r) => [r.volunteerId, r.hours, r.partnerReference])).toEqual([
      ['7', 2.5, '41'],
      ['8', 3, '41'],
    ]);
    expect(await counts()).toEqual({ records: before.records + 2, changes: before.changes + 2 });
    const feed = await db.dataSource.query(`SELECT kind, hours_delta::float AS delta FROM service_record_changes WHERE record_id = ANY($1) ORDER BY sequence`, [first.map((r) => r.id)]);
    expect(feed).toEqual([
      { kind: 'CREATED', delta: 2.5 },
      { kind: 'CREATED', delta: 3 },
    ]);

    const retried = await Promise.all([recordPartnerService(as(['SERVICE']), input()), recordPartnerService(as(['SERVICE']), input())]);
    expect(retried.map((rs) => rs.map((r) => r.id))).toEqual([first.map((r) => r.id), first.map((r) => r.id)]);
    expect(await counts()).toEqual({ records: before.records + 2, changes: before.changes + 2 });
  });

  it('refuses the reference reused with other hours and writes nothing', async () => {
    const before = await counts();
    expect(
      await failure(
        recordPartnerService(
          as(['SERVICE']),
          input({
            services: [
              { volunteerId: '9', hours: 1 },
              { volunteerId: '8', hours: 4 },
            ],
          }),
        ),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.services[1].hours',
    });
    expect(await counts()).toEqual(before);
  });

  it('the database refuses a second record of a volunteer for one reference', async () => {
    await expect(
      db.dataSource.query(
        `INSERT INTO service_records (partner_source, partner_reference, volunteer_id, service_date, place, served_party, content, hours, person_in_charge, recorded_by)
         VALUES ('partnerships', 41, 7, '2026-05-01', 'p', 's', 'c', 1, 'x', 'y')`,
      ),
    ).rejects.toThrow(/service_records_partner_unique/);
  });

  it('a partner record is corrected by ADMIN only (no serving team here), with a CORRECTED change', async () => {
    const [record] = await recordPartnerService(as(['SERVICE']), input({ reference: '42', services: [{ volunteerId: '7', hours: 2 }] }));
    expect(await failure(correctServiceRecord(as(['TEAM_LEADER'], 'leader'), record.id, { hours: 1, reason: 'typo' }))).toEqual({ code: 'FORBIDDEN', field: undefined });
    const corrected = await correctServiceRecord(as(['ADMIN'], 'admin'), record.id, { hours: 1.5, reason: 'left early' });
    expect(corrected.hours).toBe(1.5);
    const [{ delta }] = await db.dataSource.query(`SELECT hours_delta::float AS delta FROM service_record_changes WHERE record_id = $1 AND kind = 'CORRECTED'`, [record.id]);
    expect(delta).toBe(-0.5);
  });
});
