import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Stops the embedded test server (if this run started one) and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const pg = globalThis.__VG_TEST_PG__;
  if (!pg) return;
  await pg.stop();
  rmSync(dirname(pg.dataDir), { recursive: true, force: true });
}
