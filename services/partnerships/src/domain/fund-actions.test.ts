import { randomBytes } from 'node:crypto';
import { PersonalDataAudit } from '@vg/graphql';
import { FieldCipher } from '@vg/crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { anonymousViewer, makeCreditCode, type Viewer } from '@vg/standards';
import { contextFactory, type PartnershipsContext } from '../context';
import { entities, migrations } from '../data/entities';
import { repositoriesFor } from '../data/repositories';
import type { GrantInput } from '../generated/graphql';
import { donateToFund, grantFromFund } from './fund-actions';
import { communityFundById, fundingOf, fundsInRegion, ledgerOf, listCommunityFunds } from './fund-queries';
import { amountFen } from './money';

let db: TestDataSource;
const cipher = new FieldCipher(randomBytes(32).toString('base64'));

/** The projects subgraph, faked: requests and projects 1–999 exist; every call is recorded. */
const projectsCalls: { typename: string; ids: string[] }[] = [];
const projects = {
  request: async (_query: string, variables: { r: { __typename: string; id: string }[] }) => {
    projectsCalls.push({ typename: variables.r[0].__typename, ids: variables.r.map((x) => x.id) });
    return { _entities: variables.r.map((x) => (Number(x.id) < 1000 ? { id: x.id } : null)) };
  },
} as unknown as SubgraphClient;
const volunteers = { request: async () => ({ _entities: [] }) } as unknown as SubgraphClient;

function ctxAs(viewer: Partial<Viewer>): PartnershipsContext {
  return contextFactory({ dataSource: db.dataSource, clients: { volunteers, projects }, cipher })({
    viewer: { ...anonymousViewer, sub: 'someone', ...viewer },
    requestId: 'test',
    audit: new PersonalDataAudit(true),
    logger: silentLogger(),
  });
}
const funder = () => ctxAs({ sub: 'funder-1', roles: ['GOVERNMENT_FUNDER'] });
const dispatcher = () => ctxAs({ sub: 'centre-1', roles: ['CENTRE_DISPATCHER'] });

async function failure(work: Promise<unknown>): Promise<{ code?: string; field?: string; reason?: string } | undefined> {
  try {
    await work;
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string; reason?: string } }).extensions;
  }
  return undefined;
}

const count = async (table: string, where = 'true') => Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n);
const fundRow = async (id: string) => (await repositoriesFor(db.dataSource.manager).funds.byIds([id]))[0];
const grant = (amount: number, extra: Partial<GrantInput> = {}): GrantInput => ({ amount, purpose: 'SERVICE_REQUEST', serviceRequestId: '7', reason: '社区买单：助老送餐', ...extra });

let enterpriseId: string;
let seq = 0;
/** A new fund in a community of 张店区 with `yuan` donated by a person. */
async function fundWith(yuan: number): Promise<string> {
  seq += 1;
  const code = `370303${String(100 + seq).padStart(3, '0')}001`;
  const [id] = await repositoriesFor(db.dataSource.manager).funds.insertFunds([{ name: `测试社区${seq}发展基金`, regionCode: code }]);
  if (yuan > 0) await donateToFund(dispatcher(), id, { amount: yuan, donorKind: 'PERSON', donorName: '张先生' });
  return id;
}

beforeAll(async () => {
  db = await createTestDataSource({ name: 'partnerships', entities, migrations });
  const [row]: { id: string }[] = await db.dataSource.query(`INSERT INTO enterprises (name, credit_code, region_code) VALUES ('淄博测试有限公司', $1, '370303') RETURNING id`, [
    makeCreditCode('91370303MA3C00001'),
  ]);
  enterpriseId = String(row.id);
});
afterAll(() => db?.drop());

