import { randomBytes } from 'node:crypto';
import { PersonalDataAudit } from '@vg/graphql';
import { FieldCipher } from '@vg/crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer } from '@vg/standards';
import { contextFactory, type PartnershipsContext } from '../context';
import { entities, migrations } from '../data/entities';
import { repositoriesFor } from '../data/repositories';
import { listServicePackages, servicePackagesNear } from './package-queries';

let db: TestDataSource;
const client = { request: async () => ({}) } as unknown as SubgraphClient;
const cipher = new FieldCipher(randomBytes(32).toString('base64'));
const anyone = (): PartnershipsContext =>
  contextFactory({ dataSource: db.dataSource, clients: { volunteers: client, projects: client }, cipher })({
    viewer: anonymousViewer,
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });

async function failure(work: Promise<unknown>): Promise<{ code?: string; field?: string } | undefined> {
  try {
    await work;
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
}

let legal: string;
let rest: string;
let charge: string;
beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships', entities, migrations });
  const repo = repositoriesFor(db.dataSource.manager).packages;
  [legal, rest, charge] = await repo.insertPackages([
    { name: '法律咨询', category: 'LEGAL', description: '律师坐诊' },
    { name: '爱心驿站歇脚', category: 'REST_STOP', description: '歇脚' },
    { name: '充电', category: 'REST_STOP', description: '免费充电' },
  ]);
  // 0 m, ~450 m north and ~5.5 km east of the point asked about.
  await repo.insertOffers([
    { kind: 'SHOP', name: '王记便利店', address: '淄博市张店区人民路1号', lat: 36.807, lng: 118.05, stationId: null, socialOrganizationId: null, packageIds: [rest, charge] },
    { kind: 'STATION', name: '和平社区服务站', address: '淄博市张店区和平路2号', lat: 36.811, lng: 118.05, stationId: '17', socialOrganizationId: null, packageIds: [legal, rest] },
    { kind: 'SHOP', name: '远处的店', address: '淄博市张店区', lat: 36.807, lng: 118.111, stationId: null, socialOrganizationId: null, packageIds: [charge] },
  ]);
});
afterAll(() => db?.drop());

it('lists the catalogue, or one category, by name', async () => {
  expect((await listServicePackages(anyone(), null)).map((p) => p.name)).toEqual(['法律咨询', '充电', '爱心驿站歇脚']);
  expect((await listServicePackages(anyone(), 'REST_STOP')).map((p) => p.id).sort()).toEqual([rest, charge].sort());
});

it('finds offers within walking distance, nearest first, with their packages in one statement each way', async () => {
  const ctx = anyone();
  const near = await servicePackagesNear(ctx, { lat: 36.807, lng: 118.05 });
  expect(near.map((n) => [n.offer.name, n.walkingMinutes])).toEqual([
    ['王记便利店', 1],
    ['和平社区服务站', 6],
  ]);
  expect(near[1].distanceMeters).toBeGreaterThan(430);
  expect(near[1].distanceMeters).toBeLessThan(470);
  expect(near[1].offer.stationId).toBe('17');
  const [a, b] = await Promise.all(near.map((n) => ctx.loaders.packagesOfOffer.load(n.offer.id)));
  expect(a.map((p) => p.name)).toEqual(['充电', '爱心驿站歇脚']);
  expect(b.map((p) => p.name)).toEqual(['法律咨询', '爱心驿站歇脚']);
  expect((await ctx.loaders.offersOfPackage.load(charge)).map((o) => o.name)).toEqual(['王记便利店', '远处的店']);
  expect((await servicePackagesNear(anyone(), { lat: 36.807, lng: 118.05, walkingMinutes: 120 })).map((n) => n.offer.name)).toContain('远处的店');
  expect(await servicePackagesNear(anyone(), { lat: 36.807, lng: 118.05, first: 1 })).toHaveLength(1);
});

it('refuses coordinates off the earth, walking minutes outside 1–120 and pages over 100', async () => {
  expect(await failure(servicePackagesNear(anyone(), { lat: 91, lng: 118 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lat' });
  expect(await failure(servicePackagesNear(anyone(), { lat: 36, lng: Number.NaN }))).toMatchObject({ field: 'lng' });
  expect(await failure(servicePackagesNear(anyone(), { lat: 36, lng: 118, walkingMinutes: 0 }))).toMatchObject({ field: 'walkingMinutes' });
  expect(await failure(servicePackagesNear(anyone(), { lat: 36, lng: 118, walkingMinutes: 121 }))).toMatchObject({ field: 'walkingMinutes' });
  expect(await failure(servicePackagesNear(anyone(), { lat: 36, lng: 118, first: 101 }))).toMatchObject({ field: 'first' });
});
