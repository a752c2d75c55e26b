import { localDate } from '@vg/config';
import { SubgraphClient } from '@vg/graphql';
import { serviceViewer } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type BuiltTeam, type BuiltVolunteer } from './builders';
import {
  RecordsAcceptDocument,
  RecordsCancelDocument,
  RecordsCompleteDocument,
  RecordsCorrectDocument,
  RecordsDispatchDocument,
  RecordsFundDocument,
  RecordsOrderServiceDocument,
  RecordsRequestHistoryDocument,
  RecordsRequestServiceRecordDocument,
  RecordsVolunteerServiceDocument,
  type CorrectServiceRecordInput,
  type OrderServiceInput,
} from './generated/projects-request-records';
import { startStack, type Stack, type TokenFor } from './testkit';

/**
 * A completed service request leaves the accepting volunteer's service record (national fields,
 * change feed, hours totals), and ADMIN can rescue a request stuck before acceptance.
 */

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-sun' };
const DISPATCHER: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'dispatcher-wang' };
const FUNDER: TokenFor = { roles: ['GOVERNMENT_FUNDER'], sub: 'funder-zhang' };
const RESIDENT: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-li' };

const ORDER = { title: '助老送餐', address: '张店区共青团路 88 号 3 单元', regionCode: '370303001' } satisfies OrderServiceInput;

/** What the change feed (internal services only, straight to the subgraph) answers. */
interface ServiceRecordChanges {
  serviceRecordChanges: { changes: { kind: string; volunteerId: string; hours: number; hoursDelta: number; record: { id: string } }[] };
}

let stack: Stack;
/** The team requests are dispatched to: its leader and three ACTIVE members (made by the builder). */
let team: BuiltTeam & { leader: BuiltVolunteer; members: BuiltVolunteer[] };
/** The leader of another team, in none of `team`'s ranks. */
let otherLeader: BuiltVolunteer;

const db = () => stack.projects.db.dataSource;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  const built = await world.team({ level: 'COUNTY', region: '370303' });
  const teamLeader = await world.volunteer().inTeam(built).asLeader();
  const members: BuiltVolunteer[] = [];
  for (let i = 0; i < 3; i += 1) members.push(await world.volunteer().inTeam(built));
  team = { ...built, leader: teamLeader, members };
  otherLeader = await world
    .volunteer()
    .inTeam(await world.team({ level: 'COUNTY', region: '370303' }))
    .asLeader();
}, 120_000);
afterAll(() => stack?.stop());

/** A request accepted by `member`, the acceptance moved `hoursAgo` into the past. */
async function accepted(member: BuiltVolunteer, hoursAgo: number): Promise<string> {
  const { id } = dataOf(await stack.query(RecordsOrderServiceDocument, { input: ORDER }, RESIDENT)).orderService;
  dataOf(await stack.query(RecordsDispatchDocument, { id, teamId: team.id }, DISPATCHER));
  dataOf(await stack.query(RecordsFundDocument, { id, amount: 60 }, FUNDER));
  dataOf(await stack.query(RecordsAcceptDocument, { id }, member.as));
  await db().query(`UPDATE service_request_events SET at = at - make_interval(mins => $2) WHERE request_id = $1 AND to_status = 'ACCEPTED'`, [id, Math.round(hoursAgo * 60)]);
  return id;
}

/** What completing a request may change: its row, its history, the records and the feed. */
async function stored(id: string) {
  const [request]: { status: string; updated_at: Date }[] = await db().query('SELECT status, updated_at FROM service_requests WHERE id = $1', [id]);
  const [{ events }]: { events: number }[] = await db().query('SELECT count(*)::int AS events FROM service_request_events WHERE request_id = $1', [id]);
  const [{ records, changes }]: { records: number; changes: number }[] = await db().query(
    'SELECT (SELECT count(*)::int FROM service_records) AS records, (SELECT count(*)::int FROM service_record_changes) AS changes',
  );
  return { request, events, records, changes };
}

