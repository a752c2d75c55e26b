import { serviceViewer } from '@vg/standards';
import { SubgraphClient } from '@vg/graphql';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { builders, dataOf, type BuiltProject, type World } from './builders';
import {
  ActivitiesSetupDocument,
  ActivityAndVolunteerSignupsDocument,
  ActivityCancelSignupDocument,
  ActivityCheckInDocument,
  ActivityCheckOutDocument,
  ActivityCorrectRecordDocument,
  ActivityCreateAttemptDocument,
  ActivityParticipantIdsDocument,
  ActivityPlacesDocument,
  ActivityRecordEvidenceDocument,
  ActivitySignUpDocument,
  StationUpcomingActivitiesDocument,
  TourismActivitiesWithStationsDocument,
  VolunteerRecordTotalsDocument,
  VolunteerServiceAcrossSubgraphsDocument,
  VolunteerTeamsAndLeadersDocument,
  type CorrectServiceRecordInput,
  type CreateActivityInput,
  type SignupStatus,
} from './generated/activities';
import { postGraphQL, startStack, type Stack, type TokenFor } from './testkit';

const ADMIN: TokenFor = { roles: ['ADMIN'] };
const volunteer = (id: string): TokenFor => ({ roles: ['VOLUNTEER'], sub: `v-${id}`, volunteerId: id });

/** What the change feed (internal services only, straight to the subgraph) answers. */
interface ServiceRecordChanges {
  serviceRecordChanges: {
    changes: { sequence: string; kind: string; volunteerId: string; hours: number; hoursDelta: number; record: { id: string } }[];
    cursor: string;
    hasMore: boolean;
  };
}

let stack: Stack;
let world: World;
let project: BuiltProject;
let projectId: string;
let stationIds: string[];
/** Ids of ACTIVE volunteers (the seed suspends a few). */
let active: string[];
let withTeams: string[];

const projectsDb = () => stack.projects.db.dataSource;
const hour = 3600_000;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 400 });
  const data = dataOf(await stack.query(ActivitiesSetupDocument, undefined, ADMIN), 'listing stations and volunteers');
  const volunteers = data.volunteers.edges.map((e) => e.node);
  active = volunteers.filter((v) => v.status === 'ACTIVE').map((v) => v.id);
  // Active team members beyond the first 90 (the tests above use those), for the records tests.
  withTeams = volunteers.filter((v, i) => i >= 90 && v.status === 'ACTIVE' && v.teams.length > 0).map((v) => v.id);
  stationIds = data.stations.edges.map((e) => e.node.id);
  world = builders(stack);
  project = await world.project({ theme: 'ELDERLY_CARE' });
  projectId = project.id;
});
afterAll(() => stack?.stop());

/** Creates and publishes an activity through the builder (as ADMIN). */
async function publishedActivity(startsInMs: number, lengthMs: number, capacity: number, stationId = stationIds[0]): Promise<string> {
  const { id, status } = await world.activity({ project, station: { id: stationId }, startsAt: startsInMs, lastsMs: lengthMs, capacity }).published();
  expect(status).toBe('PUBLISHED');
  return id;
}

const signUp = (activityId: string, as?: TokenFor) => stack.query(ActivitySignUpDocument, { activityId }, as);
const cancelSignup = (activityId: string, as?: TokenFor) => stack.query(ActivityCancelSignupDocument, { activityId }, as);

