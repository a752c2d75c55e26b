import { bigintIds, countRows, likePrefix } from '@vg/db';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { PartnershipOrderEvent } from './partnership-order-event.entity';
import { PartnershipOrder, type PartnershipOrderStatus } from './partnership-order.entity';
import type { PartnershipServiceType } from './social-organization.entity';

/** Orders matching every given condition. */
export interface OrderQuery {
  status?: PartnershipOrderStatus;
  serviceType?: PartnershipServiceType;
  /** Region code prefix (digits): the region and everything below it. */
  regionPrefix?: string;
  /** In any of these region prefixes (a county dispatcher's counties); [] matches nothing. */
  regionPrefixes?: readonly string[];
  enterpriseId?: string;
  socialOrganizationId?: string;
}

export type NewPartnershipOrder = Pick<PartnershipOrder, 'enterpriseId' | 'serviceType' | 'title' | 'description' | 'wantedFrom' | 'wantedTo' | 'headcount' | 'place' | 'regionCode'>;

/** Columns a step of the loop sets together with the status. */
export type OrderChanges = Partial<Pick<PartnershipOrder, 'socialOrganizationId' | 'scheduledAt' | 'deliveredOn' | 'rating' | 'ratingComment' | 'acceptedAt'>>;

/** Extra conditions a step's update must still meet (what the step was decided on). */
export interface OrderGuard {
  socialOrganizationId?: string;
}

export type NewOrderEvent = Pick<PartnershipOrderEvent, 'orderId' | 'fromStatus' | 'toStatus' | 'action' | 'actor' | 'actorRole' | 'note'>;

/** Partnership orders and their history. */
export class OrderRepository {
  constructor(private readonly manager: EntityManager) {}

  private get orders() {
    return this.manager.getRepository(PartnershipOrder);
  }

  private get events() {
    return this.manager.getRepository(PartnershipOrderEvent);
  }

  byIds(ids: readonly string[]): Promise<PartnershipOrder[]> {
    return this.orders
      .createQueryBuilder('o')
      .comment('partnershipOrdersByIds')
      .where('o.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** Up to `limit` orders matching `query` with id < `beforeId`, newest first. */
  page(query: OrderQuery, limit: number, beforeId?: string): Promise<PartnershipOrder[]> {
    const q = this.filtered(query, 'pagePartnershipOrders').orderBy('o.id', 'DESC').limit(limit);
    if (beforeId) q.andWhere('o.id < :beforeId', { beforeId });
    return q.getMany();
  }

  /**
   * Up to `limit` orders of each of these enterprises matching `query` (its own enterpriseId
   * ignored) with id < `beforeId`, each enterprise's newest first: two statements for all.
   */
  async pagesOfEnterprises(query: OrderQuery, enterpriseIds: readonly string[], limit: number, beforeId?: string): Promise<PartnershipOrder[]> {
    const q = this.filtered({ ...query, enterpriseId: undefined }, 'pageOrdersOfEnterprises')
      .select('o.id', 'id')
      .addSelect('row_number() OVER (PARTITION BY o.enterprise_id ORDER BY o.id DESC)', 'rn')
      .andWhere('o.enterprise_id = ANY(:enterpriseIds)', { enterpriseIds: bigintIds(enterpriseIds) });
    if (beforeId) q.andWhere('o.id < :beforeId', { beforeId });
    const [sql, parameters] = q.getQueryAndParameters();
    const rows: { id: string }[] = await this.manager.query(`/* pageOrdersOfEnterprises */ SELECT id FROM (${sql}) t WHERE rn <= $${parameters.length + 1}`, [...parameters, limit]);
    if (!rows.length) return [];
    const orders = await this.byIds(rows.map((r) => String(r.id)));
    return orders.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0));
  }

  /** How many orders each of these enterprises has matching `query` (its own enterpriseId ignored): one statement. */
  async countsOfEnterprises(query: OrderQuery, enterpriseIds: readonly string[]): Promise<{ enterpriseId: string; count: number }[]> {
    const rows: { enterprise_id: string; n: number }[] = await this.filtered({ ...query, enterpriseId: undefined }, 'countOrdersOfEnterprises')
      .select('o.enterprise_id', 'enterprise_id')
      .addSelect('count(*)::int', 'n')
      .andWhere('o.enterprise_id = ANY(:enterpriseIds)', { enterpriseIds: bigintIds(enterpriseIds) })
      .groupBy('o.enterprise_id')
      .getRawMany();
    return rows.map((r) => ({ enterpriseId: String(r.enterprise_id), count: Number(r.n) }));
  }

  count(query: OrderQuery): Promise<number> {
    return countRows(this.filtered(query, 'countPartnershipOrders'));
  }

  private filtered(query: OrderQuery, name: string): SelectQueryBuilder<PartnershipOrder> {
    const q = this.orders.createQueryBuilder('o').comment(name);
    if (query.status) q.andWhere('o.status = :status', { status: query.status });
    if (query.serviceType) q.andWhere('o.service_type = :serviceType', { serviceType: query.serviceType });
    if (query.regionPrefix) q.andWhere('o.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.enterpriseId) q.andWhere('o.enterprise_id = :enterpriseId', { enterpriseId: query.enterpriseId });
    if (query.socialOrganizationId) q.andWhere('o.social_organization_id = :socialOrganizationId', { socialOrganizationId: query.socialOrganizationId });
    if (query.regionPrefixes) {
      const prefixes = query.regionPrefixes;
      if (prefixes.length === 0) q.andWhere('false');
      else
        q.andWhere(
          new Brackets((any) => {
            prefixes.forEach((prefix, i) => any.orWhere(`o.region_code LIKE :scope${i}`, { [`scope${i}`]: likePrefix(prefix) }));
          }),
        );
    }
    return q;
  }

  /** Inserts an order as ORDERED; the database assigns id and order time. */
  async insert(order: NewPartnershipOrder): Promise<PartnershipOrder> {
    const { identifiers } = await this.orders
      .createQueryBuilder()
      .comment('insertPartnershipOrder')
      .insert()
      .values({ ...order, status: 'ORDERED' as PartnershipOrderStatus })
      .execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }

  /**
   * Moves order `id` from `from` to `to`, setting `changes`, only if it is still in `from` (and
   * meets `guard`): the compare-and-set that makes concurrent steps safe. False when it was not.
   */
  async transition(id: string, from: PartnershipOrderStatus, to: PartnershipOrderStatus, changes: OrderChanges = {}, guard: OrderGuard = {}): Promise<boolean> {
    const q = this.orders
      .createQueryBuilder()
      .comment('transitionPartnershipOrder')
      .update()
      .set({ ...changes, status: to })
      .where('id = :id AND status = :from', { id, from });
    if (guard.socialOrganizationId) q.andWhere('social_organization_id = :guardOrganizationId', { guardOrganizationId: guard.socialOrganizationId });
    const result = await q.returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  async addEvent(event: NewOrderEvent): Promise<void> {
    await this.events.createQueryBuilder().comment('insertPartnershipOrderEvent').insert().values(event).execute();
  }

  /** The history of these orders, each oldest first. */
  eventsOf(orderIds: readonly string[]): Promise<PartnershipOrderEvent[]> {
    return this.events
      .createQueryBuilder('e')
      .comment('partnershipOrderEvents')
      .where('e.order_id = ANY(:ids)', { ids: bigintIds(orderIds) })
      .orderBy('e.order_id')
      .addOrderBy('e.id')
      .getMany();
  }
}
