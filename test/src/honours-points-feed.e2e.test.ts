import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createTestDataSource, freePort, type TestDataSource } from '@vg/db';
import { SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import { seedProjectsDatabase } from '@vg/projects';
import { loadServiceDefinition } from '@vg/service';
import { serviceViewer } from '@vg/standards';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { startStack, type Stack } from './testkit';

/*
 * The points loop over a seeded stack: honours' hours agree with projects' for every volunteer,
 * and a separate honours process killed with SIGKILL in the middle of a backlog of thousands of
 * changes credits every one exactly once after its restart.
 */

const ROOT = join(__dirname, '..', '..');
let stack: Stack;

const projectsDb = () => stack.projects.db.dataSource;
const rows = <T>(db: DataSource, text: string, params: unknown[] = []): Promise<T[]> => db.query(text, params);
const latestSequence = async () => Number((await rows<{ s: string }>(projectsDb(), 'SELECT last_sequence::text AS s FROM service_record_feed_counter'))[0].s);
const cursorOf = async (db: DataSource) => Number((await rows<{ s: string }>(db, `SELECT last_sequence::text AS s FROM feed_cursors WHERE feed = 'service-records'`))[0]?.s ?? 0);

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `rounds` corrections of `perRound` records each (half an hour more each time), appended to the
 * feed as the projects repository does: the counter's row lock gives gapless sequences.
 */
async function appendCorrections(rounds: number, perRound: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await projectsDb().transaction(async (m) => {
      await m.query(`UPDATE service_records SET hours = hours + 0.5 WHERE id IN (SELECT id FROM service_records ORDER BY id LIMIT $1)`, [perRound]);
      await m.query(
        `WITH picked AS (SELECT id, volunteer_id, hours, row_number() OVER (ORDER BY id) AS n FROM service_records ORDER BY id LIMIT $1),
              base AS (UPDATE service_record_feed_counter SET last_sequence = last_sequence + (SELECT count(*) FROM picked) RETURNING last_sequence - (SELECT count(*) FROM picked) AS b)
         INSERT INTO service_record_changes (sequence, record_id, volunteer_id, kind, hours, hours_delta)
         SELECT base.b + picked.n, picked.id, picked.volunteer_id, 'CORRECTED', picked.hours, 0.5 FROM picked, base`,
        [perRound],
      );
    });
  }
}

/** What the rules (10 points an hour, EMERGENCY_RESCUE × 1.5) give the records as they stand now. */
async function pointsByRule(): Promise<number> {
  const [row] = await rows<{ points: number }>(
    projectsDb(),
    `SELECT coalesce(sum(floor(r.hours * 10 * CASE WHEN a.theme = 'EMERGENCY_RESCUE' THEN 1.5 ELSE 1 END + 0.5)), 0)::int AS points
     FROM service_records r LEFT JOIN activities a ON a.id = r.activity_id`,
  );
  return row.points;
}

/** Hours per volunteer in projects, and in an honours database. */
async function hoursAgree(honours: DataSource): Promise<{ projects: number; mismatches: unknown[] }> {
  const projects = await rows<{ id: string; hours: string }>(projectsDb(), 'SELECT volunteer_id::text AS id, sum(hours)::text AS hours FROM service_records GROUP BY volunteer_id');
  const credited = new Map((await rows<{ id: string; hours: string }>(honours, 'SELECT volunteer_id::text AS id, hours::text FROM volunteer_hours')).map((r) => [r.id, Number(r.hours)]));
  return { projects: projects.length, mismatches: projects.filter((p) => credited.get(p.id) !== Number(p.hours)).map((p) => ({ ...p, honours: credited.get(p.id) })) };
}

