import type { EntityManager } from 'typeorm';
import { sql } from '@vg/db';
import type { ContactCipher } from '../domain/contact';
import type { ProjectsDemoData } from './generate';
import { iso } from './time';

/** Anything that runs a statement: an EntityManager inside the seed's transaction. */
type Queryable = Pick<EntityManager, 'query'>;

/** Rows written per table. */
export interface InsertedCounts {
  brands: number;
  projects: number;
  projectAwards: number;
  demonstrationLibraryChanges: number;
  activities: number;
  signups: number;
  serviceRecords: number;
  serviceRecordChanges: number;
  serviceRequests: number;
  serviceRequestEvents: number;
}

/** Large enough that each table of the demo data takes one statement; the limit keeps memory bounded. */
export const DEFAULT_CHUNK_SIZE = 100_000;

/** Service requests with every column of the demo data (the loop's state as generated). */
const SERVICE_REQUESTS_INSERT = `INSERT INTO service_requests (id, kind, title, description, address, region_code, status, requester_sub, tracking_code_hash,
          contact_phone_encrypted, team_id, funding_amount, accepted_by, rating, rating_comment, ordered_at, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, kind, title, description, address, region_code, status, requester_sub, tracking_code_hash, contact_phone_encrypted,
          team_id, funding_amount, accepted_by, rating, rating_comment, ordered_at, ordered_at, updated_at
        FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::text[], $10::bytea[],
          $11::bigint[], $12::numeric[], $13::bigint[], $14::smallint[], $15::text[], $16::timestamptz[], $17::timestamptz[])
          AS t(id, kind, title, description, address, region_code, status, requester_sub, tracking_code_hash, contact_phone_encrypted,
            team_id, funding_amount, accepted_by, rating, rating_comment, ordered_at, updated_at)`;

/** Tables whose ids the rows of other tables refer to. */
const ID_TABLES = ['brands', 'projects', 'activities', 'signups', 'service_records', 'service_requests'] as const;
type IdTable = (typeof ID_TABLES)[number];

/**
 * Writes `data` with the caller's transaction: multi-row INSERTs over `unnest` of array
 * parameters, `chunkSize` rows per statement, so the number of statements depends on the tables,
 * not on the rows. Ids are first reserved from each table's own identity sequence (one statement
 * for all tables, see reserveIds), so rows refer to each other before they are written and later
 * inserts through the API continue after them. The feed's sequence numbers continue the counter, gaplessly, in the
 * order the records were made.
 */
