import type { EntityManager } from 'typeorm';
import { bigintIds, sql } from '@vg/db';
import { PointsAccount } from './points-account.entity';
import { PointsLedgerEntry, type PointsEntryKind } from './points-ledger-entry.entity';
import { PointsRule } from './points-rule.entity';
import { PointsRuleCoefficient } from './points-rule-coefficient.entity';

/** TypeORM hands back the rows of UPDATE and DELETE as [rows, count]; every other statement as rows. */
export async function queryRows<T>(manager: EntityManager, text: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** An open lot as the feed's crediting sees it. */
export interface OpenLot {
  id: string;
  volunteerId: string;
  recordId: string | null;
  earnedOn: string;
  expiresOn: string;
  amount: number;
  remaining: number;
}

export interface NewLedgerEntry {
  volunteerId: string;
  kind: PointsEntryKind;
  points: number;
  balanceAfter: number;
  recordId: string | null;
  sourceSequence: string | null;
  reason: string | null;
}

export interface NewLot {
  volunteerId: string;
  recordId: string | null;
  earnedOn: string;
  amount: number;
  remaining: number;
}

export type AccountTotals = Pick<PointsAccount, 'volunteerId' | 'balance' | 'earned' | 'spent' | 'expired'>;

const ENTRY_COLUMNS = `id::text, volunteer_id::text AS "volunteerId", kind, points, balance_after AS "balanceAfter", record_id::text AS "recordId",
  source_sequence::text AS "sourceSequence", redemption_id::text AS "redemptionId", reason, by_sub AS "by", at`;

/** Which account column a movement of each kind changes (balance always; earned, spent or expired by kind). */
function totalsFor(kind: PointsEntryKind): 'earned' | 'spent' | 'expired' {
  if (kind === 'REDEMPTION' || kind === 'REFUND') return 'spent';
  return kind === 'EXPIRY' ? 'expired' : 'earned';
}

/**
 * Points rules, accounts, lots and the ledger. Every movement of a volunteer's points takes their
 * account row first (`lockAccount`/`lockAccounts`), so concurrent movements queue per volunteer
 * and the balance written to each entry is exact. Balance = sum of the ledger = earned − spent −
 * expired = the remaining of their open lots.
 */
export class PointsRepository {
  constructor(private readonly manager: EntityManager) {}

  // ---- rules ----------------------------------------------------------------------------------

  /** Every rule with its coefficients, newest effective date first. */
  rules(): Promise<PointsRule[]> {
    return this.manager
      .getRepository(PointsRule)
      .createQueryBuilder('r')
      .comment('pointsRules')
      .leftJoinAndSelect('r.coefficients', 'c')
      .orderBy('r.effective_from', 'DESC')
      .addOrderBy('c.theme')
      .getMany();
  }

  /** Coefficients of these rules, by theme. */
  coefficientsOf(ruleIds: readonly string[]): Promise<PointsRuleCoefficient[]> {
    return this.manager
      .getRepository(PointsRuleCoefficient)
      .createQueryBuilder('c')
      .comment('pointsRuleCoefficients')
      .where('c.rule_id = ANY(:ids)', { ids: bigintIds(ruleIds) })
      .orderBy('c.theme')
      .getMany();
  }

  /** Inserts a rule and its coefficients (the unique effective date refuses a second rule for a day). */
  async insertRule(rule: { effectiveFrom: string; pointsPerHour: number; createdBy: string; coefficients: { theme: string; coefficient: number }[] }): Promise<PointsRule> {
    const [row] = await queryRows<{ id: string }>(
      this.manager,
      sql('insertPointsRule', 'INSERT INTO points_rules (effective_from, points_per_hour, created_by) VALUES ($1, $2, $3) RETURNING id::text'),
      [rule.effectiveFrom, rule.pointsPerHour, rule.createdBy],
    );
    if (rule.coefficients.length) {
      await this.manager.query(sql('insertPointsRuleCoefficients', 'INSERT INTO points_rule_coefficients (rule_id, theme, coefficient) SELECT $1, * FROM unnest($2::text[], $3::numeric[])'), [
        row.id,
        rule.coefficients.map((c) => c.theme),
        rule.coefficients.map((c) => c.coefficient),
      ]);
    }
    return (await this.manager.getRepository(PointsRule).createQueryBuilder('r').comment('pointsRuleById').leftJoinAndSelect('r.coefficients', 'c').where('r.id = :id', { id: row.id }).getOne())!;
  }

  // ---- accounts -------------------------------------------------------------------------------

  /** Accounts of these volunteers (volunteers who never had points have none). */
  accountsOf(volunteerIds: readonly string[]): Promise<PointsAccount[]> {
    return this.manager
      .getRepository(PointsAccount)
      .createQueryBuilder('a')
      .comment('pointsAccounts')
      .where('a.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .getMany();
  }

  /**
   * Locks these volunteers' accounts until the transaction ends, creating missing ones at 0, in
   * volunteer order (so two lockers of overlapping sets never deadlock).
   */
  async lockAccounts(volunteerIds: readonly string[]): Promise<AccountTotals[]> {
    const ids = [...new Set(bigintIds(volunteerIds))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    if (!ids.length) return [];
    await this.manager.query(sql('createPointsAccounts', 'INSERT INTO points_accounts (volunteer_id) SELECT unnest($1::bigint[]) ORDER BY 1 ON CONFLICT DO NOTHING'), [ids]);
    return queryRows<AccountTotals>(
      this.manager,
      sql(
        'lockPointsAccounts',
        `SELECT volunteer_id::text AS "volunteerId", balance, earned, spent, expired FROM points_accounts
         WHERE volunteer_id = ANY($1::bigint[]) ORDER BY volunteer_id FOR UPDATE`,
      ),
      [ids],
    );
  }

  /** Locks one volunteer's account (created at 0 when missing) until the transaction ends. */
  async lockAccount(volunteerId: string): Promise<AccountTotals> {
    const [account] = await this.lockAccounts([volunteerId]);
    return account;
  }

  /** Writes these totals (accounts locked by this transaction). */
  async saveAccounts(accounts: readonly AccountTotals[]): Promise<void> {
    if (!accounts.length) return;
    await this.manager.query(
      sql(
        'savePointsAccounts',
        `UPDATE points_accounts a SET balance = t.balance, earned = t.earned, spent = t.spent, expired = t.expired, updated_at = now()
         FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::int[]) AS t(volunteer_id, balance, earned, spent, expired)
         WHERE a.volunteer_id = t.volunteer_id`,
      ),
      [accounts.map((a) => a.volunteerId), accounts.map((a) => a.balance), accounts.map((a) => a.earned), accounts.map((a) => a.spent), accounts.map((a) => a.expired)],
    );
  }

  // ---- lots -----------------------------------------------------------------------------------

  /** Open lots of these volunteers that are still live after `today`, oldest expiry first. */
  liveLotsOf(volunteerIds: readonly string[], today: string): Promise<OpenLot[]> {
    return queryRows<OpenLot>(
      this.manager,
      sql(
        'livePointsLots',
        `SELECT id::text, volunteer_id::text AS "volunteerId", record_id::text AS "recordId", earned_on::text AS "earnedOn", expires_on::text AS "expiresOn", amount, remaining
         FROM points_lots WHERE volunteer_id = ANY($1::bigint[]) AND remaining > 0 AND expires_on > $2 ORDER BY volunteer_id, expires_on, id`,
      ),
      [bigintIds(volunteerIds), today],
    );
  }

  /** New lots, expiring 3 years after the day they were earned. */
  async insertLots(lots: readonly NewLot[]): Promise<void> {
    if (!lots.length) return;
    await this.manager.query(
      sql(
        'insertPointsLots',
        `INSERT INTO points_lots (volunteer_id, record_id, earned_on, expires_on, amount, remaining)
         SELECT volunteer_id, record_id, earned_on, (earned_on + interval '3 years')::date, amount, remaining
         FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::int[], $5::int[]) AS t(volunteer_id, record_id, earned_on, amount, remaining)`,
      ),
      [lots.map((l) => l.volunteerId), lots.map((l) => l.recordId), lots.map((l) => l.earnedOn), lots.map((l) => l.amount), lots.map((l) => l.remaining)],
    );
  }

  /** Sets what is left of these lots. */
  async setLotsRemaining(lots: readonly { id: string; remaining: number }[]): Promise<void> {
    if (!lots.length) return;
    await this.manager.query(sql('setPointsLotsRemaining', 'UPDATE points_lots l SET remaining = t.remaining FROM unnest($1::bigint[], $2::int[]) AS t(id, remaining) WHERE l.id = t.id'), [
      lots.map((l) => l.id),
      lots.map((l) => l.remaining),
    ]);
  }

  // ---- ledger ---------------------------------------------------------------------------------

  /** Appends entries in the given order (a change's source_sequence can be written only once). */
  async appendEntries(entries: readonly NewLedgerEntry[]): Promise<void> {
    if (!entries.length) return;
    await this.manager.query(
      sql(
        'appendPointsLedger',
        `INSERT INTO points_ledger (volunteer_id, kind, points, balance_after, record_id, source_sequence, reason)
         SELECT volunteer_id, kind, points, balance_after, record_id, source_sequence, reason
         FROM unnest($1::bigint[], $2::text[], $3::int[], $4::int[], $5::bigint[], $6::bigint[], $7::text[]) WITH ORDINALITY
           AS t(volunteer_id, kind, points, balance_after, record_id, source_sequence, reason, n)
         ORDER BY n`,
      ),
      [
        entries.map((e) => e.volunteerId),
        entries.map((e) => e.kind),
        entries.map((e) => e.points),
        entries.map((e) => e.balanceAfter),
        entries.map((e) => e.recordId),
        entries.map((e) => e.sourceSequence),
        entries.map((e) => e.reason),
      ],
    );
  }

  /**
   * Expires every lot of these volunteers that reached its expiry date by `today`, oldest first:
   * an EXPIRY entry per lot, and the accounts (locked by the caller) in step. Returns the points expired.
   */
  async expireDue(volunteerIds: string | readonly string[], today: string): Promise<number> {
    const ids = bigintIds(typeof volunteerIds === 'string' ? [volunteerIds] : volunteerIds);
    if (!ids.length) return 0;
    const rows = await queryRows<{ total: number }>(
      this.manager,
      sql(
        'expireDuePointsLots',
        `WITH due AS (
           UPDATE points_lots l SET remaining = 0
           FROM (SELECT id, remaining FROM points_lots WHERE volunteer_id = ANY($1::bigint[]) AND remaining > 0 AND expires_on <= $2) d
           WHERE l.id = d.id
           RETURNING l.id, l.volunteer_id, l.earned_on, l.expires_on, d.remaining
         ), ordered AS (
           SELECT due.*, a.balance - sum(due.remaining) OVER (PARTITION BY due.volunteer_id ORDER BY due.expires_on, due.id) AS balance_after
           FROM due JOIN points_accounts a ON a.volunteer_id = due.volunteer_id
         ), entries AS (
           INSERT INTO points_ledger (volunteer_id, kind, points, balance_after, reason)
           SELECT volunteer_id, 'EXPIRY', -remaining, balance_after, 'earned on ' || earned_on || ', expired on ' || expires_on
           FROM ordered ORDER BY volunteer_id, expires_on, id
         ), totals AS (
           UPDATE points_accounts a SET balance = a.balance - t.total, expired = a.expired + t.total, updated_at = now()
           FROM (SELECT volunteer_id, sum(remaining)::int AS total FROM due GROUP BY volunteer_id) t
           WHERE a.volunteer_id = t.volunteer_id
           RETURNING t.total
         )
         SELECT coalesce(sum(total), 0)::int AS total FROM totals`,
      ),
      [ids, today],
    );
    return rows[0]?.total ?? 0;
  }

  /** Up to `limit` volunteers with lots that reached their expiry date by `today` (for the sweep). */
  async volunteersWithDueLots(today: string, limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      this.manager,
      sql('volunteersWithDuePointsLots', 'SELECT DISTINCT volunteer_id::text AS id FROM points_lots WHERE remaining > 0 AND expires_on <= $1 LIMIT $2'),
      [today, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Takes `points` (> 0) from the volunteer's open lots, oldest expiry first, and writes the entry
   * (negative) with the account in step. The caller has locked the account (`lockAccount`), run
   * `expireDue`, and made sure the balance covers it (the database refuses a negative balance).
   */
  async debit(input: { volunteerId: string; points: number; kind: PointsEntryKind; redemptionId?: string | null; reason?: string | null; by?: string | null }): Promise<PointsLedgerEntry> {
    await this.manager.query(
      sql(
        'debitPointsLots',
        `WITH open AS (
           SELECT id, remaining, sum(remaining) OVER (ORDER BY expires_on, id) - remaining AS before
           FROM points_lots WHERE volunteer_id = $1 AND remaining > 0
         )
         UPDATE points_lots l SET remaining = l.remaining - LEAST(o.remaining, $2 - o.before)
         FROM open o WHERE l.id = o.id AND o.before < $2`,
      ),
      [input.volunteerId, input.points],
    );
    return this.move({ ...input, points: -input.points });
  }

  /**
   * Credits `points` (> 0) as a new lot earned on `earnedOn` (expiring 3 years later) and writes
   * the entry with the account in step. The caller has locked the account.
   */
  async credit(input: {
    volunteerId: string;
    points: number;
    kind: PointsEntryKind;
    earnedOn: string;
    recordId?: string | null;
    redemptionId?: string | null;
    reason?: string | null;
    by?: string | null;
    sourceSequence?: string | null;
  }): Promise<PointsLedgerEntry> {
    await this.insertLots([{ volunteerId: input.volunteerId, recordId: input.recordId ?? null, earnedOn: input.earnedOn, amount: input.points, remaining: input.points }]);
    return this.move(input);
  }

  /** The account moved by `points` (signed) and the entry with the balance after it. */
  private async move(input: {
    volunteerId: string;
    points: number;
    kind: PointsEntryKind;
    recordId?: string | null;
    redemptionId?: string | null;
    reason?: string | null;
    by?: string | null;
    sourceSequence?: string | null;
  }): Promise<PointsLedgerEntry> {
    const column = totalsFor(input.kind);
    // Spent and expired count debits as positive numbers; earned counts credits.
    const change = column === 'earned' ? '+ $2' : '- $2';
    const [entry] = await queryRows<PointsLedgerEntry>(
      this.manager,
      sql(
        'movePoints',
        `WITH account AS (
           UPDATE points_accounts SET balance = balance + $2::int, ${column} = ${column} ${change}::int, updated_at = now()
           WHERE volunteer_id = $1::bigint RETURNING balance
         )
         INSERT INTO points_ledger (volunteer_id, kind, points, balance_after, record_id, redemption_id, source_sequence, reason, by_sub)
         SELECT $1::bigint, $3::text, $2::int, balance, $4::bigint, $5::bigint, $6::bigint, $7::text, $8::text FROM account
         RETURNING ${ENTRY_COLUMNS}`,
      ),
      [input.volunteerId, input.points, input.kind, input.recordId ?? null, input.redemptionId ?? null, input.sourceSequence ?? null, input.reason ?? null, input.by ?? null],
    );
    if (!entry) throw new Error(`points account of volunteer ${input.volunteerId} is not locked (lockAccount first)`);
    return entry;
  }

  /**
   * Pages of several volunteers' ledgers in one statement, one list per page in the order asked:
   * up to `limit` entries newest first, after the entry `beforeId` when given (so a list of
   * volunteers' ledgers is not N+1).
   */
  async ledgerPages(pages: readonly { volunteerId: string; limit: number; beforeId: string | null }[]): Promise<PointsLedgerEntry[][]> {
    if (!pages.length) return [];
    const rows = await queryRows<PointsLedgerEntry & { page: number }>(
      this.manager,
      sql(
        'pointsLedgerPages',
        `SELECT k.n::int AS page, e.* FROM unnest($1::bigint[], $2::bigint[], $3::int[]) WITH ORDINALITY AS k(volunteer_id, before_id, page_limit, n)
         CROSS JOIN LATERAL (
           SELECT ${ENTRY_COLUMNS} FROM points_ledger
           WHERE volunteer_id = k.volunteer_id AND (k.before_id IS NULL OR id < k.before_id)
           ORDER BY id DESC LIMIT k.page_limit
         ) e
         ORDER BY k.n, e.id::bigint DESC`,
      ),
      [pages.map((p) => p.volunteerId), pages.map((p) => p.beforeId), pages.map((p) => p.limit)],
    );
    const byPage: PointsLedgerEntry[][] = pages.map(() => []);
    for (const { page, ...entry } of rows) byPage[page - 1].push(entry);
    return byPage;
  }

  /** Ledger entries per volunteer. */
  async ledgerCounts(volunteerIds: readonly string[]): Promise<{ volunteerId: string; count: number }[]> {
    return queryRows(
      this.manager,
      sql('countPointsLedger', 'SELECT volunteer_id::text AS "volunteerId", count(*)::int AS count FROM points_ledger WHERE volunteer_id = ANY($1::bigint[]) GROUP BY volunteer_id'),
      [bigintIds(volunteerIds)],
    );
  }

  /** Points of the balance of these volunteers that expire by `until` (lots already due included). */
  async expiringBy(volunteerIds: readonly string[], until: string): Promise<{ volunteerId: string; points: number }[]> {
    return queryRows(
      this.manager,
      sql(
        'pointsExpiringSoon',
        `SELECT volunteer_id::text AS "volunteerId", sum(remaining)::int AS points FROM points_lots
         WHERE volunteer_id = ANY($1::bigint[]) AND remaining > 0 AND expires_on <= $2 GROUP BY volunteer_id`,
      ),
      [bigintIds(volunteerIds), until],
    );
  }
}
