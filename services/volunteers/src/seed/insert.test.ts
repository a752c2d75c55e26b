import { randomBytes } from 'node:crypto';
import { createTestDataSource, type TestDataSource } from '@vg/db';
import { parseIdNumber } from '@vg/standards';
import { Pii, PHONE_PATTERN } from '../domain/pii';
import { migrations } from '../data/entities';
import { generateDemoData, insertDemoData, seedRegions, seedVolunteersDatabase } from './index';

const pii = new Pii({ encryptionKey: randomBytes(32).toString('base64'), hashKey: 'test' });
const data = generateDemoData();
const TABLES = ['regions', 'volunteers', 'teams', 'team_memberships', 'stations'] as const;

const open = () => createTestDataSource({ name: 'seed', entities: [], migrations });

async function counts(db: TestDataSource): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) result[table] = Number((await db.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  return result;
}

/** Runs `action` and returns the statements it issued, by their `/* name *\/` tag. */
async function statementsOf(db: TestDataSource, action: () => Promise<unknown>): Promise<{ total: number; byName: Record<string, number> }> {
  const byName: Record<string, number> = {};
  const before = db.dataSource.sqlLogger.statementCount;
  const stop = db.dataSource.sqlLogger.onStatement((statement) => {
    const name = /^\/\* (\w+) \*\//.exec(statement)?.[1] ?? 'untagged';
    byName[name] = (byName[name] ?? 0) + 1;
  });
  await action();
  stop();
  return { total: db.dataSource.sqlLogger.statementCount - before, byName };
}

describe('seedVolunteersDatabase (real PostgreSQL)', () => {
  let db: TestDataSource;
  let statements: { total: number; byName: Record<string, number> };
  beforeAll(async () => {
    db = await open();
    statements = await statementsOf(db, () => seedVolunteersDatabase(db.dataSource, pii));
  });
  afterAll(() => db?.drop());

  it('writes every generated row', async () => {
    expect(await counts(db)).toEqual({
      regions: data.regions.length,
      volunteers: 2000,
      teams: 60,
      team_memberships: data.memberships.length,
      stations: 40,
    });
    const [{ min, max }] = await db.dataSource.query('SELECT min(volunteer_no) AS min, max(volunteer_no) AS max FROM volunteers');
    expect([min, max]).toEqual(['ZB00000001', 'ZB00002000']);
  });

  it('writes in chunks: one statement per table and team level, not one per row', () => {
    expect(statements.byName).toMatchObject({ seedRegions: 1, seedVolunteers: 1, seedTeams: 4, seedTeamMemberships: 1, seedStations: 1 });
    expect(statements.total).toBeLessThan(20);
  });

  it('stores ID numbers and phones only encrypted and hashed (no masks, no birth date): they decrypt to valid values', async () => {
    const rows: { id_number_encrypted: Buffer; id_number_hash: string; phone_encrypted: Buffer; phone_hash: string; gender: string }[] = await db.dataSource.query(
      'SELECT id_number_encrypted, id_number_hash, phone_encrypted, phone_hash, gender FROM volunteers',
    );
    const expected = new Set(data.volunteers.map((v) => v.idNumber));
    for (const row of rows) {
      const idNumber = pii.reveal(row.id_number_encrypted);
      const parsed = parseIdNumber(idNumber);
      if (typeof parsed === 'string') throw new Error(`${idNumber}: ${parsed}`);
      expect(expected.has(idNumber)).toBe(true);
      expect([row.id_number_hash, row.gender]).toEqual([pii.idNumberHash(idNumber), parsed.gender]);
      const phone = pii.reveal(row.phone_encrypted);
      expect(phone).toMatch(PHONE_PATTERN);
      expect(row.phone_hash).toBe(pii.phoneHash(phone));
    }
    // The columns whose combination rebuilt every ID number are gone (docs/personal-data.md).
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'volunteers' AND column_name IN ('id_number_masked', 'phone_masked', 'birth_date')`,
    );
    expect(n).toBe(0);
  });

  it('leaves no plain ID number or phone in any text column', async () => {
    const columns: { table_name: string; column_name: string }[] = await db.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ANY($1) AND column_name NOT LIKE '%\\_hash'
          AND data_type IN ('character varying', 'character', 'text', 'ARRAY')`,
      [TABLES],
    );
    expect(columns.length).toBeGreaterThan(15);
    for (const { table_name, column_name } of columns) {
      const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table_name} WHERE ${column_name}::text ~ '\\d{17}[\\dXx]|(^|\\D)1[3-9]\\d{9}(\\D|$)'`);
      expect(`${table_name}.${column_name}: ${n}`).toBe(`${table_name}.${column_name}: 0`);
    }
    const sample = data.volunteers.slice(0, 100).flatMap((v) => [v.idNumber, v.phone]);
    const [{ n }] = await db.dataSource.query('SELECT count(*)::int AS n FROM volunteers v, unnest($1::text[]) s WHERE strpos(v::text, s) > 0', [sample]);
    expect(n).toBe(0);
  });

  it('links each team to its parent, members and leader as generated (ids matched back correctly)', async () => {
    const rows: { team: string; parent: string | null; hash: string; role: string }[] = await db.dataSource.query(
      `SELECT t.region_code || '|' || t.name AS team, p.region_code || '|' || p.name AS parent, v.id_number_hash AS hash, m.role
        FROM team_memberships m JOIN teams t ON t.id = m.team_id JOIN volunteers v ON v.id = m.volunteer_id
        LEFT JOIN teams p ON p.id = t.parent_id`,
    );
    const key = (i: number) => `${data.teams[i].regionCode}|${data.teams[i].name}`;
    const expected = data.memberships.map((m) => {
      const team = data.teams[m.team];
      return `${key(m.team)} < ${team.parent === null ? null : key(team.parent)}: ${pii.idNumberHash(data.volunteers[m.volunteer].idNumber)} ${m.role}`;
    });
    expect(rows.map((r) => `${r.team} < ${r.parent}: ${r.hash} ${r.role}`).sort()).toEqual(expected.sort());
  });

  it('puts several stations within a 15-minute walk (1,000 m) of central Zhangdian', async () => {
    const [{ n }] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM stations
        WHERE 2 * 6371000 * asin(sqrt(sin(radians(lat - 36.81) / 2) ^ 2 + cos(radians(36.81)) * cos(radians(lat)) * sin(radians(lng - 118.05) / 2) ^ 2)) <= 1000`,
    );
    expect(n).toBeGreaterThanOrEqual(4);
  });

  it('does nothing the second time', async () => {
    const before = await counts(db);
    expect(await seedVolunteersDatabase(db.dataSource, pii)).toEqual({ seeded: false });
    expect(await counts(db)).toEqual(before);
  });
});

