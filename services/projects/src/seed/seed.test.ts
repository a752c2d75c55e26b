import { randomBytes } from 'node:crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import { silentLogger } from '@vg/logger';
import { entities, migrations } from '../data/entities';
import { ContactCipher } from '../domain/contact';
import { FakeVolunteersSource, fakeVolunteersFacts } from './fake-volunteers';
import { learnVolunteersFacts } from './facts';
import { generateProjectsDemoData } from './generate';
import { seedProjectsDatabase } from './index';

const NOW = new Date('2026-11-29T08:00:00Z');
const contactKeys = { encryptionKey: randomBytes(32).toString('base64'), hashKey: 'test' };
const logger = silentLogger();
const facts = fakeVolunteersFacts({ teams: 60, stations: 40, volunteers: 400 });
const fast = { retryDelayMs: 5, waitForVolunteersMs: 2_000 };

/** Small enough that the biggest tables take several statements here. */
const CHUNK = 20_000;

const open = () => createTestDataSource({ name: 'projects_seed', entities, migrations });

/** Runs `action` and returns the statements it issued, by their `/* name *\/` tag. */
async function statementsOf(db: TestDataSource, action: () => Promise<unknown>): Promise<{ total: number; byName: Record<string, number> }> {
  const byName: Record<string, number> = {};
  const before = db.dataSource.sqlLogger.statementCount;
  const stop = db.dataSource.sqlLogger.onStatement((statement) => {
    const name = /^\/\* (\w+) \*\//.exec(statement)?.[1] ?? statement.slice(0, 20);
    byName[name] = (byName[name] ?? 0) + 1;
  });
  await action();
  stop();
  return { total: db.dataSource.sqlLogger.statementCount - before, byName };
}

const TABLES = [
  'brands',
  'projects',
  'project_awards',
  'demonstration_library_changes',
  'activities',
  'signups',
  'service_records',
  'service_record_changes',
  'service_requests',
  'service_request_events',
];

