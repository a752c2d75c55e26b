/**
 * The honours feed consumer catching up a backlog: `changes` service-record changes (about one in
 * ten a correction) served page by page by a stand-in for the projects feed (generated on demand,
 * so neither side holds the backlog), credited into a fresh honours database. Measures the
 * consumer and its database, not the projects subgraph's own reads. Run alone:
 * `pnpm exec tsx test/bench/feed-catch-up.ts 100000` (starts its own embedded PostgreSQL).
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, ensureDatabase, freePort, startEmbeddedPostgres, withDatabase } from '@vg/db';
import { decodeCursor, encodeCursor, type SubgraphClient } from '@vg/graphql';
import { createLogger, silentLogger } from '@vg/logger';
import { loadServiceDefinition, serviceDeps } from '@vg/service';

/** Change n (1-based) of a synthetic feed: records of 2,000 volunteers, every tenth change a correction of an earlier record. */
function changeAt(n: number) {
  const correction = n % 10 === 0;
  const recordId = correction ? n - 5 : n;
  const hours = correction ? 1 : 1 + (n % 6) * 0.5;
  return {
    sequence: String(n),
    kind: correction ? 'CORRECTED' : 'CREATED',
    volunteerId: String(1 + (recordId % 2000)),
    hours,
    hoursDelta: correction ? hours - (1 + (recordId % 6) * 0.5) : hours,
    at: new Date().toISOString(),
    record: { id: String(recordId), serviceDate: '2026-03-01', activity: recordId % 7 === 0 ? { theme: 'EMERGENCY_RESCUE' } : { theme: 'EXAM_SUPPORT' } },
  };
}

function syntheticGraph(total: number): SubgraphClient {
  const request = async (query: string, variables: Record<string, unknown>): Promise<unknown> => {
    if (query.includes('serviceRecordChanges')) {
      const after = variables.after ? Number(decodeCursor(String(variables.after))) : 0;
      const last = Math.min(total, after + Number(variables.first));
      const changes = Array.from({ length: last - after }, (_, i) => changeAt(after + 1 + i));
      return { serviceRecordChanges: { changes, cursor: encodeCursor(String(last)), hasMore: last < total, latestSequence: String(total), latestAt: new Date().toISOString() } };
    }
    return { _entities: (variables.r as { id: string }[]).map(({ id }) => ({ id, region: { code: '370302' } })) };
  };
  return { request } as unknown as SubgraphClient;
}

/** Changes per second for catching up `total` changes on a running PostgreSQL server. */
export async function feedCatchUp(serverUrl: string, total: number): Promise<{ changes: number; seconds: number; perSecond: number }> {
  const definition = loadServiceDefinition('honours');
  const database = `vg_bench_honours_${Date.now()}`;
  await ensureDatabase(serverUrl, database);
  const dataSource = createDataSource({ url: withDatabase(serverUrl, database), entities: definition.entities, migrations: definition.migrations, logger: silentLogger() });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const graph = syntheticGraph(total);
  const deps = serviceDeps(definition, {
    dataSource,
    logger: silentLogger(),
    secrets: { internalSecret: 'bench', piiEncryptionKey: 'bench', piiHashKey: 'bench' },
    subgraphUrls: { volunteers: 'http://127.0.0.1:1', projects: 'http://127.0.0.1:1' },
  });
  deps.clients.projects = graph;
  deps.clients.volunteers = graph;
  const consumer = definition.worker!(deps) as ReturnType<NonNullable<typeof definition.worker>> & { drain(): Promise<{ changes: number }> };
  const started = performance.now();
  const { changes } = await consumer.drain();
  const seconds = (performance.now() - started) / 1000;
  await dataSource.destroy();
  return { changes, seconds, perSecond: Math.round(changes / seconds) };
}

if (require.main === module) {
  const total = Number(process.argv[2] ?? 100_000);
  void (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-bench-feed-'));
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), logger: createLogger({ name: 'bench', level: 'warn' }), fast: true });
    try {
      const r = await feedCatchUp(pg.url, total);
      process.stdout.write(`| honours feed catch-up (${r.changes} changes) | ${r.perSecond} changes/s | ${r.seconds.toFixed(1)} s |\n`);
    } finally {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  })();
}
