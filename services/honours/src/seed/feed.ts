import type { ServiceDeps } from '@vg/service';
import { createFeedConsumer } from '../domain/feed-consumer';

/**
 * Consumes the projects feed to its end, exactly as the running consumer does (so the seeded
 * ledgers are the feed's), before certificates are drawn from the hours. Nothing happens on a
 * database already caught up.
 */
export async function catchUpWithFeed(deps: ServiceDeps<unknown>): Promise<{ feedChanges: number }> {
  const { changes } = await createFeedConsumer(deps).drain();
  return { feedChanges: changes };
}
