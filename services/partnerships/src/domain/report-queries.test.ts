import { randomBytes } from 'node:crypto';
import { PersonalDataAudit } from '@vg/graphql';
import { FieldCipher } from '@vg/crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer, type Role } from '@vg/standards';
import { contextFactory, type PartnershipsContext } from '../context';
import { entities, migrations } from '../data/entities';
import { partnershipReport } from './report-queries';

let db: TestDataSource;
const client = { request: async () => ({}) } as unknown as SubgraphClient;
const cipher = new FieldCipher(randomBytes(32).toString('base64'));

function ctxAs(roles: Role[], sub = 'someone'): PartnershipsContext {
  return contextFactory({ dataSource: db.dataSource, clients: { volunteers: client, projects: client }, cipher })({
    viewer: { ...anonymousViewer, sub: roles.length ? sub : anonymousViewer.sub, roles },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}
const staff = () => ctxAs(['DATA_STAFF']);

/** The error's code, field and reason (undefined when it did not throw). */
async function failure(work: Promise<unknown>): Promise<{ code?: string; field?: string } | undefined> {
  try {
    await work;
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
}

const QUARTER = { from: '2025-01-01', to: '2025-03-31' };

interface OrderRow {
  region: string;
  type: string;
  status: string;
  orderedAt: string;
  acceptedAt?: string;
  rating?: number;
}

async function insertOrders(enterpriseId: string, organizationId: string, orders: OrderRow[]): Promise<void> {
  for (const o of orders) {
    await db.dataSource.query(
      `INSERT INTO partnership_orders (enterprise_id, service_type, title, wanted_from, wanted_to, headcount, place, region_code, status, social_organization_id, ordered_at, accepted_at, rating)
       VALUES ($1, $2, 'a talk', '2025-04-01', '2025-04-02', 3, 'the canteen', $3, $4, $5, $6, $7, $8)`,
      [enterpriseId, o.type, o.region, o.status, o.status === 'ORDERED' || o.status === 'CANCELLED' ? null : organizationId, o.orderedAt, o.acceptedAt ?? null, o.rating ?? null],
    );
  }
}

async function insertFund(regionCode: string, movements: { kind: 'DONATION' | 'GRANT'; fen: number; at: string }[]): Promise<void> {
  const raised = movements.filter((m) => m.kind === 'DONATION').reduce((s, m) => s + m.fen, 0);
  const granted = movements.filter((m) => m.kind === 'GRANT').reduce((s, m) => s + m.fen, 0);
  const [{ id }] = await db.dataSource.query(`INSERT INTO community_funds (name, region_code, balance_fen, raised_fen, granted_fen) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
    `${regionCode} 社区发展基金`,
    regionCode,
    raised - granted,
    raised,
    granted,
  ]);
  for (const m of movements) {
    await db.dataSource.query(
      `INSERT INTO fund_movements (fund_id, kind, amount_fen, balance_after_fen, donor_kind, donor_name, project_id, by_sub, at)
       VALUES ($1, $2, $3, 0, $4, $5, $6, 'test', $7)`,
      [id, m.kind, m.fen, m.kind === 'DONATION' ? 'PERSON' : null, m.kind === 'DONATION' ? '张三' : null, m.kind === 'GRANT' ? 7 : null, m.at],
    );
  }
}

beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships', entities, migrations });
  const [{ id: enterpriseId }] = await db.dataSource.query(`INSERT INTO enterprises (name, credit_code, region_code) VALUES ('淄博某化工有限公司', '91370303MA3C00001X', '370303') RETURNING id`);
  const [{ id: organizationId }] = await db.dataSource.query(
    `INSERT INTO social_organizations (name, credit_code, region_code, service_types) VALUES ('张店区心理服务中心', '52370303MA3C00002Y', '370303', '{MENTAL_HEALTH}') RETURNING id`,
  );
  // China time is UTC+8: 2024-12-31T16:00Z is the first instant of 2025-01-01 there.
  await insertOrders(enterpriseId, organizationId, [
    { region: '370303001001', type: 'MENTAL_HEALTH', status: 'ORDERED', orderedAt: '2024-12-31T16:00:00Z' },
    { region: '370303', type: 'FIRST_AID_TRAINING', status: 'ACCEPTED', orderedAt: '2025-01-15T02:00:00Z', acceptedAt: '2025-01-15T14:00:00Z' },
    { region: '370305001', type: 'MENTAL_HEALTH', status: 'RATED', orderedAt: '2025-02-10T00:00:00Z', acceptedAt: '2025-02-11T00:00:00Z', rating: 4 },
    { region: '370302', type: 'LEGAL_CONSULTING', status: 'DISPATCHED', orderedAt: '2025-02-20T08:00:00Z' },
    // The last second of 31 March in China.
    { region: '370303002', type: 'MENTAL_HEALTH', status: 'RATED', orderedAt: '2025-03-31T15:59:59Z', acceptedAt: '2025-03-31T21:59:59Z', rating: 5 },
    // Outside the quarter in China time, though inside it in UTC (and the other way round).
    { region: '370303', type: 'MENTAL_HEALTH', status: 'CANCELLED', orderedAt: '2025-03-31T16:00:00Z' },
    { region: '370303', type: 'MENTAL_HEALTH', status: 'ACCEPTED', orderedAt: '2024-12-31T15:59:59Z', acceptedAt: '2025-01-01T00:00:00Z' },
  ]);
  await insertFund('370303001001', [
    { kind: 'DONATION', fen: 100_000, at: '2025-01-05T00:00:00Z' },
    { kind: 'DONATION', fen: 12_345, at: '2024-12-31T15:59:59Z' },
    { kind: 'GRANT', fen: 50_050, at: '2025-03-31T15:00:00Z' },
    { kind: 'DONATION', fen: 1, at: '2025-03-31T16:00:00Z' },
  ]);
  await insertFund('370303002001', [{ kind: 'DONATION', fen: 99, at: '2025-02-01T00:00:00Z' }]);
  await insertFund('370305001001', [
    { kind: 'DONATION', fen: 20_001, at: '2025-02-01T00:00:00Z' },
    { kind: 'GRANT', fen: 1, at: '2025-02-02T00:00:00Z' },
  ]);
});
afterAll(() => db.drop());

describe('partnershipReport', () => {
  it('counts the orders placed in the China dates by status, service type, county and month, with the means', async () => {
    const report = await partnershipReport(staff(), QUARTER);
    expect(report.ordersByStatus).toEqual([
      { key: 'ACCEPTED', count: 1 },
      { key: 'DISPATCHED', count: 1 },
      { key: 'ORDERED', count: 1 },
      { key: 'RATED', count: 2 },
    ]);
    expect(report.ordersByServiceType).toEqual([
      { key: 'FIRST_AID_TRAINING', count: 1 },
      { key: 'LEGAL_CONSULTING', count: 1 },
      { key: 'MENTAL_HEALTH', count: 3 },
    ]);
    expect(report.ordersByRegion).toEqual([
      { key: '370302', count: 1 },
      { key: '370303', count: 3 },
      { key: '370305', count: 1 },
    ]);
    expect(report.ordersByMonth).toEqual([
      { key: '2025-01', count: 2 },
      { key: '2025-02', count: 2 },
      { key: '2025-03', count: 1 },
    ]);
    // Accepted after 12, 24 and 6 hours; rated 4 and 5.
    expect(report.meanHoursToAcceptance).toBeCloseTo(14, 9);
    expect(report.averageRating).toBe(4.5);
  });

  it('sums donations and grants in the dates by the county of the fund, in yuan', async () => {
    const report = await partnershipReport(staff(), QUARTER);
    expect(report.fundsByRegion).toEqual([
      { regionCode: '370303', raised: 1000.99, granted: 500.5 },
      { regionCode: '370305', raised: 200.01, granted: 0.01 },
    ]);
  });

  it('narrows to a region and everything below it', async () => {
    const county = await partnershipReport(ctxAs(['CENTRE_DISPATCHER']), { ...QUARTER, regionCode: '370303' });
    expect(county.ordersByStatus).toEqual([
      { key: 'ACCEPTED', count: 1 },
      { key: 'ORDERED', count: 1 },
      { key: 'RATED', count: 1 },
    ]);
    expect(county.ordersByRegion).toEqual([{ key: '370303', count: 3 }]);
    expect(county.ordersByMonth).toEqual([
      { key: '2025-01', count: 2 },
      { key: '2025-03', count: 1 },
    ]);
    expect(county.meanHoursToAcceptance).toBeCloseTo(9, 9);
    expect(county.averageRating).toBe(5);
    expect(county.fundsByRegion).toEqual([{ regionCode: '370303', raised: 1000.99, granted: 500.5 }]);

    const town = await partnershipReport(ctxAs(['ADMIN']), { ...QUARTER, regionCode: '370303001' });
    expect(town.ordersByStatus).toEqual([{ key: 'ORDERED', count: 1 }]);
    expect(town.meanHoursToAcceptance).toBeNull();
    expect(town.averageRating).toBeNull();
    expect(town.fundsByRegion).toEqual([{ regionCode: '370303', raised: 1000, granted: 500.5 }]);
  });

  it('is empty, with null means, for dates without orders or movements; one day is a range', async () => {
    expect(await partnershipReport(staff(), { from: '2023-01-01', to: '2023-12-31' })).toEqual({
      ordersByStatus: [],
      ordersByServiceType: [],
      ordersByRegion: [],
      ordersByMonth: [],
      meanHoursToAcceptance: null,
      averageRating: null,
      fundsByRegion: [],
    });
    const lastDay = await partnershipReport(staff(), { from: '2025-03-31', to: '2025-03-31' });
    expect(lastDay.ordersByStatus).toEqual([{ key: 'RATED', count: 1 }]);
    expect(lastDay.fundsByRegion).toEqual([{ regionCode: '370303', raised: 0, granted: 500.5 }]);
  });

  it('takes two statements whatever the span', async () => {
    const statements: string[] = [];
    const stop = db.dataSource.sqlLogger.onStatement((q) => statements.push(/\/\* (\w+) \*\//.exec(q)?.[1] ?? q));
    await partnershipReport(staff(), { from: '2023-01-01', to: '2025-12-31' });
    stop();
    expect(statements.sort()).toEqual(['partnershipReportFunds', 'partnershipReportOrders']);
  });

  it('is FORBIDDEN to anyone but the centre, ADMIN and DATA_STAFF, before it looks at the arguments', async () => {
    for (const roles of [[], ['ENTERPRISE'], ['SOCIAL_ORGANIZATION'], ['VOLUNTEER'], ['GOVERNMENT_FUNDER']] as Role[][]) {
      expect(await failure(partnershipReport(ctxAs(roles), QUARTER))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(partnershipReport(ctxAs(roles), { from: '2025-02-01', to: '2025-01-01', regionCode: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('rejects a range that ends before it starts or spans more than three years, naming `to`, and a region outside Zibo', async () => {
    expect(await failure(partnershipReport(staff(), { from: '2025-02-01', to: '2025-01-31' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await failure(partnershipReport(staff(), { from: '2022-01-01', to: '2025-01-02' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await failure(partnershipReport(staff(), { from: '2022-01-01', to: '2025-01-01' }))).toBeUndefined();
    expect(await failure(partnershipReport(staff(), { ...QUARTER, regionCode: '110101' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
  });
});
