import { randomBytes } from 'node:crypto';
import { PersonalDataAudit } from '@vg/graphql';
import { FieldCipher } from '@vg/crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer, type Viewer } from '@vg/standards';
import { contextFactory, type PartnershipsContext } from '../context';
import { entities, migrations } from '../data/entities';
import { fileSnapshotReport, markNewEmploymentVolunteer } from './new-employment-actions';
import { newEmploymentProfileOf, snapshotReportCount } from './new-employment-queries';

let db: TestDataSource;
const cipher = new FieldCipher(randomBytes(32).toString('base64'));
/** The volunteers subgraph, faked: volunteers 1–99 exist; every call is recorded. */
const calls: string[][] = [];
const volunteers = {
  request: async (_q: string, variables: { r: { id: string }[] }) => {
    calls.push(variables.r.map((x) => x.id));
    return { _entities: variables.r.map((x) => (Number(x.id) < 100 ? { id: x.id, status: 'ACTIVE' } : null)) };
  },
} as unknown as SubgraphClient;

function ctxAs(viewer: Partial<Viewer>): PartnershipsContext {
  return contextFactory({ dataSource: db.dataSource, clients: { volunteers, projects: volunteers }, cipher })({
    viewer: { ...anonymousViewer, sub: 'someone', ...viewer },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}
const centre = () => ctxAs({ sub: 'centre-1', roles: ['CENTRE_DISPATCHER'] });
const rider = (id: string) => ctxAs({ sub: `u-${id}`, roles: ['VOLUNTEER'], volunteerId: id });

async function failure(work: Promise<unknown>): Promise<{ code?: string; field?: string } | undefined> {
  try {
    await work;
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
}

beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships', entities, migrations });
});
afterAll(() => db?.drop());

it('marks a registered volunteer (the centre or ADMIN), checking they exist in one call', async () => {
  calls.length = 0;
  const profile = await markNewEmploymentVolunteer(centre(), '7', 'DELIVERY_RIDER');
  expect(profile).toMatchObject({ volunteerId: '7', occupation: 'DELIVERY_RIDER', markedBy: 'centre-1' });
  expect(calls).toEqual([['7']]);
  const again = await markNewEmploymentVolunteer(ctxAs({ sub: 'admin', roles: ['ADMIN'] }), '7', 'COURIER');
  expect(again).toMatchObject({ occupation: 'COURIER', markedBy: 'admin' });
  expect(again.markedAt).toEqual(profile.markedAt);
  expect(await failure(markNewEmploymentVolunteer(centre(), '500', 'COURIER'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'volunteerId' });
  for (const viewer of [{ roles: [] }, { roles: ['VOLUNTEER' as const], volunteerId: '7' }, { roles: ['DATA_STAFF' as const] }]) {
    expect(await failure(markNewEmploymentVolunteer(ctxAs(viewer), 'bad', 'COURIER'))).toMatchObject({ code: 'FORBIDDEN' });
  }
});

it('takes 随手拍 reports from marked volunteers themselves only, and counts them', async () => {
  await markNewEmploymentVolunteer(centre(), '8', 'COURIER');
  const report = await fileSnapshotReport(rider('8'), { description: ' 路口井盖缺失 ', lat: 36.8, lng: 118.05 });
  expect(report).toMatchObject({ volunteerId: '8', description: '路口井盖缺失' });
  await fileSnapshotReport(rider('8'), { description: '路灯不亮', lat: 36.81, lng: 118.06 });
  // Not marked, not a volunteer, or not signed in: FORBIDDEN before the input is looked at.
  for (const ctx of [rider('9'), centre(), ctxAs({ roles: [] })]) expect(await failure(fileSnapshotReport(ctx, { description: '', lat: 999, lng: 0 }))).toMatchObject({ code: 'FORBIDDEN' });
  expect(await failure(fileSnapshotReport(rider('8'), { description: ' ', lat: 36, lng: 118 }))).toMatchObject({ field: 'input.description' });
  expect(await failure(fileSnapshotReport(rider('8'), { description: 'x'.repeat(501), lat: 36, lng: 118 }))).toMatchObject({ field: 'input.description' });
  expect(await failure(fileSnapshotReport(rider('8'), { description: 'x', lat: 91, lng: 118 }))).toMatchObject({ field: 'input.lat' });
  const profile = (await newEmploymentProfileOf(rider('8'), '8'))!;
  expect(await snapshotReportCount(rider('8'), profile)).toBe(2);
});

it('shows a profile to the volunteer themself and the centre, null to others', async () => {
  await markNewEmploymentVolunteer(centre(), '10', 'TRUCK_DRIVER');
  expect(await newEmploymentProfileOf(rider('10'), '10')).toMatchObject({ occupation: 'TRUCK_DRIVER' });
  expect(await newEmploymentProfileOf(ctxAs({ roles: ['DATA_STAFF'] }), '10')).toMatchObject({ occupation: 'TRUCK_DRIVER' });
  expect(await newEmploymentProfileOf(rider('11'), '10')).toBeNull();
  expect(await newEmploymentProfileOf(ctxAs({ roles: ['ENTERPRISE'] }), '10')).toBeNull();
  expect(await newEmploymentProfileOf(centre(), '11')).toBeNull();
});
