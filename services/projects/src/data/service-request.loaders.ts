import type { Repositories } from './repositories';

export type ServiceRequestLoaders = Record<never, never>;

export function createServiceRequestLoaders(_repos: Repositories): ServiceRequestLoaders {
  return {};
}
