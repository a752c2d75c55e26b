import type { DataSource, EntityManager } from 'typeorm';
import { sql } from '@vg/db';
import type { Pii } from '../domain/pii';
import type { DemoData } from './generate';
import type { RegionLevel, RegionRow } from './regions';

/** Anything that runs a statement: a DataSource, or an EntityManager inside a transaction. */
type Queryable = Pick<EntityManager, 'query'>;

export interface InsertOptions {
  /** Rows per INSERT statement. */
  chunkSize?: number;
}

/** Rows written per table. */
export interface InsertedCounts {
  regions: number;
  volunteers: number;
  teams: number;
  memberships: number;
  stations: number;
}

const DEFAULT_CHUNK_SIZE = 5000;
const TEAM_LEVELS: readonly RegionLevel[] = ['CITY', 'COUNTY', 'TOWN', 'VILLAGE'];

/**
 * Writes `data` in one transaction: all of it or nothing. Every table is written with multi-row
 * INSERTs over `unnest` of array parameters, `chunkSize` rows per statement (never one statement
 * per row); ID numbers and phones only ever reach the database encrypted and hashed by `pii`.
 * Regions that already exist are left as they are (and not counted).
 */
export async function insertDemoData(dataSource: DataSource, data: DemoData, pii: Pii, options: InsertOptions = {}): Promise<InsertedCounts> {
  return dataSource.transaction((manager) => writeDemoData(manager, data, pii, options));
}

/** `insertDemoData` inside a transaction the caller already holds. */
export async function writeDemoData(db: Queryable, data: DemoData, pii: Pii, options: InsertOptions = {}): Promise<InsertedCounts> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const regions = await writeRegions(db, data.regions, chunkSize);
  const volunteerIds = await writeVolunteers(db, data, pii, chunkSize);
  const teamIds = await writeTeams(db, data, chunkSize);
  await forChunks(data.memberships, chunkSize, (rows) =>
    db.query(
      sql(
        'seedTeamMemberships',
        `INSERT INTO team_memberships (team_id, volunteer_id, role, joined_at)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::varchar[], $4::timestamptz[])`,
      ),
      [rows.map((m) => teamIds[m.team]), rows.map((m) => volunteerIds[m.volunteer]), rows.map((m) => m.role), rows.map((m) => m.joinedAt)],
    ),
  );
  await forChunks(data.stations, chunkSize, (rows) =>
    db.query(
      sql(
        'seedStations',
        `INSERT INTO stations (name, kind, lat, lng, address, region_code, opening_hours, operating_team_id)
        SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::float8[], $4::float8[], $5::varchar[], $6::varchar[], $7::varchar[], $8::bigint[])`,
      ),
      [
        rows.map((s) => s.name),
        rows.map((s) => s.kind),
        rows.map((s) => s.lat),
        rows.map((s) => s.lng),
        rows.map((s) => s.address),
        rows.map((s) => s.regionCode),
        rows.map((s) => s.openingHours),
        rows.map((s) => (s.team === null ? null : teamIds[s.team])),
      ],
    ),
  );
  return { regions, volunteers: volunteerIds.length, teams: teamIds.length, memberships: data.memberships.length, stations: data.stations.length };
}

/** Inserts regions (parents first), skipping codes that exist; returns how many were new. */
export async function writeRegions(db: Queryable, regions: readonly RegionRow[], chunkSize = DEFAULT_CHUNK_SIZE): Promise<number> {
  let inserted = 0;
  await forChunks(regions, chunkSize, async (rows) => {
    const result: { code: string }[] = await db.query(
      sql(
        'seedRegions',
        `INSERT INTO regions (code, name, level, parent_code)
        SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
        ON CONFLICT (code) DO NOTHING RETURNING code`,
      ),
      [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.level), rows.map((r) => r.parentCode)],
    );
    inserted += result.length;
  });
  return inserted;
}

/**
 * Inserts volunteers in order and returns their ids by index. RETURNING gives no order
 * guarantee, so rows are matched back by their ID-number hash (unique).
 */
