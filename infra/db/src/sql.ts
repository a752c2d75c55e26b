/**
 * Tags a SQL statement with the name of the query that issued it, so logs and
 * `pg_stat_statements` say who ran it: sql('volunteersByIds', 'SELECT ...').
 */
export function sql(name: string, text: string): string {
  return `/* ${name} */ ${text}`;
}