export async function writeProjectsDemoData(db: Queryable, data: ProjectsDemoData, cipher: ContactCipher, chunkSize = DEFAULT_CHUNK_SIZE): Promise<InsertedCounts> {
  if (!(Number.isSafeInteger(chunkSize) && chunkSize > 0)) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const ids = await reserveIds(db, {
    brands: data.brands.length,
    projects: data.projects.length,
    activities: data.activities.length,
    signups: data.signups.length,
    service_records: data.records.length + data.requestRecords.length,
    service_requests: data.requests.length,
  });
  const chunks = <T>(items: readonly T[], write: (rows: T[], offset: number) => Promise<unknown>) => forChunks(items, chunkSize, write);

  await chunks(data.brands, (rows, o) =>
    db.query(
      sql(
        'seedBrands',
        `INSERT INTO brands (id, name, kind, description, region_code) OVERRIDING SYSTEM VALUE
        SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[])`,
      ),
      [slice(ids.brands, o, rows), rows.map((b) => b.name), rows.map((b) => b.kind), rows.map((b) => b.description), rows.map((b) => b.regionCode)],
    ),
  );
  await chunks(data.projects, (rows, o) =>
    db.query(
      sql(
        'seedProjects',
        `INSERT INTO projects (id, name, brand_id, team_id, theme, description, region_code, in_demonstration_library, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, name, brand_id, team_id, theme, description, region_code, in_library, created_at, created_at
        FROM unnest($1::bigint[], $2::varchar[], $3::bigint[], $4::bigint[], $5::varchar[], $6::text[], $7::varchar[], $8::boolean[], $9::timestamptz[])
          AS t(id, name, brand_id, team_id, theme, description, region_code, in_library, created_at)`,
      ),
      [
        slice(ids.projects, o, rows),
        rows.map((p) => p.name),
        rows.map((p) => (p.brand === null ? null : ids.brands[p.brand])),
        rows.map((p) => p.teamId),
        rows.map((p) => p.theme),
        rows.map((p) => p.description),
        rows.map((p) => p.regionCode),
        rows.map((p) => p.inLibrary),
        rows.map((p) => iso(p.createdAt)),
      ],
    ),
  );
  await chunks(data.awards, (rows) =>
    db.query(
      sql(
        'seedProjectAwards',
        `INSERT INTO project_awards (project_id, title, rank, level, year)
        SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[])`,
      ),
      [rows.map((a) => ids.projects[a.project]), rows.map((a) => a.title), rows.map((a) => a.rank), rows.map((a) => a.level), rows.map((a) => a.year)],
    ),
  );
  await chunks(data.libraryChanges, (rows) =>
    db.query(
      sql(
        'seedDemonstrationLibraryChanges',
        `INSERT INTO demonstration_library_changes (project_id, action, reason, by_sub, at)
        SELECT project_id, action, reason, 'seed', at FROM unnest($1::bigint[], $2::varchar[], $3::text[], $4::timestamptz[]) AS t(project_id, action, reason, at)`,
      ),
      [rows.map((c) => ids.projects[c.project]), rows.map((c) => c.action), rows.map((c) => c.reason), rows.map((c) => iso(c.at))],
    ),
  );
  await chunks(data.activities, (rows, o) =>
    db.query(
      sql(
        'seedActivities',
        `INSERT INTO activities (id, project_id, station_id, title, description, theme, region_code, starts_at, ends_at, capacity,
          signup_count, status, cancel_reason, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::varchar[], $5::text[], $6::varchar[], $7::varchar[], $8::timestamptz[],
          $9::timestamptz[], $10::int[], $11::int[], $12::varchar[], $13::text[], $14::timestamptz[], $15::timestamptz[])`,
      ),
      [
        slice(ids.activities, o, rows),
        rows.map((a) => ids.projects[a.project]),
        rows.map((a) => a.stationId),
        rows.map((a) => a.title),
        rows.map((a) => a.description),
        rows.map((a) => a.theme),
        rows.map((a) => a.regionCode),
        rows.map((a) => iso(a.startsAt)),
        rows.map((a) => iso(a.endsAt)),
        rows.map((a) => a.capacity),
        rows.map((a) => a.signupCount),
        rows.map((a) => a.status),
        rows.map((a) => a.cancelReason),
        rows.map((a) => iso(a.createdAt)),
        rows.map((a) => iso(a.updatedAt)),
      ],
    ),
  );
  await chunks(data.signups, (rows, o) =>
    db.query(
      sql(
        'seedSignups',
        `INSERT INTO signups (id, activity_id, volunteer_id, status, signed_up_at, checked_in_at, checked_out_at, cancelled_at, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, activity_id, volunteer_id, status, signed_up_at, checked_in_at, checked_out_at, cancelled_at, signed_up_at,
          greatest(signed_up_at, checked_in_at, checked_out_at, cancelled_at)
        FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::varchar[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
          AS t(id, activity_id, volunteer_id, status, signed_up_at, checked_in_at, checked_out_at, cancelled_at)`,
      ),
      [
        slice(ids.signups, o, rows),
        rows.map((s) => ids.activities[s.activity]),
        rows.map((s) => s.volunteerId),
        rows.map((s) => s.status),
        rows.map((s) => iso(s.signedUpAt)),
        rows.map((s) => optionalIso(s.checkedInAt)),
        rows.map((s) => optionalIso(s.checkedOutAt)),
        rows.map((s) => optionalIso(s.cancelledAt)),
      ],
    ),
  );
  await chunks(data.records, (rows, o) =>
    db.query(
      sql(
        'seedServiceRecords',
        `INSERT INTO service_records (id, signup_id, activity_id, volunteer_id, service_date, place, served_party, content, hours, evaluation,
          person_in_charge, recorded_by, recorded_at, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, signup_id, activity_id, volunteer_id, service_date, place, served_party, content, hours, evaluation, person_in_charge, 'seed',
          recorded_at, recorded_at, recorded_at
        FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::date[], $6::varchar[], $7::varchar[], $8::text[], $9::numeric[], $10::text[],
          $11::varchar[], $12::timestamptz[])
          AS t(id, signup_id, activity_id, volunteer_id, service_date, place, served_party, content, hours, evaluation, person_in_charge, recorded_at)`,
      ),
      [
        slice(ids.service_records, o, rows),
        rows.map((r) => ids.signups[r.signup]),
        rows.map((r) => ids.activities[r.activity]),
        rows.map((r) => r.volunteerId),
        rows.map((r) => r.serviceDate),
        rows.map((r) => r.place),
        rows.map((r) => r.servedParty),
        rows.map((r) => r.content),
        rows.map((r) => r.hours),
        rows.map((r) => r.evaluation),
        rows.map((r) => r.personInCharge),
        rows.map((r) => iso(r.recordedAt)),
      ],
    ),
  );
  await chunks(data.requests, (rows, o) =>
    db.query(sql('seedServiceRequests', SERVICE_REQUESTS_INSERT), [
      slice(ids.service_requests, o, rows),
      rows.map((r) => r.kind),
      rows.map((r) => r.title),
      rows.map((r) => r.description),
      rows.map((r) => r.address),
      rows.map((r) => r.regionCode),
      rows.map((r) => r.status),
      rows.map((r) => r.requesterSub),
      rows.map((r) => (r.trackingCode ? cipher.trackingCodeHash(r.trackingCode) : null)),
      rows.map((r) => (r.contactPhone ? cipher.encryptPhone(r.contactPhone) : null)),
      rows.map((r) => r.teamId),
      rows.map((r) => r.fundingAmount),
      rows.map((r) => r.acceptedBy),
      rows.map((r) => r.rating),
      rows.map((r) => r.ratingComment),
      rows.map((r) => iso(r.orderedAt)),
      rows.map((r) => iso(r.updatedAt)),
    ]),
  );
  // Records of completed requests take the ids after the activities' records.
  const requestRecordIds = ids.service_records.slice(data.records.length);
  await chunks(data.requestRecords, (rows, o) =>
    db.query(
      sql(
        'seedServiceRequestRecords',
        `INSERT INTO service_records (id, service_request_id, volunteer_id, service_date, place, served_party, content, hours,
          person_in_charge, recorded_by, recorded_at, created_at, updated_at)
        OVERRIDING SYSTEM VALUE
        SELECT id, service_request_id, volunteer_id, service_date, place, served_party, content, hours, person_in_charge, 'seed', recorded_at, recorded_at, recorded_at
        FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::date[], $5::varchar[], $6::varchar[], $7::text[], $8::numeric[], $9::varchar[], $10::timestamptz[])
          AS t(id, service_request_id, volunteer_id, service_date, place, served_party, content, hours, person_in_charge, recorded_at)`,
      ),
      [
        slice(requestRecordIds, o, rows),
        rows.map((r) => ids.service_requests[r.request]),
        rows.map((r) => r.volunteerId),
        rows.map((r) => r.serviceDate),
        rows.map((r) => r.place),
        rows.map((r) => r.servedParty),
        rows.map((r) => r.content),
        rows.map((r) => r.hours),
        rows.map((r) => r.personInCharge),
        rows.map((r) => iso(r.recordedAt)),
      ],
    ),
  );
  // Every record created is one entry of the change feed, in the order the records were made
  // (both sources merged): take N numbers from the counter at once.
  const feed = [
    ...data.records.map((r, i) => ({ recordId: ids.service_records[i], volunteerId: r.volunteerId, hours: r.hours, at: r.recordedAt })),
    ...data.requestRecords.map((r, i) => ({ recordId: requestRecordIds[i], volunteerId: r.volunteerId, hours: r.hours, at: r.recordedAt })),
  ].sort((a, b) => a.at - b.at || Number(a.recordId) - Number(b.recordId));
  const [{ base }]: { base: string }[] = await db.query(
    // (As a SELECT around the UPDATE: TypeORM answers an UPDATE with [rows, count] rather than rows.)
    sql(
      'seedClaimFeedSequences',
      `WITH claimed AS (UPDATE service_record_feed_counter SET last_sequence = last_sequence + $1 RETURNING last_sequence - $1 AS base)
      SELECT base FROM claimed`,
    ),
    [feed.length],
  );
  await chunks(feed, (rows, o) =>
    db.query(
      sql(
        'seedServiceRecordChanges',
        `INSERT INTO service_record_changes (sequence, record_id, volunteer_id, kind, hours, hours_delta, at)
        SELECT $1::bigint + ord, record_id, volunteer_id, 'CREATED', hours, hours, at
        FROM unnest($2::bigint[], $3::bigint[], $4::numeric[], $5::timestamptz[]) WITH ORDINALITY AS t(record_id, volunteer_id, hours, at, ord)`,
      ),
      [Number(base) + o, rows.map((r) => r.recordId), rows.map((r) => r.volunteerId), rows.map((r) => r.hours), rows.map((r) => iso(r.at))],
    ),
  );
  await chunks(data.events, (rows) =>
    db.query(
      sql(
        'seedServiceRequestEvents',
        `INSERT INTO service_request_events (request_id, from_status, to_status, actor_sub, actor_role, note, at)
        SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[], $7::timestamptz[])`,
      ),
      [
        rows.map((e) => ids.service_requests[e.request]),
        rows.map((e) => e.fromStatus),
        rows.map((e) => e.toStatus),
        rows.map((e) => e.actor),
        rows.map((e) => e.actorRole),
        rows.map((e) => e.note),
        rows.map((e) => iso(e.at)),
      ],
    ),
  );

  return {
    brands: data.brands.length,
    projects: data.projects.length,
    projectAwards: data.awards.length,
    demonstrationLibraryChanges: data.libraryChanges.length,
    activities: data.activities.length,
    signups: data.signups.length,
    serviceRecords: data.records.length + data.requestRecords.length,
    serviceRecordChanges: feed.length,
    serviceRequests: data.requests.length,
    serviceRequestEvents: data.events.length,
  };
}