async function writeVolunteers(db: Queryable, data: DemoData, pii: Pii, chunkSize: number): Promise<string[]> {
  const ids: string[] = new Array(data.volunteers.length);
  await forChunks(data.volunteers, chunkSize, async (rows, offset) => {
    const idNumbers = rows.map((v) => pii.protectIdNumber(v.idNumber));
    const phones = rows.map((v) => pii.protectPhone(v.phone));
    const returned: { id: string; id_number_hash: string }[] = await db.query(
      sql(
        'seedVolunteers',
        `INSERT INTO volunteers (name, gender, region_code, skills, id_number_encrypted, id_number_hash,
          phone_encrypted, phone_hash, status, registered_at)
        SELECT name, gender, region_code, string_to_array(skills, ','), id_number_encrypted, id_number_hash,
          phone_encrypted, phone_hash, status, registered_at
        FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::bytea[], $6::text[],
          $7::bytea[], $8::text[], $9::varchar[], $10::timestamptz[])
          WITH ORDINALITY AS t(name, gender, region_code, skills, id_number_encrypted, id_number_hash,
          phone_encrypted, phone_hash, status, registered_at, ord)
        ORDER BY ord
        RETURNING id, id_number_hash`,
      ),
      [
        rows.map((v) => v.name),
        rows.map((v) => v.gender),
        rows.map((v) => v.regionCode),
        rows.map((v) => skillsText(v.skills)),
        idNumbers.map((p) => p.encrypted),
        idNumbers.map((p) => p.hash),
        phones.map((p) => p.encrypted),
        phones.map((p) => p.hash),
        rows.map((v) => v.status),
        rows.map((v) => v.registeredAt),
      ],
    );
    const byHash = new Map(idNumbers.map((p, i) => [p.hash, offset + i]));
    for (const row of returned) ids[byHash.get(row.id_number_hash) ?? fail(`unexpected id_number_hash ${row.id_number_hash}`)] = String(row.id);
    if (returned.length !== rows.length) fail(`inserted ${returned.length} of ${rows.length} volunteers`);
  });
  return ids;
}

/** Inserts teams a level at a time, so each parent's id is known; returns ids by index. */
async function writeTeams(db: Queryable, data: DemoData, chunkSize: number): Promise<string[]> {
  const ids: string[] = new Array(data.teams.length);
  for (const level of TEAM_LEVELS) {
    const indexes = data.teams.flatMap((t, i) => (t.level === level ? [i] : []));
    await forChunks(indexes, chunkSize, async (chunk) => {
      const rows = chunk.map((i) => data.teams[i]);
      const returned: { id: string; region_code: string; name: string }[] = await db.query(
        sql(
          'seedTeams',
          `INSERT INTO teams (name, level, region_code, parent_id, description)
          SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bigint[], $5::text[])
          RETURNING id, region_code, name`,
        ),
        [
          rows.map((t) => t.name),
          rows.map((t) => t.level),
          rows.map((t) => t.regionCode),
          rows.map((t) => (t.parent === null ? null : (ids[t.parent] ?? fail(`team ${t.name}: parent not yet written`)))),
          rows.map((t) => t.description),
        ],
      );
      // (region_code, name) is unique in the table, so it identifies the returned rows.
      const byKey = new Map(chunk.map((i) => [`${data.teams[i].regionCode}|${data.teams[i].name}`, i]));
      for (const row of returned) ids[byKey.get(`${row.region_code}|${row.name}`) ?? fail(`unexpected team ${row.name}`)] = String(row.id);
      if (returned.length !== rows.length) fail(`inserted ${returned.length} of ${rows.length} teams`);
    });
  }
  return ids;
}

/** Skills travel as one comma-separated text per row: unnest would flatten a text[][]. */
function skillsText(skills: readonly string[]): string {
  if (skills.some((s) => s.includes(',') || s === '')) fail(`a skill cannot be empty or contain a comma: ${skills.join('|')}`);
  return skills.join(',');
}

/** Calls `write` for consecutive slices of at most `size` items, one after another. */
async function forChunks<T>(items: readonly T[], size: number, write: (chunk: T[], offset: number) => Promise<unknown>): Promise<void> {
  if (!(Number.isSafeInteger(size) && size > 0)) throw new RangeError(`chunkSize must be a positive integer, got ${size}`);
  for (let offset = 0; offset < items.length; offset += size) await write(items.slice(offset, offset + size), offset);
}

function fail(message: string): never {
  throw new Error(`insertDemoData: ${message}`);
}