describe('sign-ups', () => {
  it('lets exactly `capacity` of 50 concurrent volunteers in; the rest hear the activity is full', async () => {
    const activityId = await publishedActivity(24 * hour, 2 * hour, 20);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => signUp(activityId, volunteer(active[i]))));
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(20);
    expect(refused).toHaveLength(30);
    for (const r of refused) expect(r.errors?.[0]).toMatchObject({ message: 'The activity is full', extensions: { code: 'CONFLICT', reason: 'ACTIVITY_FULL' } });
    const [{ live }]: { live: number }[] = await projectsDb().query(`SELECT count(*)::int AS live FROM signups WHERE activity_id = $1 AND status <> 'CANCELLED'`, [activityId]);
    expect(live).toBe(20);
    const { activity } = dataOf(await stack.query(ActivityPlacesDocument, { id: activityId }));
    expect(activity).toEqual({ signupCount: 20, remaining: 0 });
  });

  it('refuses a second sign-up and an overlapping one; cancelling frees the place', async () => {
    const a = await publishedActivity(48 * hour, 2 * hour, 1);
    const b = await publishedActivity(48 * hour + hour, 2 * hour, 5, stationIds[1]);
    const v = volunteer(active[60]);
    expect((await signUp(a, v)).errors).toBeUndefined();
    expect((await signUp(a, v)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SIGNED_UP' });
    expect((await signUp(b, v)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OVERLAPPING_ACTIVITY' });
    expect((await signUp(a, volunteer(active[61]))).errors?.[0].extensions?.reason).toBe('ACTIVITY_FULL');
    const { cancelSignup: cancelled } = dataOf(await cancelSignup(a, v));
    expect(cancelled.status).toBe('CANCELLED');
    expect((await signUp(a, volunteer(active[61]))).errors).toBeUndefined();
    expect((await signUp(b, v)).errors).toBeUndefined();
  });

  it('shows sign-ups never checked in as NO_SHOW once the activity ended, in every status filter, and refuses to cancel them', async () => {
    const activityId = await publishedActivity(30 * 60_000, hour, 5, stationIds[5]);
    const [absent, present] = [volunteer(active[70]), volunteer(active[71])];
    for (const v of [absent, present]) expect((await signUp(activityId, v)).errors).toBeUndefined();
    expect((await stack.query(ActivityCheckInDocument, { activityId }, present)).errors).toBeUndefined();
    const absentId = absent.volunteerId ?? '';
    const list = async (status: SignupStatus) => {
      const { activity, volunteer: v } = dataOf(await stack.query(ActivityAndVolunteerSignupsDocument, { activityId, volunteerId: absentId, status }, ADMIN));
      return { activity: { signups: activity?.signups }, volunteer: { signups: v?.signups } };
    };
    expect((await list('SIGNED_UP')).activity.signups).toEqual([{ volunteer: { id: absent.volunteerId }, status: 'SIGNED_UP' }]);
    expect((await list('NO_SHOW')).activity.signups).toEqual([]);

    // The activity ends: nothing is written, the status is derived when read.
    await projectsDb().query(`UPDATE activities SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [activityId]);
    const ended = await list('NO_SHOW');
    expect(ended.activity.signups).toEqual([{ volunteer: { id: absent.volunteerId }, status: 'NO_SHOW' }]);
    expect(ended.volunteer.signups).toEqual([{ activity: { id: activityId }, status: 'NO_SHOW' }]);
    const stillSigned = await list('SIGNED_UP');
    expect(stillSigned.activity.signups).toEqual([]);
    expect(stillSigned.volunteer.signups?.map((s) => s.activity.id)).not.toContain(activityId);
    expect((await list('CHECKED_IN')).activity.signups).toEqual([{ volunteer: { id: present.volunteerId }, status: 'CHECKED_IN' }]);

    const before = await projectsDb().query('SELECT id, status, cancelled_at FROM signups WHERE activity_id = $1 ORDER BY id', [activityId]);
    const cancel = await cancelSignup(activityId, absent);
    expect(cancel.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACTIVITY_ENDED' });
    expect(await projectsDb().query('SELECT id, status, cancelled_at FROM signups WHERE activity_id = $1 ORDER BY id', [activityId])).toEqual(before);
    const [{ signup_count }]: { signup_count: number }[] = await projectsDb().query('SELECT signup_count FROM activities WHERE id = $1', [activityId]);
    expect(signup_count).toBe(2);
  });

  it('refuses sign-ups by non-volunteers and for drafts, writing nothing', async () => {
    const { id: draft, status } = await world.activity({ project, station: { id: stationIds[2] }, title: '草稿', startsAt: 72 * hour, lastsMs: hour, capacity: 3 });
    expect(status).toBe('DRAFT');
    const [before]: { n: number }[] = await projectsDb().query('SELECT count(*)::int AS n FROM signups');
    expect((await signUp(draft, volunteer(active[62]))).errors?.[0].extensions?.reason).toBe('ACTIVITY_NOT_OPEN');
    expect((await signUp(draft, { roles: ['INSURER'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await signUp(draft)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [after]: { n: number }[] = await projectsDb().query('SELECT count(*)::int AS n FROM signups');
    expect(after.n).toBe(before.n);
  });

  it('validates activities: times, capacity, unknown station', async () => {
    const create = (input: CreateActivityInput, as: TokenFor) => stack.query(ActivityCreateAttemptDocument, { input }, as);
    const base = {
      projectId,
      stationId: stationIds[0],
      title: 'x',
      startsAt: new Date(Date.now() + hour).toISOString(),
      endsAt: new Date(Date.now() + 2 * hour).toISOString(),
      capacity: 5,
    } satisfies CreateActivityInput;
    expect((await create({ ...base, endsAt: base.startsAt }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endsAt' });
    expect((await create({ ...base, capacity: 0 }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.capacity' });
    expect((await create({ ...base, stationId: '999999' }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stationId' });
    expect((await create(base, volunteer(active[80]))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('service records', () => {
  let recordId: string;
  let VOLUNTEER_ID: string;

  it('checks in and out, recording the actual hours with the national record fields', async () => {
    VOLUNTEER_ID = withTeams[0];
    const activityId = await publishedActivity(30 * 60_000, 4 * hour, 10, stationIds[3]);
    const v = volunteer(VOLUNTEER_ID);
    dataOf(await signUp(activityId, v));
    const { checkIn } = dataOf(await stack.query(ActivityCheckInDocument, { activityId }, v));
    expect(checkIn.status).toBe('CHECKED_IN');
    // Let time pass: the activity started 3 h ago and the volunteer checked in 2 h 10 min ago.
    await projectsDb().query(`UPDATE activities SET starts_at = now() - interval '3 hours', ends_at = now() + interval '1 hour' WHERE id = $1`, [activityId]);
    await projectsDb().query(`UPDATE signups SET checked_in_at = now() - interval '130 minutes' WHERE activity_id = $1`, [activityId]);
    const out = await stack.query(ActivityCheckOutDocument, { activityId, input: { servedParty: '社区老人', content: '助餐送餐', personInCharge: '李队长' } }, v);
    expect(out.errors).toBeUndefined();
    const { checkOut } = dataOf(out);
    expect(checkOut).toMatchObject({
      hours: 2,
      servedParty: '社区老人',
      content: '助餐送餐',
      personInCharge: '李队长',
      recordedBy: `v-${VOLUNTEER_ID}`,
      volunteer: { id: VOLUNTEER_ID },
      activity: { id: activityId },
    });
    expect(checkOut.place).toMatch(/志愿服务站|站/);
    recordId = checkOut.id;
    const evidence = await stack.query(ActivityRecordEvidenceDocument, { volunteerId: VOLUNTEER_ID, date: checkOut.serviceDate, activityId }, { roles: ['INSURER'] });
    expect(evidence.data).toEqual({ volunteer: { serviceRecordsOn: [{ id: recordId }] }, activity: { participantIds: [VOLUNTEER_ID] } });
    const hidden = await stack.query(ActivityParticipantIdsDocument, { activityId }, volunteer(active[81]));
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const again = await stack.query(ActivityCheckOutDocument, { activityId }, v);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('answers one query spanning both subgraphs: a volunteer with teams, hours and latest records', async () => {
    const response = await stack.query(VolunteerServiceAcrossSubgraphsDocument, { id: VOLUNTEER_ID }, volunteer(VOLUNTEER_ID));
    expect(response.errors).toBeUndefined();
    const { volunteer: found } = dataOf(response);
    expect(found?.volunteerNo).toMatch(/^ZB/);
    expect(found?.serviceHours).toBe(2);
    expect(found?.serviceRecords.totalCount).toBe(1);
    const activity = found?.serviceRecords.edges[0].node.activity;
    expect(activity?.station.name).toBeTruthy();
    expect(activity?.station.region.parent?.name).toBeTruthy();
    const records = (as: TokenFor) => stack.query(VolunteerRecordTotalsDocument, { id: VOLUNTEER_ID }, as);
    const stranger = await records(volunteer(active[80]));
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Team leaders see the records of their own teams' members only.
    const teams = dataOf(await stack.query(VolunteerTeamsAndLeadersDocument, { id: VOLUNTEER_ID }, ADMIN));
    const mine = new Set(teams.volunteer?.teams.map((t) => t.id));
    const led = teams.teams.edges.flatMap(({ node }) => (node.leader && node.leader.id !== VOLUNTEER_ID ? [{ id: node.id, leaderId: node.leader.id }] : []));
    const [ownLeader] = led.filter((t) => mine.has(t.id));
    const [otherLeader] = led.filter((t) => !mine.has(t.id));
    expect(ownLeader).toBeDefined();
    const asLeader = (id: string): TokenFor => ({ roles: ['TEAM_LEADER', 'VOLUNTEER'], sub: `leader-${id}`, volunteerId: id });
    expect(dataOf(await records(asLeader(ownLeader.leaderId))).volunteer?.serviceRecords.totalCount).toBe(1);
    expect((await records(asLeader(otherLeader.leaderId))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('corrects a record keeping the old values and reason; only ADMIN or the team leader may', async () => {
    const correct = (input: CorrectServiceRecordInput, as: TokenFor) => stack.query(ActivityCorrectRecordDocument, { id: recordId, input }, as);
    expect((await correct({ hours: 3, reason: 'x' }, volunteer(VOLUNTEER_ID))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await correct({ hours: 2.2, reason: 'x' }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    expect((await correct({ hours: 9, reason: 'x' }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    const corrected = await correct({ hours: 2.5, reason: '签退漏记半小时' }, { roles: ['ADMIN'], sub: 'admin-1' });
    expect(corrected.errors).toBeUndefined();
    expect(dataOf(corrected).correctServiceRecord).toEqual({
      hours: 2.5,
      content: '助餐送餐',
      corrections: [{ reason: '签退漏记半小时', previousHours: 2, previousContent: '助餐送餐', correctedBy: 'admin-1' }],
    });
    await expect(projectsDb().query('DELETE FROM service_records WHERE id = $1', [recordId])).rejects.toThrow(/never deleted/);
    const [{ n }]: { n: number }[] = await projectsDb().query('SELECT count(*)::int AS n FROM service_records WHERE id = $1', [recordId]);
    expect(n).toBe(1);
  });

  it('feeds every created and corrected record, in order, to internal services only', async () => {
    const client = new SubgraphClient({ url: stack.projects.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('honours') });
    // Straight to the subgraph: serviceRecordChanges is @inaccessible, so it stays a string with its own result type.
    const FEED = `query($after: String) { serviceRecordChanges(after: $after, first: 1) { changes { sequence kind volunteerId hours hoursDelta record { id } } cursor hasMore } }`;
    const page1 = await client.request<ServiceRecordChanges>(FEED);
    expect(page1.serviceRecordChanges.changes).toEqual([{ sequence: '1', kind: 'CREATED', volunteerId: VOLUNTEER_ID, hours: 2, hoursDelta: 2, record: { id: recordId } }]);
    expect(page1.serviceRecordChanges.hasMore).toBe(true);
    const page2 = await client.request<ServiceRecordChanges>(FEED, { after: page1.serviceRecordChanges.cursor });
    expect(page2.serviceRecordChanges.changes).toEqual([{ sequence: '2', kind: 'CORRECTED', volunteerId: VOLUNTEER_ID, hours: 2.5, hoursDelta: 0.5, record: { id: recordId } }]);
    const page3 = await client.request<ServiceRecordChanges>(FEED, { after: page2.serviceRecordChanges.cursor });
    expect(page3.serviceRecordChanges).toEqual({ changes: [], cursor: page2.serviceRecordChanges.cursor, hasMore: false });
    // Not in the public graph; and the subgraph refuses anyone but internal services.
    expect((await stack.query<{ serviceRecordChanges: { cursor: string } }>('{ serviceRecordChanges { cursor } }', undefined, ADMIN)).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(
      (await postGraphQL<{ serviceRecordChanges: { cursor: string } }>(stack.projects.url, '{ serviceRecordChanges { cursor } }', undefined, stack.viewerHeader())).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

describe('batching', () => {
  it('lists 10 and 100 activities with their stations (and regions) and projects in the same statements', async () => {
    await projectsDb().query(
      `INSERT INTO activities (project_id, station_id, title, theme, region_code, starts_at, ends_at, capacity, status)
       SELECT $1, ($2::bigint[])[1 + i % array_length($2::bigint[], 1)], '文明旅游引导 ' || i, 'CIVILIZED_TOURISM', '370303',
              now() + (i || ' hours')::interval, now() + (i + 2 || ' hours')::interval, 10, 'PUBLISHED'
       FROM generate_series(1, 120) i`,
      [projectId, stationIds],
    );
    async function statements(first: number) {
      const seen: string[] = [];
      const listeners = [stack.projects.db.dataSource, stack.volunteers.db.dataSource].map((ds, i) =>
        ds.sqlLogger.onStatement((sql) => seen.push(`${i ? 'volunteers' : 'projects'}:${/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql}`)),
      );
      const response = await stack.query(TourismActivitiesWithStationsDocument, { first }, ADMIN);
      listeners.forEach((stop) => stop());
      expect(response.errors).toBeUndefined();
      const { activities } = dataOf(response);
      expect(activities.edges).toHaveLength(first);
      expect(new Set(activities.edges.map((e) => e.node.station.name)).size).toBeGreaterThan(first === 10 ? 5 : 30);
      return seen.sort();
    }
    const ten = await statements(10);
    expect(await statements(100)).toEqual(ten);
  });
});

describe('stations', () => {
  it("shows a station's upcoming published activities through the gateway", async () => {
    const response = await stack.query(StationUpcomingActivitiesDocument, { id: stationIds[5] });
    expect(response.errors).toBeUndefined();
    const { station } = dataOf(response);
    expect(station?.activities.length).toBeGreaterThan(0);
    const starts = station?.activities.map((a) => a.startsAt);
    expect(starts).toEqual([...(starts ?? [])].sort());
  });
});

it('refuses to serve the change feed to a forged internal caller', async () => {
  const response = await postGraphQL(stack.projects.url, '{ serviceRecordChanges { cursor } }', undefined, { 'x-vg-viewer': 'bm9wZQ.bm9wZQ' });
  expect(response.status).toBe(401);
});
