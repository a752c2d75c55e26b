import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { bigintIds, countRows, sql } from '@vg/db';
import { Enrolment } from './enrolment.entity';

/** Filters of enrolment lists; every one given must hold. */
export interface EnrolmentQuery {
  planId?: string;
  /** EXPIRED and ACTIVE are told apart by `today` (the cover has ended, or not). */
  status?: 'ACTIVE' | 'CANCELLED' | 'EXPIRED';
  today: string;
  /** Not cancelled, and covering this date. */
  activeOn?: string;
  /** Not cancelled, and covering at least one day of from..to (the insured roster). */
  overlaps?: { from: string; to: string };
  volunteerNo?: string;
  batchId?: string;
}

/** An item about to be enrolled. */
export interface NewEnrolment {
  volunteerId: string;
  volunteerNo: string;
  policyNumber: string;
  coverStart: string;
  coverEnd: string;
  batchItem: number;
}

/** What stopped an item being inserted: an existing live enrolment (of that item's volunteer and plan, overlapping, or with its policy number). */
export interface EnrolmentConflict {
  batchItem: number;
  enrolmentId: string;
  /** Same volunteer, plan and an overlapping period (otherwise: only the policy number is taken). */
  sameCover: boolean;
}

/** A volunteer covered on a date. */
export interface VolunteerDate {
  volunteerId: string;
  date: string;
}

