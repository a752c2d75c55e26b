import { serviceViewer } from '@vg/standards';
import { SubgraphClient } from '@vg/graphql';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { postGraphQL, startStack, type Stack } from './testkit';

const ADMIN = { roles: ['ADMIN' as const] };
const volunteer = (id: string) => ({ roles: ['VOLUNTEER' as const], sub: `v-${id}`, volunteerId: id });

let stack: Stack;
let projectId: string;
let stationIds: string[];
let teamId: string;
/** Ids of ACTIVE volunteers (the seed suspends a few). */
let active: string[];
let withTeams: string[];

const projectsDb = () => stack.projects.db.dataSource;
const hour = 3600_000;

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 400 });
  const { data } = await stack.query<any>('{ stations(first: 40) { edges { node { id } } } teams(first: 1, filter: { level: COUNTY }) { edges { node { id } } } volunteers(first: 100) { edges { node { id status } } } }', undefined, ADMIN);
  active = data.volunteers.edges.map((e: any) => e.node).filter((v: any) => v.status === 'ACTIVE').map((v: any) => v.id);
  const { data: members } = await stack.query<any>('{ volunteers(first: 100, after: null) { edges { node { id status teams { id } } } } }', undefined, ADMIN);
  // Active team members beyond the first 90 (the tests above use those), for the records tests.
  withTeams = members.volunteers.edges.map((e: any) => e.node).filter((v: any, i: number) => i >= 90 && v.status === 'ACTIVE' && v.teams.length > 0).map((v: any) => v.id);
  stationIds = data.stations.edges.map((e: any) => e.node.id);
  teamId = data.teams.edges[0].node.id;
  // Projects are the projects engineer's part: one row is all these tests need.
  const [row] = await projectsDb().query(`INSERT INTO projects (name, team_id, theme, region_code) VALUES ('长者食堂多效互助', $1, 'ELDERLY_CARE', '370303') RETURNING id`, [teamId]);
  projectId = String(row.id);
});
afterAll(() => stack?.stop());

/** Creates and publishes an activity through the gateway (as ADMIN). */
async function publishedActivity(startsInMs: number, lengthMs: number, capacity: number, stationId = stationIds[0]): Promise<string> {
  const created = await stack.query<any>(
    `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id status } }`,
    { input: { projectId, stationId, title: '社区助老', startsAt: new Date(Date.now() + startsInMs).toISOString(), endsAt: new Date(Date.now() + startsInMs + lengthMs).toISOString(), capacity } },
    ADMIN,
  );
  expect(created.errors).toBeUndefined();
  const id = created.data.createActivity.id;
  expect((await stack.query<any>(`mutation($id: ID!) { publishActivity(id: $id) { status } }`, { id }, ADMIN)).data.publishActivity.status).toBe('PUBLISHED');
  return id;
}

const SIGN_UP = `mutation($a: ID!) { signUp(activityId: $a) { id status } }`;

