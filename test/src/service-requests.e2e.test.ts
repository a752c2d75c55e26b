import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { startStack, type GraphQLResponse, type Stack, type TokenFor } from './testkit';

/** The five-order loop (点单 → 派单 → 买单 → 接单 → 评单) through the gateway, by the roles that walk it. */

const ADMIN: TokenFor = { roles: ['ADMIN'] };
const DATA_STAFF: TokenFor = { roles: ['DATA_STAFF'], sub: 'data-staff-1' };
const DISPATCHER: TokenFor = { roles: ['CENTRE_DISPATCHER'], sub: 'dispatcher-wang' };
const FUNDER: TokenFor = { roles: ['GOVERNMENT_FUNDER'], sub: 'funder-zhang' };
const RESIDENT: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-li' };
const NEIGHBOUR: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-zhao' };
const volunteer = (id: string): TokenFor => ({ roles: ['VOLUNTEER'], sub: `volunteer-${id}`, volunteerId: id });

const PHONE = '13805331234';
const ORDER_INPUT = { kind: 'SERVICE', title: '助老送餐', description: '独居老人午餐送餐上门', address: '张店区共青团路 88 号 3 单元', regionCode: '370303001', contactPhone: PHONE };

/** Half an hour: always within the time since acceptance (rounded up to the next half hour). */
const DONE = { hours: 0.5 };

const FIELDS = 'id kind title status contactPhone fundingAmount rating ratingComment trackingCode team { id } acceptedBy { id } history { fromStatus toStatus actor actorRole note at }';
const OPS = {
  orderService: `mutation($input: OrderServiceInput!) { orderService(input: $input) { ${FIELDS} } }`,
  dispatchServiceRequest: `mutation($id: ID!, $teamId: ID!, $note: String) { dispatchServiceRequest(id: $id, teamId: $teamId, note: $note) { ${FIELDS} team { id name } } }`,
  fundServiceRequest: `mutation($id: ID!, $amount: Float!, $note: String) { fundServiceRequest(id: $id, amount: $amount, note: $note) { ${FIELDS} } }`,
  acceptServiceRequest: `mutation($id: ID!) { acceptServiceRequest(id: $id) { ${FIELDS} } }`,
  completeServiceRequest: `mutation($id: ID!, $input: CompleteServiceRequestInput!) { completeServiceRequest(id: $id, input: $input) { ${FIELDS} } }`,
  rateServiceRequest: `mutation($id: ID!, $rating: Int!, $comment: String, $code: String) { rateServiceRequest(id: $id, rating: $rating, comment: $comment, trackingCode: $code) { ${FIELDS} } }`,
  cancelServiceRequest: `mutation($id: ID!, $reason: String!, $code: String) { cancelServiceRequest(id: $id, reason: $reason, trackingCode: $code) { ${FIELDS} } }`,
  serviceRequest: `query($id: ID!) { serviceRequest(id: $id) { ${FIELDS} } }`,
};
type Op = keyof typeof OPS;

let stack: Stack;
/** A team with at least three ACTIVE members, and an ACTIVE volunteer in none of its ranks. */
let team: { id: string; members: string[] };
let outsider: string;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 300 });
  const { data } = await stack.query<any>(
    '{ teams(first: 50) { edges { node { id members(first: 20) { edges { node { role volunteer { id status } } } } } } } }',
    undefined,
    ADMIN,
  );
  const teams = data.teams.edges.map(({ node }: any) => ({
    id: node.id as string,
    members: node.members.edges.filter((e: any) => e.node.volunteer.status === 'ACTIVE').map((e: any) => e.node.volunteer.id as string),
  }));
  team = teams.find((t: any) => t.members.length >= 3);
  const { data: vs } = await stack.query<any>('{ volunteers(first: 100) { edges { node { id status teams { id } } } } }', undefined, ADMIN);
  outsider = vs.volunteers.edges.map((e: any) => e.node).find((v: any) => v.status === 'ACTIVE' && !v.teams.some((t: any) => t.id === team.id)).id;
}, 120_000);
afterAll(() => stack?.stop());

