import type { EntityManager } from 'typeorm';
import { likePrefix, sql } from '@vg/db';

export interface ReportQuery {
  /** regionPrefix of the region: orders and funds there or below. */
  regionPrefix: string;
  /** First China date, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last China date, inclusive (YYYY-MM-DD). */
  to: string;
}

export interface CountByKeyRow {
  key: string;
  count: number;
}

export interface OrderTotals {
  byStatus: CountByKeyRow[];
  byServiceType: CountByKeyRow[];
  /** By county (the first six digits of the order's region). */
  byRegion: CountByKeyRow[];
  /** By month of ordering, YYYY-MM in China time. */
  byMonth: CountByKeyRow[];
  /** Over orders with an acceptance; null when none. */
  meanHoursToAcceptance: number | null;
  /** Over rated orders; null when none. */
  averageRating: number | null;
}

export interface FundTotalsRow {
  /** The county of the fund's region. */
  regionCode: string;
  /** Donations, fen. */
  raisedFen: number;
  /** Grants, fen. */
  grantedFen: number;
}

// `from`..`to` as China dates: from the start of `from` to the start of the day after `to`, Asia/Shanghai.
const inChinaDates = (column: string) => `${column} >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND ${column} < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

type Dimension = 'status' | 'serviceType' | 'region' | 'month' | 'all';

/** The centre's partnership report: one statement over the orders, one over the fund ledger. */
export class ReportRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Every order count of the report in one pass (grouping sets: one group per dimension, plus the
   * whole for the means). Keys with no orders are left out; each list is ordered by key.
   */
  async orderTotals(q: ReportQuery): Promise<OrderTotals> {
    const rows: { dimension: Dimension; key: string | null; count: number; mean_hours: number | null; average_rating: number | null }[] = await this.manager.query(
      sql(
        'partnershipReportOrders',
        `WITH o AS (
           SELECT status, service_type, left(region_code, 6) AS county,
                  to_char(ordered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
                  ordered_at, accepted_at, rating
             FROM partnership_orders
            WHERE region_code LIKE $1 AND ${inChinaDates('ordered_at')}
         )
         SELECT CASE WHEN grouping(status) = 0 THEN 'status'
                     WHEN grouping(service_type) = 0 THEN 'serviceType'
                     WHEN grouping(county) = 0 THEN 'region'
                     WHEN grouping(month) = 0 THEN 'month'
                     ELSE 'all' END AS dimension,
                coalesce(status, service_type, county, month) AS key,
                count(*)::int AS count,
                (avg(extract(epoch FROM accepted_at - ordered_at)) FILTER (WHERE accepted_at IS NOT NULL) / 3600)::float8 AS mean_hours,
                (avg(rating) FILTER (WHERE rating IS NOT NULL))::float8 AS average_rating
           FROM o
          GROUP BY GROUPING SETS ((status), (service_type), (county), (month), ())
          ORDER BY dimension, key`,
      ),
      [likePrefix(q.regionPrefix), q.from, q.to],
    );
    const of = (dimension: Dimension) => rows.filter((r) => r.dimension === dimension).map((r) => ({ key: r.key!, count: r.count }));
    // The grand total always exists (an empty input still yields its one row).
    const all = rows.find((r) => r.dimension === 'all');
    return {
      byStatus: of('status'),
      byServiceType: of('serviceType'),
      byRegion: of('region'),
      byMonth: of('month'),
      meanHoursToAcceptance: all?.mean_hours ?? null,
      averageRating: all?.average_rating ?? null,
    };
  }

  /** Donations and grants of the funds in the region, by the county of the fund's region; counties without movements are left out. */
  async fundTotals(q: ReportQuery): Promise<FundTotalsRow[]> {
    const rows: { region_code: string; raised_fen: string; granted_fen: string }[] = await this.manager.query(
      sql(
        'partnershipReportFunds',
        `SELECT left(f.region_code, 6) AS region_code,
                coalesce(sum(m.amount_fen) FILTER (WHERE m.kind = 'DONATION'), 0)::bigint AS raised_fen,
                coalesce(sum(m.amount_fen) FILTER (WHERE m.kind = 'GRANT'), 0)::bigint AS granted_fen
           FROM fund_movements m JOIN community_funds f ON f.id = m.fund_id
          WHERE f.region_code LIKE $1 AND ${inChinaDates('m.at')}
          GROUP BY 1 ORDER BY 1`,
      ),
      [likePrefix(q.regionPrefix), q.from, q.to],
    );
    return rows.map((r) => ({ regionCode: r.region_code, raisedFen: Number(r.raised_fen), grantedFen: Number(r.granted_fen) }));
  }
}