describe('sign-ups', () => {
  it('lets exactly `capacity` of 50 concurrent volunteers in; the rest hear the activity is full', async () => {
    const activityId = await publishedActivity(24 * hour, 2 * hour, 20);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => stack.query<any>(SIGN_UP, { a: activityId }, volunteer(active[i]))));
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(20);
    expect(refused).toHaveLength(30);
    for (const r of refused) expect(r.errors![0]).toMatchObject({ message: 'The activity is full', extensions: { code: 'CONFLICT', reason: 'ACTIVITY_FULL' } });
    const [{ live }] = await projectsDb().query(`SELECT count(*)::int AS live FROM signups WHERE activity_id = $1 AND status <> 'CANCELLED'`, [activityId]);
    expect(live).toBe(20);
    const { data } = await stack.query<any>(`query($id: ID!) { activity(id: $id) { signupCount remaining } }`, { id: activityId });
    expect(data.activity).toEqual({ signupCount: 20, remaining: 0 });
  });

  it('refuses a second sign-up and an overlapping one; cancelling frees the place', async () => {
    const a = await publishedActivity(48 * hour, 2 * hour, 1);
    const b = await publishedActivity(48 * hour + hour, 2 * hour, 5, stationIds[1]);
    const v = volunteer(active[60]);
    expect((await stack.query<any>(SIGN_UP, { a }, v)).errors).toBeUndefined();
    expect((await stack.query<any>(SIGN_UP, { a }, v)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SIGNED_UP' });
    expect((await stack.query<any>(SIGN_UP, { a: b }, v)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'OVERLAPPING_ACTIVITY' });
    expect((await stack.query<any>(SIGN_UP, { a }, volunteer(active[61]))).errors?.[0].extensions?.reason).toBe('ACTIVITY_FULL');
    const cancelled = await stack.query<any>(`mutation($a: ID!) { cancelSignup(activityId: $a) { status } }`, { a }, v);
    expect(cancelled.data.cancelSignup.status).toBe('CANCELLED');
    expect((await stack.query<any>(SIGN_UP, { a }, volunteer(active[61]))).errors).toBeUndefined();
    expect((await stack.query<any>(SIGN_UP, { a: b }, v)).errors).toBeUndefined();
  });

  it('shows sign-ups never checked in as NO_SHOW once the activity ended, in every status filter, and refuses to cancel them', async () => {
    const activityId = await publishedActivity(30 * 60_000, hour, 5, stationIds[5]);
    const [absent, present] = [volunteer(active[70]), volunteer(active[71])];
    for (const v of [absent, present]) expect((await stack.query<any>(SIGN_UP, { a: activityId }, v)).errors).toBeUndefined();
    expect((await stack.query<any>(`mutation($a: ID!) { checkIn(activityId: $a) { status } }`, { a: activityId }, present)).errors).toBeUndefined();
    const LIST = `query($a: ID!, $v: ID!, $s: SignupStatus) { activity(id: $a) { signups(status: $s) { volunteer { id } status } } volunteer(id: $v) { signups(status: $s) { activity { id } status } } }`;
    const list = async (status: string) => (await stack.query<any>(LIST, { a: activityId, v: absent.volunteerId, s: status }, ADMIN)).data;
    expect((await list('SIGNED_UP')).activity.signups).toEqual([{ volunteer: { id: absent.volunteerId }, status: 'SIGNED_UP' }]);
    expect((await list('NO_SHOW')).activity.signups).toEqual([]);

    // The activity ends: nothing is written, the status is derived when read.
    await projectsDb().query(`UPDATE activities SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [activityId]);
    const ended = await list('NO_SHOW');
    expect(ended.activity.signups).toEqual([{ volunteer: { id: absent.volunteerId }, status: 'NO_SHOW' }]);
    expect(ended.volunteer.signups).toEqual([{ activity: { id: activityId }, status: 'NO_SHOW' }]);
    const stillSigned = await list('SIGNED_UP');
    expect(stillSigned.activity.signups).toEqual([]);
    expect(stillSigned.volunteer.signups.map((s: any) => s.activity.id)).not.toContain(activityId);
    expect((await list('CHECKED_IN')).activity.signups).toEqual([{ volunteer: { id: present.volunteerId }, status: 'CHECKED_IN' }]);

    const before = await projectsDb().query('SELECT id, status, cancelled_at FROM signups WHERE activity_id = $1 ORDER BY id', [activityId]);
    const cancel = await stack.query<any>(`mutation($a: ID!) { cancelSignup(activityId: $a) { status } }`, { a: activityId }, absent);
    expect(cancel.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ACTIVITY_ENDED' });
    expect(await projectsDb().query('SELECT id, status, cancelled_at FROM signups WHERE activity_id = $1 ORDER BY id', [activityId])).toEqual(before);
    const [{ signup_count }] = await projectsDb().query('SELECT signup_count FROM activities WHERE id = $1', [activityId]);
    expect(signup_count).toBe(2);
  });

  it('refuses sign-ups by non-volunteers and for drafts, writing nothing', async () => {
    const created = await stack.query<any>(
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`,
      { input: { projectId, stationId: stationIds[2], title: '草稿', startsAt: new Date(Date.now() + 72 * hour).toISOString(), endsAt: new Date(Date.now() + 73 * hour).toISOString(), capacity: 3 } },
      ADMIN,
    );
    const draft = created.data.createActivity.id;
    const [before] = await projectsDb().query('SELECT count(*)::int AS n FROM signups');
    expect((await stack.query<any>(SIGN_UP, { a: draft }, volunteer(active[62]))).errors?.[0].extensions?.reason).toBe('ACTIVITY_NOT_OPEN');
    expect((await stack.query<any>(SIGN_UP, { a: draft }, { roles: ['INSURER'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query<any>(SIGN_UP, { a: draft })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [after] = await projectsDb().query('SELECT count(*)::int AS n FROM signups');
    expect(after.n).toBe(before.n);
  });

  it('validates activities: times, capacity, unknown station', async () => {
    const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }`;
    const base = { projectId, stationId: stationIds[0], title: 'x', startsAt: new Date(Date.now() + hour).toISOString(), endsAt: new Date(Date.now() + 2 * hour).toISOString(), capacity: 5 };
    expect((await stack.query<any>(CREATE, { input: { ...base, endsAt: base.startsAt } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endsAt' });
    expect((await stack.query<any>(CREATE, { input: { ...base, capacity: 0 } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.capacity' });
    expect((await stack.query<any>(CREATE, { input: { ...base, stationId: '999999' } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.stationId' });
    expect((await stack.query<any>(CREATE, { input: base }, volunteer(active[80]))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('service records', () => {
  let recordId: string;
  let VOLUNTEER_ID: string;

  it('checks in and out, recording the actual hours with the national record fields', async () => {
    VOLUNTEER_ID = withTeams[0];
    const activityId = await publishedActivity(30 * 60_000, 4 * hour, 10, stationIds[3]);
    const v = volunteer(VOLUNTEER_ID);
    await stack.query(SIGN_UP, { a: activityId }, v);
    const checkedIn = await stack.query<any>(`mutation($a: ID!) { checkIn(activityId: $a) { status checkedInAt } }`, { a: activityId }, v);
    expect(checkedIn.data.checkIn.status).toBe('CHECKED_IN');
    // Let time pass: the activity started 3 h ago and the volunteer checked in 2 h 10 min ago.
    await projectsDb().query(`UPDATE activities SET starts_at = now() - interval '3 hours', ends_at = now() + interval '1 hour' WHERE id = $1`, [activityId]);
    await projectsDb().query(`UPDATE signups SET checked_in_at = now() - interval '130 minutes' WHERE activity_id = $1`, [activityId]);
    const out = await stack.query<any>(
      `mutation($a: ID!) { checkOut(activityId: $a, input: { servedParty: "社区老人", content: "助餐送餐", personInCharge: "李队长" }) { id hours place servedParty content personInCharge recordedBy serviceDate volunteer { id } activity { id } } }`,
      { a: activityId },
      v,
    );
    expect(out.errors).toBeUndefined();
    expect(out.data.checkOut).toMatchObject({ hours: 2, servedParty: '社区老人', content: '助餐送餐', personInCharge: '李队长', recordedBy: `v-${VOLUNTEER_ID}`, volunteer: { id: VOLUNTEER_ID }, activity: { id: activityId } });
    expect(out.data.checkOut.place).toMatch(/志愿服务站|站/);
    recordId = out.data.checkOut.id;
    const evidence = await stack.query<any>(
      `query($id: ID!, $d: Date!, $a: ID!) { volunteer(id: $id) { serviceRecordsOn(date: $d) { id } } activity(id: $a) { participantIds } }`,
      { id: VOLUNTEER_ID, d: out.data.checkOut.serviceDate, a: activityId },
      { roles: ['INSURER'] },
    );
    expect(evidence.data).toEqual({ volunteer: { serviceRecordsOn: [{ id: recordId }] }, activity: { participantIds: [VOLUNTEER_ID] } });
    const hidden = await stack.query<any>(`query($a: ID!) { activity(id: $a) { participantIds } }`, { a: activityId }, volunteer(active[81]));
    expect(hidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const again = await stack.query<any>(`mutation($a: ID!) { checkOut(activityId: $a) { id } }`, { a: activityId }, v);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('answers one query spanning both subgraphs: a volunteer with teams, hours and latest records', async () => {
    const { data, errors } = await stack.query<any>(
      `query($id: ID!) { volunteer(id: $id) { volunteerNo name teams { name } serviceHours serviceRecords(first: 5) { totalCount edges { node { hours content activity { title station { name region { name parent { name } } } } } } } } }`,
      { id: VOLUNTEER_ID },
      volunteer(VOLUNTEER_ID),
    );
    expect(errors).toBeUndefined();
    expect(data.volunteer.volunteerNo).toMatch(/^ZB/);
    expect(data.volunteer.serviceHours).toBe(2);
    expect(data.volunteer.serviceRecords.totalCount).toBe(1);
    const activity = data.volunteer.serviceRecords.edges[0].node.activity;
    expect(activity.station.name).toBeTruthy();
    expect(activity.station.region.parent.name).toBeTruthy();
    const RECORDS = `query($id: ID!) { volunteer(id: $id) { serviceHours serviceRecords { totalCount } } }`;
    const stranger = await stack.query<any>(RECORDS, { id: VOLUNTEER_ID }, volunteer(active[80]));
    expect(stranger.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Team leaders see the records of their own teams' members only.
    const { data: teams } = await stack.query<any>(
      `query($id: ID!) { volunteer(id: $id) { teams { id } } teams(first: 100) { edges { node { id leader { id } } } } }`,
      { id: VOLUNTEER_ID },
      ADMIN,
    );
    const mine = new Set(teams.volunteer.teams.map((t: any) => t.id));
    const allTeams = teams.teams.edges.map((e: any) => e.node).filter((t: any) => t.leader && t.leader.id !== VOLUNTEER_ID);
    const ownLeader = allTeams.find((t: any) => mine.has(t.id));
    const otherLeader = allTeams.find((t: any) => !mine.has(t.id));
    expect(ownLeader).toBeDefined();
    const asLeader = (id: string) => ({ roles: ['TEAM_LEADER' as const, 'VOLUNTEER' as const], sub: `leader-${id}`, volunteerId: id });
    expect((await stack.query<any>(RECORDS, { id: VOLUNTEER_ID }, asLeader(ownLeader.leader.id))).data.volunteer.serviceRecords.totalCount).toBe(1);
    expect((await stack.query<any>(RECORDS, { id: VOLUNTEER_ID }, asLeader(otherLeader.leader.id))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('corrects a record keeping the old values and reason; only ADMIN or the team leader may', async () => {
    const CORRECT = `mutation($id: ID!, $input: CorrectServiceRecordInput!) { correctServiceRecord(id: $id, input: $input) { hours content corrections { reason previousHours previousContent correctedBy } } }`;
    expect((await stack.query<any>(CORRECT, { id: recordId, input: { hours: 3, reason: 'x' } }, volunteer(VOLUNTEER_ID))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await stack.query<any>(CORRECT, { id: recordId, input: { hours: 2.2, reason: 'x' } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    expect((await stack.query<any>(CORRECT, { id: recordId, input: { hours: 9, reason: 'x' } }, ADMIN)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    const { data, errors } = await stack.query<any>(CORRECT, { id: recordId, input: { hours: 2.5, reason: '签退漏记半小时' } }, { roles: ['ADMIN'], sub: 'admin-1' });
    expect(errors).toBeUndefined();
    expect(data.correctServiceRecord).toEqual({ hours: 2.5, content: '助餐送餐', corrections: [{ reason: '签退漏记半小时', previousHours: 2, previousContent: '助餐送餐', correctedBy: 'admin-1' }] });
    await expect(projectsDb().query('DELETE FROM service_records WHERE id = $1', [recordId])).rejects.toThrow(/never deleted/);
    const [{ n }] = await projectsDb().query('SELECT count(*)::int AS n FROM service_records WHERE id = $1', [recordId]);
    expect(n).toBe(1);
  });

  it('feeds every created and corrected record, in order, to internal services only', async () => {
    const client = new SubgraphClient({ url: stack.projects.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('honours') });
    const FEED = `query($after: String) { serviceRecordChanges(after: $after, first: 1) { changes { sequence kind volunteerId hours hoursDelta record { id } } cursor hasMore } }`;
    const page1 = await client.request<any>(FEED);
    expect(page1.serviceRecordChanges.changes).toEqual([{ sequence: '1', kind: 'CREATED', volunteerId: VOLUNTEER_ID, hours: 2, hoursDelta: 2, record: { id: recordId } }]);
    expect(page1.serviceRecordChanges.hasMore).toBe(true);
    const page2 = await client.request<any>(FEED, { after: page1.serviceRecordChanges.cursor });
    expect(page2.serviceRecordChanges.changes).toEqual([{ sequence: '2', kind: 'CORRECTED', volunteerId: VOLUNTEER_ID, hours: 2.5, hoursDelta: 0.5, record: { id: recordId } }]);
    const page3 = await client.request<any>(FEED, { after: page2.serviceRecordChanges.cursor });
    expect(page3.serviceRecordChanges).toEqual({ changes: [], cursor: page2.serviceRecordChanges.cursor, hasMore: false });
    // Not in the public graph; and the subgraph refuses anyone but internal services.
    expect((await stack.query<any>('{ serviceRecordChanges { cursor } }', undefined, ADMIN)).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postGraphQL<any>(stack.projects.url, '{ serviceRecordChanges { cursor } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
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
    const LIST = `query($first: Int) { activities(first: $first, filter: { theme: CIVILIZED_TOURISM }) { totalCount edges { node { title station { name kind region { name } } project { id name } } } } }`;
    async function statements(first: number) {
      const seen: string[] = [];
      const listeners = [stack.projects.db.dataSource, stack.volunteers.db.dataSource].map((ds, i) => ds.sqlLogger.onStatement((sql) => seen.push(`${i ? 'volunteers' : 'projects'}:${/\/\* (\w+) \*\//.exec(sql)?.[1] ?? sql}`)));
      const { data, errors } = await stack.query<any>(LIST, { first }, ADMIN);
      listeners.forEach((stop) => stop());
      expect(errors).toBeUndefined();
      expect(data.activities.edges).toHaveLength(first);
      expect(new Set(data.activities.edges.map((e: any) => e.node.station.name)).size).toBeGreaterThan(first === 10 ? 5 : 30);
      return seen.sort();
    }
    const ten = await statements(10);
    expect(await statements(100)).toEqual(ten);
  });
});

describe('stations', () => {
  it('shows a station\'s upcoming published activities through the gateway', async () => {
    const { data, errors } = await stack.query<any>(`query($id: ID!) { station(id: $id) { name activities(first: 3) { title startsAt } } }`, { id: stationIds[5] });
    expect(errors).toBeUndefined();
    expect(data.station.activities.length).toBeGreaterThan(0);
    const starts = data.station.activities.map((a: any) => a.startsAt);
    expect(starts).toEqual([...starts].sort());
  });
});

it('refuses to serve the change feed to a forged internal caller', async () => {
  const response = await postGraphQL(stack.projects.url, '{ serviceRecordChanges { cursor } }', undefined, { 'x-vg-viewer': 'bm9wZQ.bm9wZQ' });
  expect(response.status).toBe(401);
});