describe('amountFen', () => {
  it('takes whole fen from 0.01 to 10,000,000 yuan, tolerating float noise', () => {
    expect(amountFen('a', 0.01)).toBe(1);
    expect(amountFen('a', 0.1 + 0.2)).toBe(30);
    expect(amountFen('a', 10_000_000)).toBe(1_000_000_000);
    for (const bad of [0, -1, 0.001, 10_000_000.01, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => amountFen('a', bad)).toThrow(/^a: /);
  });
});

describe('grantFromFund', () => {
  it('refuses a grant above the balance with CONFLICT INSUFFICIENT_FUNDS and writes nothing', async () => {
    const fundId = await fundWith(500);
    const before = await count('fund_movements');
    const error = await failure(grantFromFund(funder(), fundId, grant(500.01)));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_FUNDS' });
    expect(await count('fund_movements')).toBe(before);
    expect(await fundRow(fundId)).toMatchObject({ balanceFen: 50_000, raisedFen: 50_000, grantedFen: 0 });
    // The whole balance may be granted.
    const paid = await grantFromFund(funder(), fundId, grant(500));
    expect(paid).toMatchObject({ kind: 'GRANT', amountFen: 50_000, balanceAfterFen: 0, serviceRequestId: '7', bySub: 'funder-1' });
  });

  it('lets exactly 7 of 20 concurrent grants through a fund that covers 7; the balance never goes negative', async () => {
    const fundId = await fundWith(700);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => grantFromFund(funder(), fundId, grant(100, { serviceRequestId: String(100 + i) }))));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(7);
    expect(refused).toHaveLength(13);
    for (const r of refused) expect((r.reason as { extensions: object }).extensions).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_FUNDS' });
    const fund = await fundRow(fundId);
    expect(fund).toMatchObject({ balanceFen: 0, raisedFen: 70_000, grantedFen: 70_000 });
    expect(fund.balanceFen).toBe(fund.raisedFen - fund.grantedFen);
    // The ledger: one donation, 7 grants, each balance-after 100 yuan below the one before.
    const ledger: { kind: string; amount_fen: string; balance_after_fen: string }[] = await db.dataSource.query(
      `SELECT kind, amount_fen, balance_after_fen FROM fund_movements WHERE fund_id = $1 ORDER BY id`,
      [fundId],
    );
    expect(ledger.map((m) => [m.kind, Number(m.balance_after_fen)])).toEqual([['DONATION', 70_000], ...[60_000, 50_000, 40_000, 30_000, 20_000, 10_000, 0].map((b) => ['GRANT', b])]);
  });

  it('decides the role before the input, then checks the input field by field', async () => {
    const fundId = await fundWith(100);
    for (const viewer of [{ roles: [] }, { roles: ['VOLUNTEER' as const], volunteerId: '5' }, { roles: ['ENTERPRISE' as const], enterpriseId }, { roles: ['DATA_STAFF' as const] }]) {
      expect(await failure(grantFromFund(ctxAs(viewer), 'x', grant(-1, { purpose: 'PROJECT' })))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await failure(grantFromFund(funder(), fundId, grant(10, { serviceRequestId: null })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceRequestId' });
    expect(await failure(grantFromFund(funder(), fundId, grant(10, { projectId: '3' })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.projectId' });
    expect(await failure(grantFromFund(funder(), fundId, grant(10, { purpose: 'PROJECT', serviceRequestId: null })))).toMatchObject({ field: 'input.projectId' });
    expect(await failure(grantFromFund(funder(), fundId, grant(10, { reason: '  ' })))).toMatchObject({ field: 'input.reason' });
    expect(await failure(grantFromFund(funder(), fundId, grant(0.001)))).toMatchObject({ field: 'input.amount' });
    expect(await failure(grantFromFund(funder(), '999999', grant(10)))).toMatchObject({ code: 'NOT_FOUND' });
    projectsCalls.length = 0;
    expect(await failure(grantFromFund(funder(), fundId, grant(10, { serviceRequestId: '5000' })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceRequestId' });
    expect(await failure(grantFromFund(funder(), fundId, grant(10, { purpose: 'PROJECT', serviceRequestId: null, projectId: '5001' })))).toMatchObject({ field: 'input.projectId' });
    expect(projectsCalls).toEqual([
      { typename: 'ServiceRequest', ids: ['5000'] },
      { typename: 'Project', ids: ['5001'] },
    ]);
    expect(await fundRow(fundId)).toMatchObject({ balanceFen: 10_000, grantedFen: 0 });
    const project = await grantFromFund(dispatcher(), fundId, grant(10, { purpose: 'PROJECT', serviceRequestId: null, projectId: '12' }));
    expect(project).toMatchObject({ projectId: '12', serviceRequestId: null, balanceAfterFen: 9_000 });
  });
});

describe('donateToFund', () => {
  it('adds to the balance and the amount raised, with the donor in the ledger', async () => {
    const fundId = await fundWith(0);
    const person = await donateToFund(dispatcher(), fundId, { amount: 1234.5, donorKind: 'PERSON', donorName: ' 李女士 ', reason: '重阳节' });
    expect(person).toMatchObject({ kind: 'DONATION', amountFen: 123_450, balanceAfterFen: 123_450, donorKind: 'PERSON', donorName: '李女士', enterpriseId: null, bySub: 'centre-1' });
    const firm = await donateToFund(ctxAs({ sub: 'firm', roles: ['ENTERPRISE'], enterpriseId }), fundId, { amount: 10_000, donorKind: 'ENTERPRISE' });
    expect(firm).toMatchObject({ donorKind: 'ENTERPRISE', enterpriseId, balanceAfterFen: 1_123_450 });
    expect(await fundRow(fundId)).toMatchObject({ balanceFen: 1_123_450, raisedFen: 1_123_450, grantedFen: 0 });
  });

  it('lets an ENTERPRISE give only as itself, and checks the donor', async () => {
    const fundId = await fundWith(0);
    const firm = ctxAs({ sub: 'firm', roles: ['ENTERPRISE'], enterpriseId });
    expect(await failure(donateToFund(firm, fundId, { amount: 1, donorKind: 'ENTERPRISE', enterpriseId: '999' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(donateToFund(firm, fundId, { amount: 1, donorKind: 'PERSON', donorName: '某人' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(donateToFund(ctxAs({ roles: ['ENTERPRISE'] }), fundId, { amount: 1, donorKind: 'ENTERPRISE' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(donateToFund(ctxAs({ roles: ['GOVERNMENT_FUNDER'] }), fundId, { amount: -5, donorKind: 'PERSON' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(donateToFund(dispatcher(), fundId, { amount: 1, donorKind: 'PERSON' }))).toMatchObject({ field: 'input.donorName' });
    expect(await failure(donateToFund(dispatcher(), fundId, { amount: 1, donorKind: 'ENTERPRISE' }))).toMatchObject({ field: 'input.enterpriseId' });
    expect(await failure(donateToFund(dispatcher(), fundId, { amount: 1, donorKind: 'ENTERPRISE', enterpriseId: '999999' }))).toMatchObject({ field: 'input.enterpriseId' });
    expect(await failure(donateToFund(dispatcher(), '999999', { amount: 1, donorKind: 'PERSON', donorName: '某人' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count('fund_movements', `fund_id = ${fundId}`)).toBe(0);
  });
});

describe('fund queries', () => {
  it('shows the ledger newest first to the centre and funders only, funding per request, funds per region', async () => {
    const fundId = await fundWith(300);
    await grantFromFund(funder(), fundId, grant(50, { serviceRequestId: '42' }));
    await grantFromFund(funder(), fundId, grant(25, { serviceRequestId: '42' }));
    const fund = (await communityFundById(funder(), fundId))!;
    const page = await ledgerOf(ctxAs({ roles: ['DATA_STAFF'] }), fund, { first: 2 });
    expect(page.edges.map((e) => e.node.kind)).toEqual(['GRANT', 'GRANT']);
    expect(page.edges.map((e) => e.node.amountFen)).toEqual([2_500, 5_000]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await ledgerOf(funder(), fund, { first: 2, after: page.pageInfo.endCursor });
    expect(next.edges.map((e) => e.node.kind)).toEqual(['DONATION']);
    for (const viewer of [{ roles: [] }, { roles: ['VOLUNTEER' as const] }, { roles: ['ENTERPRISE' as const], enterpriseId }]) {
      expect(await failure(ledgerOf(ctxAs(viewer), fund, {}))).toMatchObject({ code: 'FORBIDDEN' });
    }
    const anyone = ctxAs({ roles: [] });
    const [funding, none] = await Promise.all([fundingOf(anyone, '42'), fundingOf(anyone, '43')]);
    expect(funding.map((m) => m.amountFen)).toEqual([5_000, 2_500]);
    expect(none).toEqual([]);
    const [county, community, elsewhere] = await Promise.all([fundsInRegion(anyone, '370303'), fundsInRegion(anyone, fund.regionCode), fundsInRegion(anyone, '370305')]);
    expect(county.map((f) => f.id)).toContain(fundId);
    expect(community.map((f) => f.id)).toEqual([fundId]);
    expect(elsewhere).toEqual([]);
    const listed = await listCommunityFunds(anyone, { regionCode: fund.regionCode });
    expect(listed.edges.map((e) => e.node.id)).toEqual([fundId]);
    expect(await failure(listCommunityFunds(anyone, { regionCode: '110101' }))).toMatchObject({ field: 'regionCode' });
  });
});