async function expectExactlyOnce(honours: DataSource): Promise<void> {
  const latest = await latestSequence();
  const [ledger] = await rows<{ entries: number; sequences: number; credits: number; first: string; last: string }>(
    honours,
    `SELECT count(*)::int AS entries, count(DISTINCT source_sequence)::int AS sequences, min(source_sequence)::text AS first, max(source_sequence)::text AS last,
       coalesce(sum(points) FILTER (WHERE kind IN ('RECORD', 'CORRECTION')), 0)::int AS credits
     FROM points_ledger WHERE source_sequence IS NOT NULL`,
  );
  expect(ledger).toEqual({ entries: latest, sequences: latest, first: '1', last: String(latest), credits: await pointsByRule() });
  const unbalanced = await rows(
    honours,
    `SELECT a.volunteer_id FROM points_accounts a LEFT JOIN (SELECT volunteer_id, sum(points) AS s FROM points_ledger GROUP BY volunteer_id) l USING (volunteer_id)
     WHERE a.balance <> coalesce(l.s, 0) OR a.balance <> a.earned - a.spent - a.expired`,
  );
  expect(unbalanced).toEqual([]);
  const agreement = await hoursAgree(honours);
  expect(agreement.projects).toBeGreaterThan(10);
  expect(agreement.mismatches).toEqual([]);
}

beforeAll(async () => {
  stack = await startStack({ workers: true });
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 300 });
  await seedProjectsDatabase(projectsDb(), new SubgraphClient({ url: stack.volunteers.url, internalSecret: stack.secrets.internalSecret, viewer: serviceViewer('test') }), {
    contactKeys: stack.secrets.piiKeys,
    logger: silentLogger(),
  });
}, 180_000);
afterAll(() => stack?.stop());

it('credits the seeded feed in the stack exactly once: hours agree with projects for every volunteer, ledgers with the rules', async () => {
  const honours = stack.honours.db.dataSource;
  const latest = await latestSequence();
  expect(latest).toBeGreaterThan(100);
  await waitFor(async () => (await cursorOf(honours)) === latest, 120_000, 'the stack honours to catch up');
  await expectExactlyOnce(honours);
}, 180_000);

describe('a honours process killed mid-backlog', () => {
  let db: TestDataSource;
  let child: ChildProcess | undefined;

  const startHonours = async (port: number): Promise<ChildProcess> => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'services', 'honours', 'src', 'main.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        HONOURS_PORT: String(port),
        HONOURS_DATABASE_URL: db.url,
        PROJECTS_URL: stack.projects.url,
        VOLUNTEERS_URL: stack.volunteers.url,
        INTERNAL_SECRET: stack.secrets.internalSecret,
        SEED_WHEN_EMPTY: 'false',
      },
    });
    return process_;
  };

  beforeAll(async () => {
    const definition = loadServiceDefinition('honours');
    db = await createTestDataSource({ name: 'honours', entities: definition.entities, migrations: definition.migrations });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await db?.drop();
  });

  it('resumes where it stopped and credits every change exactly once', async () => {
    // A backlog of thousands of changes on top of the seeded records.
    await appendCorrections(8, 1000);
    const latest = await latestSequence();
    expect(latest).toBeGreaterThan(5000);
    const port = await freePort();
    child = await startHonours(port);
    await waitFor(async () => (await cursorOf(db.dataSource)) >= 1000, 120_000, 'the first pages');
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const atKill = await cursorOf(db.dataSource);
    expect(atKill).toBeLessThan(latest);
    // What was committed is whole: one entry per change up to the cursor, nothing after it.
    const [partial] = await rows<{ entries: number; beyond: number }>(
      db.dataSource,
      'SELECT count(*)::int AS entries, count(*) FILTER (WHERE source_sequence > $1)::int AS beyond FROM points_ledger WHERE source_sequence IS NOT NULL',
      [atKill],
    );
    expect(partial).toEqual({ entries: atKill, beyond: 0 });

    child = await startHonours(port);
    await waitFor(async () => (await cursorOf(db.dataSource)) === latest, 120_000, 'the restarted honours to catch up');
    await expectExactlyOnce(db.dataSource);
    const metrics = () => fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
    await waitFor(async () => /vg_feed_changes_behind\{feed="service-records"\} 0\n/.test(await metrics()), 10_000, 'the lag gauge to reach 0');
    expect(await metrics()).toMatch(/vg_feed_changes_consumed_total\{feed="service-records"\} [1-9]\d*\n/);
    child.kill('SIGTERM');
  }, 240_000);
});
