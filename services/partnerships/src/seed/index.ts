import { waitForSubgraphs, type ServiceDeps } from '@vg/service';
import { createRecordOutbox } from '../domain/record-outbox';
import { seedCommunity } from './community';
import { seedOrganizationsAndOrders } from './orders';

/**
 * Demo partnerships for `pnpm start`: enterprises and social organisations with valid credit codes,
 * orders in every state (delivered ones go to the projects subgraph as service records through the
 * outbox, drained before the service is ready), the service-package catalogue with its offers, and the 112
 * community funds with donations and grants. Each part leaves a database that has its data alone.
 */
export async function seedPartnershipsDatabase(deps: ServiceDeps<unknown> & { progress: (message: string, details?: object) => void }): Promise<object> {
  // Orders name the volunteers subgraph's volunteers; grants the projects subgraph's requests.
  await waitForSubgraphs(deps, ['volunteers', 'projects']);
  deps.progress('writing enterprises, social organisations and partnership orders');
  const orders = await seedOrganizationsAndOrders(deps);
  deps.progress('writing service packages, new-employment volunteers and community funds');
  const community = await seedCommunity(deps);
  // The seeded deliveries' hours go to the projects subgraph before this service says it is
  // ready, so "up" means every demo record is in (the worker would otherwise trickle them in).
  deps.progress('writing the delivered hours as service records in the projects subgraph');
  const recordsWritten = await createRecordOutbox(deps).drain();
  return { ...orders, ...community, recordsWritten };
}
