import { dataOf } from './builders';
import {
  FollowServiceRequestDocument,
  LoopOrderServiceDocument,
  LoopRateDocument,
  LoopServiceRequestDocument,
  MyServiceRequestQueueDocument,
  ServiceRequestListDocument,
  ServiceRequestPageWithHistoryDocument,
  type OrderServiceInput,
  type ServiceRequestFilter,
} from './generated/service-requests';
import { ADMIN, CONFLICT, DATA_STAFF, DISPATCHER, FORBIDDEN, FUNDER, NEIGHBOUR, ORDER_INPUT, PHONE, RESIDENT, startLoop, type Loop } from './service-requests';
import type { TokenFor } from './testkit';

/** Ordering a service (checked input, anonymous tracking codes), who sees a request, and the staff's lists and work queues. */

let loop: Loop;

beforeAll(async () => {
  loop = await startLoop();
}, 120_000);
afterAll(() => loop?.stack.stop());

const db = () => loop.stack.projects.db.dataSource;

describe('ordering', () => {
  const count = async (table: string): Promise<number> => {
    const [{ n }]: { n: number }[] = await db().query(`SELECT count(*)::int AS n FROM ${table}`);
    return n;
  };

  it('checks the order before writing anything', async () => {
    const before = [await count('service_requests'), await count('service_request_events')];
    const cases: [OrderServiceInput, TokenFor | undefined, string][] = [
      [{ ...ORDER_INPUT, title: '  ' }, RESIDENT, 'input.title'],
      [{ ...ORDER_INPUT, address: 'x'.repeat(201) }, RESIDENT, 'input.address'],
      [{ ...ORDER_INPUT, regionCode: '370200' }, RESIDENT, 'input.regionCode'], // 青岛, not 淄博
      [{ ...ORDER_INPUT, regionCode: '3703' }, RESIDENT, 'input.regionCode'],
      [{ ...ORDER_INPUT, contactPhone: '0533-2281234' }, RESIDENT, 'input.contactPhone'],
      [{ ...ORDER_INPUT, contactPhone: null }, undefined, 'input.contactPhone'], // anonymous without a phone
      [{ ...ORDER_INPUT, contactPhone: '12345678901' }, undefined, 'input.contactPhone'],
    ];
    for (const [input, as, field] of cases) {
      const { errors } = await loop.run(LoopOrderServiceDocument, { input }, as);
      expect([field, errors?.[0].extensions]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    expect([await count('service_requests'), await count('service_request_events')]).toEqual(before);
  });

  it('gives an anonymous resident a tracking code once, storing only its hash and the phone only encrypted', async () => {
    const { ok, stack } = loop;
    const phone = '15953301234';
    const ordered = await ok(LoopOrderServiceDocument, { input: { ...ORDER_INPUT, kind: 'MICRO_WISH', title: '给孩子一个新书包', contactPhone: phone } }, undefined);
    expect(ordered).toMatchObject({ kind: 'MICRO_WISH', status: 'ORDERED', contactPhone: phone });
    expect(ordered.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(ordered.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'ORDERED', actor: null, actorRole: 'RESIDENT' })]);
    const trackingCode = ordered.trackingCode ?? '';

    const { row } = await loop.stored(ordered.id);
    expect(row).toMatchObject({ requester_sub: null });
    // Not even the mask is stored: it is derived from the ciphertext when read (FUNDER below).
    expect(Object.keys(row).filter((column) => column.startsWith('contact_phone'))).toEqual(['contact_phone_encrypted']);
    expect(row.tracking_code_hash).toMatch(/^[0-9a-f]{64}$/);
    const [{ n: leaks }]: { n: number }[] = await db().query('SELECT count(*)::int AS n FROM service_requests r WHERE r::text LIKE $1 OR r::text LIKE $2', [`%${phone}%`, `%${trackingCode}%`]);
    expect(leaks).toBe(0);

    // The resident follows the order with the code (anonymous); a wrong code shows nothing.
    expect(dataOf(await stack.query(FollowServiceRequestDocument, { id: ordered.id, code: trackingCode.toLowerCase() })).serviceRequest).toEqual({
      status: 'ORDERED',
      contactPhone: phone,
      trackingCode: null,
    });
    expect((await stack.query(FollowServiceRequestDocument, { id: ordered.id, code: 'ABCDEFGHJK' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query(FollowServiceRequestDocument, { id: ordered.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Never shown again; the phone in full to the centre only.
    const asDispatcher = await ok(LoopServiceRequestDocument, { id: ordered.id }, DISPATCHER);
    expect(asDispatcher).toMatchObject({ trackingCode: null, contactPhone: phone });
    expect((await ok(LoopServiceRequestDocument, { id: ordered.id }, FUNDER))?.contactPhone).toBe('159****1234');
  });

  it('lets the anonymous resident rate with the right tracking code only', async () => {
    const { ok, refused } = loop;
    const { id, trackingCode } = await loop.requestIn('COMPLETED', null);
    expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    await refused(LoopRateDocument, { id, rating: 5 }, undefined, FORBIDDEN); // no code
    await refused(LoopRateDocument, { id, rating: 5, code: 'ABCDEFGHJK' }, undefined, FORBIDDEN); // wrong code
    await refused(LoopRateDocument, { id, rating: 5, code: 'ABCDEFGHJK' }, NEIGHBOUR, FORBIDDEN);
    const other = await loop.requestIn('COMPLETED', null);
    await refused(LoopRateDocument, { id, rating: 5, code: other.trackingCode }, undefined, FORBIDDEN); // another order's code

    const rated = await ok(LoopRateDocument, { id, rating: 4, comment: '志愿者很耐心', code: ` ${(trackingCode ?? '').toLowerCase()} ` }, undefined);
    expect(rated).toMatchObject({ status: 'RATED', rating: 4, contactPhone: PHONE, trackingCode: null });
    expect(rated.history.at(-1)).toMatchObject({ fromStatus: 'COMPLETED', toStatus: 'RATED', actor: null, actorRole: 'RESIDENT', note: '志愿者很耐心' });
    await refused(LoopRateDocument, { id, rating: 5, code: trackingCode }, undefined, CONFLICT);
  });
});

describe('who sees what', () => {
  it('shows a request to staff, the resident and the assigned team, and refuses everyone else', async () => {
    const { ok, run, team } = loop;
    const { id } = await loop.requestIn('ACCEPTED');
    const [accepter, member] = team.members;
    for (const viewer of [ADMIN, DATA_STAFF, DISPATCHER, FUNDER, RESIDENT, accepter.as, member.as]) {
      expect((await ok(LoopServiceRequestDocument, { id }, viewer))?.id).toBe(id);
    }
    for (const viewer of [NEIGHBOUR, loop.outsider.as, { roles: ['TEAM_LEADER'], sub: 'leader-x' }, undefined] satisfies (TokenFor | undefined)[]) {
      const { result, errors } = await run(LoopServiceRequestDocument, { id }, viewer);
      expect(result).toBeNull();
      expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await ok(LoopServiceRequestDocument, { id: '987654321' }, ADMIN)).toBeNull();
  });

  it('shows the phone in full to the centre, admins and the resident, masked to everyone else', async () => {
    const { ok, team } = loop;
    const { id } = await loop.requestIn('FUNDED');
    for (const viewer of [ADMIN, DISPATCHER, RESIDENT]) expect((await ok(LoopServiceRequestDocument, { id }, viewer))?.contactPhone).toBe(PHONE);
    for (const viewer of [FUNDER, DATA_STAFF, team.members[1].as]) expect((await ok(LoopServiceRequestDocument, { id }, viewer))?.contactPhone).toBe('138****1234');
  });
});

describe('lists and work queues', () => {
  const ids = async (where: string, params: unknown[] = [], order = 'DESC'): Promise<string[]> => {
    const rows: { id: string }[] = await db().query(`SELECT id FROM service_requests WHERE ${where} ORDER BY id ${order}`, params);
    return rows.map((r) => String(r.id));
  };

  it('lists requests for staff only, newest first, filtered, a page at a time', async () => {
    const { team } = loop;
    await loop.requestIn('DISPATCHED');
    expect((await loop.stack.query(ServiceRequestListDocument, {}, RESIDENT)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await loop.stack.query(ServiceRequestListDocument, {}, team.members[0].as)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const all = await ids('true');
    const listed = async (variables: { f?: ServiceRequestFilter; first?: number; after?: string | null }, as: TokenFor) =>
      dataOf(await loop.stack.query(ServiceRequestListDocument, variables, as)).serviceRequests;
    const first = await listed({ first: 3 }, DATA_STAFF);
    expect(first.totalCount).toBe(all.length);
    expect(first.edges.map((e) => e.node.id)).toEqual(all.slice(0, 3));
    const second = await listed({ first: 3, after: first.pageInfo.endCursor }, DATA_STAFF);
    expect(second.edges.map((e) => e.node.id)).toEqual(all.slice(3, 6));

    const byStatusAndTeam = await listed({ f: { status: 'DISPATCHED', teamId: team.id }, first: 100 }, FUNDER);
    expect(byStatusAndTeam.edges.map((e) => e.node.id)).toEqual(await ids("status = 'DISPATCHED' AND team_id = $1", [team.id]));
    const byCounty = await listed({ f: { regionCode: '370303' }, first: 100 }, DISPATCHER);
    expect(byCounty.totalCount).toBe(all.length); // every order here is in a town of 张店区
    const byCity = await listed({ f: { regionCode: '370300', kind: 'MICRO_WISH' }, first: 100 }, DISPATCHER);
    expect(byCity.edges.map((e) => e.node.id)).toEqual(await ids("kind = 'MICRO_WISH'"));
    expect((await listed({ f: { regionCode: '370302' } }, ADMIN)).totalCount).toBe(0);
    expect((await loop.stack.query(ServiceRequestListDocument, { f: { regionCode: '110101' } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
  });

  it('gives each role the requests waiting for its next step, oldest first', async () => {
    const { stack, team } = loop;
    const resident: TokenFor = { roles: ['VOLUNTEER'], sub: 'resident-queue' };
    const completed = await loop.requestIn('COMPLETED', resident);
    const accepted = await loop.requestIn('ACCEPTED');
    const funded = await loop.requestIn('FUNDED');
    const queueOf = async (as: TokenFor) => {
      const { myServiceRequestQueue: queue } = dataOf(await stack.query(MyServiceRequestQueueDocument, {}, as));
      expect(queue.totalCount).toBe(queue.edges.length);
      return queue.edges.map((e) => e.node.id);
    };
    expect(await queueOf(DISPATCHER)).toEqual(await ids("status = 'ORDERED'", [], 'ASC'));
    expect(await queueOf(FUNDER)).toEqual(await ids("status = 'DISPATCHED'", [], 'ASC'));
    // Every request here went to `team`: a member's queue is its FUNDED ones and those they accepted.
    const volunteerQueue = (id: string) => ids("(status = 'FUNDED' AND team_id = $1) OR (status = 'ACCEPTED' AND accepted_by = $2)", [team.id, id], 'ASC');
    const [accepter, member] = team.members;
    const own = await queueOf(accepter.as);
    expect(own).toEqual(await volunteerQueue(accepter.id));
    expect(own).toEqual(expect.arrayContaining([accepted.id, funded.id]));
    const other = await queueOf(member.as);
    expect(other).toEqual(await volunteerQueue(member.id));
    expect(other).toContain(funded.id);
    expect(other).not.toContain(accepted.id);
    expect(await queueOf(resident)).toEqual([completed.id]);
    expect(await queueOf(loop.outsider.as)).not.toContain(funded.id);
    expect((await stack.query(MyServiceRequestQueueDocument)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('loads histories, teams and phones of a whole page in the same number of statements for 5 and 20 requests', async () => {
    const { stack } = loop;
    while ((await ids('true')).length < 20) await loop.requestIn('DISPATCHED');
    const statementsFor = async (first: number) => {
      const statements: string[] = [];
      const stop = db().sqlLogger.onStatement((sql) => statements.push(sql));
      const response = await stack.query(ServiceRequestPageWithHistoryDocument, { first }, ADMIN);
      stop();
      const { serviceRequests } = dataOf(response);
      expect(serviceRequests.edges).toHaveLength(first);
      expect(serviceRequests.edges.every((e) => e.node.history.length > 0)).toBe(true);
      return statements;
    };
    const five = await statementsFor(5);
    const twenty = await statementsFor(20);
    expect(twenty.length).toBe(five.length);
    expect(twenty.filter((s) => s.includes('serviceRequestEvents'))).toHaveLength(1);
    // Phones are decrypted from the ciphertext loaded with the page's rows: no statement of their own.
    expect(twenty.filter((s) => s.includes('serviceRequestContactPhones'))).toHaveLength(0);
  });
});
