import { localDate } from '@vg/config';
import { SubgraphClient } from '@vg/graphql';
import { serviceViewer } from '@vg/standards';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { startStack, type Stack, type TokenFor } from './testkit';

/**
 * A completed service request leaves the accepting volunteer's service record (national fields,
 * change feed, hours totals), and ADMIN can rescue a request stuck before acceptance.
 */

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-sun' };
const DISPATCHER: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'dispatcher-wang' };
const FUNDER: TokenFor = { roles: ['GOVERNMENT_FUNDER'], sub: 'funder-zhang' };
const RESIDENT: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-li' };
const volunteer = (id: string): TokenFor => ({ roles: ['VOLUNTEER'], sub: `volunteer-${id}`, volunteerId: id });
const leader = (id: string): TokenFor => ({ roles: ['TEAM_LEADER', 'VOLUNTEER'], sub: `leader-${id}`, volunteerId: id });

const ORDER = { title: '助老送餐', address: '张店区共青团路 88 号 3 单元', regionCode: '370303001' };
const RECORD_FIELDS = 'id hours serviceDate place servedParty content evaluation personInCharge recordedBy volunteer { id } activity { id } serviceRequest { id status }';
const ORDER_SERVICE = 'mutation($input: OrderServiceInput!) { orderService(input: $input) { id } }';
const DISPATCH = 'mutation($id: ID!, $teamId: ID!) { dispatchServiceRequest(id: $id, teamId: $teamId) { status } }';
const FUND = 'mutation($id: ID!, $amount: Float!) { fundServiceRequest(id: $id, amount: $amount) { status } }';
const ACCEPT = 'mutation($id: ID!) { acceptServiceRequest(id: $id) { status } }';
const COMPLETE = `mutation($id: ID!, $input: CompleteServiceRequestInput!) { completeServiceRequest(id: $id, input: $input) { status serviceRecord { ${RECORD_FIELDS} } } }`;
const CANCEL = 'mutation($id: ID!, $reason: String!) { cancelServiceRequest(id: $id, reason: $reason) { status } }';
const HISTORY = 'query($id: ID!) { serviceRequest(id: $id) { status history { toStatus actor actorRole note } } }';

let stack: Stack;
let team: { id: string; name: string; members: string[]; leader: string };
let otherLeader: string;

const db = () => stack.projects.db.dataSource;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 300 });
  const { data } = await stack.query<any>(
    '{ teams(first: 60) { edges { node { id name leader { id status } members(first: 30) { edges { node { role volunteer { id status } } } } } } } }',
    undefined,
    ADMIN,
  );
  const teams = data.teams.edges.map(({ node }: any) => ({
    id: node.id as string,
    name: node.name as string,
    leader: node.leader?.status === 'ACTIVE' ? (node.leader.id as string) : '',
    members: node.members.edges.filter((e: any) => e.node.volunteer.status === 'ACTIVE' && e.node.role === 'MEMBER').map((e: any) => e.node.volunteer.id as string),
  }));
  team = teams.find((t: any) => t.leader && t.members.length >= 3);
  otherLeader = teams.find((t: any) => t.leader && t.id !== team.id && !team.members.includes(t.leader) && t.leader !== team.leader).leader;
}, 120_000);
afterAll(() => stack?.stop());

async function ok(query: string, variables: Record<string, unknown>, as?: TokenFor): Promise<any> {
  const { data, errors } = await stack.query<any>(query, variables, as);
  expect(errors).toBeUndefined();
  return data;
}

/** A request accepted by `member`, the acceptance moved `hoursAgo` into the past. */
async function accepted(member: string, hoursAgo: number): Promise<string> {
  const id = (await ok(ORDER_SERVICE, { input: ORDER }, RESIDENT)).orderService.id;
  await ok(DISPATCH, { id, teamId: team.id }, DISPATCHER);
  await ok(FUND, { id, amount: 60 }, FUNDER);
  await ok(ACCEPT, { id }, volunteer(member));
  await db().query(`UPDATE service_request_events SET at = at - make_interval(mins => $2) WHERE request_id = $1 AND to_status = 'ACCEPTED'`, [id, Math.round(hoursAgo * 60)]);
  return id;
}

