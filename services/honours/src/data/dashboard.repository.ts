import type { EntityManager } from 'typeorm';
import { bigintIds, likePrefix, sql } from '@vg/db';
import { RedemptionPoint } from './redemption-point.entity';

export interface DashboardQuery {
  /** regionPrefix of the region (a county or the city). */
  regionPrefix: string;
  /** First day of the first month, China time (inclusive); none: from the beginning. */
  fromMonth: string | null;
  /** First day of the month after the last (exclusive); none: until now. */
  untilMonth: string | null;
}

// The county of a volunteer's region (its first six digits); the city for a volunteer with none.
const COUNTY_OF = `coalesce(left(h.region_code, 6), '370300')`;
// Ledger time, in the months of China time.
const IN_MONTHS = `($2::date IS NULL OR l.at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
  AND ($3::date IS NULL OR l.at < ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai'))`;

/** The centre's aggregates: each is one statement over the whole region. */
export class DashboardRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Points earned (records, corrections, adjustments) and spent (redemptions net of refunds) per
   * county and month, by the volunteer's region in volunteer_hours. By month, then county.
   */
  async pointsByMonth(q: DashboardQuery): Promise<{ month: string; regionCode: string; earned: number; spent: number }[]> {
    const rows: { month: string; region_code: string; earned: number; spent: number }[] = await this.manager.query(
      sql(
        'dashboardPointsByMonth',
        `SELECT to_char(l.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, ${COUNTY_OF} AS region_code,
                coalesce(sum(l.points) FILTER (WHERE l.kind IN ('RECORD', 'CORRECTION', 'ADJUSTMENT')), 0)::int AS earned,
                coalesce(-sum(l.points) FILTER (WHERE l.kind IN ('REDEMPTION', 'REFUND')), 0)::int AS spent
           FROM points_ledger l LEFT JOIN volunteer_hours h ON h.volunteer_id = l.volunteer_id
          WHERE coalesce(h.region_code, '370300') LIKE $1 AND l.kind <> 'EXPIRY' AND ${IN_MONTHS}
          GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
      [likePrefix(q.regionPrefix), q.fromMonth, q.untilMonth],
    );
    return rows.map((r) => ({ month: r.month, regionCode: r.region_code, earned: r.earned, spent: r.spent }));
  }

  /**
   * Per county and star level: volunteers whose hours reach it (`thresholds[level - 1]`), and of
   * them those with a live certificate of that level. Levels nobody reaches are left out.
   */
  async starVolunteers(regionPrefix: string, thresholds: readonly number[]): Promise<{ regionCode: string; level: number; qualified: number; certified: number }[]> {
    const rows: { region_code: string; level: number; qualified: number; certified: number }[] = await this.manager.query(
      sql(
        'dashboardStarVolunteers',
        `SELECT ${COUNTY_OF} AS region_code, t.level::int AS level, count(*)::int AS qualified, count(c.id)::int AS certified
           FROM volunteer_hours h
           JOIN unnest($2::numeric[]) WITH ORDINALITY AS t(threshold, level) ON h.hours >= t.threshold
           LEFT JOIN star_certifications c ON c.volunteer_id = h.volunteer_id AND c.level = t.level AND c.revoked_at IS NULL
          WHERE coalesce(h.region_code, '370300') LIKE $1
          GROUP BY 1, 2 ORDER BY 1, 2`,
      ),
      [likePrefix(regionPrefix), thresholds],
    );
    return rows.map((r) => ({ regionCode: r.region_code, level: r.level, qualified: r.qualified, certified: r.certified }));
  }

  /** The `limit` redemption points in the region with the most redemptions (not refunded) in the months, with their points. */
  async topRedemptionPoints(q: DashboardQuery, limit: number): Promise<{ redemptionPoint: RedemptionPoint; redemptions: number; points: number }[]> {
    const rows: { point_id: string; redemptions: number; points: number }[] = await this.manager.query(
      sql(
        'dashboardTopRedemptionPoints',
        `SELECT r.point_id, count(*)::int AS redemptions, sum(r.points)::int AS points
           FROM redemptions r JOIN redemption_points p ON p.id = r.point_id
          WHERE r.status = 'REDEEMED' AND p.region_code LIKE $1
            AND ($2::date IS NULL OR r.redeemed_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
            AND ($3::date IS NULL OR r.redeemed_at < ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
          GROUP BY r.point_id ORDER BY redemptions DESC, points DESC, r.point_id LIMIT $4`,
      ),
      [likePrefix(q.regionPrefix), q.fromMonth, q.untilMonth, limit],
    );
    const points = await this.manager
      .getRepository(RedemptionPoint)
      .createQueryBuilder('p')
      .comment('dashboardRedemptionPoints')
      .where('p.id = ANY(:ids)', { ids: bigintIds(rows.map((r) => String(r.point_id))) })
      .getMany();
    const byId = new Map(points.map((p) => [p.id, p]));
    return rows.map((r) => ({ redemptionPoint: byId.get(String(r.point_id))!, redemptions: r.redemptions, points: r.points }));
  }
}
