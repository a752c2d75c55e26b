import { waitForSubgraphs, type ServiceDeps } from '@vg/service';
import { seedCertifications } from './certifications';
import { catchUpWithFeed } from './feed';
import { seedRedemptionPoints } from './redemption-points';

/**
 * Demo honours for `pnpm start`, consistent with the seeded service records: first the feed is
 * consumed to its end (hours and points exactly as the consumer credits them), then certificates
 * and commendations follow from those hours, and the redemption points with their catalogues are
 * written. Each part leaves a database that already has its data alone.
 */
export async function seedHonoursDatabase(deps: ServiceDeps<unknown> & { progress: (message: string, details?: object) => void }): Promise<object> {
  // The feed and the entities it names are the other subgraphs' seeds: wait until they are in.
  await waitForSubgraphs(deps, ['volunteers', 'projects']);
  deps.progress('consuming the projects service-record feed (hours and points)');
  const feed = await catchUpWithFeed(deps);
  deps.progress('certifying star volunteers and recording commendations');
  const certifications = await seedCertifications(deps);
  deps.progress('writing redemption points and their catalogues');
  const points = await seedRedemptionPoints(deps);
  return { ...feed, ...certifications, ...points };
}