/** What completing a request may change: its row, its history, the records and the feed. */
async function stored(id: string) {
  const [request] = await db().query('SELECT status, updated_at FROM service_requests WHERE id = $1', [id]);
  const [{ events }] = await db().query('SELECT count(*)::int AS events FROM service_request_events WHERE request_id = $1', [id]);
  const [{ records, changes }] = await db().query('SELECT (SELECT count(*)::int FROM service_records) AS records, (SELECT count(*)::int FROM service_record_changes) AS changes');
  return { request, events, records, changes };
}

describe('completing a service request', () => {
  let recordId: string;
  let member: string;

  it('checks who completes before the hours, and refuses hours beyond the time served, writing nothing', async () => {
    [member] = team.members;
    const id = await accepted(member, 3);
    const before = await stored(id);
    const refusal = async (as: TokenFor | undefined, hours: number) => (await stack.query<any>(COMPLETE, { id, input: { hours } }, as)).errors?.[0].extensions;
    // Another member, an outsider and the anonymous public hear FORBIDDEN even with absurd hours.
    expect(await refusal(volunteer(team.members[1]), 0)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(undefined, -5)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(ADMIN, 0)).toMatchObject({ code: 'FORBIDDEN' });
    // 3 h and a moment since acceptance: up to 3.5 h (rounded up to the half hour), never 4.
    for (const hours of [0, -1, 1.2, 4, 24.5]) expect(await refusal(volunteer(member), hours)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    expect(await stored(id)).toEqual(before);
  });

  it("turns the volunteer's hours into a service record with the national fields, in the feed like a check-out", async () => {
    const id = await accepted(member, 3);
    const before = await stored(id);
    const { completeServiceRequest: done } = await ok(COMPLETE, { id, input: { hours: 2.5, note: '已送达' } }, volunteer(member));
    expect(done.status).toBe('COMPLETED');
    expect(done.serviceRecord).toMatchObject({
      hours: 2.5,
      serviceDate: localDate(new Date()),
      place: ORDER.address,
      servedParty: '群众',
      content: '助老送餐：已送达',
      evaluation: null,
      personInCharge: team.name,
      recordedBy: `volunteer-${member}`,
      volunteer: { id: member },
      activity: null,
      serviceRequest: { id, status: 'COMPLETED' },
    });
    recordId = done.serviceRecord.id;
    const after = await stored(id);
    expect(after).toMatchObject({ request: { status: 'COMPLETED' }, events: before.events + 1, records: before.records + 1, changes: before.changes + 1 });

    const feed = new SubgraphClient({ url: stack.projects.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('honours') });
    const { serviceRecordChanges } = await feed.request<any>('{ serviceRecordChanges(first: 1000) { changes { kind volunteerId hours hoursDelta record { id } } } }');
    expect(serviceRecordChanges.changes.at(-1)).toEqual({ kind: 'CREATED', volunteerId: member, hours: 2.5, hoursDelta: 2.5, record: { id: recordId } });

    // The arguments name who was served and what was done.
    const second = await accepted(member, 1);
    const { completeServiceRequest: other } = await ok(COMPLETE, { id: second, input: { hours: 1, servedParty: '独居老人', content: '送餐并打扫卫生' } }, volunteer(member));
    expect(other.serviceRecord).toMatchObject({ hours: 1, servedParty: '独居老人', content: '送餐并打扫卫生' });
  });

  it("counts in the volunteer's hours and records, and shows only to those who see the volunteer's service", async () => {
    const today = localDate(new Date());
    const Q = `query($v: ID!, $d: Date!) { volunteer(id: $v) { serviceHours serviceRecords { totalCount edges { node { id serviceRequest { id } } } } serviceRecordsOn(date: $d) { id } } }`;
    const { volunteer: v } = await ok(Q, { v: member, d: today }, volunteer(member));
    expect(v.serviceHours).toBe(3.5);
    expect(v.serviceRecords.totalCount).toBe(2);
    expect(v.serviceRecords.edges.map((e: any) => e.node.id)).toContain(recordId);
    expect(v.serviceRecordsOn.map((r: any) => r.id)).toContain(recordId);

    const [{ service_request_id: requestId }] = await db().query('SELECT service_request_id FROM service_records WHERE id = $1', [recordId]);
    const SEEN = 'query($id: ID!) { serviceRequest(id: $id) { serviceRecord { id } } }';
    expect((await ok(SEEN, { id: String(requestId) }, ADMIN)).serviceRequest.serviceRecord).toEqual({ id: recordId });
    // The resident sees their request, not the volunteer's service data.
    expect((await ok(SEEN, { id: String(requestId) }, RESIDENT)).serviceRequest.serviceRecord).toBeNull();
  });

  it('lets ADMIN or a leader of the assigned team correct the record, up to 24 h, and nobody else', async () => {
    const CORRECT = 'mutation($id: ID!, $input: CorrectServiceRecordInput!) { correctServiceRecord(id: $id, input: $input) { hours corrections { previousHours reason correctedBy } } }';
    const code = async (as: TokenFor, input: Record<string, unknown>) => (await stack.query<any>(CORRECT, { id: recordId, input }, as)).errors?.[0].extensions;
    expect(await code(volunteer(member), { hours: 3, reason: '少记' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code(leader(otherLeader), { hours: 3, reason: '少记' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code(ADMIN, { hours: 24.5, reason: '少记' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    const { correctServiceRecord } = await ok(CORRECT, { id: recordId, input: { hours: 3, reason: '往返路程计入' } }, leader(team.leader));
    expect(correctServiceRecord).toEqual({ hours: 3, corrections: [{ previousHours: 2.5, reason: '往返路程计入', correctedBy: `leader-${team.leader}` }] });
  });
});

describe('ADMIN rescuing a stuck request', () => {
  it('dispatches and funds it, recorded as ADMIN with their subject', async () => {
    const id = (await ok(ORDER_SERVICE, { input: ORDER }, RESIDENT)).orderService.id;
    await ok(DISPATCH, { id, teamId: team.id }, ADMIN);
    await ok(FUND, { id, amount: 30 }, ADMIN);
    const { serviceRequest } = await ok(HISTORY, { id }, ADMIN);
    expect(serviceRequest.status).toBe('FUNDED');
    expect(serviceRequest.history.slice(1)).toEqual([
      { toStatus: 'DISPATCHED', actor: 'admin-sun', actorRole: 'ADMIN', note: null },
      { toStatus: 'FUNDED', actor: 'admin-sun', actorRole: 'ADMIN', note: null },
    ]);
    // ADMIN is no team member: accepting stays with the team.
    expect((await stack.query<any>(ACCEPT, { id }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('cancels it, keeping the reason; still checks the amount only once allowed', async () => {
    const id = (await ok(ORDER_SERVICE, { input: ORDER }, RESIDENT)).orderService.id;
    await ok(DISPATCH, { id, teamId: team.id }, DISPATCHER);
    expect((await stack.query<any>(FUND, { id, amount: -1 }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect((await stack.query<any>(FUND, { id, amount: -1 }, DISPATCHER)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    await ok(CANCEL, { id, reason: '派单后长期无人处理，中心撤单' }, ADMIN);
    const { serviceRequest } = await ok(HISTORY, { id }, ADMIN);
    expect(serviceRequest.status).toBe('CANCELLED');
    expect(serviceRequest.history.at(-1)).toEqual({ toStatus: 'CANCELLED', actor: 'admin-sun', actorRole: 'ADMIN', note: '派单后长期无人处理，中心撤单' });
  });
});