describe('seedRegions and insertDemoData (real PostgreSQL)', () => {
  let db: TestDataSource;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.drop());

  it('seeds regions idempotently, after which the full seed stays away', async () => {
    expect(await seedRegions(db.dataSource)).toBe(data.regions.length);
    expect(await seedRegions(db.dataSource)).toBe(0);
    expect(await seedVolunteersDatabase(db.dataSource, pii)).toEqual({ seeded: false });
    expect((await counts(db)).volunteers).toBe(0);
  });

  it('inserts the rest over existing regions, chunkSize rows per statement', async () => {
    const { byName } = await statementsOf(db, async () => {
      const inserted = await insertDemoData(db.dataSource, data, pii, { chunkSize: 500 });
      expect(inserted).toEqual({ regions: 0, volunteers: 2000, teams: 60, memberships: data.memberships.length, stations: 40 });
    });
    expect(byName).toMatchObject({
      seedRegions: Math.ceil(data.regions.length / 500),
      seedVolunteers: 4,
      seedTeamMemberships: Math.ceil(data.memberships.length / 500),
    });
  });

  it('writes nothing when any statement fails (one transaction)', async () => {
    const other = await open();
    try {
      const broken = { ...data, stations: [{ ...data.stations[0], regionCode: '999999999' }] };
      await expect(insertDemoData(other.dataSource, broken, pii)).rejects.toThrow(/foreign key/);
      expect(await counts(other)).toEqual({ regions: 0, volunteers: 0, teams: 0, team_memberships: 0, stations: 0 });
    } finally {
      await other.drop();
    }
  });
});

describe('concurrent seeding (real PostgreSQL)', () => {
  let db: TestDataSource;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.drop());

  it('seeds exactly once when two processes start together', async () => {
    const results = await Promise.all([0, 1].map(() => seedVolunteersDatabase(db.dataSource, pii, { volunteers: 200, teams: 20, stations: 10 })));
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    expect(await counts(db)).toMatchObject({ volunteers: 200, teams: 20, stations: 10 });
  });
});
