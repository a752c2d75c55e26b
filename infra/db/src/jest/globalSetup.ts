import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@vg/logger';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../embeddedPostgres';
import { freePort } from '../freePort';

declare global {
  var __VG_TEST_PG__: EmbeddedPostgresHandle | undefined;
}

/**
 * Jest global setup: the PostgreSQL server every test database lives on. `DATABASE_URL` when set;
 * otherwise a throw-away embedded server (own temp data directory and port, so concurrent runs
 * never collide). Workers find it in `VG_TEST_SERVER_URL`.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.VG_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const logger = createLogger({ name: 'test-postgres', level: 'warn' });
  const dir = mkdtempSync(join(tmpdir(), 'vg-test-pg-'));
  chmodSync(dir, 0o755); // the postgres OS user (when we are root) must enter it
  const dataDir = join(dir, 'data');
  globalThis.__VG_TEST_PG__ = await startEmbeddedPostgres({ dataDir, port: await freePort(), logger, fast: true });
  process.env.VG_TEST_SERVER_URL = globalThis.__VG_TEST_PG__.url;
}
