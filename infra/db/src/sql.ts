/**
 * Tags a SQL statement with the name of the query that issued it, so logs and
 * `pg_stat_statements` say who ran it: sql('volunteersByIds', 'SELECT ...').
 */
export function sql(name: string, text: string): string {
  return `/* ${name} */ ${text}`;
}

const BIGINT_ID = /^[1-9]\d{0,18}$/;

/**
 * The keys that can be bigint ids (others can match no row): filter with this before
 * `id = ANY($1)`, so a malformed id from a client or another subgraph finds nothing instead of
 * failing the whole batch with a cast error.
 */
export function bigintIds(ids: readonly string[]): string[] {
  return ids.filter((id) => BIGINT_ID.test(id));
}
