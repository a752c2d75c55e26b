import { localDate } from '@vg/config';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { builders, dataOf, type World } from './builders';
import {
  HonoursPointsAdjustDocument,
  HonoursPointsBalanceDocument,
  HonoursPointsCheckInDocument,
  HonoursPointsCheckOutDocument,
  HonoursPointsCorrectDocument,
  HonoursPointsOfVolunteerDocument,
  HonoursPointsRulesDocument,
  HonoursPointsSetRuleDocument,
  HonoursPointsSignUpDocument,
  type HonoursPointsOfVolunteerQuery,
} from './generated/honours-points';
import { startStack, type Stack, type TokenFor } from './testkit';

const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-honours' };
const hour = 3600_000;

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack({ workers: true });
  // The regions (and a few volunteers) the builders register into.
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 20 });
  world = builders(stack);
}, 120_000);
afterAll(() => stack?.stop());

type Honours = NonNullable<HonoursPointsOfVolunteerQuery['volunteer']>;

/** The volunteer's honours as ADMIN sees them, once `ready` holds (the feed is consumed within seconds). */
async function honoursOnce(id: string, ready: (v: Honours) => boolean): Promise<Honours> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = dataOf(await stack.query(HonoursPointsOfVolunteerDocument, { id }, ADMIN)).volunteer!;
    if (ready(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the points loop through the gateway', () => {
  let volunteerId: string;
  let me: TokenFor;

  it('credits a check-out once, within seconds: hours and points grow; a correction adjusts them', async () => {
    const volunteer = await world.volunteer();
    volunteerId = volunteer.id;
    me = { roles: ['VOLUNTEER'], sub: `v-${volunteerId}`, volunteerId };
    const activity = await world.activity({ startsAt: 30 * 60_000, lastsMs: 4 * hour, capacity: 5 }).published();
    dataOf(await stack.query(HonoursPointsSignUpDocument, { activityId: activity.id }, me));
    dataOf(await stack.query(HonoursPointsCheckInDocument, { activityId: activity.id }, me));
    const projectsDb = stack.projects.db.dataSource;
    await projectsDb.query(`UPDATE activities SET starts_at = now() - interval '3 hours', ends_at = now() + interval '1 hour' WHERE id = $1`, [activity.id]);
    await projectsDb.query(`UPDATE signups SET checked_in_at = now() - interval '130 minutes' WHERE activity_id = $1`, [activity.id]);
    const { checkOut } = dataOf(await stack.query(HonoursPointsCheckOutDocument, { activityId: activity.id, input: { servedParty: '社区老人', content: '助餐', personInCharge: '李队长' } }, me));
    expect(checkOut.hours).toBe(2);

    const after = await honoursOnce(volunteerId, (v) => v.recordedHours > 0);
    expect(after).toMatchObject({ serviceHours: 2, recordedHours: 2, starLevel: 0, nextStar: { level: 1, hoursToGo: 98 } });
    expect(after.points).toMatchObject({ balance: 20, earned: 20, spent: 0, expired: 0, expiringSoon: 20 });
    expect(after.points.ledger).toEqual({
      totalCount: 1,
      edges: [{ node: { kind: 'RECORD', points: 20, balanceAfter: 20, reason: null, by: null, serviceRecord: { id: checkOut.id } } }],
    });

    dataOf(await stack.query(HonoursPointsCorrectDocument, { id: checkOut.id, input: { hours: 3.5, reason: '签退漏记' } }, ADMIN));
    const corrected = await honoursOnce(volunteerId, (v) => v.recordedHours === 3.5);
    expect(corrected).toMatchObject({ serviceHours: 3.5, recordedHours: 3.5, points: { balance: 35, earned: 35 } });
    expect(corrected.points.ledger.edges.map((e) => [e.node.kind, e.node.points, e.node.balanceAfter])).toEqual([
      ['CORRECTION', 15, 35],
      ['RECORD', 20, 20],
    ]);
    // Nothing more arrives: each change was credited once.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await honoursOnce(volunteerId, () => true)).points.ledger.totalCount).toBe(2);
  });

  it('shows points to the volunteer themself and staff, FORBIDDEN to other volunteers', async () => {
    expect(dataOf(await stack.query(HonoursPointsBalanceDocument, { id: volunteerId }, me)).volunteer?.points.balance).toBe(35);
    expect(dataOf(await stack.query(HonoursPointsBalanceDocument, { id: volunteerId }, { roles: ['DATA_STAFF'] })).volunteer?.points.balance).toBe(35);
    const other = await stack.query(HonoursPointsBalanceDocument, { id: volunteerId }, { roles: ['VOLUNTEER'], sub: 'v-other', volunteerId: '999999' });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('adjusts points by ADMIN with the reason, never below zero; role before input', async () => {
    const adjust = (points: number, reason: string, as: TokenFor) => stack.query(HonoursPointsAdjustDocument, { volunteerId, points, reason }, as);
    expect((await adjust(0, '', me)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await adjust(0, 'x', ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect(dataOf(await adjust(5, '志愿者日奖励', ADMIN)).adjustPoints).toEqual({ kind: 'ADJUSTMENT', points: 5, balanceAfter: 40, reason: '志愿者日奖励', by: 'admin-honours' });
    expect((await adjust(-41, '更正', ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'POINTS_BELOW_ZERO' });
    expect(dataOf(await adjust(-40, '更正', ADMIN)).adjustPoints).toMatchObject({ points: -40, balanceAfter: 0 });
    const v = await honoursOnce(volunteerId, () => true);
    expect(v.points).toMatchObject({ balance: 0, earned: 0, spent: 0, expired: 0 });
  });

  it('lists the rules, the one in force today first, and adds one only from today on, once per date', async () => {
    const { pointsRules } = dataOf(await stack.query(HonoursPointsRulesDocument));
    expect(pointsRules[0]).toEqual({ effectiveFrom: '2000-01-01', pointsPerHour: 10, coefficients: [{ theme: 'EMERGENCY_RESCUE', coefficient: 1.5 }], createdBy: 'migration' });
    const tomorrow = localDate(new Date(Date.now() + 24 * hour));
    const input = { effectiveFrom: tomorrow, pointsPerHour: 12, coefficients: [{ theme: 'EMERGENCY_RESCUE', coefficient: 2 }] };
    expect((await stack.query(HonoursPointsSetRuleDocument, { input }, me)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const past = await stack.query(HonoursPointsSetRuleDocument, { input: { ...input, effectiveFrom: '2020-01-01' } }, ADMIN);
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.effectiveFrom' });
    expect(dataOf(await stack.query(HonoursPointsSetRuleDocument, { input }, ADMIN)).setPointsRule).toMatchObject({ effectiveFrom: tomorrow, pointsPerHour: 12, createdBy: 'admin-honours' });
    expect((await stack.query(HonoursPointsSetRuleDocument, { input }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'POINTS_RULE_EXISTS' });
    const rules = dataOf(await stack.query(HonoursPointsRulesDocument)).pointsRules;
    expect(rules.map((r) => r.effectiveFrom)).toEqual(['2000-01-01', tomorrow]);
  });
});
