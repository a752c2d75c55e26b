import type { EntityManager } from 'typeorm';
import { bigintIds, sql } from '@vg/db';
import { queryRows } from './points.repository';
import { VolunteerHours } from './volunteer-hours.entity';

/** The feed whose changes credit hours and points. */
export const SERVICE_RECORD_FEED = 'service-records';

/** A record's credit as the consumer keeps it (its latest version). */
export interface CreditState {
  recordId: string;
  volunteerId: string;
  serviceDate: string;
  theme: string;
  hours: number;
  points: number;
  lastSequence: string;
}

/** The feed cursor, record credits and hours per volunteer (written only by the feed consumer). */
export class FeedRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The last sequence consumed (no lock: for deciding where to read and for lag). */
  async cursor(feed = SERVICE_RECORD_FEED): Promise<string> {
    const [row] = await queryRows<{ seq: string }>(this.manager, sql('feedCursor', 'SELECT last_sequence::text AS seq FROM feed_cursors WHERE feed = $1'), [feed]);
    return row?.seq ?? '0';
  }

  /** The cursor, locked until the transaction ends: one page of the feed is credited at a time. */
  async lockCursor(feed = SERVICE_RECORD_FEED): Promise<string> {
    await this.manager.query(sql('createFeedCursor', 'INSERT INTO feed_cursors (feed) VALUES ($1) ON CONFLICT DO NOTHING'), [feed]);
    const [row] = await queryRows<{ seq: string }>(this.manager, sql('lockFeedCursor', 'SELECT last_sequence::text AS seq FROM feed_cursors WHERE feed = $1 FOR UPDATE'), [feed]);
    return row.seq;
  }

  /** Moves the cursor (locked by this transaction) to `sequence`. */
  async moveCursor(sequence: string, feed = SERVICE_RECORD_FEED): Promise<void> {
    await this.manager.query(sql('moveFeedCursor', 'UPDATE feed_cursors SET last_sequence = $2, updated_at = now() WHERE feed = $1'), [feed, sequence]);
  }

  /** The current credit of these records (records never credited are absent). */
  creditsOf(recordIds: readonly string[]): Promise<CreditState[]> {
    return queryRows<CreditState>(
      this.manager,
      sql(
        'recordCredits',
        `SELECT record_id::text AS "recordId", volunteer_id::text AS "volunteerId", service_date::text AS "serviceDate", theme,
           hours::float8 AS hours, points, last_sequence::text AS "lastSequence"
         FROM record_credits WHERE record_id = ANY($1::bigint[])`,
      ),
      [bigintIds(recordIds)],
    );
  }

  /** Writes the latest credit of these records. */
  async saveCredits(credits: readonly CreditState[]): Promise<void> {
    if (!credits.length) return;
    await this.manager.query(
      sql(
        'saveRecordCredits',
        `INSERT INTO record_credits (record_id, volunteer_id, service_date, theme, hours, points, last_sequence)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::text[], $5::numeric[], $6::int[], $7::bigint[])
         ON CONFLICT (record_id) DO UPDATE SET volunteer_id = EXCLUDED.volunteer_id, service_date = EXCLUDED.service_date, theme = EXCLUDED.theme,
           hours = EXCLUDED.hours, points = EXCLUDED.points, last_sequence = EXCLUDED.last_sequence, updated_at = now()`,
      ),
      [
        credits.map((c) => c.recordId),
        credits.map((c) => c.volunteerId),
        credits.map((c) => c.serviceDate),
        credits.map((c) => c.theme),
        credits.map((c) => c.hours),
        credits.map((c) => c.points),
        credits.map((c) => c.lastSequence),
      ],
    );
  }

  /** Which of these volunteers have been credited before (their region is known). */
  async knownVolunteers(volunteerIds: readonly string[]): Promise<Set<string>> {
    const rows = await queryRows<{ id: string }>(this.manager, sql('knownVolunteerHours', 'SELECT volunteer_id::text AS id FROM volunteer_hours WHERE volunteer_id = ANY($1::bigint[])'), [
      bigintIds(volunteerIds),
    ]);
    return new Set(rows.map((r) => r.id));
  }

  /** Adds hours to these volunteers (a new volunteer's row takes the region given). */
  async addHours(rows: readonly { volunteerId: string; hours: number; regionCode: string | null }[]): Promise<void> {
    if (!rows.length) return;
    const params = [rows.map((r) => r.volunteerId), rows.map((r) => r.hours), rows.map((r) => r.regionCode)];
    // Rows first at 0 hours, then the deltas: an INSERT's proposed row must pass the CHECK even when
    // it ends in ON CONFLICT, and a correction's delta is negative.
    await this.manager.query(
      sql(
        'createVolunteerHours',
        `INSERT INTO volunteer_hours (volunteer_id, region_code)
         SELECT volunteer_id, region_code FROM unnest($1::bigint[], $2::numeric[], $3::text[]) AS t(volunteer_id, hours, region_code) ORDER BY 1
         ON CONFLICT (volunteer_id) DO UPDATE SET region_code = coalesce(volunteer_hours.region_code, EXCLUDED.region_code)
         WHERE volunteer_hours.region_code IS NULL AND EXCLUDED.region_code IS NOT NULL`,
      ),
      params,
    );
    await this.manager.query(
      sql(
        'addVolunteerHours',
        `UPDATE volunteer_hours h SET hours = h.hours + t.hours, updated_at = now()
         FROM unnest($1::bigint[], $2::numeric[], $3::text[]) AS t(volunteer_id, hours, region_code) WHERE h.volunteer_id = t.volunteer_id`,
      ),
      params,
    );
  }

  /** Hours of these volunteers (volunteers never credited are absent). */
  hoursOf(volunteerIds: readonly string[]): Promise<VolunteerHours[]> {
    return this.manager
      .getRepository(VolunteerHours)
      .createQueryBuilder('h')
      .comment('volunteerHours')
      .where('h.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .getMany();
  }
}
