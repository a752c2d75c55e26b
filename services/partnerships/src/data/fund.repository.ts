import { bigintIds, countRows, likePrefix } from '@vg/db';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { DonorKind } from '../generated/graphql';
import { CommunityFund } from './community-fund.entity';
import { FundMovement } from './fund-movement.entity';

export interface NewDonation {
  fundId: string;
  amountFen: number;
  donorKind: DonorKind;
  enterpriseId: string | null;
  donorName: string | null;
  reason: string | null;
  by: string;
  at?: Date;
}

export interface NewGrant {
  fundId: string;
  amountFen: number;
  serviceRequestId: string | null;
  projectId: string | null;
  reason: string;
  by: string;
  at?: Date;
}

/** What a conditional balance change left: the fund's balance after it. */
export type BalanceChange = { balanceAfterFen: number } | null;

/** Community funds and their append-only ledger. Balances only move together with a ledger row. */
export class FundRepository {
  constructor(private readonly manager: EntityManager) {}

  private get funds() {
    return this.manager.getRepository(CommunityFund);
  }

  private get movements() {
    return this.manager.getRepository(FundMovement);
  }

  byIds(ids: readonly string[]): Promise<CommunityFund[]> {
    return this.funds
      .createQueryBuilder('f')
      .comment('communityFundsByIds')
      .where('f.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  page(regionPrefix: string | undefined, limit: number, afterId?: string): Promise<CommunityFund[]> {
    const q = this.filtered(regionPrefix, 'pageCommunityFunds').orderBy('f.id').limit(limit);
    if (afterId) q.andWhere('f.id > :afterId', { afterId });
    return q.getMany();
  }

  count(regionPrefix: string | undefined): Promise<number> {
    return countRows(this.filtered(regionPrefix, 'countCommunityFunds'));
  }

  private filtered(regionPrefix: string | undefined, name: string): SelectQueryBuilder<CommunityFund> {
    const q = this.funds.createQueryBuilder('f').comment(name);
    if (regionPrefix) q.where('f.region_code LIKE :prefix', { prefix: likePrefix(regionPrefix) });
    return q;
  }

  /** The funds in any of these regions (by code prefix) or below, by region code: one statement for all. */
  inRegions(prefixes: readonly string[]): Promise<CommunityFund[]> {
    return this.funds
      .createQueryBuilder('f')
      .comment('communityFundsInRegions')
      .where('f.region_code LIKE ANY(:patterns)', { patterns: prefixes.map(likePrefix) })
      .orderBy('f.region_code')
      .addOrderBy('f.id')
      .getMany();
  }

  /**
   * Adds a donation to the balance and the amount raised; null when no fund has this id. The row
   * lock it takes orders it with every other movement of the fund until the transaction ends.
   */
  async credit(fundId: string, amountFen: number): Promise<BalanceChange> {
    const rows = updatedRows<{ balance_fen: string }>(
      await this.manager.query(
        `/* creditCommunityFund */ UPDATE community_funds SET balance_fen = balance_fen + $2, raised_fen = raised_fen + $2, updated_at = now()
       WHERE id = $1 RETURNING balance_fen`,
        [fundId, amountFen],
      ),
    );
    return rows.length ? { balanceAfterFen: Number(rows[0].balance_fen) } : null;
  }

  /**
   * Takes a grant from the balance only if it covers it; null otherwise (or when no fund has this
   * id). One conditional UPDATE: concurrent grants queue on the row lock and each re-checks the
   * condition against the balance the previous one left, so the balance can never go negative.
   */
  async debit(fundId: string, amountFen: number): Promise<BalanceChange> {
    const rows = updatedRows<{ balance_fen: string }>(
      await this.manager.query(
        `/* debitCommunityFund */ UPDATE community_funds SET balance_fen = balance_fen - $2, granted_fen = granted_fen + $2, updated_at = now()
       WHERE id = $1 AND balance_fen >= $2 RETURNING balance_fen`,
        [fundId, amountFen],
      ),
    );
    return rows.length ? { balanceAfterFen: Number(rows[0].balance_fen) } : null;
  }

  insertDonation(d: NewDonation, balanceAfterFen: number): Promise<FundMovement> {
    return this.insertMovement({
      fundId: d.fundId,
      kind: 'DONATION',
      amountFen: d.amountFen,
      balanceAfterFen,
      donorKind: d.donorKind,
      enterpriseId: d.enterpriseId,
      donorName: d.donorName,
      serviceRequestId: null,
      projectId: null,
      reason: d.reason,
      bySub: d.by,
      at: d.at ?? new Date(),
    });
  }

  insertGrant(g: NewGrant, balanceAfterFen: number): Promise<FundMovement> {
    return this.insertMovement({
      fundId: g.fundId,
      kind: 'GRANT',
      amountFen: g.amountFen,
      balanceAfterFen,
      donorKind: null,
      enterpriseId: null,
      donorName: null,
      serviceRequestId: g.serviceRequestId,
      projectId: g.projectId,
      reason: g.reason,
      bySub: g.by,
      at: g.at ?? new Date(),
    });
  }

  private insertMovement(movement: Omit<FundMovement, 'id'>): Promise<FundMovement> {
    return this.movements.save(this.movements.create(movement));
  }

  /** A fund's ledger, newest first (keyset on id). */
  ledger(fundId: string, limit: number, beforeId?: string): Promise<FundMovement[]> {
    const q = this.movements.createQueryBuilder('m').comment('fundLedger').where('m.fund_id = :fundId', { fundId }).orderBy('m.id', 'DESC').limit(limit);
    if (beforeId) q.andWhere('m.id < :beforeId', { beforeId });
    return q.getMany();
  }

  ledgerCount(fundId: string): Promise<number> {
    return countRows(this.movements.createQueryBuilder('m').comment('countFundLedger').where('m.fund_id = :fundId', { fundId }));
  }

  /** The grants that paid for these service requests, oldest first. */
  grantsFor(serviceRequestIds: readonly string[]): Promise<FundMovement[]> {
    return this.movements
      .createQueryBuilder('m')
      .comment('grantsForServiceRequests')
      .where('m.service_request_id = ANY(:ids)', { ids: bigintIds(serviceRequestIds) })
      .andWhere("m.kind = 'GRANT'")
      .orderBy('m.id', 'ASC')
      .getMany();
  }

  /** Whether any fund exists (the demo seed runs only when none does). */
  async any(): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`/* anyCommunityFund */ SELECT 1 FROM community_funds LIMIT 1`);
    return rows.length > 0;
  }

  /** Seed: empty funds in one statement; their ids in the order given. */
  async insertFunds(rows: readonly { name: string; regionCode: string }[]): Promise<string[]> {
    const inserted: { id: string }[] = await this.manager.query(
      `/* insertCommunityFunds */ INSERT INTO community_funds (name, region_code)
       SELECT name, region_code FROM unnest($1::varchar[], $2::varchar[]) WITH ORDINALITY AS t(name, region_code, n) ORDER BY n RETURNING id`,
      [rows.map((r) => r.name), rows.map((r) => r.regionCode)],
    );
    return inserted
      .map((r) => BigInt(r.id))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map(String);
  }

  /**
   * Seed: a whole ledger in one statement, then each fund's totals from it (so the balances and the
   * ledger agree by construction). Movements must be in ledger order with their balance after.
   */
  async insertLedger(movements: readonly Omit<FundMovement, 'id'>[]): Promise<void> {
    const col = <K extends keyof Omit<FundMovement, 'id'>>(key: K) => movements.map((m) => m[key]);
    await this.manager.query(
      `/* insertFundLedger */ INSERT INTO fund_movements (fund_id, kind, amount_fen, balance_after_fen, donor_kind, enterprise_id, donor_name, service_request_id, project_id, reason, by_sub, at)
       SELECT fund_id, kind, amount_fen, balance_after_fen, donor_kind, enterprise_id, donor_name, service_request_id, project_id, reason, by_sub, at
       FROM unnest($1::bigint[], $2::varchar[], $3::bigint[], $4::bigint[], $5::varchar[], $6::bigint[], $7::varchar[], $8::bigint[], $9::bigint[], $10::text[], $11::varchar[], $12::timestamptz[])
         WITH ORDINALITY AS t(fund_id, kind, amount_fen, balance_after_fen, donor_kind, enterprise_id, donor_name, service_request_id, project_id, reason, by_sub, at, n)
       ORDER BY n`,
      [
        col('fundId'),
        col('kind'),
        col('amountFen'),
        col('balanceAfterFen'),
        col('donorKind'),
        col('enterpriseId'),
        col('donorName'),
        col('serviceRequestId'),
        col('projectId'),
        col('reason'),
        col('bySub'),
        col('at'),
      ],
    );
    await this.manager.query(
      `/* totalCommunityFunds */ UPDATE community_funds f SET raised_fen = t.raised, granted_fen = t.granted, balance_fen = t.raised - t.granted, updated_at = now()
       FROM (SELECT fund_id, coalesce(sum(amount_fen) FILTER (WHERE kind = 'DONATION'), 0) AS raised, coalesce(sum(amount_fen) FILTER (WHERE kind = 'GRANT'), 0) AS granted
             FROM fund_movements GROUP BY fund_id) t
       WHERE f.id = t.fund_id`,
    );
  }
}

/** The rows an UPDATE … RETURNING gave: TypeORM's PostgreSQL driver answers an UPDATE with [rows, affected]. */
function updatedRows<T>(result: unknown): T[] {
  const r = result as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}