/**
 * `counts[table]` fresh ids of each table, a contiguous range taken from its identity sequence.
 * The tables are locked against writers first (readers go on), so no insert can draw a number
 * from the sequence between `nextval` and `setval` — the range is the seed's alone.
 */
async function reserveIds(db: Queryable, counts: Record<IdTable, number>): Promise<Record<IdTable, string[]>> {
  await db.query(sql('seedLockTables', `LOCK TABLE ${ID_TABLES.join(', ')} IN EXCLUSIVE MODE`));
  const sequence = (table: IdTable) => `pg_get_serial_sequence('${table}', 'id')`;
  const columns = ID_TABLES.map((table, i) => `CASE WHEN $${i + 1}::bigint > 0 THEN setval(${sequence(table)}, nextval(${sequence(table)}) + $${i + 1}::bigint - 1) END AS ${table}`);
  const [last]: Record<IdTable, string | null>[] = await db.query(
    sql('seedReserveIds', `SELECT ${columns.join(', ')}`),
    ID_TABLES.map((t) => counts[t]),
  );
  return Object.fromEntries(
    ID_TABLES.map((table) => {
      const first = Number(last[table]) - counts[table] + 1;
      return [table, Array.from({ length: counts[table] }, (_, i) => String(first + i))];
    }),
  ) as Record<IdTable, string[]>;
}

function slice<T>(all: readonly T[], offset: number, rows: readonly unknown[]): T[] {
  return all.slice(offset, offset + rows.length);
}

function optionalIso(at: number | null): string | null {
  return at === null ? null : iso(at);
}

/** Calls `write` for consecutive slices of at most `size` items, one after another. */
async function forChunks<T>(items: readonly T[], size: number, write: (chunk: T[], offset: number) => Promise<unknown>): Promise<void> {
  for (let offset = 0; offset < items.length; offset += size) await write(items.slice(offset, offset + size), offset);
}
