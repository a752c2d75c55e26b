import { Client } from 'pg';

/** `url` with its database name replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid database name: ${name}`);
}

async function withAdminClient<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `database` on the server of `serverUrl` unless it exists. Safe when several processes race
 * to create the same database (the loser sees `duplicate_database` and carries on).
 */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  assertIdentifier(database);
  await withAdminClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE "${database}"`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 42P04 duplicate_database; 23505 when two CREATE DATABASE race on the catalog.
      if (code !== '42P04' && code !== '23505') throw error;
    }
  });
}

/** Drops `database`, disconnecting anyone still using it. */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  assertIdentifier(database);
  await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
}