async function counts(db: TestDataSource): Promise<Record<string, number>> {
  const [row] = await db.dataSource.query(`SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
  return row;
}

describe('learnVolunteersFacts', () => {
  it('reads every page of teams, stations and volunteers', async () => {
    const source = new FakeVolunteersSource(fakeVolunteersFacts({ teams: 130, stations: 40, volunteers: 250 }));
    const learned = await learnVolunteersFacts(source, { logger });
    expect([learned?.teams.length, learned?.stations.length, learned?.volunteers.length]).toEqual([130, 40, 250]);
    expect(source.calls).toBe(2 + 1 + 3); // teams 2 pages, stations 1, volunteers 3
    expect(learned?.volunteers[0].teamIds.length).toBeGreaterThan(0);
  });

  it('asks again while the volunteers subgraph fails or has nothing yet', async () => {
    const failing = new FakeVolunteersSource(facts, { failTimes: 3 });
    expect((await learnVolunteersFacts(failing, { logger, retryDelayMs: 5 }))?.teams).toHaveLength(60);
    const empty = new FakeVolunteersSource(facts, { emptyTimes: 4 });
    expect((await learnVolunteersFacts(empty, { logger, retryDelayMs: 5 }))?.stations).toHaveLength(40);
  });

  it('gives up after the wait: null when it answered with nothing, the failure when it never answered', async () => {
    expect(await learnVolunteersFacts(new FakeVolunteersSource(facts, { emptyTimes: 1e9 }), { logger, retryDelayMs: 5, waitMs: 50 })).toBeNull();
    await expect(learnVolunteersFacts(new FakeVolunteersSource(facts, { failTimes: 1e9 }), { logger, retryDelayMs: 5, waitMs: 50 })).rejects.toThrow(/did not answer.*ECONNREFUSED/);
  });
});

describe('seedProjectsDatabase (real PostgreSQL)', () => {
  let db: TestDataSource;
  let statements: { total: number; byName: Record<string, number> };
  let result: Awaited<ReturnType<typeof seedProjectsDatabase>>;
  const expected = generateProjectsDemoData(facts, { now: NOW });
  /** Records of both sources: checked-out sign-ups and completed service requests. */
  const allRecords = expected.records.length + expected.requestRecords.length;
  const query = <T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> => db.dataSource.query(text, params);

  beforeAll(async () => {
    db = await open();
    statements = await statementsOf(db, async () => {
      result = await seedProjectsDatabase(db.dataSource, new FakeVolunteersSource(facts), { contactKeys, logger, now: NOW, chunkSize: CHUNK, ...fast });
    });
  }, 120_000);
  afterAll(() => db?.drop());

  it('writes every generated row and reports the counts', async () => {
    expect(await counts(db)).toEqual({
      brands: 10,
      projects: 120,
      project_awards: expected.awards.length,
      demonstration_library_changes: expected.libraryChanges.length,
      activities: 3000,
      signups: expected.signups.length,
      service_records: allRecords,
      service_record_changes: allRecords,
      service_requests: 210,
      service_request_events: expected.events.length,
    });
    expect(result).toEqual({
      seeded: true,
      brands: 10,
      projects: 120,
      projectAwards: expected.awards.length,
      demonstrationLibraryChanges: expected.libraryChanges.length,
      activities: 3000,
      signups: expected.signups.length,
      serviceRecords: allRecords,
      serviceRecordChanges: allRecords,
      serviceRequests: 210,
      serviceRequestEvents: expected.events.length,
    });
  });

  it('issues a statement per chunk of each table (plus the locks, checks, id reservation and feed counter), not one per row', () => {
    const chunks = (rows: number) => Math.ceil(rows / CHUNK);
    expect(statements.byName).toEqual({
      seedHasBrands: 2,
      'START TRANSACTION': 1,
      seedLock: 1,
      seedLockTables: 1,
      seedReserveIds: 1,
      seedBrands: 1,
      seedProjects: 1,
      seedProjectAwards: 1,
      seedDemonstrationLibraryChanges: 1,
      seedActivities: 1,
      seedSignups: chunks(expected.signups.length),
      seedServiceRecords: chunks(expected.records.length),
      seedClaimFeedSequences: 1,
      seedServiceRecordChanges: chunks(allRecords),
      seedServiceRequests: 1,
      seedServiceRequestRecords: 1,
      seedServiceRequestEvents: 1,
      COMMIT: 1,
    });
    expect(chunks(expected.signups.length)).toBeGreaterThan(1);
    expect(statements.total).toBeLessThan(25);
  });

  it('links rows as generated: the gold projects with their award, projects with their brands and teams', async () => {
    const gold = await query<{ name: string; team_id: string; in_demonstration_library: boolean; title: string; rank: string; level: string; year: number }>(
      `SELECT p.name, p.team_id, p.in_demonstration_library, w.title, w.rank, w.level, w.year FROM projects p JOIN project_awards w ON w.project_id = p.id
        WHERE w.level = 'NATIONAL' ORDER BY p.name`,
    );
    expect(gold).toEqual([
      { name: '适老安居规划师', team_id: '1', in_demonstration_library: true, title: '第七届中国青年志愿服务项目大赛', rank: '金奖', level: 'NATIONAL', year: 2024 },
      { name: '长者食堂多效互助', team_id: '1', in_demonstration_library: true, title: '第七届中国青年志愿服务项目大赛', rank: '金奖', level: 'NATIONAL', year: 2024 },
    ]);
    const regional = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM projects p JOIN brands b ON b.id = p.brand_id WHERE b.kind = 'REGIONAL' AND b.region_code IS NOT NULL AND p.region_code NOT LIKE b.region_code || '%'`,
    );
    expect(regional[0].n).toBe(0);
    const [flags] = await query<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM projects p
        WHERE p.in_demonstration_library <> coalesce((SELECT c.action FROM demonstration_library_changes c WHERE c.project_id = p.id ORDER BY c.at DESC, c.id DESC LIMIT 1) = 'ADDED', false)`,
    );
    expect(flags.wrong).toBe(0);
  });

  it("never exceeds an activity's capacity, and keeps signup_count equal to the live sign-ups", async () => {
    const [row] = await query<{ over: number; miscounted: number }>(
      `SELECT count(*) FILTER (WHERE live > a.capacity)::int AS over, count(*) FILTER (WHERE live <> a.signup_count)::int AS miscounted
        FROM activities a CROSS JOIN LATERAL (SELECT count(*) AS live FROM signups s WHERE s.activity_id = a.id AND s.status <> 'CANCELLED') l`,
    );
    expect(row).toEqual({ over: 0, miscounted: 0 });
  });

  it('never signs a volunteer up for overlapping activities', async () => {
    const [row] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM signups s1 JOIN activities a1 ON a1.id = s1.activity_id
        JOIN signups s2 ON s2.volunteer_id = s1.volunteer_id AND s2.id > s1.id JOIN activities a2 ON a2.id = s2.activity_id
        WHERE a1.starts_at < a2.ends_at AND a2.starts_at < a1.ends_at`,
    );
    expect(row.n).toBe(0);
  });

  it('gives every checked-out sign-up one record, and the feed one gapless entry per record, the counter at the end', async () => {
    const [records] = await query<{ missing: number; extra: number }>(
      `SELECT (SELECT count(*)::int FROM signups s WHERE s.status = 'CHECKED_OUT' AND NOT EXISTS (SELECT 1 FROM service_records r WHERE r.signup_id = s.id)) AS missing,
              (SELECT count(*)::int FROM service_records r JOIN signups s ON s.id = r.signup_id WHERE s.status <> 'CHECKED_OUT') AS extra`,
    );
    expect(records).toEqual({ missing: 0, extra: 0 });
    const [feed] = await query<{ n: number; min: string; max: string; last: string; mismatched: number; unordered: number }>(
      `SELECT count(*)::int AS n, min(c.sequence) AS min, max(c.sequence) AS max, (SELECT last_sequence FROM service_record_feed_counter) AS last,
          count(*) FILTER (WHERE c.kind <> 'CREATED' OR c.hours <> r.hours OR c.hours_delta <> r.hours OR c.volunteer_id <> r.volunteer_id OR c.at <> r.recorded_at)::int AS mismatched,
          count(*) FILTER (WHERE c.at < lag_at)::int AS unordered
        FROM (SELECT *, lag(at) OVER (ORDER BY sequence) AS lag_at FROM service_record_changes) c JOIN service_records r ON r.id = c.record_id`,
    );
    expect(feed).toEqual({ n: allRecords, min: '1', max: String(allRecords), last: String(allRecords), mismatched: 0, unordered: 0 });
    const [distinctRecords] = await query<{ n: number }>('SELECT count(DISTINCT record_id)::int AS n FROM service_record_changes');
    expect(distinctRecords.n).toBe(allRecords);
    const [fields] = await query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM service_records r JOIN activities a ON a.id = r.activity_id
        WHERE r.recorded_by <> 'seed' OR r.hours <= 0 OR r.hours * 3600 > extract(epoch FROM a.ends_at - a.starts_at)
          OR r.service_date <> (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date OR r.place NOT LIKE '%（淄博市%）'`,
    );
    expect(fields.bad).toBe(0);
  });

  it('gives every COMPLETED or RATED request one record of its accepting volunteer, dated the completion, within the time since acceptance', async () => {
    const [row] = await query<{ missing: number; extra: number; bad: number }>(
      `SELECT (SELECT count(*)::int FROM service_requests q WHERE q.status IN ('COMPLETED', 'RATED') AND NOT EXISTS (SELECT 1 FROM service_records r WHERE r.service_request_id = q.id)) AS missing,
              (SELECT count(*)::int FROM service_records r JOIN service_requests q ON q.id = r.service_request_id WHERE q.status NOT IN ('COMPLETED', 'RATED')) AS extra,
              (SELECT count(*)::int FROM service_records r JOIN service_requests q ON q.id = r.service_request_id
                 JOIN service_request_events done ON done.request_id = q.id AND done.to_status = 'COMPLETED'
                 JOIN service_request_events acc ON acc.request_id = q.id AND acc.to_status = 'ACCEPTED'
                WHERE r.volunteer_id <> q.accepted_by OR r.place <> q.address OR r.recorded_at <> done.at OR r.hours <= 0
                   OR r.hours * 3600 > extract(epoch FROM done.at - acc.at) OR r.service_date <> (done.at AT TIME ZONE 'Asia/Shanghai')::date
                   OR r.activity_id IS NOT NULL OR r.signup_id IS NOT NULL) AS bad`,
    );
    expect(expected.requestRecords.length).toBeGreaterThan(0);
    expect(row).toEqual({ missing: 0, extra: 0, bad: 0 });
  });

  it('has service requests in every status, each with a consistent history; anonymous ones only encrypted', async () => {
    const statuses = await query<{ status: string }>('SELECT DISTINCT status FROM service_requests ORDER BY status');
    expect(statuses.map((s) => s.status)).toEqual(['ACCEPTED', 'CANCELLED', 'COMPLETED', 'DISPATCHED', 'FUNDED', 'ORDERED', 'RATED']);
    const [history] = await query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM service_requests q
        WHERE (SELECT e.to_status FROM service_request_events e WHERE e.request_id = q.id ORDER BY e.id DESC LIMIT 1) <> q.status
           OR (SELECT e.to_status FROM service_request_events e WHERE e.request_id = q.id ORDER BY e.id LIMIT 1) <> 'ORDERED'`,
    );
    expect(history.bad).toBe(0);
    const anonymous = await query<{ contact_phone_encrypted: Buffer; tracking_code_hash: string }>(
      'SELECT contact_phone_encrypted, tracking_code_hash FROM service_requests WHERE requester_sub IS NULL',
    );
    expect(anonymous.length).toBeGreaterThan(0);
    const cipher = new ContactCipher(contactKeys);
    for (const row of anonymous) {
      const phone = cipher.revealPhone(row.contact_phone_encrypted);
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(row.tracking_code_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('leaves the identity sequences after the seeded ids, so later inserts do not collide', async () => {
    const [brand] = await query<{ id: string }>("INSERT INTO brands (name, kind) VALUES ('测试品牌', 'PROJECT') RETURNING id");
    const [max] = await query<{ max: string }>("SELECT max(id) AS max FROM brands WHERE name <> '测试品牌'");
    expect(Number(brand.id)).toBeGreaterThan(Number(max.max));
    await query("DELETE FROM brands WHERE name = '测试品牌'");
  });

  it('does nothing the second time, without asking the volunteers subgraph', async () => {
    const before = await counts(db);
    const source = new FakeVolunteersSource(facts);
    expect(await seedProjectsDatabase(db.dataSource, source, { contactKeys, logger, now: NOW, ...fast })).toEqual({ seeded: false });
    expect(source.calls).toBe(0);
    expect(await counts(db)).toEqual(before);
  });
});

describe('seedProjectsDatabase at another scale, concurrently', () => {
  let db: TestDataSource;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.drop());

  it('seeds once when two start together, in as many statements whatever the number of volunteers', async () => {
    const few = fakeVolunteersFacts({ teams: 60, stations: 40, volunteers: 120 });
    const options = { contactKeys, logger, now: NOW, ...fast };
    const { byName } = await statementsOf(db, async () => {
      const results = await Promise.all([seedProjectsDatabase(db.dataSource, new FakeVolunteersSource(few), options), seedProjectsDatabase(db.dataSource, new FakeVolunteersSource(few), options)]);
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
    });
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM brands');
    expect(n).toBe(10);
    // One statement per table with the default chunk size, whatever the number of volunteers.
    const writes = Object.entries(byName).filter(([name]) => /^seed(?!HasBrands|Lock$)/.test(name));
    expect(Object.fromEntries(writes)).toEqual({
      seedLockTables: 1,
      seedReserveIds: 1,
      seedBrands: 1,
      seedProjects: 1,
      seedProjectAwards: 1,
      seedDemonstrationLibraryChanges: 1,
      seedActivities: 1,
      seedSignups: 1,
      seedServiceRecords: 1,
      seedClaimFeedSequences: 1,
      seedServiceRecordChanges: 1,
      seedServiceRequests: 1,
      seedServiceRequestRecords: 1,
      seedServiceRequestEvents: 1,
    });
  });
});
