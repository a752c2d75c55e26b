import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { dataOf } from './builders';
import {
  ActivityUninsuredParticipantsDocument,
  CancelledEnrolmentDocument,
  CoverageOfVolunteerNoDocument,
  EnrolmentBatchOutcomeDocument,
  EnrolmentCountDocument,
  EnrolmentPolicyNumberDocument,
  EnrolmentPolicyNumbersDocument,
  EnrolmentPolicyNumbersPageDocument,
  EnrolmentServiceEvidenceDocument,
  InsurancePlansWithCoverItemsDocument,
  InsuredRosterPolicyNumbersDocument,
  ProjectActivitiesUninsuredParticipantsDocument,
  VolunteerCoveredOnDocument,
  VolunteerInsuranceInFullDocument,
  VolunteerStatusesForCoverDocument,
  type InsuredRosterPolicyNumbersQuery,
} from './generated/insurance-cover';
import { ADMIN, addDays, asVolunteer as volunteer, CITY_PLAN, enrol, INSURER, itemFor, registerPeople, type Person } from './insurer';
import { startStack, type Stack, type TokenFor } from './testkit';

let stack: Stack;
let people: Person[];
/** Seeded ACTIVE volunteers (never insured here). */
let seededIds: string[];

const STATION_STAFF: TokenFor = { roles: ['STATION_STAFF'], sub: 'staff-1' };
const projectsDb = () => stack.projects.db.dataSource;
/** Today in China, and days from it. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 40 });
  const { volunteers } = dataOf(await stack.query(VolunteerStatusesForCoverDocument, undefined, ADMIN));
  seededIds = volunteers.edges
    .map((e) => e.node)
    .filter((v) => v.status === 'ACTIVE')
    .map((v) => v.id);
  people = await registerPeople(stack, 1000, 12);
  const batch = dataOf(
    await enrol(stack, 'B-COVER-1', [
      itemFor(people[0], 'P-A', '2025-01-01', '2025-12-31'),
      itemFor(people[1], 'P-B', '2025-01-01', '2025-06-30'),
      itemFor(people[2], 'P-C', '2025-07-01', '2026-06-30'),
      itemFor(people[3], 'P-D', '2025-01-01', '2025-12-31'),
      itemFor(people[5], 'P-I', '2025-05-01', '2026-04-30'),
      itemFor(people[6], 'P-NOW', today(), addDays(today(), 364)),
      itemFor(people[7], 'P-PAST', '2024-01-01', '2024-12-31'),
    ]),
  );
  expect(batch.enrolVolunteers.enrolledCount).toBe(7);
  const old = dataOf(await enrol(stack, 'B-COVER-OLD', [itemFor(people[4], 'P-E', '2023-01-01', '2023-12-31')], INSURER, 'ZBZYB-2021'));
  expect(old.enrolVolunteers.enrolledCount).toBe(1);
}, 60_000);
afterAll(() => stack?.stop());

const enrolmentOf = async (p: Person): Promise<string> => {
  const [{ id }]: { id: string }[] = await stack.insurance.db.dataSource.query(`SELECT id::text FROM enrolments WHERE volunteer_id = $1 ORDER BY id`, [p.id]);
  return id;
};

describe('plans', () => {
  it('shows anyone the city plan first, with its insurer, premium and cover items in yuan', async () => {
    const { insurancePlans } = dataOf(await stack.query(InsurancePlansWithCoverItemsDocument));
    expect(insurancePlans.map((p) => [p.code, p.onSale])).toEqual([
      [CITY_PLAN, true],
      ['ZBZYB-2021', false],
    ]);
    const [city] = insurancePlans;
    expect(city).toMatchObject({ name: '淄博志愿保（2024版）', insurer: '中国人寿淄博分公司', termMonths: 12, premiumPerPersonYear: 30, onSaleFrom: '2024-01-01', onSaleUntil: null });
    expect(city.coverItems[0]).toEqual({ kind: 'ACCIDENTAL_DEATH_DISABILITY', name: '意外身故、伤残', amount: 300000, deductible: null, reimbursementRate: null, maxDays: null });
    expect(city.coverItems.find((c) => c.kind === 'ACCIDENTAL_MEDICAL')).toMatchObject({ amount: 30000, deductible: 100, reimbursementRate: 0.9 });
    expect(city.coverItems.find((c) => c.kind === 'HOSPITAL_ALLOWANCE')).toMatchObject({ amount: 100, maxDays: 180 });
  });
});

describe("a volunteer's insurance", () => {
  it('is shown to the volunteer themself, the insurer and admins', async () => {
    for (const as of [volunteer(people[6]), INSURER, ADMIN]) {
      const { volunteer: shown } = dataOf(await stack.query(VolunteerInsuranceInFullDocument, { id: people[6].id }, as));
      expect(shown?.insurance).toEqual({
        coveredOn: false,
        today: true,
        activeEnrolment: { policyNumber: 'P-NOW', plan: { code: CITY_PLAN } },
        enrolments: [{ policyNumber: 'P-NOW', status: 'ACTIVE', coverStart: today(), coverEnd: addDays(today(), 364) }],
      });
    }
    const past = dataOf(await stack.query(VolunteerInsuranceInFullDocument, { id: people[7].id }, volunteer(people[7])));
    expect(past.volunteer?.insurance).toMatchObject({ today: false, activeEnrolment: null, enrolments: [{ policyNumber: 'P-PAST', status: 'EXPIRED' }] });
  });

  it('is hidden from other volunteers, other staff and anonymous callers', async () => {
    for (const as of [volunteer(people[7]), STATION_STAFF, { roles: ['DATA_STAFF'] }, undefined] satisfies (TokenFor | undefined)[]) {
      const { data, errors } = await stack.query(VolunteerInsuranceInFullDocument, { id: people[6].id }, as);
      expect(errors?.[0]).toMatchObject({ path: ['volunteer', 'insurance'], extensions: { code: 'FORBIDDEN' } });
      expect(data?.volunteer?.insurance).toBeNull();
    }
    const direct = await stack.query(EnrolmentPolicyNumberDocument, { id: await enrolmentOf(people[6]) }, volunteer(people[7]));
    expect(direct.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('for the insurer', () => {
  it('lists enrolments by plan, status and date, page by page', async () => {
    const page = async (after?: string | null) => dataOf(await stack.query(EnrolmentPolicyNumbersPageDocument, { filter: { planCode: CITY_PLAN }, after }, INSURER)).enrolments;
    const first = await page();
    expect(first.totalCount).toBe(7);
    const second = await page(first.pageInfo.endCursor);
    const third = await page(second.pageInfo.endCursor);
    const all = [first, second, third].flatMap((r) => r.edges.map((e) => e.node.policyNumber));
    // (By id: the order the batch wrote them in.)
    expect(all.sort()).toEqual(['P-A', 'P-B', 'P-C', 'P-D', 'P-I', 'P-NOW', 'P-PAST']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const onDay = dataOf(await stack.query(EnrolmentPolicyNumbersDocument, { filter: { activeOn: '2025-07-01' } }, ADMIN));
    expect(onDay.enrolments.edges.map((e) => e.node.policyNumber).sort()).toEqual(['P-A', 'P-C', 'P-D', 'P-I']);
    const expired = dataOf(await stack.query(EnrolmentPolicyNumbersDocument, { filter: { status: 'EXPIRED' } }, INSURER));
    expect(expired.enrolments.edges.map((e) => e.node.policyNumber)).toEqual(expect.arrayContaining(['P-PAST', 'P-E']));
    expect((await stack.query(EnrolmentCountDocument, undefined, STATION_STAFF)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('answers cover on a date by volunteer number, and the insured roster of a period', async () => {
    const coverage = async (no: string) => dataOf(await stack.query(CoverageOfVolunteerNoDocument, { no, d: '2025-07-01' }, INSURER)).coverageOn;
    expect(await coverage(people[2].volunteerNo.toLowerCase())).toEqual({
      volunteerNo: people[2].volunteerNo,
      covered: true,
      enrolments: [{ policyNumber: 'P-C', volunteer: { name: people[2].name } }],
    });
    expect((await coverage(people[1].volunteerNo)).covered).toBe(false);
    expect(await coverage('ZB00000000')).toMatchObject({ covered: false, enrolments: [] });

    type Roster = InsuredRosterPolicyNumbersQuery['insuredRoster'];
    const roster = async (after?: string | null) =>
      dataOf(await stack.query(InsuredRosterPolicyNumbersDocument, { from: '2025-06-15', to: '2025-07-15', planCode: CITY_PLAN, first: 2, after }, INSURER)).insuredRoster;
    const pages: Roster[] = [];
    for (let page = await roster(); ; page = await roster(page.pageInfo.endCursor)) {
      pages.push(page);
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(pages.map((p) => p.edges.length)).toEqual([2, 2, 1]);
    expect(pages[0].totalCount).toBe(5);
    expect(pages.flatMap((p) => p.edges.map((e) => e.node.policyNumber)).sort()).toEqual(['P-A', 'P-B', 'P-C', 'P-D', 'P-I']);
    const backwards = await stack.query(InsuredRosterPolicyNumbersDocument, { from: '2025-07-15', to: '2025-06-15' }, INSURER);
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('reads a batch back by its id', async () => {
    const { enrolmentBatch } = dataOf(await stack.query(EnrolmentBatchOutcomeDocument, { batchId: 'B-COVER-1' }, INSURER));
    expect(enrolmentBatch).toMatchObject({ itemCount: 7, enrolledCount: 7, plan: { code: CITY_PLAN } });
    expect(enrolmentBatch?.results[0]).toEqual({ status: 'ENROLLED', enrolment: { policyNumber: 'P-A' } });
    expect((await stack.query(EnrolmentBatchOutcomeDocument, { batchId: 'B-COVER-1' }, volunteer(people[0]))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('cancels an enrolment once, keeping who, when and why; the cover ends', async () => {
    const cancel = (id: string, as: TokenFor) => stack.query(CancelledEnrolmentDocument, { id, reason: '志愿者注销' }, as);
    const id = await enrolmentOf(people[3]);
    expect((await cancel(id, volunteer(people[3]))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { cancelEnrolment } = dataOf(await cancel(id, INSURER));
    expect(cancelEnrolment).toMatchObject({ status: 'CANCELLED', cancelledBy: INSURER.sub, cancelReason: '志愿者注销' });
    expect((await cancel(id, INSURER)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_TRANSITION' });
    expect((await cancel('999999', INSURER)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const cover = dataOf(await stack.query(VolunteerCoveredOnDocument, { id: people[3].id, date: '2025-07-01' }, INSURER));
    expect(cover.volunteer?.insurance?.coveredOn).toBe(false);
  });
});

describe('Activity.uninsuredParticipants', () => {
  let projectId: string;
  /** An activity with these sign-ups ([volunteer id, status]) straight in the projects database. */
  async function activityWith(startsAt: string, signups: [string, string][], length = '3 hours'): Promise<string> {
    const live = signups.filter(([, status]) => status !== 'CANCELLED').length;
    const [activity]: { id: string }[] = await projectsDb().query(
      `INSERT INTO activities (project_id, station_id, title, theme, region_code, starts_at, ends_at, capacity, signup_count, status)
       VALUES ($1, 1, '景区文明引导', 'CIVILIZED_TOURISM', '370303', $2::timestamptz, $2::timestamptz + $4::interval, 20, $3, 'PUBLISHED') RETURNING id`,
      [projectId, startsAt, live, length],
    );
    for (const [volunteerId, status] of signups) await projectsDb().query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, $3)`, [activity.id, volunteerId, status]);
    return String(activity.id);
  }
  const uninsured = async (id: string, as?: TokenFor) => dataOf(await stack.query(ActivityUninsuredParticipantsDocument, { id }, as)).activity?.uninsuredParticipants;

  beforeAll(async () => {
    const [row]: { id: string }[] = await projectsDb().query(`INSERT INTO projects (name, team_id, theme, region_code) VALUES ('文明旅游志愿服务', 1, 'CIVILIZED_TOURISM', '370303') RETURNING id`);
    projectId = String(row.id);
  });

  it('lists exactly the participants without cover on the day (China time), for staff', async () => {
    const [a, b, c, d, e, i] = people;
    // 2025-06-30 17:00 UTC is 1 July in Zibo: B's cover (to 30 June) has ended, C's (from 1 July) has begun.
    const activityId = await activityWith('2025-06-30T17:00:00Z', [
      [a.id, 'SIGNED_UP'],
      [b.id, 'SIGNED_UP'],
      [c.id, 'SIGNED_UP'],
      [d.id, 'SIGNED_UP'],
      [e.id, 'CHECKED_IN'],
      [i.id, 'CHECKED_OUT'],
      [seededIds[0], 'SIGNED_UP'],
      [seededIds[1], 'SIGNED_UP'],
      [seededIds[2], 'CANCELLED'],
    ]);
    for (const as of [STATION_STAFF, INSURER]) {
      const participants = await uninsured(activityId, as);
      // D's cover was cancelled; E's was under the old plan, in 2023; the seeded two never had any.
      expect(participants?.map((v) => v.id).sort()).toEqual([b.id, d.id, e.id, seededIds[0], seededIds[1]].sort());
      expect(participants?.find((v) => v.id === b.id)?.name).toBe(b.name);
    }
    // A leader of some other team than the project's sees no participants (the projects subgraph decides, through @requires).
    for (const as of [volunteer(a), undefined, { roles: ['TEAM_LEADER'], sub: 'leader-1', volunteerId: a.id }] satisfies (TokenFor | undefined)[]) {
      const { errors } = await stack.query(ActivityUninsuredParticipantsDocument, { id: activityId }, as);
      expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('requires cover on every day an activity spans (past midnight, China time)', async () => {
    const [, b, c] = people;
    // 30 June 22:00 to 1 July 02:00 in Zibo: B's cover ends 30 June, C's starts 1 July — neither covers the whole activity.
    const overnight = await activityWith(
      '2025-06-30T14:00:00Z',
      [
        [b.id, 'SIGNED_UP'],
        [c.id, 'SIGNED_UP'],
      ],
      '4 hours',
    );
    expect((await uninsured(overnight, INSURER))?.map((v) => v.id).sort()).toEqual([b.id, c.id].sort());
  });

  it('checks every participant of every activity listed in one statement', async () => {
    await activityWith('2025-08-01T01:00:00Z', [
      [people[0].id, 'SIGNED_UP'],
      [people[8].id, 'SIGNED_UP'],
    ]);
    await activityWith('2025-09-01T01:00:00Z', [
      [people[2].id, 'SIGNED_UP'],
      [people[9].id, 'SIGNED_UP'],
      [seededIds[3], 'SIGNED_UP'],
    ]);
    const seen: string[] = [];
    const stop = stack.insurance.db.dataSource.sqlLogger.onStatement((s) => seen.push(/\/\* (\w+) \*\//.exec(s)?.[1] ?? s));
    const response = await stack.query(ProjectActivitiesUninsuredParticipantsDocument, { p: projectId }, STATION_STAFF);
    stop();
    const { activities } = dataOf(response);
    expect(activities.edges.map((e) => e.node.uninsuredParticipants.map((v) => v.id).sort())).toEqual([
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
    const [project]: { id: string }[] = await projectsDb().query(`INSERT INTO projects (name, team_id, theme, region_code) VALUES ('长者食堂多效互助', 2, 'ELDERLY_CARE', '370303') RETURNING id`);
    const [activity]: { id: string }[] = await projectsDb().query(
      `INSERT INTO activities (project_id, station_id, title, theme, region_code, starts_at, ends_at, capacity, signup_count, status)
       VALUES ($1, 1, '助餐送餐', 'ELDERLY_CARE', '370303', '2025-03-05T01:00:00Z', '2025-03-05T05:00:00Z', 10, 1, 'COMPLETED') RETURNING id`,
      [project.id],
    );
    const [signup]: { id: string }[] = await projectsDb().query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'CHECKED_OUT') RETURNING id`, [activity.id, a.id]);
    const [record]: { id: string }[] = await projectsDb().query(
      `INSERT INTO service_records (signup_id, activity_id, volunteer_id, service_date, place, served_party, content, hours, person_in_charge, recorded_by)
       VALUES ($1, $2, $3, '2025-03-05', '张店区长者食堂（和平街道）', '社区老人', '助餐送餐', 3.5, '李队长', 'staff-1') RETURNING id`,
      [signup.id, activity.id, a.id],
    );
    const id = await enrolmentOf(a);
    const evidence = async (d: string, as: TokenFor) => dataOf(await stack.query(EnrolmentServiceEvidenceDocument, { id, d }, as)).enrolment?.serviceEvidence;
    for (const as of [INSURER, volunteer(a)]) {
      expect(await evidence('2025-03-05', as)).toEqual([{ id: String(record.id), serviceDate: '2025-03-05', place: '张店区长者食堂（和平街道）', hours: 3.5, activity: { title: '助餐送餐' } }]);
    }
    expect(await evidence('2025-03-06', INSURER)).toEqual([]);
  });
});
