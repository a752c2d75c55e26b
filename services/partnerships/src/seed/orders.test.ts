import { randomBytes } from 'node:crypto';
import { FieldCipher } from '@vg/crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { parseCreditCode } from '@vg/standards';
import { entities, migrations } from '../data/entities';
import { ORDER_TRANSITIONS } from '../domain/order-state-machine';
import { seedOrganizationsAndOrders } from './orders';

/** A volunteers subgraph of 250 volunteers (every tenth suspended), in pages of 100. */
const volunteers = {
  async request(_query: string, variables: Record<string, unknown> = {}) {
    const start = variables.after ? Number(variables.after) : 0;
    const ids = Array.from({ length: Math.min(100, 250 - start) }, (_, i) => start + i + 1);
    return {
      volunteers: {
        pageInfo: { hasNextPage: start + 100 < 250, endCursor: String(start + 100) },
        edges: ids.map((id) => ({ node: { id: String(id), status: id % 10 === 0 ? 'SUSPENDED' : 'ACTIVE' } })),
      },
    };
  },
} as unknown as SubgraphClient;

let db: TestDataSource;
let result: object;
const now = new Date('2026-05-10T04:00:00Z');
const piiEncryptionKey = randomBytes(32).toString('base64');

beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships', entities, migrations });
  const deps = { dataSource: db.dataSource, clients: { volunteers }, secrets: { piiEncryptionKey, piiHashKey: 'h', internalSecret: 'i' }, logger: silentLogger() };
  result = await seedOrganizationsAndOrders(deps, { now });
  expect(await seedOrganizationsAndOrders(deps, { now })).toEqual({ enterprises: 'kept' });
}, 60_000);
afterAll(() => db?.drop());

const rows = <T>(text: string): Promise<T[]> => db.dataSource.query(text);

describe('the organisations and orders seed', () => {
  it('writes ~300 enterprises and ~80 organisations with valid, unique credit codes and encrypted phones', async () => {
    expect(result).toMatchObject({ enterprises: 300, socialOrganizations: 80, partnershipOrders: 1500 });
    const codes = await rows<{ code: string; phone: Buffer }>(
      'SELECT credit_code AS code, contact_phone_encrypted AS phone FROM enterprises UNION ALL SELECT credit_code, contact_phone_encrypted FROM social_organizations',
    );
    expect(codes.filter((c) => typeof parseCreditCode(c.code) === 'string')).toEqual([]);
    const cipher = new FieldCipher(piiEncryptionKey);
    expect(codes.every((c) => /^1\d{10}$/.test(cipher.decrypt(c.phone)))).toBe(true);
    const [{ names }] = await rows<{ names: number }>('SELECT count(DISTINCT name)::int AS names FROM enterprises');
    expect(names).toBe(300);
  });

  it('gives each organisation 5–30 ACTIVE volunteers of the volunteers subgraph', async () => {
    const sizes = await rows<{ n: number }>('SELECT count(*)::int AS n FROM organization_volunteers GROUP BY organization_id');
    expect(sizes).toHaveLength(80);
    expect(sizes.every((s) => s.n >= 5 && s.n <= 30)).toBe(true);
    const [{ suspended }] = await rows<{ suspended: number }>('SELECT count(*)::int AS suspended FROM organization_volunteers WHERE volunteer_id % 10 = 0');
    expect(suspended).toBe(0);
  });

  it('has orders in every state, dispatched to organisations offering the type, with histories that follow the transitions', async () => {
    const statuses = await rows<{ status: string }>('SELECT DISTINCT status FROM partnership_orders ORDER BY status');
    expect(statuses.map((s) => s.status)).toEqual(['ACCEPTED', 'CANCELLED', 'DELIVERED', 'DISPATCHED', 'ORDERED', 'RATED', 'SCHEDULED']);
    const [{ mismatched }] = await rows<{ mismatched: number }>(
      'SELECT count(*)::int AS mismatched FROM partnership_orders o JOIN social_organizations s ON s.id = o.social_organization_id WHERE NOT o.service_type = ANY(s.service_types)',
    );
    expect(mismatched).toBe(0);
    const events = await rows<{ order_id: string; action: string; from_status: string | null; to_status: string; at: Date }>(
      'SELECT order_id, action, from_status, to_status, at FROM partnership_order_events ORDER BY order_id, id',
    );
    const orders = new Map((await rows<{ id: string; status: string; ordered_at: Date }>('SELECT id, status, ordered_at FROM partnership_orders')).map((o) => [String(o.id), o]));
    const last = new Map<string, { to: string; at: Date }>();
    for (const e of events) {
      const previous = last.get(String(e.order_id));
      if (!previous) expect([e.action, e.from_status, e.to_status]).toEqual(['ORDER', null, 'ORDERED']);
      else {
        const rule = ORDER_TRANSITIONS[e.action as keyof typeof ORDER_TRANSITIONS];
        expect({ order: e.order_id, legal: rule.from.includes(previous.to as never) && rule.to === e.to_status && e.from_status === previous.to }).toEqual({ order: e.order_id, legal: true });
        expect(e.at.getTime()).toBeGreaterThanOrEqual(previous.at.getTime());
      }
      last.set(String(e.order_id), { to: e.to_status, at: e.at });
    }
    for (const [id, o] of orders) expect({ id, status: last.get(id)?.to }).toEqual({ id, status: o.status });
    expect(events.every((e) => e.at.getTime() <= now.getTime())).toBe(true);
  });

  it('names who served on delivered and rated orders: volunteers of the assigned organisation, 1–8 hours, no record yet', async () => {
    const [{ bad }] = await rows<{ bad: number }>(`
      SELECT count(*)::int AS bad FROM partnership_services s JOIN partnership_orders o ON o.id = s.order_id
       WHERE o.status NOT IN ('DELIVERED', 'RATED') OR s.hours < 1 OR s.hours > 8 OR s.service_record_id IS NOT NULL
          OR NOT EXISTS (SELECT 1 FROM organization_volunteers m WHERE m.organization_id = o.social_organization_id AND m.volunteer_id = s.volunteer_id)`);
    expect(bad).toBe(0);
    const [{ without }] = await rows<{ without: number }>(
      "SELECT count(*)::int AS without FROM partnership_orders o WHERE o.status IN ('DELIVERED', 'RATED') AND NOT EXISTS (SELECT 1 FROM partnership_services s WHERE s.order_id = o.id)",
    );
    expect(without).toBe(0);
    const [{ future }] = await rows<{ future: number }>(
      "SELECT count(*)::int AS future FROM partnership_orders WHERE delivered_on > '2026-05-10' OR (status IN ('DELIVERED', 'RATED') AND delivered_on NOT BETWEEN wanted_from AND wanted_to)",
    );
    expect(future).toBe(0);
  });

  it('continues the identities after the seeded ids', async () => {
    const [{ id }] = await rows<{ id: string }>("INSERT INTO enterprises (name, credit_code, region_code) VALUES ('新企业', '91370303MA3C8XX01', '370303') RETURNING id::text");
    expect(Number(id)).toBe(301);
  });
});