/** Runs an operation; returns its field's data (null when refused) and the errors. */
async function run(op: Op, variables: Record<string, unknown>, as?: TokenFor): Promise<{ result: any; errors: GraphQLResponse['errors'] }> {
  const { data, errors } = await stack.query<any>(OPS[op], variables, as);
  return { result: data?.[op] ?? null, errors };
}

/** Runs an operation that must succeed. */
async function ok(op: Op, variables: Record<string, unknown>, as?: TokenFor): Promise<any> {
  const { result, errors } = await run(op, variables, as);
  expect(errors).toBeUndefined();
  return result;
}

/** The stored row and history of a request, exactly as in the database. */
async function stored(id: string) {
  const db = stack.projects.db.dataSource;
  const [row] = await db.query('SELECT * FROM service_requests WHERE id = $1', [id]);
  const events = await db.query('SELECT * FROM service_request_events WHERE request_id = $1 ORDER BY id', [id]);
  return { row, events };
}

/** Runs an operation that must be refused with `expected` (code, reason, field), changing nothing stored. */
async function refused(op: Op, variables: Record<string, unknown> & { id: string }, as: TokenFor | undefined, expected: Record<string, unknown>): Promise<string> {
  const before = await stored(variables.id);
  const { result, errors } = await run(op, variables, as);
  expect(result).toBeNull();
  expect(errors?.[0].extensions).toMatchObject(expected);
  expect(await stored(variables.id)).toEqual(before);
  return errors![0].message;
}

