import { createTestDataSource, type TestDataSource } from '@vg/db';
import { encodeCursor, decodeCursor, type SubgraphClient } from '@vg/graphql';
import { silentLogger } from '@vg/logger';
import type { ServiceDeps } from '@vg/service';
import { entities, migrations } from '../data/entities';
import { createFeedConsumer, FEED_PAGE_SIZE } from './feed-consumer';

interface Change {
  sequence: string;
  kind: 'CREATED' | 'CORRECTED';
  volunteerId: string;
  hours: number;
  hoursDelta: number;
  at: string;
  record: { id: string; serviceDate: string; activity: { theme: string } | null };
}

/**
 * The projects feed and the volunteers' regions, in memory, answering the two operations the
 * consumer sends; `failEntitiesOnce` makes the next regions call fail (a crash before the commit).
 */
class FakeGraph {
  changes: Change[] = [];
  calls = { feed: 0, entities: 0 };
  failEntitiesOnce = false;

  add(recordId: string, volunteerId: string, hours: number, options: { theme?: string | null; serviceDate?: string } = {}): void {
    const previous = [...this.changes].reverse().find((c) => c.record.id === recordId);
    this.changes.push({
      sequence: String(this.changes.length + 1),
      kind: previous ? 'CORRECTED' : 'CREATED',
      volunteerId,
      hours,
      hoursDelta: hours - (previous?.hours ?? 0),
      at: new Date().toISOString(),
      record: { id: recordId, serviceDate: options.serviceDate ?? '2026-05-01', activity: options.theme === null ? null : { theme: options.theme ?? 'EXAM_SUPPORT' } },
    });
  }

  client(): SubgraphClient {
    const request = async (query: string, variables: Record<string, unknown>): Promise<unknown> => {
      if (query.includes('serviceRecordChanges')) {
        this.calls.feed++;
        const after = variables.after ? Number(decodeCursor(String(variables.after))) : 0;
        const first = Number(variables.first);
        const rest = this.changes.filter((c) => Number(c.sequence) > after);
        const page = rest.slice(0, first);
        return {
          serviceRecordChanges: {
            changes: page,
            cursor: encodeCursor(page.at(-1)?.sequence ?? String(after)),
            hasMore: rest.length > first,
            latestSequence: String(this.changes.length),
            latestAt: this.changes.at(-1)?.at ?? null,
          },
        };
      }
      this.calls.entities++;
      if (this.failEntitiesOnce) {
        this.failEntitiesOnce = false;
        throw new Error('volunteers subgraph unavailable');
      }
      const representations = variables.r as { id: string }[];
      return { _entities: representations.map(({ id }) => ({ id, region: { code: id === '3' ? '370303' : '370302' } })) };
    };
    return { request } as unknown as SubgraphClient;
  }
}

let db: TestDataSource;
let graph: FakeGraph;

function deps(): ServiceDeps<unknown> {
  const client = graph.client();
  return {
    name: 'honours',
    dataSource: db.dataSource,
    logger: silentLogger(),
    secrets: { internalSecret: 'x', piiEncryptionKey: 'x', piiHashKey: 'x' },
    clients: { projects: client, volunteers: client },
    env: {},
  };
}

