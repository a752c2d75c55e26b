import { localDate } from '@vg/config';
import { pollingLoop, type ServiceDeps, type ServiceWorker } from '@vg/service';
import { fetchFeedPage, fetchVolunteerRegions, type FeedChange } from '../data/feed.client';
import { repositoriesFor } from '../data/repositories';
import { planPage } from './feed-credits';

/** Changes per page: one transaction each, so memory is bounded by a page, not the backlog. */
export const FEED_PAGE_SIZE = 500;
/** How long to wait when caught up, and after a failure. */
const IDLE_MS = 1000;
const FAILURE_MS = 3000;
/** Volunteers whose due lots one idle tick expires. */
const SWEEP_BATCH = 500;

export interface FeedConsumer extends ServiceWorker {
  /** Consumes the feed to its end (page by page); the number of changes it credited. */
  drain(): Promise<{ changes: number }>;
}

interface Lag {
  changesBehind: number;
  secondsBehind: number;
  consumed: number;
}

/**
 * Consumes the projects subgraph's service-record feed and credits every change exactly once:
 * per page, one transaction locks the cursor, skips changes at or before it, writes the ledger
 * entries (each carrying its change's sequence, unique), lots, accounts, record credits and hours,
 * and moves the cursor. A crash anywhere rolls the page back whole, so a restart resumes at the
 * cursor: never twice, never a gap. Two consumers (the seed and the worker) queue on the cursor.
 */
export function createFeedConsumer(deps: ServiceDeps<unknown>): FeedConsumer {
  const { dataSource, logger } = deps;
  const projects = deps.clients.projects;
  const volunteers = deps.clients.volunteers;
  const lag: Lag = { changesBehind: 0, secondsBehind: 0, consumed: 0 };
  let stopping = false;

  /** One page: read after the cursor, credit in one transaction. Whether more is waiting. */
  async function consumePage(): Promise<{ changes: number; hasMore: boolean }> {
    const repos = repositoriesFor(dataSource.manager);
    const cursor = await repos.feed.cursor();
    const page = await fetchFeedPage(projects, cursor, FEED_PAGE_SIZE);
    // Regions once per volunteer new to honours, in one call, outside the transaction.
    const ids = [...new Set(page.changes.map((c) => c.volunteerId))];
    const known = await repos.feed.knownVolunteers(ids);
    const regions = await fetchVolunteerRegions(
      volunteers,
      ids.filter((id) => !known.has(id)),
    );
    const credited = page.changes.length ? await dataSource.transaction((manager) => creditPage(repositoriesFor(manager), page.changes, regions)) : 0;
    const last = page.changes.at(-1);
    const position = last ? BigInt(last.sequence) : BigInt(cursor);
    lag.consumed += credited;
    lag.changesBehind = Math.max(0, Number(BigInt(page.latestSequence) - position));
    // The oldest unconsumed change is no older than the last one consumed: a close upper bound.
    lag.secondsBehind = lag.changesBehind > 0 && last ? Math.max(0, (Date.now() - Date.parse(last.at)) / 1000) : 0;
    return { changes: credited, hasMore: page.hasMore };
  }

  async function drain(): Promise<{ changes: number }> {
    let changes = 0;
    for (;;) {
      const page = await consumePage();
      changes += page.changes;
      if (!page.hasMore || stopping) return { changes };
    }
  }

  /** Expires due lots of volunteers the feed did not touch lately (a batch per idle tick). */
  async function sweep(): Promise<void> {
    const today = localDate(new Date());
    await dataSource.transaction(async (manager) => {
      const repos = repositoriesFor(manager);
      const due = await repos.points.volunteersWithDueLots(today, SWEEP_BATCH);
      if (!due.length) return;
      await repos.points.lockAccounts(due);
      await repos.points.expireDue(due, today);
    });
  }

  // Pages back to back while there are more; when caught up, expire due lots and wait a tick.
  const loop = pollingLoop({
    name: 'feed consumer',
    logger,
    idleMs: IDLE_MS,
    failureMs: FAILURE_MS,
    tick: async () => {
      if ((await consumePage()).hasMore) return 'more';
      await sweep();
      return 'idle';
    },
  });

  return {
    start() {
      stopping = false;
      loop.start();
    },
    async stop() {
      stopping = true;
      await loop.stop();
    },
    drain,
    metrics: () =>
      [
        '# HELP vg_feed_changes_behind Changes of the feed not consumed yet.',
        '# TYPE vg_feed_changes_behind gauge',
        `vg_feed_changes_behind{feed="service-records"} ${lag.changesBehind}`,
        '# HELP vg_feed_seconds_behind Age of the oldest change not consumed yet (0 when caught up).',
        '# TYPE vg_feed_seconds_behind gauge',
        `vg_feed_seconds_behind{feed="service-records"} ${lag.secondsBehind.toFixed(3)}`,
        '# HELP vg_feed_changes_consumed_total Changes credited by this process.',
        '# TYPE vg_feed_changes_consumed_total counter',
        `vg_feed_changes_consumed_total{feed="service-records"} ${lag.consumed}`,
        '',
      ].join('\n'),
  };
}

/**
 * Credits the changes after the locked cursor (a constant number of statements, whatever the page
 * size). Returns how many it credited (0 when another consumer got there first).
 */
async function creditPage(repos: ReturnType<typeof repositoriesFor>, page: readonly FeedChange[], regions: Map<string, string | null>): Promise<number> {
  const cursor = BigInt(await repos.feed.lockCursor());
  const changes = page.filter((c) => BigInt(c.sequence) > cursor);
  if (!changes.length) return 0;
  // The feed is gapless: anything but the next sequence means the page is not where we stand.
  if (BigInt(changes[0].sequence) !== cursor + 1n) throw new Error(`feed gap: cursor at ${cursor}, page continues at ${changes[0].sequence}`);
  const today = localDate(new Date());
  const volunteerIds = [...new Set(changes.map((c) => c.volunteerId))];
  const corrected = [...new Set(changes.filter((c) => c.kind === 'CORRECTED').map((c) => c.volunteerId))];
  const accounts = await repos.points.lockAccounts(volunteerIds);
  const [credits, rules, liveLots] = [await repos.feed.creditsOf(changes.map((c) => c.recordId)), await repos.points.rules(), corrected.length ? await repos.points.liveLotsOf(corrected, today) : []];
  const plan = planPage({ changes, credits, rules, accounts, liveLots, today });
  await repos.points.appendEntries(plan.entries);
  await repos.points.insertLots(plan.newLots);
  await repos.points.setLotsRemaining(plan.lotUpdates);
  await repos.points.saveAccounts(plan.accounts);
  // Lots already past their expiry (old records) expire now, after the credit that made them.
  await repos.points.expireDue(volunteerIds, today);
  await repos.feed.saveCredits(plan.credits);
  await repos.feed.addHours([...plan.hours].map(([volunteerId, hours]) => ({ volunteerId, hours, regionCode: regions.get(volunteerId) ?? null })));
  await repos.feed.moveCursor(changes.at(-1)!.sequence);
  return changes.length;
}