const CONFLICT = { code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' };
const FORBIDDEN = { code: 'FORBIDDEN' };

/**
 * A new request ordered by `as` (null: anonymously) and walked to `status` by the right roles; the
 * accepting volunteer is `team.members[0]`.
 */
async function requestIn(status: 'ORDERED' | 'DISPATCHED' | 'FUNDED' | 'ACCEPTED' | 'COMPLETED', as: TokenFor | null = RESIDENT): Promise<{ id: string; trackingCode: string | null }> {
  const { id, trackingCode } = await ok('orderService', { input: ORDER_INPUT }, as ?? undefined);
  const steps: [Op, Record<string, unknown>, TokenFor][] = [
    ['dispatchServiceRequest', { teamId: team.id }, DISPATCHER],
    ['fundServiceRequest', { amount: 80 }, FUNDER],
    ['acceptServiceRequest', {}, volunteer(team.members[0])],
    ['completeServiceRequest', { input: DONE }, volunteer(team.members[0])],
  ];
  const count = ['ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED'].indexOf(status);
  for (const [op, variables, by] of steps.slice(0, count)) await ok(op, { id, ...variables }, by);
  return { id, trackingCode };
}

describe('the five-order loop', () => {
  it('is walked end to end by the resident, the centre, the funder, a team member and the resident again, with every step in the history', async () => {
    const member = team.members[0];
    const ordered = await ok('orderService', { input: ORDER_INPUT }, RESIDENT);
    expect(ordered).toMatchObject({ kind: 'SERVICE', status: 'ORDERED', contactPhone: PHONE, trackingCode: null, team: null, acceptedBy: null });
    const { id } = ordered;

    const dispatched = await ok('dispatchServiceRequest', { id, teamId: team.id, note: '就近派给社区志愿服务队' }, DISPATCHER);
    expect(dispatched.status).toBe('DISPATCHED');
    // The team's name comes from the volunteers subgraph, through the gateway.
    expect(dispatched.team).toEqual({ id: team.id, name: expect.any(String) });
    expect(dispatched.team.name.length).toBeGreaterThan(0);

    expect(await ok('fundServiceRequest', { id, amount: 200.5 }, FUNDER)).toMatchObject({ status: 'FUNDED', fundingAmount: 200.5 });
    expect(await ok('acceptServiceRequest', { id }, volunteer(member))).toMatchObject({ status: 'ACCEPTED', acceptedBy: { id: member } });
    expect(await ok('completeServiceRequest', { id, input: { ...DONE, note: '已送达' } }, volunteer(member))).toMatchObject({ status: 'COMPLETED' });
    const rated = await ok('rateServiceRequest', { id, rating: 5, comment: '很及时，谢谢' }, RESIDENT);
    expect(rated).toMatchObject({ status: 'RATED', rating: 5, ratingComment: '很及时，谢谢' });

    expect(rated.history.map(({ fromStatus, toStatus, actor, actorRole, note }: any) => [fromStatus, toStatus, actor, actorRole, note])).toEqual([
      [null, 'ORDERED', 'resident-li', 'RESIDENT', null],
      ['ORDERED', 'DISPATCHED', 'dispatcher-wang', 'CENTRE_DISPATCHER', '就近派给社区志愿服务队'],
      ['DISPATCHED', 'FUNDED', 'funder-zhang', 'GOVERNMENT_FUNDER', null],
      ['FUNDED', 'ACCEPTED', `volunteer-${member}`, 'TEAM_MEMBER', null],
      ['ACCEPTED', 'COMPLETED', `volunteer-${member}`, 'ACCEPTING_VOLUNTEER', '已送达'],
      ['COMPLETED', 'RATED', 'resident-li', 'RESIDENT', '很及时，谢谢'],
    ]);
    const times = rated.history.map((e: any) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const { row, events } = await stored(id);
    expect(row).toMatchObject({ status: 'RATED', team_id: team.id, funding_amount: '200.50', accepted_by: member, rating: 5, requester_sub: 'resident-li', tracking_code_hash: null });
    expect(events).toHaveLength(6);
  });

  it('refuses each jump out of order (CONFLICT naming both statuses) and each wrong party (FORBIDDEN), changing nothing', async () => {
    const [member, otherMember] = team.members;
    const { id } = await requestIn('ORDERED');
    const message = await refused('acceptServiceRequest', { id }, volunteer(member), CONFLICT); // accept before dispatch
    expect(message).toContain('ORDERED');
    expect(message).toContain('ACCEPTED');
    await refused('fundServiceRequest', { id, amount: 50 }, FUNDER, CONFLICT); // fund before dispatch
    await refused('completeServiceRequest', { id, input: DONE }, volunteer(member), CONFLICT);
    await refused('rateServiceRequest', { id, rating: 4 }, RESIDENT, CONFLICT); // rate before completion
    for (const wrong of [FUNDER, RESIDENT, volunteer(member), undefined]) await refused('dispatchServiceRequest', { id, teamId: team.id }, wrong, FORBIDDEN);
    await refused('dispatchServiceRequest', { id, teamId: '987654321' }, DISPATCHER, { code: 'BAD_USER_INPUT', field: 'teamId' });
    await refused('cancelServiceRequest', { id, reason: '不需要了' }, NEIGHBOUR, FORBIDDEN);
    expect((await run('dispatchServiceRequest', { id: '987654321', teamId: team.id }, DISPATCHER)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    await ok('dispatchServiceRequest', { id, teamId: team.id }, DISPATCHER);
    await refused('dispatchServiceRequest', { id, teamId: team.id }, DISPATCHER, CONFLICT);
    await refused('acceptServiceRequest', { id }, volunteer(member), CONFLICT);
    await refused('fundServiceRequest', { id, amount: 50 }, DISPATCHER, FORBIDDEN);
    for (const amount of [-1, 1e9, 10.001]) await refused('fundServiceRequest', { id, amount }, FUNDER, { code: 'BAD_USER_INPUT', field: 'amount' });

    await ok('fundServiceRequest', { id, amount: 0 }, FUNDER);
    await refused('acceptServiceRequest', { id }, volunteer(outsider), FORBIDDEN); // not a member of the team
    await refused('acceptServiceRequest', { id }, { roles: ['VOLUNTEER'], sub: 'no-volunteer-id' }, FORBIDDEN);
    await refused('acceptServiceRequest', { id }, DISPATCHER, FORBIDDEN);
    await refused('completeServiceRequest', { id, input: DONE }, volunteer(member), CONFLICT); // complete before accept
    await refused('rateServiceRequest', { id, rating: 4 }, RESIDENT, CONFLICT);

    await ok('acceptServiceRequest', { id }, volunteer(member));
    await refused('acceptServiceRequest', { id }, volunteer(otherMember), CONFLICT);
    await refused('completeServiceRequest', { id, input: DONE }, volunteer(otherMember), FORBIDDEN); // only the accepting volunteer
    await refused('cancelServiceRequest', { id, reason: '不需要了' }, RESIDENT, CONFLICT); // a volunteer is on the way
    await refused('cancelServiceRequest', { id, reason: '不需要了' }, DISPATCHER, CONFLICT);

    await ok('completeServiceRequest', { id, input: DONE }, volunteer(member));
    await refused('rateServiceRequest', { id, rating: 6 }, RESIDENT, { code: 'BAD_USER_INPUT', field: 'rating' });
    await refused('rateServiceRequest', { id, rating: 0 }, RESIDENT, { code: 'BAD_USER_INPUT', field: 'rating' });
    for (const wrong of [NEIGHBOUR, DISPATCHER, volunteer(member)]) await refused('rateServiceRequest', { id, rating: 5 }, wrong, FORBIDDEN);

    await ok('rateServiceRequest', { id, rating: 3 }, RESIDENT);
    await refused('rateServiceRequest', { id, rating: 5 }, RESIDENT, CONFLICT); // rate twice
    await refused('cancelServiceRequest', { id, reason: '不需要了' }, RESIDENT, CONFLICT);
    expect((await stored(id)).events.map((e: any) => e.to_status)).toEqual(['ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED', 'RATED']);
  });

  it('lets exactly one of several team members accept a request at once', async () => {
    const { id } = await requestIn('FUNDED');
    const results = await Promise.all(team.members.map((m) => run('acceptServiceRequest', { id }, volunteer(m))));
    const winners = results.filter((r) => r.result?.status === 'ACCEPTED');
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => !r.result);
    expect(losers).toHaveLength(team.members.length - 1);
    for (const loser of losers) expect(loser.errors?.[0].extensions).toMatchObject(CONFLICT);

    const { row, events } = await stored(id);
    expect(row.accepted_by).toBe(winners[0].result.acceptedBy.id);
    expect(events.filter((e: any) => e.to_status === 'ACCEPTED')).toHaveLength(1);
  });
});

describe('ordering', () => {
  const count = async (table: string) => Number((await stack.projects.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('checks the order before writing anything', async () => {
    const before = [await count('service_requests'), await count('service_request_events')];
    const cases: [Record<string, unknown>, TokenFor | undefined, string][] = [
      [{ ...ORDER_INPUT, title: '  ' }, RESIDENT, 'input.title'],
      [{ ...ORDER_INPUT, address: 'x'.repeat(201) }, RESIDENT, 'input.address'],
      [{ ...ORDER_INPUT, regionCode: '370200' }, RESIDENT, 'input.regionCode'], // 青岛, not 淄博
      [{ ...ORDER_INPUT, regionCode: '3703' }, RESIDENT, 'input.regionCode'],
      [{ ...ORDER_INPUT, contactPhone: '0533-2281234' }, RESIDENT, 'input.contactPhone'],
      [{ ...ORDER_INPUT, contactPhone: null }, undefined, 'input.contactPhone'], // anonymous without a phone
      [{ ...ORDER_INPUT, contactPhone: '12345678901' }, undefined, 'input.contactPhone'],
    ];
    for (const [input, as, field] of cases) {
      const { errors } = await run('orderService', { input }, as);
      expect([field, errors?.[0].extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    expect([await count('service_requests'), await count('service_request_events')]).toEqual(before);
  });

  it('gives an anonymous resident a tracking code once, storing only its hash and the phone only encrypted', async () => {
    const phone = '15953301234';
    const ordered = await ok('orderService', { input: { ...ORDER_INPUT, kind: 'MICRO_WISH', title: '给孩子一个新书包', contactPhone: phone } }, undefined);
    expect(ordered).toMatchObject({ kind: 'MICRO_WISH', status: 'ORDERED', contactPhone: phone });
    expect(ordered.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(ordered.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'ORDERED', actor: null, actorRole: 'RESIDENT' })]);

    const { row } = await stored(ordered.id);
    expect(row).toMatchObject({ requester_sub: null, contact_phone_masked: '159****1234' });
    expect(row.tracking_code_hash).toMatch(/^[0-9a-f]{64}$/);
    const leaks = await stack.projects.db.dataSource.query('SELECT count(*)::int AS n FROM service_requests r WHERE r::text LIKE $1 OR r::text LIKE $2', [`%${phone}%`, `%${ordered.trackingCode}%`]);
    expect(leaks[0].n).toBe(0);

    // The resident follows the order with the code (anonymous); a wrong code shows nothing.
    const FOLLOW = `query($id: ID!, $code: String) { serviceRequest(id: $id, trackingCode: $code) { status contactPhone trackingCode } }`;
    expect((await stack.query<any>(FOLLOW, { id: ordered.id, code: ordered.trackingCode.toLowerCase() })).data.serviceRequest).toEqual({ status: 'ORDERED', contactPhone: phone, trackingCode: null });
    expect((await stack.query<any>(FOLLOW, { id: ordered.id, code: 'ABCDEFGHJK' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query<any>(FOLLOW, { id: ordered.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Never shown again; the phone in full to the centre only.
    const asDispatcher = await ok('serviceRequest', { id: ordered.id }, DISPATCHER);
    expect(asDispatcher).toMatchObject({ trackingCode: null, contactPhone: phone });
    expect((await ok('serviceRequest', { id: ordered.id }, FUNDER)).contactPhone).toBe('159****1234');
  });

  it('lets the anonymous resident rate with the right tracking code only', async () => {
    const { id, trackingCode } = await requestIn('COMPLETED', null);
    expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    await refused('rateServiceRequest', { id, rating: 5 }, undefined, FORBIDDEN); // no code
    await refused('rateServiceRequest', { id, rating: 5, code: 'ABCDEFGHJK' }, undefined, FORBIDDEN); // wrong code
    await refused('rateServiceRequest', { id, rating: 5, code: 'ABCDEFGHJK' }, NEIGHBOUR, FORBIDDEN);
    const other = await requestIn('COMPLETED', null);
    await refused('rateServiceRequest', { id, rating: 5, code: other.trackingCode }, undefined, FORBIDDEN); // another order's code

    const rated = await ok('rateServiceRequest', { id, rating: 4, comment: '志愿者很耐心', code: ` ${trackingCode!.toLowerCase()} ` }, undefined);
    expect(rated).toMatchObject({ status: 'RATED', rating: 4, contactPhone: PHONE, trackingCode: null });
    expect(rated.history.at(-1)).toMatchObject({ fromStatus: 'COMPLETED', toStatus: 'RATED', actor: null, actorRole: 'RESIDENT', note: '志愿者很耐心' });
    await refused('rateServiceRequest', { id, rating: 5, code: trackingCode }, undefined, CONFLICT);
  });
});

describe('cancelling', () => {
  it('lets the resident (signed in, or with the tracking code) or the centre cancel before a volunteer accepted, keeping the reason', async () => {
    const own = await requestIn('ORDERED');
    const cancelled = await ok('cancelServiceRequest', { id: own.id, reason: '家人已经帮忙了' }, RESIDENT);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.history.at(-1)).toMatchObject({ fromStatus: 'ORDERED', toStatus: 'CANCELLED', actor: 'resident-li', actorRole: 'RESIDENT', note: '家人已经帮忙了' });
    await refused('dispatchServiceRequest', { id: own.id, teamId: team.id }, DISPATCHER, CONFLICT);

    const anonymous = await requestIn('FUNDED', null);
    await refused('cancelServiceRequest', { id: anonymous.id, reason: '不需要了' }, undefined, FORBIDDEN);
    await refused('cancelServiceRequest', { id: anonymous.id, reason: '  ', code: anonymous.trackingCode }, undefined, { code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await ok('cancelServiceRequest', { id: anonymous.id, reason: '不需要了', code: anonymous.trackingCode }, undefined)).status).toBe('CANCELLED');
    await refused('acceptServiceRequest', { id: anonymous.id }, volunteer(team.members[0]), CONFLICT);

    const dispatched = await requestIn('DISPATCHED');
    const byCentre = await ok('cancelServiceRequest', { id: dispatched.id, reason: '重复下单' }, DISPATCHER);
    expect(byCentre.history.at(-1)).toMatchObject({ fromStatus: 'DISPATCHED', toStatus: 'CANCELLED', actor: 'dispatcher-wang', actorRole: 'CENTRE_DISPATCHER' });
  });
});

describe('who sees what', () => {
  it('shows a request to staff, the resident and the assigned team, and refuses everyone else', async () => {
    const { id } = await requestIn('ACCEPTED');
    const [accepter, member] = team.members;
    for (const viewer of [ADMIN, DATA_STAFF, DISPATCHER, FUNDER, RESIDENT, volunteer(accepter), volunteer(member)]) {
      expect((await ok('serviceRequest', { id }, viewer)).id).toBe(id);
    }
    for (const viewer of [NEIGHBOUR, volunteer(outsider), { roles: ['TEAM_LEADER' as const], sub: 'leader-x' }, undefined]) {
      const { result, errors } = await run('serviceRequest', { id }, viewer);
      expect(result).toBeNull();
      expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await ok('serviceRequest', { id: '987654321' }, ADMIN)).toBeNull();
  });

  it('shows the phone in full to the centre, admins and the resident, masked to everyone else', async () => {
    const { id } = await requestIn('FUNDED');
    for (const viewer of [ADMIN, DISPATCHER, RESIDENT]) expect((await ok('serviceRequest', { id }, viewer)).contactPhone).toBe(PHONE);
    for (const viewer of [FUNDER, DATA_STAFF, volunteer(team.members[1])]) expect((await ok('serviceRequest', { id }, viewer)).contactPhone).toBe('138****1234');
  });
});

describe('lists and work queues', () => {
  const LIST = `query($f: ServiceRequestFilter, $first: Int, $after: String) {
    serviceRequests(filter: $f, first: $first, after: $after) { totalCount edges { node { id status team { id } } } pageInfo { hasNextPage endCursor } }
  }`;
  const QUEUE = '{ myServiceRequestQueue(first: 100) { totalCount edges { node { id status } } } }';
  const ids = async (where: string, params: unknown[] = [], order = 'DESC'): Promise<string[]> =>
    (await stack.projects.db.dataSource.query(`SELECT id FROM service_requests WHERE ${where} ORDER BY id ${order}`, params)).map((r: any) => String(r.id));

  it('lists requests for staff only, newest first, filtered, a page at a time', async () => {
    await requestIn('DISPATCHED');
    expect((await stack.query<any>(LIST, {}, RESIDENT)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query<any>(LIST, {}, volunteer(team.members[0]))).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const all = await ids('true');
    const first = await stack.query<any>(LIST, { first: 3 }, DATA_STAFF);
    expect(first.errors).toBeUndefined();
    expect(first.data.serviceRequests.totalCount).toBe(all.length);
    expect(first.data.serviceRequests.edges.map((e: any) => e.node.id)).toEqual(all.slice(0, 3));
    const second = await stack.query<any>(LIST, { first: 3, after: first.data.serviceRequests.pageInfo.endCursor }, DATA_STAFF);
    expect(second.data.serviceRequests.edges.map((e: any) => e.node.id)).toEqual(all.slice(3, 6));

    const byStatusAndTeam = await stack.query<any>(LIST, { f: { status: 'DISPATCHED', teamId: team.id }, first: 100 }, FUNDER);
    expect(byStatusAndTeam.data.serviceRequests.edges.map((e: any) => e.node.id)).toEqual(await ids("status = 'DISPATCHED' AND team_id = $1", [team.id]));
    const byCounty = await stack.query<any>(LIST, { f: { regionCode: '370303' }, first: 100 }, DISPATCHER);
    expect(byCounty.data.serviceRequests.totalCount).toBe(all.length); // every order here is in a town of 张店区
    const byCity = await stack.query<any>(LIST, { f: { regionCode: '370300', kind: 'MICRO_WISH' }, first: 100 }, DISPATCHER);
    expect(byCity.data.serviceRequests.edges.map((e: any) => e.node.id)).toEqual(await ids("kind = 'MICRO_WISH'"));
    expect((await stack.query<any>(LIST, { f: { regionCode: '370302' } }, ADMIN)).data.serviceRequests.totalCount).toBe(0);
    expect((await stack.query<any>(LIST, { f: { regionCode: '110101' } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
  });

  it("gives each role the requests waiting for its next step, oldest first", async () => {
    const resident: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-queue' };
    const completed = await requestIn('COMPLETED', resident);
    const accepted = await requestIn('ACCEPTED');
    const funded = await requestIn('FUNDED');
    const queueOf = async (as: TokenFor) => {
      const { data, errors } = await stack.query<any>(QUEUE, {}, as);
      expect(errors).toBeUndefined();
      expect(data.myServiceRequestQueue.totalCount).toBe(data.myServiceRequestQueue.edges.length);
      return data.myServiceRequestQueue.edges.map((e: any) => e.node.id);
    };
    expect(await queueOf(DISPATCHER)).toEqual(await ids("status = 'ORDERED'", [], 'ASC'));
    expect(await queueOf(FUNDER)).toEqual(await ids("status = 'DISPATCHED'", [], 'ASC'));
    // Every request here went to `team`: a member's queue is its FUNDED ones and those they accepted.
    const volunteerQueue = (id: string) => ids("(status = 'FUNDED' AND team_id = $1) OR (status = 'ACCEPTED' AND accepted_by = $2)", [team.id, id], 'ASC');
    const [accepter, member] = team.members;
    const own = await queueOf(volunteer(accepter));
    expect(own).toEqual(await volunteerQueue(accepter));
    expect(own).toEqual(expect.arrayContaining([accepted.id, funded.id]));
    const other = await queueOf(volunteer(member));
    expect(other).toEqual(await volunteerQueue(member));
    expect(other).toContain(funded.id);
    expect(other).not.toContain(accepted.id);
    expect(await queueOf(resident)).toEqual([completed.id]);
    expect(await queueOf(volunteer(outsider))).not.toContain(funded.id);
    expect((await stack.query<any>(QUEUE)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('loads histories, teams and phones of a whole page in the same number of statements for 5 and 20 requests', async () => {
    while ((await ids('true')).length < 20) await requestIn('DISPATCHED');
    const PAGE = 'query($first: Int) { serviceRequests(first: $first) { edges { node { id contactPhone team { id } acceptedBy { id } history { toStatus actor } } } } }';
    const statementsFor = async (first: number) => {
      const statements: string[] = [];
      const stop = stack.projects.db.dataSource.sqlLogger.onStatement((sql) => statements.push(sql));
      const { data, errors } = await stack.query<any>(PAGE, { first }, ADMIN);
      stop();
      expect(errors).toBeUndefined();
      expect(data.serviceRequests.edges).toHaveLength(first);
      expect(data.serviceRequests.edges.every((e: any) => e.node.history.length > 0)).toBe(true);
      return statements;
    };
    const five = await statementsFor(5);
    const twenty = await statementsFor(20);
    expect(twenty.length).toBe(five.length);
    expect(twenty.filter((s) => s.includes('serviceRequestEvents'))).toHaveLength(1);
    expect(twenty.filter((s) => s.includes('serviceRequestContactPhones'))).toHaveLength(1);
  });
});
