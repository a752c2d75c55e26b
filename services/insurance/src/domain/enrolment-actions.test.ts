import { PersonalDataAudit } from '@vg/graphql';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import { silentLogger } from '@vg/logger';
import { contextFactory, type InsuranceContext } from '../context';
import { entities, migrations } from '../data/entities';
import { repositoriesFor } from '../data/repositories';
import { ensurePlanCatalogue } from '../seed';
import { canonicalContent, normaliseItem, type BatchItem } from './batch-items';
import { enrolVolunteers } from './enrolment-actions';
import { IdentityHasher } from './identity';

const hasher = new IdentityHasher('test-hash-key-0123456789');
/** Valid ID numbers (GB 11643 check digit), one per volunteer. */
const idNumberOf = (n: number) => {
  const first17 = `370303${20090101 + n}${String(n % 1000).padStart(3, '0')}`.slice(0, 17);
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + '10X98765432'[[...first17].reduce((sum, d, i) => sum + Number(d) * W[i], 0) % 11];
};
const VOLUNTEERS = Array.from({ length: 60 }, (_, i) => ({ id: String(i + 1), no: `ZB${String(i + 1).padStart(8, '0')}`, name: `志愿者${i + 1}`, idNumber: idNumberOf(i + 1) }));

let db: TestDataSource;
/** Every call made to the (fake) volunteers subgraph. */
const identityCalls: string[][] = [];
const volunteersClient = {
  request: async <T>(_query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const nos = variables.nos as string[];
    identityCalls.push(nos);
    const identities = nos.map((no) => {
      const v = VOLUNTEERS.find((x) => x.no === no);
      return v ? { volunteer: { id: v.id, volunteerNo: v.no }, name: v.name, status: 'ACTIVE', idNumberHash: hasher.idNumberHash(v.idNumber) } : null;
    });
    return { volunteerIdentities: identities } as T;
  },
};
const projectsClient = { request: async <T>(): Promise<T> => ({}) as T };

function insurerContext(): InsuranceContext {
  return contextFactory({ dataSource: db.dataSource, volunteersClient, projectsClient, hasher })({
    viewer: { sub: 'insurer-1', roles: ['INSURER'], scopes: [], volunteerId: null, redemptionPointId: null, enterpriseId: null, socialOrganizationId: null },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}

const itemsFor = (from: number, to: number, tag: string): BatchItem[] =>
  VOLUNTEERS.slice(from, to).map((v) => ({ volunteerNo: v.no, idNumber: v.idNumber, name: v.name, coverStart: '2025-01-01', coverEnd: '2025-12-31', policyNumber: `${tag}-${v.id}` }));

beforeAll(async () => {
  db = await createTestDataSource({ name: 'insurance_actions', entities, migrations });
  await ensurePlanCatalogue(db.dataSource);
  await ensurePlanCatalogue(db.dataSource); // idempotent
});
afterAll(() => db?.drop());

describe('enrolVolunteers', () => {
  it('writes the plan catalogue once, with every cover item', async () => {
    const [row] = await db.dataSource.query(`SELECT (SELECT count(*)::int FROM insurance_plans) AS plans, (SELECT count(*)::int FROM plan_cover_items) AS items`);
    expect(row).toEqual({ plans: 2, items: 8 });
  });

  it('asks the volunteers subgraph once per batch, with every number once', async () => {
    identityCalls.length = 0;
    const items = [...itemsFor(0, 5, 'A'), { ...itemsFor(0, 1, 'A2')[0] }, { ...itemsFor(5, 6, 'A')[0], volunteerNo: 'not a number' }];
    const batch = await enrolVolunteers(insurerContext(), { batchId: 'A', planCode: 'zbzyb-2024', items });
    expect(identityCalls).toEqual([VOLUNTEERS.slice(0, 5).map((v) => v.no)]);
    expect(batch.results.map((r) => r.reason ?? r.status)).toEqual(['ENROLLED', 'ENROLLED', 'ENROLLED', 'ENROLLED', 'ENROLLED', 'DUPLICATE_IN_BATCH', 'UNKNOWN_VOLUNTEER']);
  });

  it("answers a retry that arrives while the first is still writing with the first one's results, once it commits", async () => {
    const items = itemsFor(10, 15, 'B');
    const contentHash = hasher.batchContentHash(canonicalContent('ZBZYB-2024', items.map(normaliseItem)));
    const [plan] = await repositoriesFor(db.dataSource.manager).plans.byCodes(['ZBZYB-2024']);
    // "The first request": holds the batch id in an open transaction.
    const first = db.dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    const claimed = await repositoriesFor(first.manager).batches.claim({ batchId: 'B', planId: plan.id, contentHash, itemCount: 5, submittedBy: 'insurer-1' });
    let settled = false;
    const retry = enrolVolunteers(insurerContext(), { batchId: 'B', planCode: 'ZBZYB-2024', items }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false); // waiting on the batch id
    const results = items.map((item, index) => ({
      index,
      volunteerNo: item.volunteerNo,
      status: 'REJECTED' as const,
      reason: 'UNKNOWN_VOLUNTEER' as const,
      message: 'as the first request said',
      enrolmentId: null,
    }));
    await repositoriesFor(first.manager).batches.recordResults(claimed!.id, results);
    await first.commitTransaction();
    await first.release();
    const answer = await retry;
    expect(answer.results).toEqual(results);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM enrolments WHERE batch_id = 'B'`);
    expect(n).toBe(0);
  });

  it('lets batches race over the same volunteers in opposite orders without a deadlock or a duplicate', async () => {
    for (let round = 0; round < 4; round += 1) {
      const from = 20 + round * 10;
      const forward = itemsFor(from, from + 10, `F${round}`);
      const backward = itemsFor(from, from + 10, `R${round}`).reverse();
      const [a, b] = await Promise.all([
        enrolVolunteers(insurerContext(), { batchId: `F${round}`, planCode: 'ZBZYB-2024', items: forward }),
        enrolVolunteers(insurerContext(), { batchId: `R${round}`, planCode: 'ZBZYB-2024', items: backward }),
      ]);
      const statuses = [...a.results, ...b.results].map((r) => r.status);
      expect(statuses.filter((s) => s === 'ENROLLED')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'ALREADY_ENROLLED')).toHaveLength(10);
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM enrolments WHERE volunteer_id = ANY($1::bigint[])`, [VOLUNTEERS.slice(from, from + 10).map((v) => v.id)]);
      expect(n).toBe(10);
    }
  });
});
