import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { entities, migrations } from '../data/entities';
import { COMMUNITY_FUNDS, RAISED_FEN, seedCommunity } from './community';

let db: TestDataSource;

/** The volunteers subgraph, faked: 40 stations, 100 volunteers, 150 villages in 张店区. */
const volunteers = {
  request: async (query: string) => {
    if (query.includes('stations')) {
      return {
        stations: { edges: Array.from({ length: 35 }, (_, i) => ({ node: { id: String(i + 1), name: `测试站点${i + 1}`, address: '淄博市张店区人民路1号', location: { lat: 36.8, lng: 118.05 } } })) },
      };
    }
    if (query.includes('volunteers')) return { volunteers: { edges: Array.from({ length: 100 }, (_, i) => ({ node: { id: String(i + 1) } })) } };
    return {
      villages: Array.from({ length: 150 }, (_, i) => ({ code: `370303${String(100 + Math.floor(i / 10)).padStart(3, '0')}${String(101 + i).padStart(3, '0')}`, name: `测试${i}` })),
      towns: [],
    };
  },
} as unknown as SubgraphClient;
/** The projects subgraph, faked: ids 1–50 exist. */
const projects = {
  request: async (_q: string, variables: { r: { id: string }[] }) => ({ _entities: variables.r.map((x) => (Number(x.id) <= 50 ? { id: x.id } : null)) }),
} as unknown as SubgraphClient;

const n = async (sql: string) => Number((await db.dataSource.query(sql))[0].n);

beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships', entities, migrations });
});
afterAll(() => db?.drop());

it('writes the catalogue, its offers, new-employment volunteers and 112 funds whose ledgers add up; a second run writes nothing', async () => {
  const deps = { dataSource: db.dataSource, clients: { volunteers, projects } };
  const first = await seedCommunity(deps);
  expect(first).toMatchObject({ servicePackages: 24, communityFunds: COMMUNITY_FUNDS, fundsRaisedYuan: RAISED_FEN / 100 });
  expect(await n(`SELECT count(*)::int AS n FROM package_offers`)).toBeGreaterThanOrEqual(130);
  expect(await n(`SELECT count(*)::int AS n FROM package_offers o WHERE NOT EXISTS (SELECT 1 FROM package_offer_packages p WHERE p.offer_id = o.id)`)).toBe(0);
  expect(await n(`SELECT count(*)::int AS n FROM package_offers WHERE lat NOT BETWEEN 36.2 AND 37.2 OR lng NOT BETWEEN 117.6 AND 118.6`)).toBe(0);
  expect(await n(`SELECT count(*)::int AS n FROM new_employment_volunteers`)).toBe(24);
  expect(await n(`SELECT sum(raised_fen)::bigint AS n FROM community_funds`)).toBe(RAISED_FEN);
  expect(await n(`SELECT count(*)::int AS n FROM fund_movements WHERE kind = 'GRANT'`)).toBeGreaterThan(COMMUNITY_FUNDS);
  // Every movement's balance-after is the running sum of the fund's ledger, and the fund's balance its last.
  expect(
    await n(`SELECT count(*)::int AS n FROM (
      SELECT balance_after_fen, sum(CASE kind WHEN 'DONATION' THEN amount_fen ELSE -amount_fen END) OVER (PARTITION BY fund_id ORDER BY id) AS running FROM fund_movements) t
      WHERE balance_after_fen <> running`),
  ).toBe(0);
  expect(await n(`SELECT count(*)::int AS n FROM community_funds f WHERE balance_fen <> (SELECT balance_after_fen FROM fund_movements m WHERE m.fund_id = f.id ORDER BY id DESC LIMIT 1)`)).toBe(0);
  const second = await seedCommunity(deps);
  expect(second).toEqual({});
  expect(await n(`SELECT count(*)::int AS n FROM community_funds`)).toBe(COMMUNITY_FUNDS);
});
