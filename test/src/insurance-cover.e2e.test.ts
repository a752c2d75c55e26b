import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { ADMIN, addDays, CITY_PLAN, enrol, INSURER, itemFor, registerPeople, type Person } from './insurer';
import { startStack, type Stack, type TokenFor } from './testkit';

let stack: Stack;
let people: Person[];
/** Seeded ACTIVE volunteers (never insured here). */
let seededIds: string[];

const volunteer = (p: Person): TokenFor => ({ roles: ['VOLUNTEER'], sub: `v-${p.id}`, volunteerId: p.id });
const STATION_STAFF: TokenFor = { roles: ['STATION_STAFF'], sub: 'staff-1' };
const projectsDb = () => stack.projects.db.dataSource;
/** Today in China, and days from it. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 40 });
  const { data } = await stack.query<any>('{ volunteers(first: 40) { edges { node { id status } } } }', undefined, ADMIN);
  seededIds = data.volunteers.edges.map((e: any) => e.node).filter((v: any) => v.status === 'ACTIVE').map((v: any) => v.id);
  people = await registerPeople(stack, 1000, 12);
  const batch = await enrol(stack, 'B-COVER-1', [
    itemFor(people[0], 'P-A', '2025-01-01', '2025-12-31'),
    itemFor(people[1], 'P-B', '2025-01-01', '2025-06-30'),
    itemFor(people[2], 'P-C', '2025-07-01', '2026-06-30'),
    itemFor(people[3], 'P-D', '2025-01-01', '2025-12-31'),
    itemFor(people[5], 'P-I', '2025-05-01', '2026-04-30'),
    itemFor(people[6], 'P-NOW', today(), addDays(today(), 364)),
    itemFor(people[7], 'P-PAST', '2024-01-01', '2024-12-31'),
  ]);
  expect(batch.data.enrolVolunteers.enrolledCount).toBe(7);
  const old = await enrol(stack, 'B-COVER-OLD', [itemFor(people[4], 'P-E', '2023-01-01', '2023-12-31')], INSURER, 'ZBZYB-2021');
  expect(old.data.enrolVolunteers.enrolledCount).toBe(1);
}, 60_000);
afterAll(() => stack?.stop());

const enrolmentOf = async (p: Person) => (await stack.insurance.db.dataSource.query(`SELECT id::text FROM enrolments WHERE volunteer_id = $1 ORDER BY id`, [p.id]))[0].id as string;

describe('plans', () => {
  it('shows anyone the city plan first, with its insurer, premium and cover items in yuan', async () => {
    const { data, errors } = await stack.query<any>('{ insurancePlans { code name insurer termMonths premiumPerPersonYear onSale onSaleFrom onSaleUntil coverItems { kind name amount deductible reimbursementRate maxDays } } }');
    expect(errors).toBeUndefined();
    expect(data.insurancePlans.map((p: any) => [p.code, p.onSale])).toEqual([[CITY_PLAN, true], ['ZBZYB-2021', false]]);
    const [city] = data.insurancePlans;
    expect(city).toMatchObject({ name: '淄博志愿保（2024版）', insurer: '中国人寿淄博分公司', termMonths: 12, premiumPerPersonYear: 30, onSaleFrom: '2024-01-01', onSaleUntil: null });
    expect(city.coverItems[0]).toEqual({ kind: 'ACCIDENTAL_DEATH_DISABILITY', name: '意外身故、伤残', amount: 300000, deductible: null, reimbursementRate: null, maxDays: null });
    expect(city.coverItems.find((c: any) => c.kind === 'ACCIDENTAL_MEDICAL')).toMatchObject({ amount: 30000, deductible: 100, reimbursementRate: 0.9 });
    expect(city.coverItems.find((c: any) => c.kind === 'HOSPITAL_ALLOWANCE')).toMatchObject({ amount: 100, maxDays: 180 });
  });
});

describe("a volunteer's insurance", () => {
  const Q = `query($id: ID!) { volunteer(id: $id) { name insurance { coveredOn(date: "2025-07-01") today: coveredOn activeEnrolment { policyNumber plan { code } } enrolments { policyNumber status coverStart coverEnd } } } }`;

  it('is shown to the volunteer themself, the insurer and admins', async () => {
    for (const as of [volunteer(people[6]), INSURER, ADMIN]) {
      const { data, errors } = await stack.query<any>(Q, { id: people[6].id }, as);
      expect(errors).toBeUndefined();
      expect(data.volunteer.insurance).toEqual({
        coveredOn: false,
        today: true,
        activeEnrolment: { policyNumber: 'P-NOW', plan: { code: CITY_PLAN } },
        enrolments: [{ policyNumber: 'P-NOW', status: 'ACTIVE', coverStart: today(), coverEnd: addDays(today(), 364) }],
      });
    }
    const past = await stack.query<any>(Q, { id: people[7].id }, volunteer(people[7]));
    expect(past.data.volunteer.insurance).toMatchObject({ today: false, activeEnrolment: null, enrolments: [{ policyNumber: 'P-PAST', status: 'EXPIRED' }] });
  });

  it('is hidden from other volunteers, other staff and anonymous callers', async () => {
    for (const as of [volunteer(people[7]), STATION_STAFF, { roles: ['DATA_STAFF' as const] }, undefined]) {
      const { data, errors } = await stack.query<any>(Q, { id: people[6].id }, as);
      expect(errors?.[0]).toMatchObject({ path: ['volunteer', 'insurance'], extensions: { code: 'FORBIDDEN' } });
      expect(data.volunteer.insurance).toBeNull();
    }
    const direct = await stack.query<any>(`query($id: ID!) { enrolment(id: $id) { policyNumber } }`, { id: await enrolmentOf(people[6]) }, volunteer(people[7]));
    expect(direct.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('for the insurer', () => {
  it('lists enrolments by plan, status and date, page by page', async () => {
    const Q = `query($filter: EnrolmentFilter, $after: String) { enrolments(filter: $filter, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { policyNumber } } } }`;
    const first = await stack.query<any>(Q, { filter: { planCode: CITY_PLAN } }, INSURER);
    expect(first.data.enrolments.totalCount).toBe(7);
    const second = await stack.query<any>(Q, { filter: { planCode: CITY_PLAN }, after: first.data.enrolments.pageInfo.endCursor }, INSURER);
    const third = await stack.query<any>(Q, { filter: { planCode: CITY_PLAN }, after: second.data.enrolments.pageInfo.endCursor }, INSURER);
    const all = [first, second, third].flatMap((r) => r.data.enrolments.edges.map((e: any) => e.node.policyNumber));
    // (By id: the order the batch wrote them in.)
    expect(all.sort()).toEqual(['P-A', 'P-B', 'P-C', 'P-D', 'P-I', 'P-NOW', 'P-PAST']);
    expect(third.data.enrolments.pageInfo.hasNextPage).toBe(false);
    const onDay = await stack.query<any>(`{ enrolments(filter: { activeOn: "2025-07-01" }) { edges { node { policyNumber } } } }`, undefined, ADMIN);
    expect(onDay.data.enrolments.edges.map((e: any) => e.node.policyNumber).sort()).toEqual(['P-A', 'P-C', 'P-D', 'P-I']);
    const expired = await stack.query<any>(`{ enrolments(filter: { status: EXPIRED }) { edges { node { policyNumber } } } }`, undefined, INSURER);
    expect(expired.data.enrolments.edges.map((e: any) => e.node.policyNumber)).toEqual(expect.arrayContaining(['P-PAST', 'P-E']));
    expect((await stack.query<any>(`{ enrolments { totalCount } }`, undefined, STATION_STAFF)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('answers cover on a date by volunteer number, and the insured roster of a period', async () => {
    const COVER = `query($no: String!, $d: Date!) { coverageOn(volunteerNo: $no, date: $d) { volunteerNo covered enrolments { policyNumber volunteer { name } } } }`;
    const yes = await stack.query<any>(COVER, { no: people[2].volunteerNo.toLowerCase(), d: '2025-07-01' }, INSURER);
    expect(yes.data.coverageOn).toEqual({ volunteerNo: people[2].volunteerNo, covered: true, enrolments: [{ policyNumber: 'P-C', volunteer: { name: people[2].name } }] });
    expect((await stack.query<any>(COVER, { no: people[1].volunteerNo, d: '2025-07-01' }, INSURER)).data.coverageOn.covered).toBe(false);
    expect((await stack.query<any>(COVER, { no: 'ZB00000000', d: '2025-07-01' }, INSURER)).data.coverageOn).toMatchObject({ covered: false, enrolments: [] });

    const ROSTER = `query($after: String) { insuredRoster(from: "2025-06-15", to: "2025-07-15", planCode: "${CITY_PLAN}", first: 2, after: $after) { totalCount pageInfo { endCursor hasNextPage } edges { node { policyNumber } } } }`;
    const pages = [await stack.query<any>(ROSTER, {}, INSURER)];
    while (pages.at(-1)!.data.insuredRoster.pageInfo.hasNextPage) pages.push(await stack.query<any>(ROSTER, { after: pages.at(-1)!.data.insuredRoster.pageInfo.endCursor }, INSURER));
    expect(pages.map((p) => p.data.insuredRoster.edges.length)).toEqual([2, 2, 1]);
    expect(pages[0].data.insuredRoster.totalCount).toBe(5);
    expect(pages.flatMap((p) => p.data.insuredRoster.edges.map((e: any) => e.node.policyNumber)).sort()).toEqual(['P-A', 'P-B', 'P-C', 'P-D', 'P-I']);
    expect((await stack.query<any>(`{ insuredRoster(from: "2025-07-15", to: "2025-06-15") { totalCount } }`, undefined, INSURER)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('reads a batch back by its id', async () => {
    const { data } = await stack.query<any>(`{ enrolmentBatch(batchId: "B-COVER-1") { itemCount enrolledCount plan { code } results { status enrolment { policyNumber } } } }`, undefined, INSURER);
    expect(data.enrolmentBatch).toMatchObject({ itemCount: 7, enrolledCount: 7, plan: { code: CITY_PLAN } });
    expect(data.enrolmentBatch.results[0]).toEqual({ status: 'ENROLLED', enrolment: { policyNumber: 'P-A' } });
    expect((await stack.query<any>(`{ enrolmentBatch(batchId: "B-COVER-1") { itemCount } }`, undefined, volunteer(people[0]))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('cancels an enrolment once, keeping who, when and why; the cover ends', async () => {
    const CANCEL = `mutation($id: ID!) { cancelEnrolment(id: $id, reason: "志愿者注销") { status cancelledBy cancelReason cancelledAt } }`;
    const id = await enrolmentOf(people[3]);
    expect((await stack.query<any>(CANCEL, { id }, volunteer(people[3]))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { data, errors } = await stack.query<any>(CANCEL, { id }, INSURER);
    expect(errors).toBeUndefined();
    expect(data.cancelEnrolment).toMatchObject({ status: 'CANCELLED', cancelledBy: INSURER.sub, cancelReason: '志愿者注销' });
    expect((await stack.query<any>(CANCEL, { id }, INSURER)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect((await stack.query<any>(CANCEL, { id: '999999' }, INSURER)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const cover = await stack.query<any>(`query($id: ID!) { volunteer(id: $id) { insurance { coveredOn(date: "2025-07-01") } } }`, { id: people[3].id }, INSURER);
    expect(cover.data.volunteer.insurance.coveredOn).toBe(false);
  });
});

describe('Activity.uninsuredParticipants', () => {
  let projectId: string;
  /** An activity with these sign-ups ([volunteer id, status]) straight in the projects database. */
  async function activityWith(startsAt: string, signups: [string, string][], length = '3 hours'): Promise<string> {
    const live = signups.filter(([, status]) => status !== 'CANCELLED').length;
    const [activity] = await projectsDb().query(
      `INSERT INTO activities (project_id, station_id, title, theme, region_code, starts_at, ends_at, capacity, signup_count, status)
       VALUES ($1, 1, '景区文明引导', 'CIVILIZED_TOURISM', '370303', $2::timestamptz, $2::timestamptz + $4::interval, 20, $3, 'PUBLISHED') RETURNING id`,
      [projectId, startsAt, live, length],
    );
    for (const [volunteerId, status] of signups) await projectsDb().query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, $3)`, [activity.id, volunteerId, status]);
    return String(activity.id);
  }

  beforeAll(async () => {
    const [row] = await projectsDb().query(`INSERT INTO projects (name, team_id, theme, region_code) VALUES ('文明旅游志愿服务', 1, 'CIVILIZED_TOURISM', '370303') RETURNING id`);
    projectId = String(row.id);
  });

  it('lists exactly the participants without cover on the day (China time), for staff', async () => {
    const [a, b, c, d, e, i] = people;
    // 2025-06-30 17:00 UTC is 1 July in Zibo: B's cover (to 30 June) has ended, C's (from 1 July) has begun.
    const activityId = await activityWith('2025-06-30T17:00:00Z', [
      [a.id, 'SIGNED_UP'], [b.id, 'SIGNED_UP'], [c.id, 'SIGNED_UP'], [d.id, 'SIGNED_UP'], [e.id, 'CHECKED_IN'], [i.id, 'CHECKED_OUT'],
      [seededIds[0], 'SIGNED_UP'], [seededIds[1], 'SIGNED_UP'], [seededIds[2], 'CANCELLED'],
    ]);
    const Q = `query($id: ID!) { activity(id: $id) { title uninsuredParticipants { id name } } }`;
    for (const as of [STATION_STAFF, INSURER]) {
      const { data, errors } = await stack.query<any>(Q, { id: activityId }, as);
      expect(errors).toBeUndefined();
      // D's cover was cancelled; E's was under the old plan, in 2023; the seeded two never had any.
      expect(data.activity.uninsuredParticipants.map((v: any) => v.id).sort()).toEqual([b.id, d.id, e.id, seededIds[0], seededIds[1]].sort());
      expect(data.activity.uninsuredParticipants.find((v: any) => v.id === b.id).name).toBe(b.name);
    }
    // A leader of some other team than the project's sees no participants (the projects subgraph decides, through @requires).
    for (const as of [volunteer(a), undefined, { roles: ['TEAM_LEADER' as const], sub: 'leader-1', volunteerId: a.id }]) {
      const { errors } = await stack.query<any>(Q, { id: activityId }, as);
      expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('requires cover on every day an activity spans (past midnight, China time)', async () => {
    const [, b, c] = people;
    // 30 June 22:00 to 1 July 02:00 in Zibo: B's cover ends 30 June, C's starts 1 July — neither covers the whole activity.
    const overnight = await activityWith('2025-06-30T14:00:00Z', [[b.id, 'SIGNED_UP'], [c.id, 'SIGNED_UP']], '4 hours');
    const { data, errors } = await stack.query<any>(`query($id: ID!) { activity(id: $id) { uninsuredParticipants { id } } }`, { id: overnight }, INSURER);
    expect(errors).toBeUndefined();
    expect(data.activity.uninsuredParticipants.map((v: any) => v.id).sort()).toEqual([b.id, c.id].sort());
  });

  it('checks every participant of every activity listed in one statement', async () => {
    await activityWith('2025-08-01T01:00:00Z', [[people[0].id, 'SIGNED_UP'], [people[8].id, 'SIGNED_UP']]);
    await activityWith('2025-09-01T01:00:00Z', [[people[2].id, 'SIGNED_UP'], [people[9].id, 'SIGNED_UP'], [seededIds[3], 'SIGNED_UP']]);
    const seen: string[] = [];
    const stop = stack.insurance.db.dataSource.sqlLogger.onStatement((s) => seen.push(/\/\* (\w+) \*\//.exec(s)?.[1] ?? s));
    const { data, errors } = await stack.query<any>(
      `query($p: ID!) { activities(filter: { projectId: $p }, first: 10) { edges { node { startsAt uninsuredParticipants { id } } } } }`,
      { p: projectId },
      STATION_STAFF,
    );
    stop();
    expect(errors).toBeUndefined();
    expect(data.activities.edges.map((e: any) => e.node.uninsuredParticipants.map((v: any) => v.id).sort())).toEqual([
      [people[1].id, people[2].id].sort(), // the overnight one
      [people[1].id, people[3].id, people[4].id, seededIds[0], seededIds[1]].sort(),
      [people[8].id],
      [people[9].id, seededIds[3]].sort(),
    ]);
    expect(seen).toEqual(['coveredVolunteersOn']);
  });
});

describe('Enrolment.serviceEvidence', () => {
  it("gives a claim the volunteer's service records of the day, from projects, through the graph", async () => {
    const a = people[0];
    const [project] = await projectsDb().query(`INSERT INTO projects (name, team_id, theme, region_code) VALUES ('长者食堂多效互助', 2, 'ELDERLY_CARE', '370303') RETURNING id`);
    const [activity] = await projectsDb().query(
      `INSERT INTO activities (project_id, station_id, title, theme, region_code, starts_at, ends_at, capacity, signup_count, status)
       VALUES ($1, 1, '助餐送餐', 'ELDERLY_CARE', '370303', '2025-03-05T01:00:00Z', '2025-03-05T05:00:00Z', 10, 1, 'COMPLETED') RETURNING id`,
      [project.id],
    );
    const [signup] = await projectsDb().query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'CHECKED_OUT') RETURNING id`, [activity.id, a.id]);
    const [record] = await projectsDb().query(
      `INSERT INTO service_records (signup_id, activity_id, volunteer_id, service_date, place, served_party, content, hours, person_in_charge, recorded_by)
       VALUES ($1, $2, $3, '2025-03-05', '张店区长者食堂（和平街道）', '社区老人', '助餐送餐', 3.5, '李队长', 'staff-1') RETURNING id`,
      [signup.id, activity.id, a.id],
    );
    const Q = `query($id: ID!, $d: Date!) { enrolment(id: $id) { policyNumber serviceEvidence(date: $d) { id serviceDate place hours activity { title } } } }`;
    const id = await enrolmentOf(a);
    for (const as of [INSURER, volunteer(a)]) {
      const { data, errors } = await stack.query<any>(Q, { id, d: '2025-03-05' }, as);
      expect(errors).toBeUndefined();
      expect(data.enrolment.serviceEvidence).toEqual([{ id: String(record.id), serviceDate: '2025-03-05', place: '张店区长者食堂（和平街道）', hours: 3.5, activity: { title: '助餐送餐' } }]);
    }
    expect((await stack.query<any>(Q, { id, d: '2025-03-06' }, INSURER)).data.enrolment.serviceEvidence).toEqual([]);
  });
});
