import { bigintIds, countRows, likePrefix, nearest } from '@vg/db';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { CatalogueItem } from './catalogue-item.entity';
import { RedemptionPoint, type RedemptionPointKind } from './redemption-point.entity';

export interface RedemptionPointQuery {
  regionPrefix?: string;
  kind?: RedemptionPointKind;
}

export type NewRedemptionPoint = Pick<RedemptionPoint, 'name' | 'kind' | 'operator' | 'lat' | 'lng' | 'address' | 'regionCode' | 'openingHours'>;
export type NewCatalogueItem = Pick<CatalogueItem, 'pointId' | 'name' | 'kind' | 'pointsCost' | 'stock'>;

/** Redemption points and their catalogues, including the distance search and the stock counter. */
export class RedemptionPointRepository {
  constructor(private readonly manager: EntityManager) {}

  private get points() {
    return this.manager.getRepository(RedemptionPoint);
  }

  private get items() {
    return this.manager.getRepository(CatalogueItem);
  }

  byIds(ids: readonly string[]): Promise<RedemptionPoint[]> {
    return this.points
      .createQueryBuilder('p')
      .comment('redemptionPointsByIds')
      .where('p.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  page(query: RedemptionPointQuery, limit: number, afterId?: string): Promise<RedemptionPoint[]> {
    const q = this.filtered(query, 'pageRedemptionPoints').orderBy('p.id').limit(limit);
    if (afterId) q.andWhere('p.id > :afterId', { afterId });
    return q.getMany();
  }

  count(query: RedemptionPointQuery): Promise<number> {
    return countRows(this.filtered(query, 'countRedemptionPoints'));
  }

  private filtered(query: RedemptionPointQuery, name: string): SelectQueryBuilder<RedemptionPoint> {
    const q = this.points.createQueryBuilder('p').comment(name);
    if (query.regionPrefix) q.andWhere('p.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.kind) q.andWhere('p.kind = :kind', { kind: query.kind });
    return q;
  }

  /**
   * Points within `radiusMeters` of (lat, lng), nearest first, with their haversine distance. A
   * bounding box on the (lat, lng) index narrows the candidates before the exact distance.
   */
  async near(lat: number, lng: number, radiusMeters: number, limit: number, kind?: RedemptionPointKind): Promise<{ point: RedemptionPoint; distanceMeters: number }[]> {
    const q = this.points.createQueryBuilder('p').comment('redemptionPointsNear');
    if (kind) q.where('p.kind = :kind', { kind });
    return (await nearest(q, 'p', { lat, lng }, radiusMeters, limit)).map(({ row, distanceMeters }) => ({ point: row, distanceMeters }));
  }

  /** The catalogues of these points, each cheapest first. */
  catalogueOf(pointIds: readonly string[]): Promise<CatalogueItem[]> {
    return this.items
      .createQueryBuilder('i')
      .comment('cataloguesOfPoints')
      .where('i.point_id = ANY(:ids)', { ids: bigintIds(pointIds) })
      .orderBy('i.points_cost', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
  }

  itemsByIds(ids: readonly string[]): Promise<CatalogueItem[]> {
    return this.items
      .createQueryBuilder('i')
      .comment('catalogueItemsByIds')
      .where('i.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /**
   * Takes `quantity` units of an item: false when fewer are left. One conditional UPDATE, so two
   * concurrent redemptions of the last unit cannot both succeed (the second waits on the row lock
   * and then re-checks the condition); an unlimited item (stock NULL) always succeeds.
   */
  async takeStock(itemId: string, quantity: number): Promise<boolean> {
    const { affected } = await this.items
      .createQueryBuilder()
      .comment('takeCatalogueStock')
      .update()
      .set({ stock: () => 'CASE WHEN stock IS NULL THEN NULL ELSE stock - :quantity END' })
      .where('id = :itemId AND (stock IS NULL OR stock >= :quantity)', { itemId, quantity })
      .execute();
    return (affected ?? 0) > 0;
  }

  /** Puts `quantity` units back (a refund). */
  async returnStock(itemId: string, quantity: number): Promise<void> {
    await this.items
      .createQueryBuilder()
      .comment('returnCatalogueStock')
      .update()
      .set({ stock: () => 'CASE WHEN stock IS NULL THEN NULL ELSE stock + :quantity END' })
      .where('id = :itemId', { itemId, quantity })
      .execute();
  }

  /** Whether any point exists (the demo seed runs only on an empty table). */
  async any(): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`/* anyRedemptionPoint */ SELECT 1 FROM redemption_points LIMIT 1`);
    return rows.length > 0;
  }

  /** Inserts points in one statement (unnest), returning their ids in the order given. */
  async insertPoints(rows: readonly NewRedemptionPoint[]): Promise<string[]> {
    const inserted: { id: string }[] = await this.manager.query(
      `/* insertRedemptionPoints */ INSERT INTO redemption_points (name, kind, operator, lat, lng, address, region_code, opening_hours)
       SELECT name, kind, operator, lat, lng, address, region_code, opening_hours
       FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::float8[], $5::float8[], $6::varchar[], $7::varchar[], $8::varchar[])
         WITH ORDINALITY AS t(name, kind, operator, lat, lng, address, region_code, opening_hours, n)
       ORDER BY n
       RETURNING id`,
      [
        rows.map((r) => r.name),
        rows.map((r) => r.kind),
        rows.map((r) => r.operator),
        rows.map((r) => r.lat),
        rows.map((r) => r.lng),
        rows.map((r) => r.address),
        rows.map((r) => r.regionCode),
        rows.map((r) => r.openingHours),
      ],
    );
    // Identity values are drawn in the order the rows are inserted (ORDER BY n): ascending ids are the input order.
    return inserted
      .map((r) => BigInt(r.id))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map(String);
  }

  /** Inserts catalogue items in one statement (unnest); returns how many. */
  async insertItems(rows: readonly NewCatalogueItem[]): Promise<number> {
    const inserted: unknown[] = await this.manager.query(
      `/* insertCatalogueItems */ INSERT INTO catalogue_items (point_id, name, kind, points_cost, stock)
       SELECT * FROM unnest($1::bigint[], $2::varchar[], $3::varchar[], $4::int[], $5::int[]) RETURNING id`,
      [rows.map((r) => r.pointId), rows.map((r) => r.name), rows.map((r) => r.kind), rows.map((r) => r.pointsCost), rows.map((r) => r.stock)],
    );
    return inserted.length;
  }
}
