import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Tags a SQL statement with the name of the query that issued it, so logs and
 * `pg_stat_statements` say who ran it: sql('volunteersByIds', 'SELECT ...').
 */
export function sql(name: string, text: string): string {
  return `/* ${name} */ ${text}`;
}

const BIGINT_ID = /^[1-9]\d{0,18}$/;
/** PostgreSQL's largest bigint: 19 digits above it fail the cast (a 500, not an empty answer). */
const BIGINT_MAX = 9223372036854775807n;

/** Digits of a positive id that fits a bigint column. */
function isBigintId(id: string): boolean {
  return BIGINT_ID.test(id) && BigInt(id) <= BIGINT_MAX;
}

/**
 * The keys that can be bigint ids (others can match no row): filter with this before
 * `id = ANY($1)`, so a malformed id from a client or another subgraph finds nothing instead of
 * failing the whole batch with a cast error.
 */
export function bigintIds(ids: readonly string[]): string[] {
  return ids.filter(isBigintId);
}

/**
 * The number of rows a query matches, as `count(*)`. TypeORM's `getCount()` counts
 * `DISTINCT id` instead, which sorts every matching row: far slower on large tables.
 */
export async function countRows(query: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const row = await query.select('count(*)::int', 'count').orderBy().getRawOne<{ count: number }>();
  return row?.count ?? 0;
}