describe('completing a service request', () => {
  let recordId: string;
  let member: BuiltVolunteer;

  it('checks who completes before the hours, and refuses hours beyond the time served, writing nothing', async () => {
    [member] = team.members;
    const id = await accepted(member, 3);
    const before = await stored(id);
    const refusal = async (as: TokenFor | undefined, hours: number) => (await stack.query(RecordsCompleteDocument, { id, input: { hours } }, as)).errors?.[0].extensions;
    // Another member, an outsider and the anonymous public hear FORBIDDEN even with absurd hours.
    expect(await refusal(team.members[1].as, 0)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(undefined, -5)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(ADMIN, 0)).toMatchObject({ code: 'FORBIDDEN' });
    // 3 h and a moment since acceptance: up to 3.5 h (rounded up to the half hour), never 4.
    for (const hours of [0, -1, 1.2, 4, 24.5]) expect(await refusal(member.as, hours)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    expect(await stored(id)).toEqual(before);
  });

  it("turns the volunteer's hours into a service record with the national fields, in the feed like a check-out", async () => {
    const id = await accepted(member, 3);
    const before = await stored(id);
    const { completeServiceRequest: done } = dataOf(await stack.query(RecordsCompleteDocument, { id, input: { hours: 2.5, note: '已送达' } }, member.as));
    expect(done.status).toBe('COMPLETED');
    expect(done.serviceRecord).toMatchObject({
      hours: 2.5,
      serviceDate: localDate(new Date()),
      place: ORDER.address,
      servedParty: '群众',
      content: '助老送餐：已送达',
      evaluation: null,
      personInCharge: team.name,
      recordedBy: `volunteer-${member.id}`,
      volunteer: { id: member.id },
      activity: null,
      serviceRequest: { id, status: 'COMPLETED' },
    });
    recordId = done.serviceRecord?.id ?? '';
    const after = await stored(id);
    expect(after).toMatchObject({ request: { status: 'COMPLETED' }, events: before.events + 1, records: before.records + 1, changes: before.changes + 1 });

    const feed = new SubgraphClient({ url: stack.projects.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('honours') });
    // Straight to the subgraph: serviceRecordChanges is @inaccessible, so it stays a string with its own result type.
    const { serviceRecordChanges } = await feed.request<ServiceRecordChanges>('{ serviceRecordChanges(first: 1000) { changes { kind volunteerId hours hoursDelta record { id } } } }');
    expect(serviceRecordChanges.changes.at(-1)).toEqual({ kind: 'CREATED', volunteerId: member.id, hours: 2.5, hoursDelta: 2.5, record: { id: recordId } });

    // The arguments name who was served and what was done.
    const second = await accepted(member, 1);
    const { completeServiceRequest: other } = dataOf(await stack.query(RecordsCompleteDocument, { id: second, input: { hours: 1, servedParty: '独居老人', content: '送餐并打扫卫生' } }, member.as));
    expect(other.serviceRecord).toMatchObject({ hours: 1, servedParty: '独居老人', content: '送餐并打扫卫生' });
  });

  it("counts in the volunteer's hours and records, and shows only to those who see the volunteer's service", async () => {
    const today = localDate(new Date());
    const { volunteer: v } = dataOf(await stack.query(RecordsVolunteerServiceDocument, { volunteerId: member.id, date: today }, member.as));
    expect(v?.serviceHours).toBe(3.5);
    expect(v?.serviceRecords.totalCount).toBe(2);
    expect(v?.serviceRecords.edges.map((e) => e.node.id)).toContain(recordId);
    expect(v?.serviceRecordsOn.map((r) => r.id)).toContain(recordId);

    const [{ service_request_id: requestId }]: { service_request_id: string }[] = await db().query('SELECT service_request_id FROM service_records WHERE id = $1', [recordId]);
    const seen = async (as: TokenFor) => dataOf(await stack.query(RecordsRequestServiceRecordDocument, { id: String(requestId) }, as)).serviceRequest;
    expect((await seen(ADMIN))?.serviceRecord).toEqual({ id: recordId });
    // The resident sees their request, not the volunteer's service data.
    expect(await seen(RESIDENT)).toEqual({ serviceRecord: null });
  });

  it('lets ADMIN or a leader of the assigned team correct the record, up to 24 h, and nobody else', async () => {
    const correct = (as: TokenFor, input: CorrectServiceRecordInput) => stack.query(RecordsCorrectDocument, { id: recordId, input }, as);
    const code = async (as: TokenFor, input: CorrectServiceRecordInput) => (await correct(as, input)).errors?.[0].extensions;
    expect(await code(member.as, { hours: 3, reason: '少记' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code(otherLeader.as, { hours: 3, reason: '少记' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await code(ADMIN, { hours: 24.5, reason: '少记' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    const { correctServiceRecord } = dataOf(await correct(team.leader.as, { hours: 3, reason: '往返路程计入' }));
    expect(correctServiceRecord).toEqual({ hours: 3, corrections: [{ previousHours: 2.5, reason: '往返路程计入', correctedBy: team.leader.as.sub }] });
  });
});

describe('ADMIN rescuing a stuck request', () => {
  it('dispatches and funds it, recorded as ADMIN with their subject', async () => {
    const { id } = dataOf(await stack.query(RecordsOrderServiceDocument, { input: ORDER }, RESIDENT)).orderService;
    dataOf(await stack.query(RecordsDispatchDocument, { id, teamId: team.id }, ADMIN));
    dataOf(await stack.query(RecordsFundDocument, { id, amount: 30 }, ADMIN));
    const { serviceRequest } = dataOf(await stack.query(RecordsRequestHistoryDocument, { id }, ADMIN));
    expect(serviceRequest?.status).toBe('FUNDED');
    expect(serviceRequest?.history.slice(1)).toEqual([
      { toStatus: 'DISPATCHED', actor: 'admin-sun', actorRole: 'ADMIN', note: null },
      { toStatus: 'FUNDED', actor: 'admin-sun', actorRole: 'ADMIN', note: null },
    ]);
    // ADMIN is no team member: accepting stays with the team.
    expect((await stack.query(RecordsAcceptDocument, { id }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('cancels it, keeping the reason; still checks the amount only once allowed', async () => {
    const { id } = dataOf(await stack.query(RecordsOrderServiceDocument, { input: ORDER }, RESIDENT)).orderService;
    dataOf(await stack.query(RecordsDispatchDocument, { id, teamId: team.id }, DISPATCHER));
    expect((await stack.query(RecordsFundDocument, { id, amount: -1 }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect((await stack.query(RecordsFundDocument, { id, amount: -1 }, DISPATCHER)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    dataOf(await stack.query(RecordsCancelDocument, { id, reason: '派单后长期无人处理，中心撤单' }, ADMIN));
    const { serviceRequest } = dataOf(await stack.query(RecordsRequestHistoryDocument, { id }, ADMIN));
    expect(serviceRequest?.status).toBe('CANCELLED');
    expect(serviceRequest?.history.at(-1)).toEqual({ toStatus: 'CANCELLED', actor: 'admin-sun', actorRole: 'ADMIN', note: '派单后长期无人处理，中心撤单' });
  });
});