const rows = <T>(text: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(text, params);

async function ledgerTotals(): Promise<{ entries: number; creditPoints: number; sequences: number }> {
  const [row] = await rows<{ entries: number; creditPoints: number; sequences: number }>(
    `SELECT count(*)::int AS entries, coalesce(sum(points) FILTER (WHERE kind IN ('RECORD', 'CORRECTION')), 0)::int AS "creditPoints",
       count(DISTINCT source_sequence)::int AS sequences FROM points_ledger`,
  );
  return row;
}

/** Every account equals its ledger and its open lots. */
async function expectAccountsConsistent(): Promise<void> {
  const mismatches = await rows(
    `SELECT a.volunteer_id FROM points_accounts a
     LEFT JOIN (SELECT volunteer_id, sum(points) AS s FROM points_ledger GROUP BY volunteer_id) l USING (volunteer_id)
     LEFT JOIN (SELECT volunteer_id, sum(remaining) AS r FROM points_lots GROUP BY volunteer_id) o USING (volunteer_id)
     WHERE a.balance <> coalesce(l.s, 0) OR a.balance <> coalesce(o.r, 0) OR a.balance <> a.earned - a.spent - a.expired`,
  );
  expect(mismatches).toEqual([]);
}

beforeEach(async () => {
  db = await createTestDataSource({ name: 'honours', entities, migrations });
  graph = new FakeGraph();
});
afterEach(() => db.drop());

describe('the feed consumer', () => {
  it('credits every change exactly once, a correction by an adjusting entry, whatever how often it drains', async () => {
    graph.add('1', '3', 2.5, { theme: 'EMERGENCY_RESCUE' });
    graph.add('2', '3', 4);
    graph.add('3', '4', 1.5, { theme: null });
    graph.add('2', '3', 3);
    const consumer = createFeedConsumer(deps());
    expect(await consumer.drain()).toEqual({ changes: 4 });
    expect(await consumer.drain()).toEqual({ changes: 0 });
    expect(await createFeedConsumer(deps()).drain()).toEqual({ changes: 0 });

    const ledger = await rows<{ kind: string; points: number; balance_after: number; source_sequence: string }>(
      `SELECT kind, points, balance_after, source_sequence::text FROM points_ledger WHERE volunteer_id = 3 ORDER BY id`,
    );
    expect(ledger).toEqual([
      { kind: 'RECORD', points: 38, balance_after: 38, source_sequence: '1' },
      { kind: 'RECORD', points: 40, balance_after: 78, source_sequence: '2' },
      { kind: 'CORRECTION', points: -10, balance_after: 68, source_sequence: '4' },
    ]);
    expect(await rows(`SELECT volunteer_id::text, hours::float8, region_code FROM volunteer_hours ORDER BY volunteer_id`)).toEqual([
      { volunteer_id: '3', hours: 5.5, region_code: '370303' },
      { volunteer_id: '4', hours: 1.5, region_code: '370302' },
    ]);
    expect(await rows(`SELECT theme FROM record_credits WHERE record_id = 3`)).toEqual([{ theme: 'SERVICE_REQUEST' }]);
    expect(await rows(`SELECT last_sequence::text FROM feed_cursors`)).toEqual([{ last_sequence: '4' }]);
    await expectAccountsConsistent();
  });

  it('writes nothing of a page that fails before its commit, and resumes there', async () => {
    graph.add('1', '3', 2);
    graph.failEntitiesOnce = true;
    await expect(createFeedConsumer(deps()).drain()).rejects.toThrow('unavailable');
    expect(await ledgerTotals()).toEqual({ entries: 0, creditPoints: 0, sequences: 0 });
    expect(await createFeedConsumer(deps()).drain()).toEqual({ changes: 1 });
    expect(await ledgerTotals()).toEqual({ entries: 1, creditPoints: 20, sequences: 1 });
  });

  it('catches up a backlog page by page, in a constant number of statements per page, with concurrent drains crediting once', async () => {
    const total = FEED_PAGE_SIZE * 2 + 37;
    for (let i = 1; i <= total; i++) graph.add(String(i), String(1 + (i % 50)), 1 + (i % 4) * 0.5, { theme: i % 10 === 0 ? 'EMERGENCY_RESCUE' : 'EXAM_SUPPORT' });
    const statements: string[] = [];
    const stop = db.dataSource.sqlLogger.onStatement((text) => statements.push(text));
    const [a, b] = await Promise.all([createFeedConsumer(deps()).drain(), createFeedConsumer(deps()).drain()]);
    stop();
    expect(a.changes + b.changes).toBe(total);
    const expected = graph.changes.reduce((sum, c) => sum + Math.round(c.hours * 10 * (c.record.activity?.theme === 'EMERGENCY_RESCUE' ? 1.5 : 1)), 0);
    expect(await ledgerTotals()).toEqual({ entries: total, creditPoints: expected, sequences: total });
    await expectAccountsConsistent();
    // One statement of each kind per page, not per change: 3 pages (plus empty re-reads) each.
    const perPage = statements.filter((s) => s.includes('/* appendPointsLedger */')).length;
    expect(perPage).toBeLessThanOrEqual(6);
    expect(statements.filter((s) => s.includes('/* saveRecordCredits */')).length).toBe(perPage);
    expect(graph.calls.entities).toBeLessThanOrEqual(6);
  });

  it('exposes its lag and what it consumed in metrics', async () => {
    for (let i = 1; i <= FEED_PAGE_SIZE + 10; i++) graph.add(String(i), '3', 1);
    const consumer = createFeedConsumer(deps());
    consumer.start();
    for (let i = 0; i < 100 && !/vg_feed_changes_consumed_total\{feed="service-records"\} 510\n/.test(consumer.metrics!()); i++) await new Promise((r) => setTimeout(r, 100));
    await consumer.stop();
    const metrics = consumer.metrics!();
    expect(metrics).toContain('vg_feed_changes_behind{feed="service-records"} 0\n');
    expect(metrics).toContain('vg_feed_seconds_behind{feed="service-records"} 0.000\n');
    expect(metrics).toContain('vg_feed_changes_consumed_total{feed="service-records"} 510\n');
  });

  it('expires points three years after they were earned, oldest first, and clips a correction at what is left', async () => {
    graph.add('1', '3', 5, { serviceDate: '2020-01-10' });
    graph.add('2', '3', 2, { serviceDate: '2026-05-01' });
    await createFeedConsumer(deps()).drain();
    expect(await rows(`SELECT kind, points, balance_after FROM points_ledger ORDER BY id`)).toEqual([
      { kind: 'RECORD', points: 50, balance_after: 50 },
      { kind: 'RECORD', points: 20, balance_after: 70 },
      { kind: 'EXPIRY', points: -50, balance_after: 20 },
    ]);
    // The expired record corrected down: nothing is left of its points, and the live lot is not touched beyond the balance.
    graph.add('1', '3', 1, { serviceDate: '2020-01-10' });
    await createFeedConsumer(deps()).drain();
    const [last] = await rows<{ kind: string; points: number; reason: string }>(`SELECT kind, points, reason FROM points_ledger ORDER BY id DESC LIMIT 1`);
    expect(last).toMatchObject({ kind: 'CORRECTION', points: -20 });
    expect(last.reason).toMatch(/20 of the 40 points/);
    await expectAccountsConsistent();
  });
});
