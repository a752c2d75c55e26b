import { LoopAcceptDocument, LoopCancelDocument, LoopCompleteDocument, LoopDispatchDocument, LoopFundDocument, LoopOrderServiceDocument, LoopRateDocument } from './generated/service-requests';
import { CONFLICT, DISPATCHER, DONE, FORBIDDEN, FUNDER, NEIGHBOUR, ORDER_INPUT, PHONE, RESIDENT, startLoop, type Loop } from './service-requests';

/** The five-order loop (点单 → 派单 → 买单 → 接单 → 评单) walked, out of order and by the wrong parties, and cancelled. */

let loop: Loop;

beforeAll(async () => {
  loop = await startLoop();
}, 120_000);
afterAll(() => loop?.stack.stop());

describe('the five-order loop', () => {
  it('is walked end to end by the resident, the centre, the funder, a team member and the resident again, with every step in the history', async () => {
    const { team, ok } = loop;
    const [member] = team.members;
    const ordered = await ok(LoopOrderServiceDocument, { input: ORDER_INPUT }, RESIDENT);
    expect(ordered).toMatchObject({ kind: 'SERVICE', status: 'ORDERED', contactPhone: PHONE, trackingCode: null, team: null, acceptedBy: null });
    const { id } = ordered;

    const dispatched = await ok(LoopDispatchDocument, { id, teamId: team.id, note: '就近派给社区志愿服务队' }, DISPATCHER);
    expect(dispatched.status).toBe('DISPATCHED');
    // The team's name comes from the volunteers subgraph, through the gateway.
    expect(dispatched.team).toEqual({ id: team.id, name: expect.any(String) });
    expect(dispatched.team?.name.length).toBeGreaterThan(0);

    expect(await ok(LoopFundDocument, { id, amount: 200.5 }, FUNDER)).toMatchObject({ status: 'FUNDED', fundingAmount: 200.5 });
    expect(await ok(LoopAcceptDocument, { id }, member.as)).toMatchObject({ status: 'ACCEPTED', acceptedBy: { id: member.id } });
    expect(await ok(LoopCompleteDocument, { id, input: { ...DONE, note: '已送达' } }, member.as)).toMatchObject({ status: 'COMPLETED' });
    const rated = await ok(LoopRateDocument, { id, rating: 5, comment: '很及时，谢谢' }, RESIDENT);
    expect(rated).toMatchObject({ status: 'RATED', rating: 5, ratingComment: '很及时，谢谢' });

    expect(rated.history.map(({ fromStatus, toStatus, actor, actorRole, note }) => [fromStatus, toStatus, actor, actorRole, note])).toEqual([
      [null, 'ORDERED', 'resident-li', 'RESIDENT', null],
      ['ORDERED', 'DISPATCHED', 'dispatcher-wang', 'CENTRE_DISPATCHER', '就近派给社区志愿服务队'],
      ['DISPATCHED', 'FUNDED', 'funder-zhang', 'GOVERNMENT_FUNDER', null],
      ['FUNDED', 'ACCEPTED', `volunteer-${member.id}`, 'TEAM_MEMBER', null],
      ['ACCEPTED', 'COMPLETED', `volunteer-${member.id}`, 'ACCEPTING_VOLUNTEER', '已送达'],
      ['COMPLETED', 'RATED', 'resident-li', 'RESIDENT', '很及时，谢谢'],
    ]);
    const times = rated.history.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const { row, events } = await loop.stored(id);
    expect(row).toMatchObject({ status: 'RATED', team_id: team.id, funding_amount: '200.50', accepted_by: member.id, rating: 5, requester_sub: 'resident-li', tracking_code_hash: null });
    expect(events).toHaveLength(6);
  });

  it('refuses each jump out of order (CONFLICT naming both statuses) and each wrong party (FORBIDDEN), changing nothing', async () => {
    const { team, ok, run, refused } = loop;
    const [member, otherMember] = team.members.map((m) => m.as);
    const { id } = await loop.requestIn('ORDERED');
    const message = await refused(LoopAcceptDocument, { id }, member, CONFLICT); // accept before dispatch
    expect(message).toContain('ORDERED');
    expect(message).toContain('ACCEPTED');
    await refused(LoopFundDocument, { id, amount: 50 }, FUNDER, CONFLICT); // fund before dispatch
    await refused(LoopCompleteDocument, { id, input: DONE }, member, CONFLICT);
    await refused(LoopRateDocument, { id, rating: 4 }, RESIDENT, CONFLICT); // rate before completion
    for (const wrong of [FUNDER, RESIDENT, member, undefined]) await refused(LoopDispatchDocument, { id, teamId: team.id }, wrong, FORBIDDEN);
    await refused(LoopDispatchDocument, { id, teamId: '987654321' }, DISPATCHER, { code: 'BAD_USER_INPUT', field: 'teamId' });
    await refused(LoopCancelDocument, { id, reason: '不需要了' }, NEIGHBOUR, FORBIDDEN);
    expect((await run(LoopDispatchDocument, { id: '987654321', teamId: team.id }, DISPATCHER)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    await ok(LoopDispatchDocument, { id, teamId: team.id }, DISPATCHER);
    await refused(LoopDispatchDocument, { id, teamId: team.id }, DISPATCHER, CONFLICT);
    await refused(LoopAcceptDocument, { id }, member, CONFLICT);
    await refused(LoopFundDocument, { id, amount: 50 }, DISPATCHER, FORBIDDEN);
    for (const amount of [-1, 1e9, 10.001]) await refused(LoopFundDocument, { id, amount }, FUNDER, { code: 'BAD_USER_INPUT', field: 'amount' });

    await ok(LoopFundDocument, { id, amount: 0 }, FUNDER);
    await refused(LoopAcceptDocument, { id }, loop.outsider.as, FORBIDDEN); // not a member of the team
    await refused(LoopAcceptDocument, { id }, { roles: ['VOLUNTEER'], sub: 'no-volunteer-id' }, FORBIDDEN);
    await refused(LoopAcceptDocument, { id }, DISPATCHER, FORBIDDEN);
    await refused(LoopCompleteDocument, { id, input: DONE }, member, CONFLICT); // complete before accept
    await refused(LoopRateDocument, { id, rating: 4 }, RESIDENT, CONFLICT);

    await ok(LoopAcceptDocument, { id }, member);
    await refused(LoopAcceptDocument, { id }, otherMember, CONFLICT);
    await refused(LoopCompleteDocument, { id, input: DONE }, otherMember, FORBIDDEN); // only the accepting volunteer
    await refused(LoopCancelDocument, { id, reason: '不需要了' }, RESIDENT, CONFLICT); // a volunteer is on the way
    await refused(LoopCancelDocument, { id, reason: '不需要了' }, DISPATCHER, CONFLICT);

    await ok(LoopCompleteDocument, { id, input: DONE }, member);
    await refused(LoopRateDocument, { id, rating: 6 }, RESIDENT, { code: 'BAD_USER_INPUT', field: 'rating' });
    await refused(LoopRateDocument, { id, rating: 0 }, RESIDENT, { code: 'BAD_USER_INPUT', field: 'rating' });
    for (const wrong of [NEIGHBOUR, DISPATCHER, member]) await refused(LoopRateDocument, { id, rating: 5 }, wrong, FORBIDDEN);

    await ok(LoopRateDocument, { id, rating: 3 }, RESIDENT);
    await refused(LoopRateDocument, { id, rating: 5 }, RESIDENT, CONFLICT); // rate twice
    await refused(LoopCancelDocument, { id, reason: '不需要了' }, RESIDENT, CONFLICT);
    expect((await loop.stored(id)).events.map((e) => e.to_status)).toEqual(['ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED', 'RATED']);
  });

  it('lets exactly one of several team members accept a request at once', async () => {
    const { team, run } = loop;
    const { id } = await loop.requestIn('FUNDED');
    const results = await Promise.all(team.members.map((m) => run(LoopAcceptDocument, { id }, m.as)));
    const winners = results.filter((r) => r.result?.status === 'ACCEPTED');
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => !r.result);
    expect(losers).toHaveLength(team.members.length - 1);
    for (const loser of losers) expect(loser.errors?.[0].extensions).toMatchObject(CONFLICT);

    const { row, events } = await loop.stored(id);
    expect(row.accepted_by).toBe(winners[0].result?.acceptedBy?.id);
    expect(events.filter((e) => e.to_status === 'ACCEPTED')).toHaveLength(1);
  });
});

describe('cancelling', () => {
  it('lets the resident (signed in, or with the tracking code) or the centre cancel before a volunteer accepted, keeping the reason', async () => {
    const { team, ok, refused } = loop;
    const own = await loop.requestIn('ORDERED');
    const cancelled = await ok(LoopCancelDocument, { id: own.id, reason: '家人已经帮忙了' }, RESIDENT);
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.history.at(-1)).toMatchObject({ fromStatus: 'ORDERED', toStatus: 'CANCELLED', actor: 'resident-li', actorRole: 'RESIDENT', note: '家人已经帮忙了' });
    await refused(LoopDispatchDocument, { id: own.id, teamId: team.id }, DISPATCHER, CONFLICT);

    const anonymous = await loop.requestIn('FUNDED', null);
    await refused(LoopCancelDocument, { id: anonymous.id, reason: '不需要了' }, undefined, FORBIDDEN);
    await refused(LoopCancelDocument, { id: anonymous.id, reason: '  ', code: anonymous.trackingCode }, undefined, { code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await ok(LoopCancelDocument, { id: anonymous.id, reason: '不需要了', code: anonymous.trackingCode }, undefined)).status).toBe('CANCELLED');
    await refused(LoopAcceptDocument, { id: anonymous.id }, team.members[0].as, CONFLICT);

    const dispatched = await loop.requestIn('DISPATCHED');
    const byCentre = await ok(LoopCancelDocument, { id: dispatched.id, reason: '重复下单' }, DISPATCHER);
    expect(byCentre.history.at(-1)).toMatchObject({ fromStatus: 'DISPATCHED', toStatus: 'CANCELLED', actor: 'dispatcher-wang', actorRole: 'CENTRE_DISPATCHER' });
  });
});
