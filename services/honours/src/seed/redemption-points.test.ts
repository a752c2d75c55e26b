import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { ServiceDeps } from '@vg/service';
import { entities, migrations } from '../data/entities';
import { COUNTIES, DEMO_EXTENT, generateRedemptionPoints, seedRedemptionPoints } from './redemption-points';

describe('generateRedemptionPoints', () => {
  const points = generateRedemptionPoints();

  it('writes about 300 points across all eight counties, inside Zibo', () => {
    expect(points).toHaveLength(300);
    expect(new Set(points.map((p) => p.regionCode))).toEqual(new Set(COUNTIES.map((c) => c.code)));
    for (const p of points) {
      expect(p.lat).toBeGreaterThanOrEqual(DEMO_EXTENT.minLat);
      expect(p.lat).toBeLessThanOrEqual(DEMO_EXTENT.maxLat);
      expect(p.lng).toBeGreaterThanOrEqual(DEMO_EXTENT.minLng);
      expect(p.lng).toBeLessThanOrEqual(DEMO_EXTENT.maxLng);
    }
  });

  it('names each point uniquely after its county and kind, with both kinds present', () => {
    expect(new Set(points.map((p) => p.name)).size).toBe(points.length);
    for (const p of points) {
      const county = COUNTIES.find((c) => c.code === p.regionCode)!;
      expect(p.name.startsWith(county.name)).toBe(true);
      expect(p.name.endsWith(p.kind === 'VIRTUE_SUPERMARKET' ? '美德超市' : '爱心驿站')).toBe(true);
    }
    expect(new Set(points.map((p) => p.kind))).toEqual(new Set(['VIRTUE_SUPERMARKET', 'LOVE_STATION']));
  });

  it('gives each point a catalogue of distinct items with positive costs; only services go unlimited', () => {
    for (const p of points) {
      expect(p.catalogue.length).toBeGreaterThanOrEqual(5);
      expect(new Set(p.catalogue.map((i) => i.name)).size).toBe(p.catalogue.length);
      for (const item of p.catalogue) {
        expect(item.pointsCost).toBeGreaterThan(0);
        if (item.kind === 'GOODS') expect(item.stock).toBeGreaterThan(0);
      }
    }
    expect(points.some((p) => p.catalogue.some((i) => i.kind === 'SERVICE' && i.stock === null))).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateRedemptionPoints()).toEqual(points);
    expect(generateRedemptionPoints(7).map((p) => p.name)).not.toEqual(points.map((p) => p.name));
  });
});

describe('seedRedemptionPoints against PostgreSQL', () => {
  let db: TestDataSource;
  beforeAll(async () => {
    db = await createTestDataSource({ name: 'honours_seed', entities, migrations });
  });
  afterAll(() => db?.drop());

  it('writes the points and their catalogues once, and leaves a database that has some alone', async () => {
    const deps = { dataSource: db.dataSource } as Pick<ServiceDeps<unknown>, 'dataSource'> as ServiceDeps<unknown>;
    const expected = generateRedemptionPoints();
    const [first, second] = await Promise.all([seedRedemptionPoints(deps), seedRedemptionPoints(deps)]);
    const written = [first, second].find((r) => r.redemptionPoints > 0)!;
    expect(written).toEqual({ redemptionPoints: 300, catalogueItems: expected.reduce((n, p) => n + p.catalogue.length, 0) });
    expect([first, second]).toContainEqual({ redemptionPoints: 0, catalogueItems: 0 });
    const [row] = await db.dataSource.query(`SELECT name, (SELECT count(*)::int FROM catalogue_items i WHERE i.point_id = p.id) AS items FROM redemption_points p ORDER BY id LIMIT 1`);
    expect(row).toEqual({ name: expected[0].name, items: expected[0].catalogue.length });
  });
});
