import type { EntityManager } from 'typeorm';
import { bigintIds, sql } from '@vg/db';
import { ServiceRecord } from './service-record.entity';
import { ServiceRecordChange } from './service-record-change.entity';
import { ServiceRecordCorrection } from './service-record-correction.entity';

/**
 * Exactly one source: a sign-up with its activity, a service request, or a partner's reference
 * (the database checks). The partner fields may be left out by the other sources.
 */
export type NewServiceRecord = Pick<
  ServiceRecord,
  'signupId' | 'activityId' | 'serviceRequestId' | 'volunteerId' | 'serviceDate' | 'place' | 'servedParty' | 'content' | 'hours' | 'evaluation' | 'personInCharge' | 'recordedBy'
> &
  Partial<Pick<ServiceRecord, 'partnerSource' | 'partnerReference'>>;

export type RecordChanges = Partial<Pick<ServiceRecord, 'hours' | 'content' | 'evaluation'>>;

/** Service records (never deleted), their corrections, and the change feed. */
export class ServiceRecordRepository {
  constructor(private readonly manager: EntityManager) {}

  private get records() {
    return this.manager.getRepository(ServiceRecord);
  }

  byIds(ids: readonly string[]): Promise<ServiceRecord[]> {
    return this.records
      .createQueryBuilder('r')
      .comment('recordsByIds')
      .where('r.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /**
   * The records already written for one partner reference (at most one per volunteer), by id.
   * Callers take `lockPartnerReference` first, so a concurrent retry waits and then finds them.
   */
  ofPartnerReference(source: string, reference: string): Promise<ServiceRecord[]> {
    return this.records
      .createQueryBuilder('r')
      .comment('recordsOfPartnerReference')
      .where('r.partner_source = :source AND r.partner_reference = :reference', { source, reference })
      .orderBy('r.id')
      .getMany();
  }

  /** Serialises writers of one partner reference until the transaction ends (an advisory lock). */
  async lockPartnerReference(source: string, reference: string): Promise<void> {
    await this.manager.query(sql('lockPartnerReference', `SELECT pg_advisory_xact_lock(hashtextextended('partner-record:' || $1 || ':' || $2, 0))`), [source, reference]);
  }

  /** The records made on completing these service requests (at most one each). */
  ofRequests(requestIds: readonly string[]): Promise<ServiceRecord[]> {
    return this.records
      .createQueryBuilder('r')
      .comment('recordsOfServiceRequests')
      .where('r.service_request_id = ANY(:ids)', { ids: bigintIds(requestIds) })
      .getMany();
  }

  /** The record with this id, its row locked until the transaction ends (corrections queue here). */
  lockById(id: string): Promise<ServiceRecord | null> {
    return this.records.createQueryBuilder('r').comment('lockServiceRecord').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  /** Total recorded hours per volunteer (volunteers without records are absent). */
  async totalHours(volunteerIds: readonly string[]): Promise<{ volunteerId: string; hours: number }[]> {
    const rows = await this.records
      .createQueryBuilder('r')
      .comment('totalServiceHours')
      .select(['r.volunteer_id AS "volunteerId"', 'sum(r.hours) AS hours'])
      .where('r.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .groupBy('r.volunteer_id')
      .getRawMany<{ volunteerId: string; hours: string }>();
    return rows.map((r) => ({ volunteerId: String(r.volunteerId), hours: Number(r.hours) }));
  }

  /**
   * The most recent `limit` records of each volunteer (newest service date first), one statement
   * for any number of volunteers; continues after (serviceDate, id) for a single volunteer.
   */
  latestOf(volunteerIds: readonly string[], limit: number, after?: { serviceDate: string; id: string }): Promise<ServiceRecord[]> {
    const ranked = this.records
      .createQueryBuilder('r')
      .select('r.id')
      .addSelect('row_number() OVER (PARTITION BY r.volunteer_id ORDER BY r.service_date DESC, r.id DESC)', 'rank')
      .where('r.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) });
    if (after) ranked.andWhere('(r.service_date, r.id) < (:afterDate, :afterId)', { afterDate: after.serviceDate, afterId: after.id });
    return this.records
      .createQueryBuilder('r')
      .comment('latestServiceRecords')
      .where(`r.id IN (SELECT ranked.r_id FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :limit)`)
      .setParameters({ ...ranked.getParameters(), limit })
      .orderBy('r.volunteer_id')
      .addOrderBy('r.service_date', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
  }

  /** Records of these volunteers on one service date, by id. */
  onDate(volunteerIds: readonly string[], serviceDate: string): Promise<ServiceRecord[]> {
    return this.records
      .createQueryBuilder('r')
      .comment('serviceRecordsOnDate')
      .where('r.volunteer_id = ANY(:ids) AND r.service_date = :serviceDate', { ids: bigintIds(volunteerIds), serviceDate })
      .orderBy('r.id')
      .getMany();
  }

  /** Record counts per volunteer. */
  async countOf(volunteerIds: readonly string[]): Promise<{ volunteerId: string; count: number }[]> {
    const rows = await this.records
      .createQueryBuilder('r')
      .comment('countServiceRecords')
      .select(['r.volunteer_id AS "volunteerId"', 'count(*)::int AS count'])
      .where('r.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .groupBy('r.volunteer_id')
      .getRawMany<{ volunteerId: string; count: number }>();
    return rows.map((r) => ({ volunteerId: String(r.volunteerId), count: r.count }));
  }

  /** Corrections of these records, oldest first. */
  correctionsOf(recordIds: readonly string[]): Promise<ServiceRecordCorrection[]> {
    return this.manager
      .getRepository(ServiceRecordCorrection)
      .createQueryBuilder('c')
      .comment('recordCorrections')
      .where('c.record_id = ANY(:ids)', { ids: bigintIds(recordIds) })
      .orderBy('c.id')
      .getMany();
  }

  /** Inserts a record and its CREATED change. */
  async insert(record: NewServiceRecord): Promise<ServiceRecord> {
    const { identifiers } = await this.records.createQueryBuilder().comment('insertServiceRecord').insert().values(record).execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    await this.appendChange(created, 'CREATED', created.hours);
    return created;
  }

  /** Applies a correction: keeps the previous values and the reason, then appends a CORRECTED change. */
  async correct(previous: ServiceRecord, changes: RecordChanges, reason: string, by: string): Promise<ServiceRecord> {
    await this.manager
      .getRepository(ServiceRecordCorrection)
      .createQueryBuilder()
      .comment('insertRecordCorrection')
      .insert()
      .values({ recordId: previous.id, reason, correctedBy: by, previousHours: previous.hours, previousContent: previous.content, previousEvaluation: previous.evaluation })
      .execute();
    await this.records.createQueryBuilder().comment('correctServiceRecord').update().set(changes).where('id = :id', { id: previous.id }).execute();
    const [updated] = await this.byIds([previous.id]);
    await this.appendChange(updated, 'CORRECTED', updated.hours - previous.hours);
    return updated;
  }

  /**
   * Appends to the change feed. The sequence comes from the one-row counter, whose row lock is
   * held until this transaction ends: sequences are gapless and in commit order.
   */
  private async appendChange(record: ServiceRecord, kind: 'CREATED' | 'CORRECTED', hoursDelta: number): Promise<void> {
    await this.manager.query(
      `/* appendServiceRecordChange */
       WITH next AS (UPDATE service_record_feed_counter SET last_sequence = last_sequence + 1 RETURNING last_sequence)
       INSERT INTO service_record_changes (sequence, record_id, volunteer_id, kind, hours, hours_delta)
       SELECT last_sequence, $1, $2, $3, $4, $5 FROM next`,
      [record.id, record.volunteerId, kind, record.hours, hoursDelta],
    );
  }

  /** The newest committed sequence of the feed and when it was written (0 and null while empty). */
  async feedHead(): Promise<{ sequence: string; at: Date | null }> {
    const [row]: { sequence: string; at: Date | null }[] = await this.manager.query(
      sql('serviceRecordFeedHead', 'SELECT f.last_sequence::text AS sequence, c.at FROM service_record_feed_counter f LEFT JOIN service_record_changes c ON c.sequence = f.last_sequence'),
    );
    return { sequence: row?.sequence ?? '0', at: row?.at ?? null };
  }

  /** Up to `limit` changes with a sequence above `after`, in sequence order. */
  changesAfter(after: string, limit: number): Promise<ServiceRecordChange[]> {
    return this.manager.getRepository(ServiceRecordChange).createQueryBuilder('c').comment('serviceRecordChanges').where('c.sequence > :after', { after }).orderBy('c.sequence').limit(limit).getMany();
  }
}
