import { createTestDataSource, type TestDataSource } from '@vg/db';
import { encodeCursor } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { entities, migrations } from '../data/entities';
import { IdentityHasher } from '../domain/identity';
import { generateDemoEnrolments, seedInsuranceDatabase, type VolunteerFact, type VolunteersSource } from './index';

const logger = silentLogger();
const hasher = new IdentityHasher('test-hash-key-0123456789');
const facts: VolunteerFact[] = Array.from({ length: 2500 }, (_, i) => ({ id: String(i + 1), volunteerNo: `ZB${String(i + 1).padStart(8, '0')}`, status: i % 50 === 7 ? 'SUSPENDED' : 'ACTIVE' }));

/** Answers the seed's volunteers query in pages of 100, like the volunteers subgraph. */
class FakeVolunteers implements VolunteersSource {
  calls = 0;
  constructor(private readonly all: VolunteerFact[]) {}
  async request<T>(_query: string, variables: Record<string, unknown> = {}): Promise<T> {
    this.calls += 1;
    const start = variables.after ? Number(Buffer.from(String(variables.after), 'base64url').toString().slice(2)) : 0;
    const page = this.all.slice(start, start + 100);
    const end = start + page.length;
    return { volunteers: { pageInfo: { hasNextPage: end < this.all.length, endCursor: encodeCursor(String(end)) }, edges: page.map((node) => ({ node })) } } as T;
  }
}

describe('generateDemoEnrolments', () => {
  it('covers most active volunteers this year, many in 2023 under the old plan, the same every time', () => {
    const enrolments = generateDemoEnrolments(facts, '2026-11-29');
    expect(generateDemoEnrolments(facts, '2026-11-29')).toEqual(enrolments);
    const current = enrolments.filter((e) => e.planCode === 'ZBZYB-2024');
    const old = enrolments.filter((e) => e.planCode === 'ZBZYB-2021');
    expect(current.length / facts.length).toBeGreaterThan(0.78);
    expect(current.length / facts.length).toBeLessThan(0.88);
    expect(old.length / facts.length).toBeGreaterThan(0.35);
    expect(current.every((e) => e.coverStart === '2026-01-01' && e.coverEnd === '2026-12-31')).toBe(true);
    expect(current.some((e) => facts.find((f) => f.id === e.volunteerId)!.status === 'SUSPENDED')).toBe(false);
    expect(current.filter((e) => e.cancelled).length).toBeGreaterThan(0);
    expect(new Set(enrolments.map((e) => e.policyNumber)).size).toBe(enrolments.length);
    expect(enrolments.some((e) => /\d{17}[\dX]/.test(e.policyNumber))).toBe(false);
  });
});

describe('seedInsuranceDatabase', () => {
  let db: TestDataSource;
  beforeAll(async () => {
    db = await createTestDataSource({ name: 'insurance_seed', entities, migrations });
  });
  afterAll(() => db?.drop());

  it('writes the plans and the demo enrolments as batches of at most 1,000 with their results, in a fixed number of statements, once', async () => {
    const source = new FakeVolunteers(facts);
    const names: string[] = [];
    const stop = db.dataSource.sqlLogger.onStatement((s) => names.push(/\/\* (\w+) \*\//.exec(s)?.[1] ?? s.split(' ')[0]));
    const [first, second] = await Promise.all([
      seedInsuranceDatabase(db.dataSource, source, { logger, hasher, today: '2026-11-29' }),
      seedInsuranceDatabase(db.dataSource, source, { logger, hasher, today: '2026-11-29' }),
    ]);
    stop();
    const seeded = [first, second].filter((r) => r.seeded);
    expect(seeded).toHaveLength(1);
    const expected = generateDemoEnrolments(facts, '2026-11-29');
    expect(seeded[0]).toMatchObject({ seeded: true, enrolments: expected.length });
    expect(names.filter((n) => n.startsWith('seed') && !['seedLock', 'seedHasEnrolments'].includes(n))).toEqual(['seedBatches', 'seedEnrolments', 'seedBatchResults']);

    const batches: { batch_id: string; item_count: number; results: { status: string; enrolmentId: string }[] }[] = await db.dataSource.query(
      `SELECT batch_id, item_count, results FROM enrolment_batches ORDER BY batch_id`,
    );
    expect(batches.every((b) => b.item_count <= 1000 && b.results.length === b.item_count && b.results.every((r) => r.status === 'ENROLLED' && r.enrolmentId))).toBe(true);
    const [{ n, cancelled }] = await db.dataSource.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled FROM enrolments`);
    expect(n).toBe(expected.length);
    expect(cancelled).toBe(expected.filter((e) => e.cancelled).length);
    expect(await seedInsuranceDatabase(db.dataSource, source, { logger, hasher })).toEqual({ seeded: false });
  });

  it('gives up politely when the volunteers subgraph lists nobody', async () => {
    const empty = await createTestDataSource({ name: 'insurance_seed_empty', entities, migrations });
    try {
      expect(await seedInsuranceDatabase(empty.dataSource, new FakeVolunteers([]), { logger, hasher, waitForVolunteersMs: 30, retryDelayMs: 5 })).toEqual({ seeded: false });
    } finally {
      await empty.drop();
    }
  });
});
