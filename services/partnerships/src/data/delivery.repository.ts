import type { EntityManager } from 'typeorm';
import { bigintIds, sql } from '@vg/db';
import { PartnershipService } from './partnership-service.entity';

/** What the delivery step writes per volunteer. */
export interface NewPartnershipService {
  volunteerId: string;
  hours: number;
}

/** An order a volunteer served on (for Volunteer.partnershipServices). */
export interface ServedOrder {
  volunteerId: string;
  orderId: string;
}

/** The outbox's state, for the gauges. */
export interface OutboxBacklog {
  /** Services whose record is not written yet. */
  pending: number;
  /** Services that failed at least once and are still pending. */
  failing: number;
  /** Age of the oldest pending service, in seconds (0 when none). */
  oldestSeconds: number;
}

/** Who served on delivered orders, and the outbox of service records still to write. */
export class DeliveryRepository {
  constructor(private readonly manager: EntityManager) {}

  private get services() {
    return this.manager.getRepository(PartnershipService);
  }

  /** The services of these orders, by order then volunteer id. */
  ofOrders(orderIds: readonly string[]): Promise<PartnershipService[]> {
    return this.services
      .createQueryBuilder('s')
      .comment('partnershipServicesOfOrders')
      .where('s.order_id = ANY(:ids)', { ids: bigintIds(orderIds) })
      .orderBy('s.order_id')
      .addOrderBy('s.volunteer_id')
      .getMany();
  }

  /** The orders these volunteers served on, each volunteer's newest delivery first (then newest order). */
  async servedBy(volunteerIds: readonly string[]): Promise<ServedOrder[]> {
    const rows: { volunteer_id: string; order_id: string }[] = await this.manager.query(
      sql(
        'ordersServedByVolunteers',
        `SELECT s.volunteer_id, s.order_id FROM partnership_services s JOIN partnership_orders o ON o.id = s.order_id
         WHERE s.volunteer_id = ANY($1::bigint[]) ORDER BY s.volunteer_id, o.delivered_on DESC NULLS LAST, o.id DESC`,
      ),
      [bigintIds(volunteerIds)],
    );
    return rows.map((r) => ({ volunteerId: String(r.volunteer_id), orderId: String(r.order_id) }));
  }

  /** Writes the services of a delivered order, outbox rows all (one statement). */
  async insert(orderId: string, services: readonly NewPartnershipService[]): Promise<void> {
    await this.manager.query(sql('insertPartnershipServices', 'INSERT INTO partnership_services (order_id, volunteer_id, hours) SELECT $1, * FROM unnest($2::bigint[], $3::numeric[])'), [
      orderId,
      services.map((s) => s.volunteerId),
      services.map((s) => s.hours),
    ]);
  }

  /**
   * Up to `limit` orders with services still to record, oldest pending first, leaving out
   * `skip` (orders backing off after a failure).
   */
  async pendingOrders(limit: number, skip: readonly string[] = []): Promise<string[]> {
    const rows: { order_id: string }[] = await this.manager.query(
      sql(
        'pendingRecordOrders',
        `SELECT order_id FROM partnership_services WHERE service_record_id IS NULL AND NOT (order_id = ANY($2::bigint[]))
         GROUP BY order_id ORDER BY min(created_at), order_id LIMIT $1`,
      ),
      [limit, bigintIds(skip)],
    );
    return rows.map((r) => String(r.order_id));
  }

  /** An order's services whose record is not written yet, by volunteer id. */
  pendingOf(orderId: string): Promise<PartnershipService[]> {
    return this.services.createQueryBuilder('s').comment('pendingPartnershipServices').where('s.order_id = :orderId AND s.service_record_id IS NULL', { orderId }).orderBy('s.volunteer_id').getMany();
  }

  /** Stores the records written for an order's services (rows already stored are left alone). */
  async markRecorded(orderId: string, records: readonly { volunteerId: string; serviceRecordId: string }[]): Promise<number> {
    // Counted in a SELECT: for a bare UPDATE … RETURNING TypeORM answers [rows, affected].
    const [row]: { stored: number }[] = await this.manager.query(
      sql(
        'markPartnershipServicesRecorded',
        `WITH stored AS (
           UPDATE partnership_services s SET service_record_id = r.record_id, last_error = NULL
           FROM unnest($2::bigint[], $3::bigint[]) AS r(volunteer_id, record_id)
           WHERE s.order_id = $1 AND s.volunteer_id = r.volunteer_id AND s.service_record_id IS NULL RETURNING 1)
         SELECT count(*)::int AS stored FROM stored`,
      ),
      [orderId, records.map((r) => r.volunteerId), records.map((r) => r.serviceRecordId)],
    );
    return row.stored;
  }

  /** Counts a failed attempt on an order's pending services, keeping the error. */
  async markFailed(orderId: string, error: string): Promise<void> {
    await this.manager.query(sql('markPartnershipServicesFailed', 'UPDATE partnership_services SET attempts = attempts + 1, last_error = $2 WHERE order_id = $1 AND service_record_id IS NULL'), [
      orderId,
      error.slice(0, 2000),
    ]);
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row]: { pending: number; failing: number; oldest: number | null }[] = await this.manager.query(
      sql(
        'partnershipRecordBacklog',
        `SELECT count(*)::int AS pending, (count(*) FILTER (WHERE attempts > 0))::int AS failing,
                extract(epoch FROM now() - min(created_at))::float AS oldest
         FROM partnership_services WHERE service_record_id IS NULL`,
      ),
    );
    return { pending: row.pending, failing: row.failing, oldestSeconds: row.oldest ?? 0 };
  }
}
