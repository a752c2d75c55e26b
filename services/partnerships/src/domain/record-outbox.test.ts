import { randomBytes } from 'node:crypto';
import { createTestDataSource, SqlLogger, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import type { ServiceDeps } from '@vg/service';
import { entities, migrations } from '../data/entities';
import type { PartnerServiceRequest } from '../data/projects.client';
import { createRecordOutbox, recordFields } from './record-outbox';

let db: TestDataSource;
/** A fake projects subgraph, idempotent per (reference, volunteer) like the real one. */
const calls: PartnerServiceRequest[] = [];
const records = new Map<string, string>();
let failNext = 0;
const projects = {
  request: async <T>(_q: string, vars: { input: PartnerServiceRequest }): Promise<T> => {
    calls.push(vars.input);
    if (failNext > 0) {
      failNext -= 1;
      throw new Error('projects unavailable');
    }
    return {
      recordPartnerService: vars.input.services.map((s) => {
        const key = `${vars.input.reference}/${s.volunteerId}`;
        if (!records.has(key)) records.set(key, String(500 + records.size));
        return { id: records.get(key)!, volunteer: { id: s.volunteerId } };
      }),
    } as T;
  },
} as unknown as SubgraphClient;

function outbox() {
  const deps = {
    name: 'partnerships',
    dataSource: Object.assign(db.dataSource, { sqlLogger: new SqlLogger(silentLogger()) }),
    logger: silentLogger(),
    secrets: { internalSecret: 'x', piiEncryptionKey: randomBytes(32).toString('base64'), piiHashKey: 'y' },
    clients: { projects },
    env: {},
  } as unknown as ServiceDeps<unknown>;
  return createRecordOutbox(deps);
}

async function deliveredOrder(volunteers: [string, number][]): Promise<string> {
  const [{ id }] = await db.dataSource.query(
    `INSERT INTO partnership_orders (enterprise_id, service_type, title, wanted_from, wanted_to, headcount, place, region_code, status, social_organization_id, delivered_on)
     VALUES (1, 'MENTAL_HEALTH', '心理健康讲座', '2026-03-01', '2026-03-31', 3, '会议室', '370303', 'DELIVERED', 1, '2026-03-05') RETURNING id`,
  );
  await db.dataSource.query(`INSERT INTO partnership_services (order_id, volunteer_id, hours) SELECT $1, * FROM unnest($2::bigint[], $3::numeric[])`, [
    id,
    volunteers.map((v) => v[0]),
    volunteers.map((v) => v[1]),
  ]);
  return String(id);
}
const stored = async (orderId: string) =>
  (await db.dataSource.query(`SELECT volunteer_id::text AS v, service_record_id::text AS r, attempts FROM partnership_services WHERE order_id = $1 ORDER BY volunteer_id`, [orderId])) as {
    v: string;
    r: string | null;
    attempts: number;
  }[];

beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships_outbox', entities, migrations });
  await db.dataSource.query(`INSERT INTO enterprises (name, credit_code, region_code) VALUES ('某物流公司', '91370300000000001X', '370303')`);
  await db.dataSource.query(`INSERT INTO social_organizations (name, credit_code, region_code, service_types) VALUES ('某心理服务中心', '52370300000000002X', '370303', '{MENTAL_HEALTH}')`);
});
afterAll(() => db?.drop());
beforeEach(() => {
  calls.length = 0;
  failNext = 0;
});

describe('recordFields', () => {
  it('fills the national fields from the order, the enterprise and the organisation; the title when no content was given', () => {
    expect(recordFields({ id: '9', title: '讲座', place: '食堂', deliveredOn: '2026-03-05' }, { enterprise: '某公司', organization: '某中心' }, null)).toEqual({
      source: 'partnerships',
      reference: '9',
      serviceDate: '2026-03-05',
      place: '食堂（某公司）',
      servedParty: '某公司',
      content: '讲座',
      personInCharge: '某中心',
    });
  });
});

describe('the record outbox', () => {
  it('writes each pending order with one call, oldest first, and stores the record ids', async () => {
    const first = await deliveredOrder([
      ['11', 2],
      ['12', 1.5],
    ]);
    const second = await deliveredOrder([['13', 3]]);
    expect(await outbox().drain()).toBe(3);
    expect(calls.map((c) => [c.reference, c.services.length])).toEqual([
      [first, 2],
      [second, 1],
    ]);
    expect((await stored(first)).every((s) => s.r !== null)).toBe(true);
    expect(await outbox().drain()).toBe(0);
    expect(calls).toHaveLength(2);
  });

  it('after a crash between the call and the store, calls again and stores the same records (projects is idempotent)', async () => {
    const id = await deliveredOrder([['21', 4]]);
    const box = outbox();
    await box.drain();
    const [before] = await stored(id);
    // The store "never happened": the row is pending again, the record exists in projects.
    await db.dataSource.query(`UPDATE partnership_services SET service_record_id = NULL WHERE order_id = $1`, [id]);
    expect(await box.drain()).toBe(1);
    const [after] = await stored(id);
    expect(after.r).toBe(before.r);
    expect([...records.keys()].filter((k) => k.startsWith(`${id}/`))).toHaveLength(1);
  });

  it('counts a failure on the rows, keeps them pending, reports them in its gauges, and succeeds on the next try', async () => {
    const id = await deliveredOrder([['31', 1]]);
    failNext = 1;
    const box = outbox();
    expect(await box.drain()).toBe(0);
    expect(await stored(id)).toEqual([{ v: '31', r: null, attempts: 1 }]);
    expect(box.metrics!()).toMatch(/^vg_partnership_records_pending 1$/m);
    expect(box.metrics!()).toMatch(/^vg_partnership_records_failing 1$/m);
    expect(await box.drain()).toBe(1);
    expect(box.metrics!()).toMatch(/^vg_partnership_records_pending 0$/m);
  });

  it('as a worker, writes a new delivery within a couple of seconds and stops cleanly', async () => {
    const box = outbox();
    box.start();
    const id = await deliveredOrder([['41', 2]]);
    const deadline = Date.now() + 5000;
    while ((await stored(id))[0].r === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await box.stop();
    expect((await stored(id))[0].r).not.toBeNull();
  });
});