/** Enrolments: written in bulk from the insurer's batches, read by volunteer, date and plan. */
export class EnrolmentRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(Enrolment);
  }

  byIds(ids: readonly string[]): Promise<Enrolment[]> {
    return this.repo
      .createQueryBuilder('e')
      .comment('enrolmentsByIds')
      .where('e.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** Every enrolment of these volunteers, latest cover first. */
  ofVolunteers(volunteerIds: readonly string[]): Promise<Enrolment[]> {
    return this.repo
      .createQueryBuilder('e')
      .comment('enrolmentsOfVolunteers')
      .where('e.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .orderBy('e.cover_start', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getMany();
  }

  /** The live enrolments of the volunteer with this public number covering `date`, latest cover first. */
  covering(volunteerNo: string, date: string): Promise<Enrolment[]> {
    return this.repo
      .createQueryBuilder('e')
      .comment('enrolmentsCoveringByNo')
      .where("e.volunteer_no = :volunteerNo AND e.status = 'ACTIVE' AND e.cover_start <= :date AND e.cover_end >= :date", { volunteerNo, date })
      .orderBy('e.cover_start', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .getMany();
  }

  /**
   * Which of these (volunteer, date) pairs a live enrolment of any plan covers: ONE statement for
   * any number of pairs.
   */
  async covered(pairs: readonly VolunteerDate[]): Promise<VolunteerDate[]> {
    const valid = pairs.filter((p) => bigintIds([p.volunteerId]).length === 1);
    if (valid.length === 0) return [];
    const rows: { volunteer_id: string; day: string }[] = await this.manager.query(
      sql(
        'coveredVolunteersOn',
        `SELECT DISTINCT q.volunteer_id::text AS volunteer_id, to_char(q.day, 'YYYY-MM-DD') AS day
        FROM unnest($1::bigint[], $2::date[]) AS q(volunteer_id, day)
        JOIN enrolments e ON e.volunteer_id = q.volunteer_id AND e.status = 'ACTIVE' AND q.day BETWEEN e.cover_start AND e.cover_end`,
      ),
      [valid.map((p) => p.volunteerId), valid.map((p) => p.date)],
    );
    return rows.map((r) => ({ volunteerId: r.volunteer_id, date: r.day }));
  }

  /** Up to `limit` enrolments matching `query` with id > `afterId`, by id. */
  page(query: EnrolmentQuery, limit: number, afterId?: string): Promise<Enrolment[]> {
    const q = this.filtered(query, 'pageEnrolments').orderBy('e.id').limit(limit);
    if (afterId) q.andWhere('e.id > :afterId', { afterId });
    return q.getMany();
  }

  count(query: EnrolmentQuery): Promise<number> {
    return countRows(this.filtered(query, 'countEnrolments'));
  }

  private filtered(query: EnrolmentQuery, name: string): SelectQueryBuilder<Enrolment> {
    const q = this.repo.createQueryBuilder('e').comment(name);
    if (query.planId) q.andWhere('e.plan_id = :planId', { planId: query.planId });
    if (query.status === 'CANCELLED') q.andWhere("e.status = 'CANCELLED'");
    if (query.status === 'ACTIVE') q.andWhere("e.status = 'ACTIVE' AND e.cover_end >= :today", { today: query.today });
    if (query.status === 'EXPIRED') q.andWhere("e.status = 'ACTIVE' AND e.cover_end < :today", { today: query.today });
    if (query.activeOn) q.andWhere("e.status = 'ACTIVE' AND e.cover_start <= :activeOn AND e.cover_end >= :activeOn", { activeOn: query.activeOn });
    if (query.overlaps) q.andWhere("e.status = 'ACTIVE' AND e.cover_start <= :to AND e.cover_end >= :from", query.overlaps);
    if (query.volunteerNo) q.andWhere('e.volunteer_no = :volunteerNo', { volunteerNo: query.volunteerNo });
    if (query.batchId) q.andWhere('e.batch_id = :batchId', { batchId: query.batchId });
    return q;
  }

  /**
   * Inserts the items of one batch in ONE statement (unnest of array parameters), skipping every
   * item the database refuses — a live enrolment of the same volunteer and plan overlapping it, or
   * with its policy number, including one a concurrent transaction is writing (the insert waits
   * for it). Rows go in by volunteer, so concurrent batches take their locks in one order.
   * Returns the ids of the items inserted.
   */
  async insertMany(planId: string, batchId: string, enrolledBy: string, items: readonly NewEnrolment[]): Promise<{ id: string; batchItem: number }[]> {
    if (items.length === 0) return [];
    const rows: { id: string; batch_item: number }[] = await this.manager.query(
      sql(
        'insertEnrolments',
        `INSERT INTO enrolments (volunteer_id, volunteer_no, plan_id, policy_number, cover_start, cover_end, batch_id, batch_item, enrolled_by)
        SELECT t.volunteer_id, t.volunteer_no, $1, t.policy_number, t.cover_start, t.cover_end, $2, t.batch_item, $3
        FROM unnest($4::bigint[], $5::varchar[], $6::varchar[], $7::date[], $8::date[], $9::int[])
          AS t(volunteer_id, volunteer_no, policy_number, cover_start, cover_end, batch_item)
        ORDER BY t.volunteer_id, t.cover_start
        ON CONFLICT DO NOTHING
        RETURNING id, batch_item`,
      ),
      [
        planId,
        batchId,
        enrolledBy,
        items.map((i) => i.volunteerId),
        items.map((i) => i.volunteerNo),
        items.map((i) => i.policyNumber),
        items.map((i) => i.coverStart),
        items.map((i) => i.coverEnd),
        items.map((i) => i.batchItem),
      ],
    );
    return rows.map((r) => ({ id: String(r.id), batchItem: r.batch_item }));
  }

  /**
   * For items that were not inserted: the live enrolments in their way, the one giving the same
   * cover first (ONE statement for any number of items).
   */
  async conflictsOf(planId: string, items: readonly NewEnrolment[]): Promise<EnrolmentConflict[]> {
    if (items.length === 0) return [];
    const rows: { batch_item: number; enrolment_id: string; same_cover: boolean }[] = await this.manager.query(
      sql(
        'enrolmentConflicts',
        `SELECT t.batch_item, e.id AS enrolment_id,
          (e.volunteer_id = t.volunteer_id AND e.plan_id = $1 AND daterange(e.cover_start, e.cover_end, '[]') && daterange(t.cover_start, t.cover_end, '[]')) AS same_cover
        FROM unnest($2::bigint[], $3::varchar[], $4::date[], $5::date[], $6::int[]) AS t(volunteer_id, policy_number, cover_start, cover_end, batch_item)
        JOIN enrolments e ON e.status = 'ACTIVE' AND (
          (e.volunteer_id = t.volunteer_id AND e.plan_id = $1 AND daterange(e.cover_start, e.cover_end, '[]') && daterange(t.cover_start, t.cover_end, '[]'))
          OR e.policy_number = t.policy_number)
        ORDER BY t.batch_item, same_cover DESC, e.id`,
      ),
      [planId, items.map((i) => i.volunteerId), items.map((i) => i.policyNumber), items.map((i) => i.coverStart), items.map((i) => i.coverEnd), items.map((i) => i.batchItem)],
    );
    return rows.map((r) => ({ batchItem: r.batch_item, enrolmentId: String(r.enrolment_id), sameCover: r.same_cover }));
  }

  /** ACTIVE → CANCELLED, recording who, when and why; null when it was not ACTIVE (or does not exist). */
  async cancel(id: string, by: string, reason: string, at: Date): Promise<Enrolment | null> {
    const { affected } = await this.repo
      .createQueryBuilder()
      .comment('cancelEnrolment')
      .update()
      .set({ status: 'CANCELLED', cancelledAt: at, cancelledBy: by, cancelReason: reason })
      .where("id = :id AND status = 'ACTIVE'", { id })
      .execute();
    if (!affected) return null;
    const [updated] = await this.byIds([id]);
    return updated;
  }
}
